import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { createLogger } from '@kc/observability';
import { StandIns, TestIdentity, TestScope } from '@kc/testing';
import { createGatewayApp } from '../src/app';
import { loadGatewayConfig, type GatewayConfig } from '../src/config';

/** The gateway in-process on the real NATS and Redis of a {@link TestScope}, with stand-ins and a token signer. */
export class GatewayHarness {
  private constructor(
    readonly scope: TestScope,
    readonly config: GatewayConfig,
    readonly app: NestFastifyApplication,
    readonly services: StandIns,
    readonly tokens: TestIdentity,
  ) {}

  static async start(label: string, env: Record<string, string> = {}): Promise<GatewayHarness> {
    const scope = new TestScope(label);
    const config = loadGatewayConfig(scope.env({ PORT: '0', ...env }));
    const tokens = await new TestIdentity(scope.namespace).start();
    const services = await new StandIns(scope.namespace).start();
    const app = await createGatewayApp(config, createLogger('gateway', process.env.LOG_LEVEL ?? 'silent'));
    await app.init();
    await app.getHttpAdapter().getInstance().ready();
    return new GatewayHarness(scope, config, app, services, tokens);
  }

  inject(options: Parameters<NestFastifyApplication['inject']>[0]) {
    return this.app.inject(options as never);
  }

  async close(): Promise<void> {
    await this.app?.close();
    await this.services?.stop();
    await this.tokens?.stop();
    await this.scope.dispose();
  }
}
