import type { INestApplication } from '@nestjs/common';
import { AccessDirectory } from '@kc/auth';
import { NatsNamespace, RpcClient, startService, type MessagingLifecycle } from '@kc/messaging';
import { createLogger } from '@kc/observability';
import type { RequestContract, RequestOf, ResponseOf } from '@kc/contracts';
import { randomUUID } from 'node:crypto';
import type { TestScope } from './test-scope';

/**
 * Boots one service in-process on the real PostgreSQL and NATS of a {@link TestScope}, and
 * gives the test a request/reply client in the same namespace.
 */
export class InProcessService {
  private constructor(
    readonly app: INestApplication,
    readonly rpc: RpcClient,
  ) {}

  /** `rpcTimeoutMs`: how long the test's requests wait (default 10 s); a suite that queues many requests on one lock on a loaded machine waits longer. */
  static async start(options: { service: string; scope: TestScope; module: unknown; natsUrl?: string; rpcTimeoutMs?: number }): Promise<InProcessService> {
    const logger = createLogger(options.service, process.env.LOG_LEVEL ?? 'silent');
    const natsUrl = options.natsUrl ?? 'nats://127.0.0.1:4222';
    const app = await startService({ service: options.service, module: options.module as never, logger, httpPort: 0 });
    const rpc = await RpcClient.standalone(new NatsNamespace(options.scope.namespace), natsUrl, options.rpcTimeoutMs ?? 10_000, `${options.service}-test`, logger);
    return new InProcessService(app, rpc);
  }

  /**
   * Sends a request as the holder of `token` (anonymous without one), once the service has seen
   * every access change made so far (roles and blocks arrive through the access bucket).
   */
  async send<C extends RequestContract>(contract: C, data: RequestOf<C> | Record<string, unknown>, token?: string, idempotencyKey?: string): Promise<ResponseOf<C>> {
    await this.accessDirectory()?.catchUp();
    return this.rpc.send(contract, data, { token, correlationId: randomUUID(), lang: 'nl', idempotencyKey });
  }

  private accessDirectory(): AccessDirectory | undefined {
    try {
      return this.app.get(AccessDirectory, { strict: false });
    } catch {
      return undefined; // a process without request handlers (the catalogue worker)
    }
  }

  get<T>(token: unknown): T {
    return this.app.get(token as never, { strict: false });
  }

  async flushOutbox(lifecycle: MessagingLifecycle): Promise<number> {
    return lifecycle.flushOutbox();
  }

  async close(): Promise<void> {
    await this.rpc.close();
    await this.app.close();
  }
}
