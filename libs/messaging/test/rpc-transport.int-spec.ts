import { Controller, Module, type DynamicModule, type INestApplication } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import { connect, type NatsConnection } from '@nats-io/transport-node';
import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { defineRequest, DomainError, type RequestContext, type RequestMeta } from '@kc/contracts';
import { createLogger } from '@kc/observability';
import { TestScope, TEST_NATS_URL, waitFor } from '@kc/testing';
import { MessagingModule, NatsNamespace, REQUEST_CONTEXT_RESOLVER, Rpc, RpcClient, startService, type RpcCall } from '../src';

const logger = createLogger('search', process.env.LOG_LEVEL ?? 'silent');

const Echo = defineRequest({
  pattern: 'search.test.echo', service: 'search', description: 'echo for the RPC server test',
  request: z.strictObject({ word: z.string().min(1).max(20), fail: z.enum(['domain', 'bug', 'database']).optional(), waitMs: z.number().int().max(5000).optional() }),
  response: z.object({ word: z.string(), accountId: z.string().nullable(), correlationId: z.string() }),
});

/** Resolves the caller from the meta as given: this suite is about the server, not about tokens. */
const resolver = {
  resolve: async (meta: RequestMeta): Promise<RequestContext> => ({
    accountId: meta.token ?? null, regionId: null, roles: [], isOperator: false, correlationId: meta.correlationId, lang: meta.lang ?? 'nl',
  } as RequestContext),
};

@Controller()
class EchoController {
  inHand = 0;

  @Rpc(Echo)
  async echo(@Payload() { data, ctx }: RpcCall<typeof Echo>) {
    this.inHand++;
    try {
      if (data.waitMs) await new Promise((resolve) => setTimeout(resolve, data.waitMs));
      if (data.fail === 'domain') throw new DomainError(409, 'WORD_TAKEN', { nl: 'Dat woord is al gebruikt.', en: 'That word is taken.' });
      if (data.fail === 'bug') throw new TypeError('cannot read properties of undefined');
      if (data.fail === 'database') throw Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5432'), { code: 'ECONNREFUSED' });
      return { word: data.word, accountId: ctx.accountId, correlationId: ctx.correlationId };
    } finally {
      this.inHand--;
    }
  }

  @MessagePattern('search.test.ping')
  ping() {
    return { pong: true };
  }
}

@Module({})
class EchoServiceModule {
  static forRoot(scope: TestScope): DynamicModule {
    return {
      module: EchoServiceModule,
      imports: [MessagingModule.forService({ service: 'search', natsUrl: TEST_NATS_URL, namespace: scope.namespace, produces: false }, logger)],
      controllers: [EchoController],
      providers: [{ provide: REQUEST_CONTEXT_RESOLVER, useValue: resolver }],
    };
  }
}

