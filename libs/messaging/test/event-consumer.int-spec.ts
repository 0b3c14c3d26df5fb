import { AckPolicy, DeliverPolicy, jetstream, type JetStreamClient } from '@nats-io/jetstream';
import { connect, type NatsConnection } from '@nats-io/transport-node';
import type { MikroORM } from '@mikro-orm/postgresql';
import { ConversationStarted } from '@kc/contracts';
import { createLogger } from '@kc/observability';
import { PrivatePostgres, TestScope, TEST_NATS_URL, waitFor } from '@kc/testing';
import {
  DEFAULT_CONSUMER_OPTIONS,
  DeadLetterStore,
  ensureDeadLetterStream,
  ensureStreams,
  EventApplier,
  NatsClient,
  NatsNamespace,
  StreamConsumer,
  type ConsumerOptions,
  type RegisteredHandler,
} from '../src';
import { countRows, envelopeOf, messagingDatabase, readAll } from './messaging-fixture';

const logger = createLogger('messaging-test', process.env.LOG_LEVEL ?? 'silent');

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

  const publish = (envelope: object) => js.publish(ns.subject(ConversationStarted.type), JSON.stringify(envelope));
  /** The handler's effect, tagged with the consumer (several consumers of the suite share the table). */
  const recordEffect = (consumer: string): RegisteredHandler['handler'] => async (event, em) => {
    await em.getConnection().execute('INSERT INTO effects (event_id, consumer) VALUES (?, ?)', [event.id, consumer], 'run', em.getTransactionContext());
  };
  const effectsOf = (consumer: string, ids: string[], db = orm) =>
    countRows(db.em.fork(), `SELECT count(*) AS n FROM effects WHERE consumer = ? AND event_id IN (${ids.map(() => '?').join(',')})`, [consumer, ...ids]);
  const consumerInfo = (consumer: StreamConsumer) => client.manager.consumers.info(ns.streamOf('communities'), consumer.durableName);

  async function startConsumer(name: 'search' | 'events' | 'identity' | 'catalogue' | 'communities' | 'gateway', handler: RegisteredHandler['handler'], options: Partial<ConsumerOptions> = {}, db = orm) {
    const applier = new EventApplier(name, db, [{ contract: ConversationStarted, handler, name: 'TestHandlers.conversationStarted' }]);
    const deadLetters = new DeadLetterStore(() => client.jetstream, () => client.manager, ns);
    const consumer = new StreamConsumer(client, ns, applier, deadLetters, logger, name, 'communities',
      { ...DEFAULT_CONSUMER_OPTIONS, maxDeliver: 3, backoffMs: [50], ackWaitMs: 2000, ...options });
    await consumer.start();
    consumers.push(consumer);
    return consumer;
  }

  it('applies a redelivered event once (inbox keyed by service and event id), and stops cleanly', async () => {
    const calls: string[] = [];
    const consumer = await startConsumer('search', async (event, em) => {
      calls.push(event.id);
      await recordEffect('search')(event, em);
    });
    const event = envelopeOf();
    // The same event delivered twice as distinct messages (e.g. republished after the dedupe window).
    await publish(event);
    const { seq: secondSeq } = await publish(event);
    // This consumer also sees the stream's earlier events (deliver all): wait until both of ours were delivered.
    await waitFor(async () => {
      const info = await consumerInfo(consumer);
      return info.num_pending === 0 && info.num_ack_pending === 0 && info.delivered.stream_seq >= secondSeq;
    }, 10_000);
    expect(calls.filter((id) => id === event.id)).toEqual([event.id]);
    expect(await effectsOf('search', [event.id])).toBe(1);
    expect(await countRows(orm.em.fork(), "SELECT count(*) AS n FROM kc_inbox WHERE consumer = 'search' AND event_id = ?", [event.id])).toBe(1);
    // JetStream never drops a message by itself: only our code dead-letters.
    expect((await consumerInfo(consumer)).config.max_deliver).toBe(-1);
  });

  it('retries a failing handler with backoff, then sends the event to the dead-letter subject', async () => {
    const attempts: string[] = [];
    await startConsumer('events', async (event) => {
      attempts.push(event.id);
      throw new Error(`handler keeps failing for ${event.id}`);
    });
    const event = envelopeOf();
    await publish(event);
    const store = new DeadLetterStore(() => client.jetstream, () => client.manager, ns);
    // This consumer also sees the stream's earlier events (deliver all): look for ours.
    const dead = await waitFor(async () => (await store.list('events')).find((l) => l.eventId === event.id), 15_000);
    expect(dead).toMatchObject({ service: 'events', type: ConversationStarted.type, deliveries: 3, reason: `handler keeps failing for ${event.id}` });
    expect((dead.data as typeof event).data).toEqual(event.data);
    // Three counted failures; when it arrived together with other events, the group's attempt
    // (which does not count: it cannot tell whose handler failed) comes on top.
    expect(attempts.filter((id) => id === event.id).length).toBeGreaterThanOrEqual(3);
    expect(attempts.filter((id) => id === event.id).length).toBeLessThanOrEqual(4);
    expect(await store.count('events')).toBeGreaterThanOrEqual(1);
    expect(await countRows(orm.em.fork(), "SELECT count(*) AS n FROM kc_inbox WHERE consumer = 'events'")).toBe(0);
  });

  it('takes only the handled types from the stream; a consumer made before filtering keeps its position', async () => {
    // A stream of its own, so the durable's position is only this case's.
    const own = new NatsNamespace(`${scope.namespace}_refilter`);
    await ensureStreams(client.manager, own, 'communities', { maxAgeDays: 1, replicas: 1 });
    await ensureDeadLetterStream(client.manager, own);
    const stream = own.streamOf('communities');
    const durable = 'identity-from-communities';
    // As every consumer was made before: the whole stream.
    const made = await client.manager.consumers.add(stream, { durable_name: durable, ack_policy: AckPolicy.Explicit, deliver_policy: DeliverPolicy.All, filter_subject: own.subject('kc.communities.>') });
    const handledBefore = envelopeOf();
    const notHandled = { ...envelopeOf(), type: 'kc.communities.contribution.posted.v1' };
    const handledAfter = envelopeOf();
    await js.publish(own.subject(ConversationStarted.type), JSON.stringify(handledBefore));
    await js.publish(own.subject(notHandled.type), JSON.stringify(notHandled));
    await js.publish(own.subject(ConversationStarted.type), JSON.stringify(handledAfter));
    // The old consumer had handled (acked) the first event before the service was updated.
    const first = await (await js.consumers.get(stream, durable)).next({ expires: 2000 });
    expect(first?.json<{ id: string }>().id).toBe(handledBefore.id);
    await first!.ackAck();

    const seen: string[] = [];
    const applier = new EventApplier('identity', orm, [{ contract: ConversationStarted, handler: async (event, em) => {
      seen.push(event.id);
      await recordEffect('identity-refilter')(event, em);
    }, name: 'TestHandlers.conversationStarted' }]);
    const consumer = new StreamConsumer(client, own, applier, new DeadLetterStore(() => client.jetstream, () => client.manager, own), logger, 'identity', 'communities',
      { ...DEFAULT_CONSUMER_OPTIONS, ackWaitMs: 2000 });
    await consumer.start();
    consumers.push(consumer);

    await waitFor(async () => (await effectsOf('identity-refilter', [handledAfter.id])) === 1, 10_000);
    const info = await client.manager.consumers.info(stream, durable);
    expect(info.config.filter_subject).toBe(own.subject(ConversationStarted.type));
    // Only the handled event after the ack floor was delivered: not the acked one, not the other type.
    await waitFor(async () => (await client.manager.consumers.info(stream, durable)).num_ack_pending === 0, 10_000);
    // The same consumer (changed in place): one delivery before, one since.
    expect(info.created).toBe(made.created);
    expect((await client.manager.consumers.info(stream, durable)).delivered.consumer_seq).toBe(2);
    expect(seen).toEqual([handledAfter.id]);

    // Started again with the same handlers, it keeps its position.
    await consumer.stop();
    const again = new StreamConsumer(client, own, applier, new DeadLetterStore(() => client.jetstream, () => client.manager, own), logger, 'identity', 'communities',
      { ...DEFAULT_CONSUMER_OPTIONS, ackWaitMs: 2000 });
    await again.start();
    consumers.push(again);
    expect((await client.manager.consumers.info(stream, durable)).ack_floor.stream_seq).toBe(3);
    expect(seen).toEqual([handledAfter.id]);
  });

  it('dead-letters an event whose payload breaks the contract without calling the handler, and terminates it', async () => {
    const handled: string[] = [];
    const consumer = await startConsumer('communities', async (event, em) => {
      handled.push(event.id);
      await recordEffect('communities')(event, em);
    });
    const poison = { ...envelopeOf(), data: { conversationId: 'not-a-uuid' } };
    await publish(poison);
    const deadLetterSubject = ns.deadLetterSubject('communities', ConversationStarted.type);
    const dead = await waitFor(async () => (await readAll(js, ns.deadLetterStream, deadLetterSubject)).find((e) => e.id === poison.id), 15_000);
    expect(dead.data).toEqual(poison.data);
    expect(handled).not.toContain(poison.id);
    // Terminated, not left for redelivery: nothing of it is pending any more.
    await waitFor(async () => (await consumerInfo(consumer)).num_ack_pending === 0 && (await consumerInfo(consumer)).num_pending === 0, 10_000);
    expect(await effectsOf('communities', [poison.id])).toBe(0);
  });

  it('makes the dead-letter stream again when it was removed, instead of stalling', async () => {
    await client.manager.streams.delete(ns.deadLetterStream);
    await startConsumer('gateway', async () => {
      throw new Error('always fails');
    }, { maxDeliver: 1 });
    const event = envelopeOf();
    await publish(event);
    const store = new DeadLetterStore(() => client.jetstream, () => client.manager, ns);
    await waitFor(async () => (await store.list('gateway')).some((l) => l.eventId === event.id), 20_000);
  });

  it('keeps every message of a long handler alive (working), so none is redelivered', async () => {
    const ackWaitMs = 1000;
    const first = envelopeOf();
    const calls: string[] = [];
    const consumer = await startConsumer('catalogue', async (event, em) => {
      calls.push(event.id);
      // The scenario: a handler that runs three ack-waits long while the second message waits in hand.
      if (event.id === first.id) await new Promise((resolve) => setTimeout(resolve, 3 * ackWaitMs));
      await recordEffect('catalogue')(event, em);
    }, { ackWaitMs, batchSize: 8 });
    const second = envelopeOf();
    await publish(first);
    await publish(second);
    await waitFor(async () => (await effectsOf('catalogue', [first.id, second.id])) === 2, 20_000);
    await waitFor(async () => (await consumerInfo(consumer)).num_ack_pending === 0, 10_000);
    const info = await consumerInfo(consumer);
    // Every message of the stream was delivered exactly once to this (fresh) consumer.
    expect(info.delivered.consumer_seq).toBe(info.delivered.stream_seq);
    expect(calls.filter((id) => id === first.id || id === second.id)).toEqual([first.id, second.id]);
  });

  describe('while its database is away (a PostgreSQL of the test\'s own)', () => {
    let pg: PrivatePostgres;
    let privateOrm: MikroORM;
    const privateScope = new TestScope('consumer-outage');

    beforeAll(async () => {
      pg = await PrivatePostgres.start();
      ({ orm: privateOrm } = await messagingDatabase(privateScope, 'outage', pg.urlBase));
    });
    afterAll(async () => {
      await privateOrm?.close();
      await pg?.dispose();
      await privateScope.dispose();
    });

    it('holds its events, spends no redelivery, dead-letters nothing and applies everything once it is back', async () => {
      const ackWaitMs = 1000;
      let handlerCalls = 0;
      const consumer = await startConsumer('identity', async (event, em) => {
        handlerCalls++;
        await recordEffect('identity')(event, em);
      }, { maxDeliver: 1, ackWaitMs, infrastructureRetryMs: [100, 200] }, privateOrm);
      // The earlier tests' events reach this fresh consumer too; let it catch up first.
      await waitFor(async () => (await consumerInfo(consumer)).num_pending === 0 && (await consumerInfo(consumer)).num_ack_pending === 0, 20_000);
      const callsBefore = handlerCalls;

      await pg.stop('fast');
      const events = Array.from({ length: 5 }, () => envelopeOf());
      for (const event of events) await publish(event);
      // The outage lasts well beyond the ack wait: the consumer keeps trying (about 200 ms apart).
      const retriesAtStop = consumer.infrastructureRetries;
      await waitFor(() => consumer.infrastructureRetries - retriesAtStop >= 20, 30_000);
      await pg.start();

      await waitFor(async () => (await effectsOf('identity', events.map((e) => e.id), privateOrm)) === events.length, 30_000);
      await waitFor(async () => (await consumerInfo(consumer)).num_ack_pending === 0, 10_000);
      const info = await consumerInfo(consumer);
      expect(info.delivered.consumer_seq).toBe(info.delivered.stream_seq); // not one redelivery
      expect(handlerCalls - callsBefore).toBe(events.length);
      const store = new DeadLetterStore(() => client.jetstream, () => client.manager, ns);
      const ours = new Set(events.map((e) => e.id));
      expect((await store.list('identity')).filter((letter) => ours.has(letter.eventId ?? ''))).toEqual([]);
    }, 90_000);
  });
});
