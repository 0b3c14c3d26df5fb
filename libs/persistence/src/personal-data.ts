import type { EntityManager } from '@mikro-orm/postgresql';
import { sqlRows } from './sql';

/** A table's rows about a person: where `column` names them, whole rows but for `omit` (secrets such as password hashes and feed tokens). */
export interface PersonalSection {
  name: string;
  table: string;
  column: string;
  omit?: string[];
}

const IDENTIFIER = /^[a-z_][a-z0-9_]*$/;

/**
 * Everything the given tables hold about one account, as whole rows (so a column added later is
 * exported too), in one statement: GDPR article 15 and 20 for one service's database.
 */
export async function personalRows(em: EntityManager, accountId: string, sections: readonly PersonalSection[]): Promise<Record<string, Record<string, unknown>[]>> {
  if (sections.length === 0) return {};
  for (const name of sections.flatMap((s) => [s.table, s.column, ...(s.omit ?? [])])) {
    if (!IDENTIFIER.test(name)) throw new Error(`not an SQL name: ${name}`);
  }
  const parts = sections.map((s, i) => {
    const row = (s.omit ?? []).reduce((expression, column) => `${expression} - '${column}'`, 'to_jsonb(t)');
    return `'${i}', (SELECT coalesce(jsonb_agg(${row}), '[]'::jsonb) FROM ${s.table} t WHERE t.${s.column} = $1)`;
  });
  const [result] = await sqlRows<{ data: Record<string, Record<string, unknown>[]> }>(em, `SELECT jsonb_build_object(${parts.join(', ')}) AS data`, [accountId]);
  return Object.fromEntries(sections.map((s, i) => [s.name, result!.data[String(i)] ?? []]));
}
