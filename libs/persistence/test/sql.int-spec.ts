import { Entity, MikroORM, PrimaryKey, type EntityManager } from '@mikro-orm/postgresql';
import { TEST_DATABASE_URL_BASE, TestScope } from '@kc/testing';
import { ensureDatabase, ormOptions, serviceDatabaseUrl, sqlRows } from '../src';

@Entity({ tableName: 'things' })
class Thing {
  @PrimaryKey({ type: 'text' }) id!: string;
}

describe('sqlRows (real PostgreSQL)', () => {
  const scope = new TestScope('persistence-sql');
  let orm: MikroORM;
  const em = () => orm.em.fork() as EntityManager;

  beforeAll(async () => {
    const dbName = scope.dbName('sql');
    await ensureDatabase(TEST_DATABASE_URL_BASE, dbName);
    orm = await MikroORM.init(ormOptions({ dbName, clientUrl: serviceDatabaseUrl(TEST_DATABASE_URL_BASE, dbName), entities: [Thing], migrations: [], poolMax: 2 }) as never);
    await sqlRows(em(), 'CREATE TABLE things (id text PRIMARY KEY)');
  });
  afterAll(async () => {
    await orm?.close();
    await scope.dispose();
  });

  it('sends values as bind parameters, so text is stored exactly as given', async () => {
    const tricky = "O'Brien; DROP TABLE things; -- \\ $1 ?";
    await sqlRows(em(), 'INSERT INTO things (id) VALUES ($1)', [tricky]);
    expect(await sqlRows(em(), 'SELECT id FROM things WHERE id = $1', [tricky])).toEqual([{ id: tricky }]);
  });

  it('runs inside the entity manager’s transaction: a rollback takes its writes away', async () => {
    await em().transactional(async (tx) => {
      await sqlRows(tx as EntityManager, 'INSERT INTO things (id) VALUES ($1)', ['committed']);
      const [seen] = await sqlRows<{ n: string }>(tx as EntityManager, 'SELECT count(*) AS n FROM things WHERE id = $1', ['committed']);
      expect(seen!.n).toBe('1');
    });
    await expect(em().transactional(async (tx) => {
      await sqlRows(tx as EntityManager, 'INSERT INTO things (id) VALUES ($1)', ['rolled-back']);
      throw new Error('abandon');
    })).rejects.toThrow('abandon');
    expect(await sqlRows(em(), 'SELECT id FROM things WHERE id = ANY($1) ORDER BY id', [['committed', 'rolled-back']])).toEqual([{ id: 'committed' }]);
  });

  it('gives every connection back to the pool (more statements than the pool has connections)', async () => {
    const answers = await Promise.all(Array.from({ length: 20 }, (_, i) => sqlRows<{ n: number }>(em(), 'SELECT $1::int AS n', [i])));
    expect(answers.map((rows) => rows[0]!.n)).toEqual(Array.from({ length: 20 }, (_, i) => i));
  });

  it('prepares a text with values once per connection and reuses it by name', async () => {
    const text = 'SELECT $1::int + 1 AS n';
    const prepared = await em().transactional(async (tx) => {
      for (const n of [1, 2, 3]) expect(await sqlRows<{ n: number }>(tx as EntityManager, text, [n])).toEqual([{ n: n + 1 }]);
      return sqlRows<{ name: string }>(tx as EntityManager, 'SELECT name FROM pg_prepared_statements WHERE statement = $1', [text]);
    });
    expect(prepared).toEqual([{ name: expect.stringMatching(/^kc_/) }]);
  });

  it('still runs a text without values as several statements (the simple protocol)', async () => {
    await sqlRows(em(), "INSERT INTO things (id) VALUES ('one'); INSERT INTO things (id) VALUES ('two')");
    expect(await sqlRows(em(), 'SELECT id FROM things WHERE id = ANY($1) ORDER BY id', [['one', 'two']])).toEqual([{ id: 'one' }, { id: 'two' }]);
  });

  it('keeps a prepared statement right after its table changes', async () => {
    const text = 'SELECT count(*)::int AS n FROM things WHERE id = $1';
    await em().transactional(async (tx) => {
      await sqlRows(tx as EntityManager, 'INSERT INTO things (id) VALUES ($1)', ['kept']);
      expect(await sqlRows(tx as EntityManager, text, ['kept'])).toEqual([{ n: 1 }]);
      await sqlRows(tx as EntityManager, 'ALTER TABLE things ADD COLUMN note text');
      expect(await sqlRows(tx as EntityManager, text, ['kept'])).toEqual([{ n: 1 }]);
    });
  });
});
