import { jetstream, type JetStreamClient } from '@nats-io/jetstream';
import { connect, type NatsConnection } from '@nats-io/transport-node';
import type { MikroORM } from '@mikro-orm/postgresql';
import { ConversationStarted, type EventEnvelope } from '@kc/contracts';
import { createLogger } from '@kc/observability';
import { PrivateNatsServer, TestScope, TEST_NATS_URL, waitFor } from '@kc/testing';
import { v7 as uuidv7 } from 'uuid';
import {
  ensureDeadLetterStream,
  ensureStreams,
  EventOutbox,
  NatsClient,
  NatsNamespace,
  OutboxRelay,
  StreamConsumer,
  type RegisteredHandler,
} from '../src';
import { countRows, messagingDatabase, Note } from './messaging-fixture';

const logger = createLogger('messaging-test', process.env.LOG_LEVEL ?? 'silent');
const origin = { region: uuidv7(), actor: uuidv7(), correlationId: 'test' };
const conversation = () => ({
  conversationId: uuidv7(), communityId: uuidv7(), title: 'Zonnepanelen op een rijtjeshuis', body: 'Wie heeft ervaring?',
  visibility: 'public' as const, revision: 0, authorId: uuidv7(),
});

/** Reads every message currently in a stream subject (ordered consumer, no ack). */
async function readAll(js: JetStreamClient, stream: string, subject: string): Promise<EventEnvelope[]> {
  const consumer = await js.consumers.get(stream, { filter_subjects: subject });
  const out: EventEnvelope[] = [];
  const pending = (await consumer.info()).num_pending;
  if (pending === 0) return out;
  const messages = await consumer.fetch({ max_messages: pending, expires: 2000 });
  for await (const m of messages) {
    out.push(m.json<EventEnvelope>());
    if (out.length === pending) break;
  }
  return out;
}

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
      await new Promise((r) => setTimeout(r, 500)); // the relay is failing against a stopped NATS now
      expect(await countRows(orm.em.fork(), 'SELECT count(*) AS n FROM kc_outbox WHERE published_at IS NULL')).toBe(1);

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

  it('publishes nothing for a rolled-back transaction', async () => {
    const failing = orm.em.fork().transactional(async (em) => {
      em.persist(new Note('will be rolled back'));
      await outbox.record(em, ConversationStarted, conversation(), origin);
      throw new Error('business rule violated');
    });
    await expect(failing).rejects.toThrow('business rule violated');
    const em = orm.em.fork();
    expect(await countRows(em, "SELECT count(*) AS n FROM notes WHERE text = 'will be rolled back'")).toBe(0);
    expect(await countRows(em, 'SELECT count(*) AS n FROM kc_outbox WHERE published_at IS NULL')).toBe(0);
  });

  it('refuses to record an event outside a transaction', async () => {
    await expect(outbox.record(orm.em.fork(), ConversationStarted, conversation(), origin)).rejects.toThrow(/inside em.transactional/);
  });

  it('rejects an event whose data breaks its contract', async () => {
    const invalid = orm.em.fork().transactional((em) => outbox.record(em, ConversationStarted, { title: 42 } as never, origin));
    await expect(invalid).rejects.toThrow();
  });
});

