import { Injectable, Module, type DynamicModule, type INestApplication } from '@nestjs/common';
import { MikroORM as OrmToken } from '@mikro-orm/core';
import type { EntityManager, MikroORM } from '@mikro-orm/postgresql';
import { jetstream } from '@nats-io/jetstream';
import { connect, type NatsConnection } from '@nats-io/transport-node';
import { ConversationStarted, type EventEnvelope } from '@kc/contracts';
import { createLogger } from '@kc/observability';
import { TestScope, TEST_NATS_URL, waitFor } from '@kc/testing';
import { MessagingLifecycle, MessagingModule, NatsClient, NatsNamespace, OnEvent, runDeadLetterCommand, serviceHealthModule, startService } from '../src';
import { countRows, envelopeOf, messagingDatabase } from './messaging-fixture';

const logger = createLogger('search', process.env.LOG_LEVEL ?? 'silent');

/** A consuming service's handler whose cause of failure the test can fix. */
@Injectable()
class IndexHandlers {
  broken = true;
  readonly calls: string[] = [];

  @OnEvent(ConversationStarted)
  async conversationStarted(event: EventEnvelope<typeof ConversationStarted>, em: EntityManager): Promise<void> {
    this.calls.push(event.id);
    if (this.broken) throw new Error('zoekindex weigert het document / search index refuses the document');
    await em.getConnection().execute('INSERT INTO effects (event_id, consumer) VALUES (?, ?)', [event.id, 'search'], 'run', em.getTransactionContext());
  }
}

@Module({})
class ConsumingServiceModule {
  static forRoot(scope: TestScope, orm: MikroORM, databaseUrl: string): DynamicModule {
    return {
      module: ConsumingServiceModule,
      imports: [
        MessagingModule.forService({
          service: 'search', natsUrl: TEST_NATS_URL, namespace: scope.namespace, databaseUrl, produces: false,
          consumer: { maxDeliver: 2, backoffMs: [50], ackWaitMs: 2000, restartBackoffMs: [1500] },
        }, logger),
        serviceHealthModule('search', [NatsClient]),
      ],
      providers: [{ provide: OrmToken, useValue: orm }, IndexHandlers],
    };
  }
}

interface HealthBody {
  status: string;
  checks: { messaging: { status: string; details: { consumers: Record<string, string>; deadLetters: number | null } } };
}

