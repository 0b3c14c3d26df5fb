import type { EntityManager } from '@mikro-orm/postgresql';
import { sqlRows } from './sql';

/**
 * A table, its count's name in the usage report, and how a row finds its region: its own
 * `region_id`, or through a parent (`via`: the parent table, the row's column that names it).
 */
export interface RegionTable {
  table: string;
  count: string;
  via?: { table: string; column: string };
}

export interface RegionFootprint {
  regionId: string;
  counts: Record<string, number>;
  storageBytes: number;
}

const IDENTIFIER = /^[a-z_][a-z0-9_]*$/;

/**
 * Per region, how many rows each table holds and how many bytes they take (`pg_column_size` of
 * the whole row, so text stored out of line counts compressed), in one statement. Table names
 * are the service's own constants, never input; they are checked anyway.
 */
export async function regionFootprint(em: EntityManager, tables: readonly RegionTable[]): Promise<RegionFootprint[]> {
  for (const name of tables.flatMap((t) => [t.table, ...(t.via ? [t.via.table, t.via.column] : [])])) {
    if (!IDENTIFIER.test(name)) throw new Error(`not an SQL name: ${name}`);
  }
  const parts = tables.map((t, i) =>
    `SELECT ${t.via ? 'p.' : 'x.'}region_id, ${i} AS part, count(*)::bigint AS n, coalesce(sum(pg_column_size(x.*)), 0)::bigint AS bytes
       FROM ${t.table} x ${t.via ? `JOIN ${t.via.table} p ON p.id = x.${t.via.column}` : ''}
      WHERE ${t.via ? 'p.' : 'x.'}region_id IS NOT NULL
      GROUP BY 1`);
  const rows = await sqlRows<{ region_id: string; part: number; n: string; bytes: string }>(em, parts.join('\nUNION ALL\n'));
  const byRegion = new Map<string, RegionFootprint>();
  for (const row of rows) {
    const usage = byRegion.get(row.region_id) ?? { regionId: row.region_id, counts: Object.fromEntries(tables.map((t) => [t.count, 0])), storageBytes: 0 };
    usage.counts[tables[row.part]!.count]! += Number(row.n);
    usage.storageBytes += Number(row.bytes);
    byRegion.set(row.region_id, usage);
  }
  return [...byRegion.values()].sort((a, b) => a.regionId.localeCompare(b.regionId));
}
