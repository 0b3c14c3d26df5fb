import { randomUUID } from 'node:crypto';
import { Pool } from 'pg';
import { GetImport, RegionCreated } from '@kc/contracts';
import { MessagingLifecycle, NatsClient } from '@kc/messaging';
import { InProcessService, PrivatePostgres, TestIdentity, TestScope, waitFor } from '@kc/testing';
import { CatalogueTestKit } from './catalogue-test-kit';

/**
 * The catalogue on a PostgreSQL of the test's own, which the test stops and starts again:
 * requests get a 503 (never a 500) while it is away, events wait and are applied once it is
 * back, and the same process works again without a restart (its connection pool reconnects).
 */
describe('catalogue: its database goes away for a while (private PostgreSQL, real NATS and Redis)', () => {
  const scope = new TestScope('catalogue-db-outage');
  let pg: PrivatePostgres;
  let kit: CatalogueTestKit;
  let tokens: TestIdentity;
  let catalogue: InProcessService;
  let db: Pool;

  beforeAll(async () => {
    pg = await PrivatePostgres.start();
    kit = new CatalogueTestKit(scope, { DATABASE_URL_BASE: pg.urlBase });
    tokens = await new TestIdentity(scope.namespace).start();
    await kit.start();
    catalogue = await kit.startCatalogue();
    db = new Pool({ connectionString: `${pg.urlBase}/${scope.dbName('catalogue')}`, max: 1 });
    db.on('error', () => undefined); // its idle connection dies with the server
  });
  afterAll(async () => {
    await catalogue?.close();
    await tokens?.stop();
    await kit?.stop();
    await db?.end();
    await pg?.dispose();
    await scope.dispose();
  });

  const regions = async () => (await db.query<{ id: string }>('SELECT id FROM regions')).rows.map((r) => r.id);

  it('answers 503 SERVICE_UNAVAILABLE while the database is down, applies the events published meanwhile once it is back, and serves again', async () => {
    const operator = await tokens.token({ operator: true });
    const before = randomUUID();
    await kit.publish(RegionCreated, { regionId: before, slug: 'regio-voor', name: 'Regio voor' }, before);
    await waitFor(async () => (await regions()).includes(before), 20_000);
    await expect(catalogue.send(GetImport, { id: randomUUID() }, operator)).rejects.toMatchObject({ statusCode: 404 });

    await pg.stop('fast');
    const during: string[] = [randomUUID(), randomUUID(), randomUUID()];
    for (const [i, regionId] of during.entries()) await kit.publish(RegionCreated, { regionId, slug: `regio-${i}`, name: `Regio ${i}` }, regionId);
    const unavailable = catalogue.send(GetImport, { id: randomUUID() }, operator);
    await expect(unavailable).rejects.toMatchObject({ statusCode: 503, code: 'SERVICE_UNAVAILABLE' });
    await expect(unavailable).rejects.toMatchObject({ messages: { nl: expect.stringMatching(/tijdelijk niet bereikbaar/) } });
    const consumer = catalogue.get<MessagingLifecycle>(MessagingLifecycle).streamConsumers.find((c) => c.durableName === 'catalogue-from-identity')!;
    // It holds the events and keeps trying; ten tries take longer than the 30 s ack wait, so only heartbeats keep them from being redelivered.
    const retries = consumer.infrastructureRetries;
    await waitFor(() => consumer.infrastructureRetries - retries >= 10, 60_000);

    await pg.start();
    await waitFor(async () => (await regions()).filter((id) => during.includes(id)).length === during.length, 60_000);
    await expect(catalogue.send(GetImport, { id: randomUUID() }, operator)).rejects.toMatchObject({ statusCode: 404 });
    const nats = catalogue.get<MessagingLifecycle>(MessagingLifecycle);
    expect(nats.consumerStates()).toMatchObject({ 'catalogue-from-identity': 'running' });
    expect(await nats.deadLetters.count('catalogue')).toBe(0);
    const info = await catalogue.get<NatsClient>(NatsClient).manager.consumers.info(kit.ns.streamOf('identity'), 'catalogue-from-identity');
    expect(info.delivered.consumer_seq).toBe(info.delivered.stream_seq); // no event was delivered twice
    expect(info.num_ack_pending).toBe(0);
  }, 150_000);
});

