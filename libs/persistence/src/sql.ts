import { createHash } from 'node:crypto';
import type { EntityManager } from '@mikro-orm/postgresql';
import type { QueryConfig, QueryResultRow } from 'pg';

/** What the pooled connections of MikroORM's knex client are: node-postgres clients. */
interface PgConnection {
  query<R extends QueryResultRow>(query: QueryConfig<unknown[]>): Promise<{ rows: R[]; rowCount: number | null }>;
}
interface KnexClient {
  acquireConnection(): Promise<PgConnection>;
  releaseConnection(connection: PgConnection): Promise<unknown>;
}

/**
 * The texts prepared by name, at most MAX_PREPARED_TEXTS of them: the hot paths' statements are
 * constants in the code, so the first ones seen are those. A text beyond the cap (a statement
 * built with a varying number of placeholders, say) runs unnamed, as before.
 */
const preparedNames = new Map<string, string>();
const MAX_PREPARED_TEXTS = 500;

function preparedNameOf(text: string): string | undefined {
  let name = preparedNames.get(text);
  if (name === undefined && preparedNames.size < MAX_PREPARED_TEXTS) {
    name = `kc_${createHash('sha256').update(text).digest('base64url').slice(0, 24)}`;
    preparedNames.set(text, name);
  }
  return name;
}

/**
 * A statement for a node-postgres client, named after its text when it has values. Without values
 * pg sends the simple protocol, which allows several statements in one text, so those stay unnamed.
 */
export function preparedStatement(text: string, values: unknown[]): QueryConfig<unknown[]> {
  return { name: values.length > 0 ? preparedNameOf(text) : undefined, text, values };
}

/**
 * Runs one parametrised statement (`$1`, `$2`, …) on the connection of `em`'s transaction, or
 * on a pooled connection outside one. For hot paths: no query builder, and the values travel
 * as bind parameters. (`em.execute()` inlines every value as a quoted SQL literal in
 * JavaScript first, which costs more than the query on short statements with long text.)
 * A text with values is a named prepared statement on each connection: PostgreSQL parses it once
 * per connection instead of once per call, and keeps a generic plan where one serves as well.
 */
export async function sqlRows<R extends QueryResultRow = QueryResultRow>(em: EntityManager, text: string, values: unknown[] = []): Promise<R[]> {
  const knex = (em.getTransactionContext() as { client?: KnexClient } | undefined) ?? (em.getConnection().getKnex() as unknown as { client: KnexClient });
  const client = knex.client!;
  const connection = await client.acquireConnection();
  try {
    return (await connection.query<R>(preparedStatement(text, values))).rows;
  } finally {
    await client.releaseConnection(connection);
  }
}