describe('the request/reply transport and client on the one NATS connection (real NATS)', () => {
  const scope = new TestScope('rpc-server');
  const ns = new NatsNamespace(scope.namespace);
  let app: INestApplication;
  let client: RpcClient;
  let nc: NatsConnection;
  const meta = (token?: string): RequestMeta => ({ correlationId: randomUUID(), lang: 'nl', ...(token ? { token } : {}) });
  const failureOf = (promise: Promise<unknown>) => promise.then(() => { throw new Error('expected a failure'); }, (error: unknown) => error as DomainError);

  beforeAll(async () => {
    app = await startService({ service: 'search', module: EchoServiceModule.forRoot(scope), logger, httpPort: 0 });
    client = await RpcClient.standalone(ns, TEST_NATS_URL, 2000, 'rpc-server-test', logger);
    nc = await connect({ servers: TEST_NATS_URL });
  });
  afterAll(async () => {
    await client?.close();
    await nc?.close();
    await app?.close();
    await scope.dispose();
  });

  it('hands the handler validated data and the resolved caller, in the caller\'s correlation', async () => {
    const m = meta('account-1');
    await expect(client.send(Echo, { word: 'buurtmoestuin' }, m)).resolves.toEqual({ word: 'buurtmoestuin', accountId: 'account-1', correlationId: m.correlationId });
  });

  it('answers many requests at once, each with its own reply', async () => {
    const words = Array.from({ length: 200 }, (_, i) => `woord${i}`);
    const replies = await Promise.all(words.map((word) => client.send(Echo, { word }, meta())));
    expect(replies.map((r) => r.word)).toEqual(words);
  });

  it('refuses data that fails the contract with a 400 naming the field, without calling the handler', async () => {
    const error = await failureOf(client.send(Echo, { word: '' }, meta()));
    expect(error).toBeInstanceOf(DomainError);
    expect(error).toMatchObject({ statusCode: 400, code: 'VALIDATION_FAILED' });
    expect(error.messages.nl).toMatch(/^Ongeldige invoer: word: /);
    expect(await failureOf(client.send(Echo, { word: 'a', extra: 1 }, meta()))).toMatchObject({ statusCode: 400 });
    expect(await failureOf(client.send(Echo, { word: 'a\u0000b' }, meta()))).toMatchObject({ statusCode: 400, code: 'VALIDATION_FAILED' });
  });

  it('passes a domain error on, makes a bug a 500 and a database that is away a 503', async () => {
    expect(await failureOf(client.send(Echo, { word: 'a', fail: 'domain' }, meta()))).toMatchObject({ statusCode: 409, code: 'WORD_TAKEN' });
    const bug = await failureOf(client.send(Echo, { word: 'a', fail: 'bug' }, meta()));
    expect(bug).toMatchObject({ statusCode: 500, code: 'INTERNAL_ERROR' });
    expect(JSON.stringify(bug.messages)).not.toContain('undefined'); // no internals to the caller
    expect(await failureOf(client.send(Echo, { word: 'a', fail: 'database' }, meta()))).toMatchObject({ statusCode: 503, code: 'SERVICE_UNAVAILABLE' });
  });

  it('answers a request that is not JSON with a 400, and serves infrastructure patterns without a caller', async () => {
    const raw = await nc.request(ns.subject(Echo.pattern), 'geen json', { timeout: 2000 });
    expect(raw.json()).toMatchObject({ err: { statusCode: 400, code: 'VALIDATION_FAILED' } });
    const ping = await nc.request(ns.subject('search.test.ping'), JSON.stringify({ id: 'p1', pattern: 'search.test.ping', data: {} }), { timeout: 2000 });
    expect(ping.json()).toMatchObject({ id: 'p1', response: { pong: true } });
  });

  it('tells a pattern nobody serves (503) from a service that answers too late (504)', async () => {
    const Unserved = { ...Echo, pattern: 'search.test.nobody' } as unknown as typeof Echo;
    expect(await failureOf(client.send(Unserved, { word: 'a' }, meta()))).toMatchObject({ statusCode: 503, code: 'UPSTREAM_UNAVAILABLE' });
    expect(await failureOf(client.send(Echo, { word: 'traag', waitMs: 600 }, meta(), 200))).toMatchObject({ statusCode: 504, code: 'UPSTREAM_TIMEOUT' });
    // The late reply (sent once the handler is done) finds no one waiting and disturbs nothing after it.
    await waitFor(() => app.get(EchoController).inHand === 0, 5000);
    await expect(client.send(Echo, { word: 'daarna' }, meta())).resolves.toMatchObject({ word: 'daarna' });
  });

  it('finishes the requests in hand when it shuts down, then takes no more', async () => {
    // A service (and namespace) of this case's own to shut down: the suite's service keeps serving the other cases.
    const ownScope = new TestScope('rpc-server-shutdown');
    let own: INestApplication | undefined = await startService({ service: 'search', module: EchoServiceModule.forRoot(ownScope), logger, httpPort: 0 });
    const ownClient = await RpcClient.standalone(new NatsNamespace(ownScope.namespace), TEST_NATS_URL, 2000, 'rpc-server-shutdown-test', logger);
    try {
      const controller = own.get(EchoController);
      const inHand = ownClient.send(Echo, { word: 'afmaken', waitMs: 300 }, meta());
      await waitFor(() => controller.inHand === 1, 5000);
      const closing = own.close();
      own = undefined;
      await expect(inHand).resolves.toMatchObject({ word: 'afmaken' });
      await closing;
      expect(await failureOf(ownClient.send(Echo, { word: 'te laat' }, meta()))).toMatchObject({ statusCode: 503, code: 'UPSTREAM_UNAVAILABLE' });
    } finally {
      await ownClient.close();
      await own?.close();
      await ownScope.dispose();
    }
  });
});
