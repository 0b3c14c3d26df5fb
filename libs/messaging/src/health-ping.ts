import { Controller, type DynamicModule, type Type } from '@nestjs/common';
import { MessagePattern } from '@nestjs/microservices';
import { healthContract, type ServiceName } from '@kc/contracts';
import { HealthModule, HealthService } from '@kc/observability';
import { MessagingHealth, MessagingMetrics } from './dead-letters/messaging-health';

/**
 * `/health` and `/metrics` over HTTP plus the `<service>.health` request over NATS, which the
 * gateway's `/health` asks: one module per service, one list of indicators. Every service
 * also reports its event consumers and dead letters (`messaging`, and in `/metrics`).
 */
export function serviceHealthModule(service: ServiceName, indicatorTokens: unknown[]): DynamicModule {
  @Controller()
  class HealthPingController {
    constructor(private readonly health: HealthService) {}

    @MessagePattern(healthContract(service).pattern)
    async ping() {
      return { service, ...(await this.health.report()) };
    }
  }
  return HealthModule.forIndicators([...indicatorTokens, MessagingHealth], [HealthPingController as Type<unknown>], [MessagingHealth, MessagingMetrics]);
}