describe('durable consumer with inbox and dead letters (real PostgreSQL, JetStream)', () => {
  const scope = new TestScope('consumer');
  const ns = new NatsNamespace(scope.namespace);
  let orm: MikroORM;
  let client: NatsClient;
  let nc: NatsConnection;
  let js: JetStreamClient;
  const consumers: StreamConsumer[] = [];

  beforeAll(async () => {
    ({ orm } = await messagingDatabase(scope, 'consumer'));
    client = new NatsClient(TEST_NATS_URL, 'consumer-test', logger);
    await client.connect();
    await ensureStreams(client.manager, ns, 'communities', { maxAgeDays: 1, replicas: 1 });
    await ensureDeadLetterStream(client.manager, ns);
    nc = await connect({ servers: TEST_NATS_URL });
    js = jetstream(nc);
  });
  afterAll(async () => {
    await Promise.all(consumers.map((c) => c.stop()));
    await client?.onApplicationShutdown();
    await nc?.close();
    await orm?.close();
    await scope.dispose();
  });

  const envelopeOf = (data = conversation()): EventEnvelope<typeof ConversationStarted> => ({
    id: uuidv7(), type: ConversationStarted.type, version: 1, occurredAt: new Date().toISOString(),
    region: origin.region, actor: origin.actor, correlationId: 'c', causationId: null, data,
  });
  const publish = (envelope: object, msgID?: string) =>
    js.publish(ns.subject(ConversationStarted.type), JSON.stringify(envelope), msgID ? { msgID } : undefined);

  async function startConsumer(name: 'search' | 'events', handler: RegisteredHandler['handler'], maxDeliver = 3) {
    const consumer = new StreamConsumer(client, ns, orm, logger, name, 'communities',
      [{ contract: ConversationStarted, handler, name: 'test' }], { maxDeliver, backoffMs: [50], ackWaitMs: 2000 });
    await consumer.start();
    consumers.push(consumer);
    return consumer;
  }

  it('applies a redelivered event once (inbox), and stops cleanly', async () => {
    let calls = 0;
    const consumer = await startConsumer('search', async (event, em) => {
      calls++;
      await em.getConnection().execute('INSERT INTO effects (event_id) VALUES (?)', [event.id], 'run', em.getTransactionContext());
    });
    const event = envelopeOf();
    // The same event delivered twice as distinct messages (e.g. republished after the dedupe window).
    await publish(event);
    await publish(event);
    await waitFor(async () => {
      const info = await (await js.consumers.get(ns.streamOf('communities'), consumer.durableName)).info();
      return info.num_pending === 0 && info.num_ack_pending === 0 && info.delivered.stream_seq >= 2;
    }, 10_000);
    expect(calls).toBe(1);
    expect(await countRows(orm.em.fork(), 'SELECT count(*) AS n FROM effects WHERE event_id = ?', [event.id])).toBe(1);
    expect(await countRows(orm.em.fork(), 'SELECT count(*) AS n FROM kc_inbox WHERE event_id = ?', [event.id])).toBe(1);
  });

  it('retries a failing handler with backoff, then sends the event to the dead-letter subject', async () => {
    const attempts: string[] = [];
    await startConsumer('events', async (event) => {
      attempts.push(event.id);
      throw new Error(`handler keeps failing for ${event.id}`);
    });
    const event = envelopeOf();
    await publish(event);
    const deadLetterSubject = ns.deadLetterSubject('events', ConversationStarted.type);
    // This consumer also sees the stream's earlier events (deliver all): look for ours.
    const dead = await waitFor(async () => (await readAll(js, ns.deadLetterStream, deadLetterSubject)).find((e) => e.id === event.id), 15_000);
    expect(dead.data).toEqual(event.data);
    expect(attempts.filter((id) => id === event.id)).toHaveLength(3);
    expect(await countRows(orm.em.fork(), "SELECT count(*) AS n FROM kc_inbox WHERE consumer LIKE 'events:%'")).toBe(0);
  });

  it('dead-letters an event whose payload breaks the contract without calling the handler', async () => {
    const poison = { ...envelopeOf(), data: { conversationId: 'not-a-uuid' } };
    await publish(poison);
    const deadLetterSubject = ns.deadLetterSubject('search', ConversationStarted.type);
    const dead = await waitFor(async () => (await readAll(js, ns.deadLetterStream, deadLetterSubject)).find((e) => e.id === poison.id), 15_000);
    expect(dead.data).toEqual(poison.data);
    expect(await countRows(orm.em.fork(), 'SELECT count(*) AS n FROM effects WHERE event_id = ?', [poison.id])).toBe(0);
  });
});
