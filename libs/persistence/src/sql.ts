import type { EntityManager } from '@mikro-orm/postgresql';
import type { QueryResultRow } from 'pg';

/** What the pooled connections of MikroORM's knex client are: node-postgres clients. */
interface PgConnection {
  query<R extends QueryResultRow>(text: string, values?: unknown[]): Promise<{ rows: R[]; rowCount: number | null }>;
}
interface KnexClient {
  acquireConnection(): Promise<PgConnection>;
  releaseConnection(connection: PgConnection): Promise<unknown>;
}

/**
 * Runs one parametrised statement (`$1`, `$2`, …) on the connection of `em`'s transaction, or
 * on a pooled connection outside one. For hot paths: no query builder, and the values travel
 * as bind parameters. (`em.execute()` inlines every value as a quoted SQL literal in
 * JavaScript first, which costs more than the query on short statements with long text.)
 */
export async function sqlRows<R extends QueryResultRow = QueryResultRow>(em: EntityManager, text: string, values: unknown[] = []): Promise<R[]> {
  const knex = (em.getTransactionContext() as { client?: KnexClient } | undefined) ?? (em.getConnection().getKnex() as unknown as { client: KnexClient });
  const client = knex.client!;
  const connection = await client.acquireConnection();
  try {
    return (await connection.query<R>(text, values)).rows;
  } finally {
    await client.releaseConnection(connection);
  }
}
