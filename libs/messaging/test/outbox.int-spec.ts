import type { MikroORM } from '@mikro-orm/postgresql';
import { ConversationStarted } from '@kc/contracts';
import { createLogger } from '@kc/observability';
import { PrivateNatsServer, TestScope, TEST_NATS_URL, waitFor } from '@kc/testing';
import { v7 as uuidv7 } from 'uuid';
import { ensureStreams, EventOutbox, NatsClient, NatsNamespace, OutboxRelay } from '../src';
import { conversation, countRows, messagingDatabase, Note, readAll } from './messaging-fixture';

const logger = createLogger('messaging-test', process.env.LOG_LEVEL ?? 'silent');
const origin = { region: uuidv7(), actor: uuidv7(), correlationId: 'test' };

describe('transactional outbox (real PostgreSQL, JetStream)', () => {
  const scope = new TestScope('outbox');
  const ns = new NatsNamespace(scope.namespace);
  const outbox = new EventOutbox(ns);
  let orm: MikroORM;
  let dbUrl: string;

  beforeAll(async () => {
    ({ orm, url: dbUrl } = await messagingDatabase(scope, 'outbox'));
  });
  afterAll(async () => {
    await orm?.close();
    await scope.dispose();
  });

  it('publishes an event committed while NATS is down once NATS is back, exactly once', async () => {
    const nats = await PrivateNatsServer.start();
    const client = new NatsClient(nats.url, 'outbox-test', logger);
    const relay = new OutboxRelay(client, logger, { databaseUrl: dbUrl, pollIntervalMs: 100 });
    try {
      await client.connect();
      await ensureStreams(client.manager, ns, 'communities', { maxAgeDays: 1, replicas: 1 });
      await nats.stop();

      const data = conversation();
      const envelope = await orm.em.fork().transactional(async (em) => {
        em.persist(new Note('state change'));
        return outbox.record(em, ConversationStarted, data, origin);
      });
      relay.start();
      await waitFor(() => relay.consecutiveFailures >= 1, 20_000); // it tried, against a stopped NATS
      // NATS being away is not the row's fault: nothing counted against it, nothing held back.
      const [row] = await orm.em.fork().getConnection().execute('SELECT published_at, attempts, next_attempt_at FROM kc_outbox WHERE id = ?', [envelope.id]);
      expect(row).toMatchObject({ published_at: null, attempts: 0, next_attempt_at: null });

      await nats.restart();
      await waitFor(async () => (await countRows(orm.em.fork(), 'SELECT count(*) AS n FROM kc_outbox WHERE published_at IS NULL')) === 0, 20_000);
      const published = await readAll(client.jetstream, ns.streamOf('communities'), ns.subject(ConversationStarted.type));
      expect(published.map((e) => e.id)).toEqual([envelope.id]);
      expect(published[0]).toMatchObject({ type: ConversationStarted.type, region: origin.region, data });
    } finally {
      await relay.stop();
      await client.onApplicationShutdown();
      await nats.dispose();
    }
  }, 60_000);

  it('retries a row NATS refuses with backoff, recording attempts and the error, while the rows behind it are published', async () => {
    const nats = new NatsClient(TEST_NATS_URL, 'outbox-refused-test', logger);
    const relay = new OutboxRelay(nats, logger, { databaseUrl: dbUrl, pollIntervalMs: 50, retryBaseMs: 60_000 });
    try {
      await nats.connect();
      await ensureStreams(nats.manager, ns, 'communities', { maxAgeDays: 1, replicas: 1 });
      // No stream takes this subject yet: JetStream answers "no responders".
      const refusedId = uuidv7();
      const refusedSubject = ns.subject('kc.events.activity.scheduled.v1');
      await orm.em.fork().getConnection().execute('INSERT INTO kc_outbox (id, subject, payload) VALUES (?, ?, ?)', [refusedId, refusedSubject, JSON.stringify({ id: refusedId })]);
      const behind = await orm.em.fork().transactional((em) => outbox.record(em, ConversationStarted, conversation(), origin));

      expect(await relay.flushOnce()).toBe(1);
      const published = await readAll(nats.jetstream, ns.streamOf('communities'), ns.subject(ConversationStarted.type));
      expect(published.map((e) => e.id)).toContain(behind.id);
      const [refused] = await orm.em.fork().getConnection().execute(
        'SELECT published_at, attempts, last_error, next_attempt_at > now() + interval \'30 seconds\' AS waits FROM kc_outbox WHERE id = ?', [refusedId]);
      expect(refused).toMatchObject({ published_at: null, attempts: 1, waits: true });
      expect(refused.last_error).toMatch(/jetstream is not enabled|no ?responders|503/i) // how the client names a subject no stream takes;

      expect(await relay.backlog()).toEqual({ pending: 1, retrying: 1 });
      // In backoff it is not tried again; once due (and its stream exists) it is published.
      expect(await relay.flushOnce()).toBe(0);
      expect((await orm.em.fork().getConnection().execute('SELECT attempts FROM kc_outbox WHERE id = ?', [refusedId]))[0]).toEqual({ attempts: 1 });
      await ensureStreams(nats.manager, ns, 'events', { maxAgeDays: 1, replicas: 1 });
      await orm.em.fork().getConnection().execute('UPDATE kc_outbox SET next_attempt_at = now() WHERE id = ?', [refusedId]);
      expect(await relay.flushOnce()).toBe(1);
      expect((await readAll(nats.jetstream, ns.streamOf('events'), refusedSubject)).map((e) => e.id)).toEqual([refusedId]);
    } finally {
      await relay.stop();
      await nats.onApplicationShutdown();
    }
  });

  it('publishes a row committed while a pass is publishing at once, not after the poll interval', async () => {
    const nats = new NatsClient(TEST_NATS_URL, 'outbox-notified-test', logger);
    // The first publish waits for a gate, so the second row is committed while the pass that missed it is still running.
    let firstPublish!: () => void;
    const publishing = new Promise<void>((resolve) => (firstPublish = resolve));
    let openGate!: () => void;
    const gate = new Promise<void>((resolve) => (openGate = resolve));
    const gated = {
      get nc() { return nats.nc; },
      jetstream: {
        publish: async (...args: Parameters<NatsClient['jetstream']['publish']>) => {
          firstPublish();
          await gate;
          return nats.jetstream.publish(...args);
        },
      },
    } as unknown as NatsClient;
    const relay = new OutboxRelay(gated, logger, { databaseUrl: dbUrl, pollIntervalMs: 600_000 });
    try {
      await nats.connect();
      await ensureStreams(nats.manager, ns, 'communities', { maxAgeDays: 1, replicas: 1 });
      const first = await orm.em.fork().transactional((em) => outbox.record(em, ConversationStarted, conversation(), origin));
      relay.start();
      await publishing;
      const second = await orm.em.fork().transactional((em) => outbox.record(em, ConversationStarted, conversation(), origin));
      openGate();
      await waitFor(async () => (await countRows(orm.em.fork(), 'SELECT count(*) AS n FROM kc_outbox WHERE published_at IS NULL')) === 0, 10_000);
      const published = await readAll(nats.jetstream, ns.streamOf('communities'), ns.subject(ConversationStarted.type));
      expect(published.map((e) => e.id)).toEqual(expect.arrayContaining([first.id, second.id]));
    } finally {
      openGate();
      await relay.stop();
      await nats.onApplicationShutdown();
    }
  });

  it('publishes nothing for a rolled-back transaction', async () => {
    const data = conversation();
    const failing = orm.em.fork().transactional(async (em) => {
      em.persist(new Note('will be rolled back'));
      await outbox.record(em, ConversationStarted, data, origin);
      throw new Error('business rule violated');
    });
    await expect(failing).rejects.toThrow('business rule violated');
    const em = orm.em.fork();
    expect(await countRows(em, "SELECT count(*) AS n FROM notes WHERE text = 'will be rolled back'")).toBe(0);
    expect(await countRows(em, "SELECT count(*) AS n FROM kc_outbox WHERE payload->'data'->>'conversationId' = ?", [data.conversationId])).toBe(0);
  });

  it('refuses to record an event outside a transaction', async () => {
    await expect(outbox.record(orm.em.fork(), ConversationStarted, conversation(), origin)).rejects.toThrow(/inside em.transactional/);
  });

  it('rejects an event whose data breaks its contract', async () => {
    const invalid = orm.em.fork().transactional((em) => outbox.record(em, ConversationStarted, { title: 42 } as never, origin));
    await expect(invalid).rejects.toThrow();
  });
});
