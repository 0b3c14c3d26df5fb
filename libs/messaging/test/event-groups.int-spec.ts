import { jetstream, type JetStreamClient } from '@nats-io/jetstream';
import { connect, type NatsConnection } from '@nats-io/transport-node';
import type { EntityManager, MikroORM } from '@mikro-orm/postgresql';
import { ConversationStarted } from '@kc/contracts';
import { createLogger } from '@kc/observability';
import { TestScope, TEST_NATS_URL, waitFor } from '@kc/testing';
import {
  afterCommit, DEFAULT_CONSUMER_OPTIONS, DeadLetterStore, ensureDeadLetterStream, ensureStreams, EventApplier, NatsClient, NatsNamespace, StreamConsumer,
  type RegisteredHandler,
} from '../src';
import { countRows, envelopeOf, messagingDatabase } from './messaging-fixture';

const logger = createLogger('messaging-test', process.env.LOG_LEVEL ?? 'silent');

/**
 * Under load a consumer applies the events that have gathered in one transaction (one inbox
 * statement, one commit), and a failing handler in a group costs the others nothing.
 */
describe('a consumer applies gathered events together (real PostgreSQL, JetStream)', () => {
  const scope = new TestScope('consumer-groups');
  const ns = new NatsNamespace(scope.namespace);
  let orm: MikroORM;
  let client: NatsClient;
  let nc: NatsConnection;
  let js: JetStreamClient;
  let consumer: StreamConsumer;

  beforeAll(async () => {
    ({ orm } = await messagingDatabase(scope, 'groups'));
    client = new NatsClient(TEST_NATS_URL, 'groups-test', logger);
    await client.connect();
    await ensureStreams(client.manager, ns, 'communities', { maxAgeDays: 1, replicas: 1 });
    await ensureDeadLetterStream(client.manager, ns);
    nc = await connect({ servers: TEST_NATS_URL });
    js = jetstream(nc);
  });
  afterAll(async () => {
    await consumer?.stop();
    await client?.onApplicationShutdown();
    await nc?.close();
    await orm?.close();
    await scope.dispose();
  });

  it('applies a burst in groups, each event exactly once, and only the poisoned one fails', async () => {
    const events = Array.from({ length: 60 }, () => envelopeOf());
    const poison = events[17]!;
    const transactionOf = new Map<string, EntityManager>();
    const calls = new Map<string, number>();
    const applier = new EventApplier('search', orm, [{
      contract: ConversationStarted,
      name: 'GroupHandlers.conversationStarted',
      handler: async (event, em) => {
        calls.set(event.id, (calls.get(event.id) ?? 0) + 1);
        if (event.id === poison.id) throw new Error('poisoned event');
        transactionOf.set(event.id, em);
        await em.getConnection().execute('INSERT INTO effects (event_id, consumer) VALUES (?, ?)', [event.id, 'search'], 'run', em.getTransactionContext());
      },
    }]);
    // Published before the consumer starts: they are all waiting when it pulls.
    await Promise.all(events.map((e) => js.publish(ns.subject(ConversationStarted.type), JSON.stringify(e))));
    consumer = new StreamConsumer(client, ns, applier, new DeadLetterStore(() => client.jetstream, () => client.manager, ns), logger, 'search', 'communities',
      { ...DEFAULT_CONSUMER_OPTIONS, maxDeliver: 2, backoffMs: [50], batchSize: 16 });
    await consumer.start();

    const healthy = events.filter((e) => e.id !== poison.id).map((e) => e.id);
    const store = new DeadLetterStore(() => client.jetstream, () => client.manager, ns);
    await waitFor(async () => (await store.list('search')).some((l) => l.eventId === poison.id), 20_000);
    await waitFor(async () => (await countRows(orm.em.fork(), "SELECT count(*) AS n FROM effects WHERE consumer = 'search'")) === healthy.length, 20_000);

    expect(await countRows(orm.em.fork(), "SELECT count(DISTINCT event_id) AS n FROM effects WHERE consumer = 'search'")).toBe(healthy.length);
    expect(await countRows(orm.em.fork(), "SELECT count(*) AS n FROM kc_inbox WHERE consumer = 'search'")).toBe(healthy.length);
    // Some events shared a transaction: the consumer grouped them.
    const perTransaction = new Map<EntityManager, number>();
    for (const em of transactionOf.values()) perTransaction.set(em, (perTransaction.get(em) ?? 0) + 1);
    expect(Math.max(...perTransaction.values())).toBeGreaterThan(1);
    // Only the poisoned event was tried more than its group's attempt and the one-by-one retry.
    expect(calls.get(poison.id)).toBeGreaterThanOrEqual(2);
    expect(healthy.every((id) => (calls.get(id) ?? 0) >= 1 && (calls.get(id) ?? 0) <= 2)).toBe(true);
  });

  it('runs work registered with afterCommit only after the commit, and never for a rolled-back transaction', async () => {
    const seen: string[] = [];
    const committed = envelopeOf();
    const failing = envelopeOf();
    const applier = new EventApplier('catalogue', orm, [{
      contract: ConversationStarted,
      name: 'AfterCommitHandlers.conversationStarted',
      handler: async (event, em) => {
        await em.getConnection().execute('INSERT INTO effects (event_id, consumer) VALUES (?, ?)', [event.id, 'catalogue'], 'run', em.getTransactionContext());
        afterCommit(em, async () => {
          // Another connection sees the effect: the transaction has committed.
          seen.push(`${event.id}:${await countRows(orm.em.fork(), 'SELECT count(*) AS n FROM effects WHERE event_id = ?', [event.id])}`);
        });
        if (event.id === failing.id) throw new Error('rolled back');
      },
    }]);
    const registered = (applier.parse(committed) as { registered: RegisteredHandler }).registered;
    await applier.applyOnce(committed, registered);
    await expect(applier.applyOnce(failing, registered)).rejects.toThrow('rolled back');
    expect(seen).toEqual([`${committed.id}:1`]);
    expect(() => afterCommit(orm.em.fork() as EntityManager, async () => undefined)).toThrow(/inside an event handler/);
  });
});
