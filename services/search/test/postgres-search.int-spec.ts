import { MikroORM } from '@mikro-orm/postgresql';
import { createLogger } from '@kc/observability';
import { ensureDatabase, migrateWithLock, ormOptions, serviceDatabaseUrl } from '@kc/persistence';
import { TEST_DATABASE_URL_BASE, TestScope } from '@kc/testing';
import { PostgresSearchIndex } from '../src/index/postgres-search.index';
import { searchEntities } from '../src/indexing/directory.entities';
import { searchMigrations } from '../src/migrations';
import { searchIndexContract } from './search-index.contract';

describe('SearchIndex contract: PostgreSQL full-text (nl_unaccent, pg_trgm)', () => {
  const scope = new TestScope('search-index-postgres');
  let orm: MikroORM;

  beforeAll(async () => {
    const dbName = scope.dbName('search');
    await ensureDatabase(TEST_DATABASE_URL_BASE, dbName);
    orm = await MikroORM.init(
      ormOptions({
        dbName,
        clientUrl: serviceDatabaseUrl(TEST_DATABASE_URL_BASE, dbName),
        entities: searchEntities,
        migrations: searchMigrations,
        logger: createLogger('search', 'silent'),
      }),
    );
    await migrateWithLock(orm);
  });
  afterAll(async () => {
    await orm?.close(true);
    await scope.dispose();
  });

  searchIndexContract(async () => {
    await orm.em.fork().execute('TRUNCATE search_documents');
    return new PostgresSearchIndex(orm.em);
  });

  it('migrates a database that already has unaccent, pg_trgm and nl_unaccent (the guards hold)', async () => {
    const dbName = scope.dbName('search_preexisting');
    await ensureDatabase(TEST_DATABASE_URL_BASE, dbName);
    const other = await MikroORM.init(
      ormOptions({ dbName, clientUrl: serviceDatabaseUrl(TEST_DATABASE_URL_BASE, dbName), entities: searchEntities, migrations: searchMigrations }),
    );
    try {
      await other.em.fork().execute(`CREATE EXTENSION unaccent; CREATE EXTENSION pg_trgm;
        CREATE TEXT SEARCH CONFIGURATION public.nl_unaccent (COPY = pg_catalog.dutch)`);
      await expect(migrateWithLock(other)).resolves.toContain('Migration20261121300001SearchIndex');
      const rows = await other.em.fork().execute<{ n: string }[]>(`SELECT count(*) AS n FROM pg_ts_config WHERE cfgname = 'nl_unaccent'`);
      expect(Number(rows[0].n)).toBe(1);
    } finally {
      await other.close(true);
    }
  });
});
