import { Client, type Pool, type PoolClient } from 'pg';

/** `postgres://host/kc_<service>` from the shared base URL (one database per service). */
export function serviceDatabaseUrl(base: string, dbName: string): string {
  const url = new URL(base);
  url.pathname = `/${dbName}`;
  return url.toString();
}

/** Creates the database if it does not exist yet (safe when several processes race). */
export async function ensureDatabase(base: string, dbName: string): Promise<void> {
  if (!/^[a-z0-9_]+$/.test(dbName)) throw new Error(`invalid database name: ${dbName}`);
  const admin = new Client({ connectionString: serviceDatabaseUrl(base, 'postgres') });
  await admin.connect();
  try {
    const { rowCount } = await admin.query('SELECT 1 FROM pg_database WHERE datname = $1', [dbName]);
    if (!rowCount) {
      try {
        await admin.query(`CREATE DATABASE ${dbName}`);
      } catch (error) {
        // 42P04 duplicate_database / 23505 unique_violation: another process won the race.
        if (!['42P04', '23505'].includes((error as { code?: string }).code ?? '')) throw error;
      }
    }
  } finally {
    await admin.end();
  }
}

export async function dropDatabase(base: string, dbName: string): Promise<void> {
  const admin = new Client({ connectionString: serviceDatabaseUrl(base, 'postgres') });
  await admin.connect();
  try {
    await admin.query(`DROP DATABASE IF EXISTS ${dbName} WITH (FORCE)`);
  } finally {
    await admin.end();
  }
}

/**
 * Runs `work` on a connection of a node-postgres pool. A checked-out connection has no error
 * listener of the pool's: when the server ends it between two queries (a PostgreSQL restart,
 * 57P01) it emits an `error` that nobody handles, and the process dies. Here that error is
 * caught, the work fails with the next query as usual, and the connection is destroyed.
 */
export async function withPooledClient<T>(pool: Pool, work: (client: PoolClient) => Promise<T>): Promise<T> {
  const client = await pool.connect();
  let ended: Error | undefined;
  const onError = (error: Error) => {
    ended = error;
  };
  client.on('error', onError);
  try {
    return await work(client);
  } finally {
    client.off('error', onError);
    client.release(ended);
  }
}
