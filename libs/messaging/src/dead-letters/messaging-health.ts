import { Controller, Injectable, type OnModuleInit, type Type } from '@nestjs/common';
import { MessagePattern } from '@nestjs/microservices';
import { Gauge } from 'prom-client';
import { deadLetterReplayContract, type ServiceName } from '@kc/contracts';
import { HealthCheckError, MetricsRegistry, type HealthIndicator } from '@kc/observability';
import { MessagingLifecycle } from '../messaging.lifecycle';

/**
 * `/health` check `messaging`: every durable consumer's state (down when one is not running),
 * the service's dead-letter count and its outbox backlog in the details.
 */
@Injectable()
export class MessagingHealth implements HealthIndicator {
  readonly name = 'messaging';

  constructor(private readonly lifecycle: MessagingLifecycle) {}

  async check(): Promise<Record<string, unknown>> {
    const consumers = this.lifecycle.consumerStates();
    const [deadLetters, outbox] = await Promise.all([
      this.lifecycle.deadLetters.count(this.lifecycle.service).catch(() => null),
      this.lifecycle.outboxBacklog().catch(() => null),
    ]);
    const details = { consumers, deadLetters, ...(outbox ? { outbox } : {}) };
    const stopped = Object.keys(consumers).filter((name) => consumers[name] !== 'running');
    if (stopped.length) throw new HealthCheckError(`event consumer not running: ${stopped.join(', ')}`, details);
    return details;
  }
}

/** `kc_dead_letters{consumer}`, `kc_event_consumer_running{consumer}` and `kc_outbox_unpublished{state}` in `/metrics`, read when scraped. */
@Injectable()
export class MessagingMetrics implements OnModuleInit {
  constructor(
    private readonly lifecycle: MessagingLifecycle,
    private readonly metrics: MetricsRegistry,
  ) {}

  onModuleInit(): void {
    const lifecycle = this.lifecycle;
    new Gauge({
      name: 'kc_dead_letters',
      help: 'Events a consuming service gave up on, waiting in the dead-letter stream for replay.',
      labelNames: ['consumer'],
      registers: [this.metrics.registry],
      async collect() {
        const count = await lifecycle.deadLetters.count(lifecycle.service).catch(() => undefined);
        if (count !== undefined) this.set({ consumer: lifecycle.service }, count);
      },
    });
    new Gauge({
      name: 'kc_event_consumer_running',
      help: '1 while a durable event consumer pulls, 0 while it is stopped or restarting.',
      labelNames: ['consumer'],
      registers: [this.metrics.registry],
      collect() {
        for (const [name, state] of Object.entries(lifecycle.consumerStates())) this.set({ consumer: name }, state === 'running' ? 1 : 0);
      },
    });
    new Gauge({
      name: 'kc_outbox_unpublished',
      help: 'Outbox rows not yet published: all pending, and those NATS refused at least once (retrying with backoff).',
      labelNames: ['state'],
      registers: [this.metrics.registry],
      async collect() {
        const backlog = await lifecycle.outboxBacklog().catch(() => null);
        if (!backlog) return;
        this.set({ state: 'pending' }, backlog.pending);
        this.set({ state: 'retrying' }, backlog.retrying);
      },
    });
  }
}

/** Answers `<service>.deadletters.replay`: the running service replays its own dead letters through its handlers. */
export function deadLetterReplayController(service: ServiceName): Type<unknown> {
  @Controller()
  class DeadLetterReplayController {
    constructor(private readonly lifecycle: MessagingLifecycle) {}

    @MessagePattern(deadLetterReplayContract(service).pattern)
    replay() {
      return this.lifecycle.replayDeadLetters();
    }
  }
  return DeadLetterReplayController;
}
