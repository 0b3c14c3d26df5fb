import { Inject, Injectable, type BeforeApplicationShutdown, type OnApplicationBootstrap, type OnModuleInit } from '@nestjs/common';
import { DiscoveryService, MetadataScanner, ModuleRef } from '@nestjs/core';
import type { EventContract, ServiceName } from '@kc/contracts';
import { mikroOrm } from '@kc/persistence';
import type { Logger } from 'pino';
import { DeadLetterReplayer, type ReplayReport } from './dead-letters/dead-letter-replay';
import { DeadLetterStore } from './dead-letters/dead-letter-store';
import { EventApplier, type RegisteredHandler } from './events/event-applier';
import { DEFAULT_CONSUMER_OPTIONS, StreamConsumer, type ConsumerState } from './events/event-consumer';
import { ON_EVENT, type EventHandler } from './events/on-event.decorator';
import { DEFAULT_RETENTION, MessagingJanitor } from './maintenance/messaging-janitor';
import { MESSAGING_LOGGER, MESSAGING_OPTIONS, type MessagingOptions } from './messaging.options';
import { NatsNamespace } from './nats/namespace';
import { NatsClient } from './nats/nats-connection';
import { ensureDeadLetterStream, ensureStreams } from './nats/streams';
import { OutboxRelay } from './outbox/outbox-relay';

/**
 * Connects NATS and creates the service's stream at init; at bootstrap discovers every
 * `@OnEvent` handler (a duplicate fails the boot), starts one durable consumer per source
 * stream, the outbox relay and the janitor that prunes inbox and idempotency rows; on shutdown
 * drains consumers first, then flushes the outbox.
 */
@Injectable()
export class MessagingLifecycle implements OnModuleInit, OnApplicationBootstrap, BeforeApplicationShutdown {
  private consumers: StreamConsumer[] = [];
  private relay?: OutboxRelay;
  private janitor?: MessagingJanitor;
  private replayer?: DeadLetterReplayer;
  readonly deadLetters: DeadLetterStore;

  constructor(
    @Inject(MESSAGING_OPTIONS) private readonly options: MessagingOptions,
    @Inject(MESSAGING_LOGGER) private readonly logger: Logger,
    private readonly nats: NatsClient,
    private readonly ns: NatsNamespace,
    private readonly discovery: DiscoveryService,
    private readonly scanner: MetadataScanner,
    private readonly moduleRef: ModuleRef,
  ) {
    this.deadLetters = new DeadLetterStore(() => this.nats.jetstream, () => this.nats.manager, ns);
  }

  get service(): ServiceName {
    return this.options.service;
  }

  async onModuleInit(): Promise<void> {
    await this.nats.connect();
    const replicas = this.options.streamReplicas ?? 1;
    if (this.options.produces) {
      await ensureStreams(this.nats.manager, this.ns, this.options.service, { maxAgeDays: this.options.streamMaxAgeDays ?? 30, replicas });
    } else {
      await ensureDeadLetterStream(this.nats.manager, this.ns, replicas);
    }
  }

  async onApplicationBootstrap(): Promise<void> {
    const handlers = this.discoverHandlers();
    const orm = handlers.length ? this.moduleRef.get(mikroOrm.core().MikroORM, { strict: false }) : undefined;
    const applier = new EventApplier(this.options.service, orm, handlers);
    this.replayer = new DeadLetterReplayer(this.options.service, this.deadLetters, applier, this.logger);
    const bySource = new Map<ServiceName, RegisteredHandler[]>();
    for (const h of handlers) bySource.set(h.contract.service, [...(bySource.get(h.contract.service) ?? []), h]);
    const consumerOptions = { ...DEFAULT_CONSUMER_OPTIONS, ...this.options.consumer };
    for (const source of bySource.keys()) {
      const consumer = new StreamConsumer(this.nats, this.ns, applier, this.deadLetters, this.logger, this.options.service, source, consumerOptions);
      await consumer.start();
      this.consumers.push(consumer);
    }
    if (handlers.length) this.logger.info({ handlers: handlers.map((h) => h.contract.type) }, 'event consumers started');
    if (this.options.produces && this.options.databaseUrl) {
      this.relay = new OutboxRelay(this.nats, this.logger, { databaseUrl: this.options.databaseUrl });
      this.relay.start();
    }
    if (this.options.databaseUrl) {
      this.janitor = new MessagingJanitor(this.options.databaseUrl, { ...DEFAULT_RETENTION, ...this.options.retention }, this.logger);
      this.janitor.start();
    }
  }

  async beforeApplicationShutdown(): Promise<void> {
    await Promise.all(this.consumers.map((c) => c.stop()));
    await this.janitor?.stop();
    if (this.relay) {
      await this.relay.flushOnce().catch(() => undefined);
      await this.relay.stop();
    }
  }

  /** `running` or `stopped` per durable consumer (health). */
  consumerStates(): Record<string, ConsumerState> {
    return Object.fromEntries(this.consumers.map((c) => [c.durableName, c.state]));
  }

  /** Unpublished outbox rows (null for a service that does not publish). */
  outboxBacklog(): Promise<{ pending: number; retrying: number } | null> {
    return this.relay?.backlog() ?? Promise.resolve(null);
  }

  /** The durable consumers, for tests. */
  get streamConsumers(): readonly StreamConsumer[] {
    return this.consumers;
  }

  /** Replays this service's dead letters through its handlers (the operator command's request). */
  replayDeadLetters(): Promise<ReplayReport> {
    if (!this.replayer) throw new Error('messaging has not started yet');
    return this.replayer.replay();
  }

  /** For tests: publish everything pending now. */
  async flushOutbox(): Promise<number> {
    return this.relay?.flushOnce() ?? 0;
  }

  /** For tests: prune now. */
  async pruneOnce(): Promise<{ inbox: number; idempotency: number } | null> {
    return this.janitor?.pruneOnce() ?? null;
  }

  private discoverHandlers(): RegisteredHandler[] {
    const found: RegisteredHandler[] = [];
    for (const wrapper of this.discovery.getProviders()) {
      const instance = wrapper.instance as Record<string, unknown> | undefined;
      if (!instance || typeof instance !== 'object') continue;
      const prototype = Object.getPrototypeOf(instance);
      for (const method of this.scanner.getAllMethodNames(prototype)) {
        const contract = Reflect.getMetadata(ON_EVENT, prototype[method]) as EventContract | undefined;
        if (!contract) continue;
        const duplicate = found.find((h) => h.contract.type === contract.type);
        if (duplicate) {
          throw new Error(`Two handlers for ${contract.type} in ${this.options.service}: ${duplicate.name} and ${wrapper.name}.${method}`);
        }
        const handler = (instance[method] as EventHandler<EventContract>).bind(instance);
        found.push({ contract, handler, name: `${String(wrapper.name)}.${method}` });
      }
    }
    return found;
  }
}
