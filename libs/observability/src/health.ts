import { Controller, Get, Inject, Injectable, Module, type DynamicModule, HttpStatus, Res, type Type } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { Registry, collectDefaultMetrics } from 'prom-client';

/** A dependency a service cannot work without (database, NATS, Redis): named, and checked on every `/health`. */
export interface HealthIndicator {
  readonly name: string;
  /** Throws when down; may return details (shown under the check, also when it throws a {@link HealthCheckError}). */
  check(): Promise<void | Record<string, unknown>>;
}

/** A failed check that still has details to show (e.g. which consumer stopped). */
export class HealthCheckError extends Error {
  constructor(message: string, readonly details: Record<string, unknown>) {
    super(message);
  }
}

export interface HealthCheckResult {
  status: 'up' | 'down';
  error?: string;
  details?: Record<string, unknown>;
}
export const HEALTH_INDICATORS = Symbol('HEALTH_INDICATORS');

@Injectable()
export class MetricsRegistry {
  readonly registry = new Registry();
  constructor() {
    collectDefaultMetrics({ register: this.registry });
  }
}

/** Runs every indicator with a timeout; used by HTTP `/health` and by the NATS health ping. */
@Injectable()
export class HealthService {
  constructor(@Inject(HEALTH_INDICATORS) private readonly indicators: HealthIndicator[]) {}

  async report(): Promise<{ status: 'ok' | 'error'; checks: Record<string, HealthCheckResult> }> {
    const checks = await Promise.all(
      this.indicators.map(async (indicator) => {
        try {
          const details = await withTimeout(indicator.check(), 2000);
          const result: HealthCheckResult = details ? { status: 'up', details } : { status: 'up' };
          return [indicator.name, result] as const;
        } catch (error) {
          const result: HealthCheckResult = { status: 'down', error: (error as Error).message };
          if (error instanceof HealthCheckError) result.details = error.details;
          return [indicator.name, result] as const;
        }
      }),
    );
    const ok = checks.every(([, c]) => c.status === 'up');
    return { status: ok ? 'ok' : 'error', checks: Object.fromEntries(checks) };
  }
}

@Controller()
export class HealthController {
  constructor(
    private readonly health: HealthService,
    private readonly metrics: MetricsRegistry,
  ) {}

  @Get('health')
  async check(@Res() reply: FastifyReply) {
    const report = await this.health.report();
    reply.status(report.status === 'ok' ? HttpStatus.OK : HttpStatus.SERVICE_UNAVAILABLE).send(report);
  }

  @Get('metrics')
  async prometheus(@Res() reply: FastifyReply) {
    reply.header('content-type', this.metrics.registry.contentType).send(await this.metrics.registry.metrics());
  }
}

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`timeout after ${ms} ms`)), ms);
    promise.then((v) => { clearTimeout(timer); resolve(v); }, (e) => { clearTimeout(timer); reject(e); });
  });
}

/**
 * `/health` (200 only when every indicator is up) and `/metrics` (Prometheus).
 * Indicators are provided under {@link HEALTH_INDICATORS} by the modules that own the dependency.
 */
@Module({})
export class HealthModule {
  static forIndicators(indicatorTokens: unknown[], extraControllers: Type<unknown>[] = [], extraProviders: Type<unknown>[] = []): DynamicModule {
    return {
      module: HealthModule,
      controllers: [HealthController, ...extraControllers],
      providers: [
        MetricsRegistry,
        HealthService,
        ...extraProviders,
        { provide: HEALTH_INDICATORS, useFactory: (...indicators: HealthIndicator[]) => indicators, inject: indicatorTokens as never[] },
      ],
      exports: [MetricsRegistry, HealthService],
    };
  }
}
