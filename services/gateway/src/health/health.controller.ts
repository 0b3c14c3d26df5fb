import { randomUUID } from 'node:crypto';
import { Controller, Get, Inject, Res } from '@nestjs/common';
import { ApiExcludeEndpoint, ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import { SkipThrottle } from '@nestjs/throttler';
import type { FastifyReply } from 'fastify';
import { CatalogueWorkerHealth, DomainError, healthContract, type HealthReport, type RequestContract } from '@kc/contracts';
import { AccessDirectory } from '@kc/auth';
import { NatsClient, RpcClient } from '@kc/messaging';
import { MetricsRegistry } from '@kc/observability';
import { GATEWAY_CONFIG, type GatewayConfig } from '../config';
import { GatewayRedis } from '../rate-limit/rate-limit';

export const HEALTH_TARGETS: ReadonlyArray<readonly [string, RequestContract]> = [
  ['identity', healthContract('identity')],
  ['communities', healthContract('communities')],
  ['events', healthContract('events')],
  ['catalogue', healthContract('catalogue')],
  ['catalogue-worker', CatalogueWorkerHealth],
  ['search', healthContract('search')],
];

interface ServiceStatus {
  status: 'up' | 'down';
  error?: string;
  checks?: HealthReport['checks'];
}

@ApiTags('health')
@SkipThrottle({ default: true, auth: true })
@Controller()
export class HealthController {
  constructor(
    private readonly rpc: RpcClient,
    private readonly nats: NatsClient,
    private readonly redis: GatewayRedis,
    private readonly access: AccessDirectory,
    private readonly metrics: MetricsRegistry,
    @Inject(GATEWAY_CONFIG) private readonly config: GatewayConfig,
  ) {}

  @Get('health')
  @ApiOperation({
    summary: 'Gezondheid van het platform: 200 alleen als elke dienst via NATS antwoordt',
    description: 'Vraagt elke dienst (`<dienst>.health`) met een korte time-out. Redis (rate limits) wordt gemeld maar is niet beslissend: zonder Redis laat de gateway verzoeken door. / 200 only when every service answers its NATS health request.',
  })
  @ApiResponse({ status: 200, description: 'Alles werkt / all up' })
  @ApiResponse({ status: 503, description: 'Minstens één dienst antwoordt niet of meldt een fout / a service is down' })
  async health(@Res() reply: FastifyReply) {
    const correlationId = `health-${randomUUID()}`;
    const services = Object.fromEntries(
      await Promise.all(HEALTH_TARGETS.map(async ([name, contract]) => [name, await this.ask(contract, correlationId)] as const)),
    );
    const gateway = {
      nats: await probe(() => this.nats.check(), this.config.HEALTH_TIMEOUT_MS),
      redis: await probe(() => this.redis.check(), this.config.HEALTH_TIMEOUT_MS),
      access: await probe(() => this.access.check(), this.config.HEALTH_TIMEOUT_MS),
    };
    const ok = Object.values(services).every((s) => s.status === 'up') && gateway.nats.status === 'up' && gateway.access.status === 'up';
    reply.status(ok ? 200 : 503).send({ status: ok ? 'ok' : 'error', services, gateway });
  }

  /** The gateway process's own Prometheus metrics, as every service has them (not part of the API). */
  @Get('metrics')
  @ApiExcludeEndpoint()
  async prometheus(@Res() reply: FastifyReply) {
    reply.header('content-type', this.metrics.registry.contentType).send(await this.metrics.registry.metrics());
  }

  private async ask(contract: RequestContract, correlationId: string): Promise<ServiceStatus> {
    try {
      const report = (await this.rpc.send(contract, {}, { correlationId, lang: 'en' }, this.config.HEALTH_TIMEOUT_MS)) as HealthReport;
      return report.status === 'ok' ? { status: 'up', checks: report.checks } : { status: 'down', error: 'unhealthy', checks: report.checks };
    } catch (error) {
      return { status: 'down', error: error instanceof DomainError ? error.code : 'UNREACHABLE' };
    }
  }
}

async function probe(check: () => Promise<void>, timeoutMs: number): Promise<{ status: 'up' | 'down'; error?: string }> {
  let timer: NodeJS.Timeout | undefined;
  try {
    await Promise.race([check(), new Promise((_, reject) => (timer = setTimeout(() => reject(new Error(`timeout after ${timeoutMs} ms`)), timeoutMs)))]);
    return { status: 'up' };
  } catch (error) {
    return { status: 'down', error: (error as Error).message };
  } finally {
    clearTimeout(timer);
  }
}
