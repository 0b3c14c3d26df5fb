import { Client } from 'pg';
import { PrivatePostgres } from '../src';

describe('PrivatePostgres', () => {
  let pg: PrivatePostgres;
  beforeAll(async () => {
    pg = await PrivatePostgres.start();
  });
  afterAll(() => pg?.dispose());

  const query = async (sql: string) => {
    const client = new Client({ connectionString: `${pg.urlBase}/postgres` });
    await client.connect();
    try {
      return (await client.query(sql)).rows;
    } finally {
      await client.end();
    }
  };

  it('keeps its data across a stop and a start, and refuses connections while stopped', async () => {
    await query('CREATE TABLE IF NOT EXISTS kept (v int)');
    await query('INSERT INTO kept VALUES (42)');
    await pg.stop();
    await expect(query('SELECT 1')).rejects.toThrow(/ECONNREFUSED/);
    await pg.start();
    expect(await query('SELECT v FROM kept')).toEqual([{ v: 42 }]);
  });

  it('ends open sessions on a fast stop (57P01) and comes back after a crash', async () => {
    await query('CREATE TABLE IF NOT EXISTS survivors (v int)');
    await query('INSERT INTO survivors VALUES (7)');
    const client = new Client({ connectionString: `${pg.urlBase}/postgres` });
    await client.connect();
    const ended = new Promise<Error>((resolve) => client.on('error', resolve));
    await pg.stop('fast');
    expect(await ended).toMatchObject({ code: '57P01' });
    await pg.start();
    await pg.restart('immediate');
    expect(await query('SELECT v FROM survivors')).toEqual([{ v: 7 }]);
  });
});
