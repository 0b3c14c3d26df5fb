import { jetstream } from '@nats-io/jetstream';
import { connect } from '@nats-io/transport-node';
import { ConversationStarted } from '@kc/contracts';
import { ensureStreams, EventOutbox, NatsClient, NatsNamespace, OutboxRelay } from '@kc/messaging';
import { createLogger } from '@kc/observability';
import { TestScope, TEST_NATS_URL } from '@kc/testing';
import { v7 as uuidv7 } from 'uuid';
import { messagingDatabase } from '../libs/messaging/test/messaging-fixture';

const EVENTS = Number(process.env.BENCH_OUTBOX_EVENTS ?? 5000);

/**
 * Outbox relay throughput (PostgreSQL → JetStream, with dedupe ids and marking rows sent)
 * beside the baseline of publishing the same events straight to JetStream, in the same run.
 */
export async function run(): Promise<object> {
  const scope = new TestScope('bench-outbox');
  const ns = new NatsNamespace(scope.namespace);
  const logger = createLogger('bench', 'silent');
  const { orm, url } = await messagingDatabase(scope, 'bench_outbox');
  const nats = new NatsClient(TEST_NATS_URL, 'bench', logger);
  const nc = await connect({ servers: TEST_NATS_URL });
  try {
    await nats.connect();
    await ensureStreams(nats.manager, ns, 'communities', { maxAgeDays: 1, replicas: 1 });
    const outbox = new EventOutbox(ns);
    const data = () => ({ conversationId: uuidv7(), communityId: uuidv7(), title: 'Bench', body: 'Bench body', visibility: 'public' as const, revision: 0, authorId: uuidv7() });
    const origin = { region: uuidv7(), actor: null, correlationId: 'bench' };

    // Baseline: the same payloads published directly, sequentially awaited as the relay does.
    const js = jetstream(nc);
    const baselineStart = performance.now();
    for (let i = 0; i < EVENTS; i++) {
      await js.publish(ns.subject(ConversationStarted.type), JSON.stringify({ id: uuidv7(), data: data() }), { msgID: uuidv7() });
    }
    const baselineMs = performance.now() - baselineStart;

    // Write the events into the outbox in transactions of 100 (not timed: that is the service's work).
    for (let i = 0; i < EVENTS; i += 100) {
      await orm.em.fork().transactional(async (em) => {
        for (let j = i; j < Math.min(i + 100, EVENTS); j++) await outbox.record(em, ConversationStarted, data(), origin);
      });
    }
    const relay = new OutboxRelay(nats, logger, { databaseUrl: url, batchSize: 200 });
    const relayStart = performance.now();
    const published = await relay.flushOnce();
    const relayMs = performance.now() - relayStart;
    await relay.stop();

    return {
      what: 'outbox relay throughput, PostgreSQL → JetStream (local servers, 2 cores)',
      events: EVENTS,
      relay: { published, ms: Math.round(relayMs), eventsPerSecond: Math.round((published / relayMs) * 1000) },
      // Baseline: the same events published straight to JetStream one at a time, no database involved.
      baselineDirectPublish: { ms: Math.round(baselineMs), eventsPerSecond: Math.round((EVENTS / baselineMs) * 1000) },
      relayVsBaseline: Number((baselineMs / relayMs).toFixed(2)),
    };
  } finally {
    await nc.close();
    await nats.onApplicationShutdown();
    await orm.close();
    await scope.dispose();
  }
}
