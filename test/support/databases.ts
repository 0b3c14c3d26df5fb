import { Pool } from 'pg';
import { serviceDatabaseUrl } from '@kc/persistence';
import { TEST_DATABASE_URL_BASE, type TestScope } from '@kc/testing';

/**
 * Read access to the scope's service databases, for a system test that must verify what the
 * API does not show (a pending suggestion request, how many suggestion sets were stored). A
 * verifier only: the test changes state through the gateway alone.
 */
export class ScopeDatabases {
  private readonly pools = new Map<string, Pool>();

  constructor(
    private readonly scope: TestScope,
    private readonly base = TEST_DATABASE_URL_BASE,
  ) {}

  async query<T extends object = Record<string, unknown>>(service: string, sql: string, params: unknown[] = []): Promise<T[]> {
    let pool = this.pools.get(service);
    if (!pool) {
      pool = new Pool({ connectionString: serviceDatabaseUrl(this.base, this.scope.dbName(service)), max: 2, connectionTimeoutMillis: 5000 });
      pool.on('error', () => undefined); // a server restart in a fault test ends idle connections
      this.pools.set(service, pool);
    }
    return (await pool.query(sql, params)).rows as T[];
  }

  async close(): Promise<void> {
    await Promise.all([...this.pools.values()].map((pool) => pool.end()));
    this.pools.clear();
  }
}