describe('a consuming service: dead letters, operator replay, consumer health, pruning (real PostgreSQL, JetStream)', () => {
  const scope = new TestScope('messaging-service');
  let app: INestApplication;
  let orm: MikroORM;
  let nc: NatsConnection;
  let baseUrl: string;
  const env = () => ({ NATS_URL: TEST_NATS_URL, KC_NAMESPACE: scope.namespace });

  beforeAll(async () => {
    const db = await messagingDatabase(scope, 'search');
    orm = db.orm;
    app = await startService({ service: 'search', module: ConsumingServiceModule.forRoot(scope, orm, db.url), logger, httpPort: 0 });
    baseUrl = `http://127.0.0.1:${(app.getHttpServer().address() as { port: number }).port}`;
    nc = await connect({ servers: TEST_NATS_URL });
  });
  afterAll(async () => {
    await app?.close();
    await nc?.close();
    await orm?.close();
    await scope.dispose();
  });

  const health = async () => {
    const response = await fetch(`${baseUrl}/health`);
    return { httpStatus: response.status, body: (await response.json()) as HealthBody };
  };
  const publish = (event: object) => jetstream(nc).publish(new NatsNamespace(scope.namespace).subject(ConversationStarted.type), JSON.stringify(event));
  const command = async (...args: string[]) => {
    const out: string[] = [];
    const code = await runDeadLetterCommand(args, env(), { out: (l) => out.push(l), err: (l) => out.push(l) });
    return { code, output: out.join('\n') };
  };
  const effects = (id: string) => countRows(orm.em.fork(), "SELECT count(*) AS n FROM effects WHERE consumer = 'search' AND event_id = ?", [id]);

  it('counts a dead letter in /health and /metrics, lists it, and replays it through the handler once the cause is fixed', async () => {
    const handlers = app.get(IndexHandlers);
    const event = envelopeOf();
    await publish(event);
    const dead = await waitFor(async () => {
      const h = await health();
      return h.body.checks.messaging.details.deadLetters === 1 ? h : undefined;
    }, 20_000);
    expect(dead.httpStatus).toBe(200); // a dead letter is work for an operator, not an outage
    expect(dead.body.checks.messaging.details.consumers).toEqual({ 'search-from-communities': 'running' });
    expect(handlers.calls.filter((id) => id === event.id)).toHaveLength(2);
    expect(await (await fetch(`${baseUrl}/metrics`)).text()).toMatch(/^kc_dead_letters\{consumer="search"\} 1$/m);

    const listed = await command('list', 'search');
    expect(listed.code).toBe(0);
    expect(listed.output).toContain(event.id);
    expect(listed.output).toContain(ConversationStarted.type);
    expect(listed.output).toContain('zoekindex weigert het document');
    expect(await effects(event.id)).toBe(0);

    // Still broken: the replay keeps the dead letter and says why.
    const failing = await command('replay', 'search');
    expect(failing.code).toBe(1);
    expect(failing.output).toMatch(/0 opnieuw afgehandeld.*1 mislukt/);
    expect((await health()).body.checks.messaging.details.deadLetters).toBe(1);

    handlers.broken = false;
    const replayed = await command('replay', 'search');
    expect(replayed).toMatchObject({ code: 0 });
    expect(replayed.output).toMatch(/1 opnieuw afgehandeld/);
    expect(await effects(event.id)).toBe(1);
    expect((await health()).body.checks.messaging.details.deadLetters).toBe(0);
    expect(await (await fetch(`${baseUrl}/metrics`)).text()).toMatch(/^kc_dead_letters\{consumer="search"\} 0$/m);
    expect((await command('replay', 'search')).output).toMatch(/0 opnieuw afgehandeld.*van \/ of 0/);
    expect(await effects(event.id)).toBe(1);
  });

  it('restarts a consumer loop that stopped, and /health is down while it is stopped', async () => {
    app.get(IndexHandlers).broken = false;
    const lifecycle = app.get(MessagingLifecycle);
    lifecycle.streamConsumers[0]!.interrupt('pull loop lost');
    const down = await waitFor(async () => {
      const h = await health();
      return h.httpStatus === 503 ? h : undefined;
    }, 10_000);
    expect(down.body.checks.messaging).toMatchObject({ status: 'down', details: { consumers: { 'search-from-communities': 'stopped' } } });
    await waitFor(async () => (await health()).httpStatus === 200, 20_000);
    expect(await (await fetch(`${baseUrl}/metrics`)).text()).toMatch(/^kc_event_consumer_running\{consumer="search-from-communities"\} 1$/m);
    const event = envelopeOf();
    await publish(event);
    await waitFor(async () => (await effects(event.id)) === 1, 20_000);
  });

  it('prunes inbox and idempotency rows older than their retention, and only those', async () => {
    const db = orm.em.fork().getConnection();
    await db.execute(`INSERT INTO kc_inbox (consumer, event_id, event_type, processed_at) VALUES
      ('search', gen_random_uuid(), 'old', now() - interval '36 days'), ('search', gen_random_uuid(), 'recent', now() - interval '34 days')`);
    await db.execute(`INSERT INTO kc_idempotency (scope, key, created_at) VALUES
      ('prune-test', 'old', now() - interval '25 hours'), ('prune-test', 'recent', now() - interval '23 hours')`);
    const pruned = await app.get(MessagingLifecycle).pruneOnce();
    expect(pruned).toEqual({ inbox: 1, idempotency: 1 });
    expect(await db.execute("SELECT event_type FROM kc_inbox WHERE event_type IN ('old', 'recent')")).toEqual([{ event_type: 'recent' }]);
    expect(await db.execute("SELECT key FROM kc_idempotency WHERE scope = 'prune-test'")).toEqual([{ key: 'recent' }]);
  });
});
