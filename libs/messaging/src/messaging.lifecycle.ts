import { MikroORM } from '@mikro-orm/core';
import { Inject, Injectable, type BeforeApplicationShutdown, type OnApplicationBootstrap, type OnModuleInit } from '@nestjs/common';
import { DiscoveryService, MetadataScanner, ModuleRef } from '@nestjs/core';
import type { EventContract, ServiceName } from '@kc/contracts';
import type { Logger } from 'pino';
import { DEFAULT_CONSUMER_OPTIONS, StreamConsumer, type RegisteredHandler } from './events/event-consumer';
import { ON_EVENT, type EventHandler } from './events/on-event.decorator';
import { MESSAGING_LOGGER, MESSAGING_OPTIONS, type MessagingOptions } from './messaging.options';
import { NatsNamespace } from './nats/namespace';
import { NatsClient } from './nats/nats-connection';
import { ensureStreams } from './nats/streams';
import { OutboxRelay } from './outbox/outbox-relay';

/**
 * Connects NATS and creates the service's stream at init; at bootstrap discovers every
 * `@OnEvent` handler (a duplicate fails the boot), starts one durable consumer per source
 * stream and the outbox relay; on shutdown drains consumers first, then flushes the outbox.
 */
@Injectable()
export class MessagingLifecycle implements OnModuleInit, OnApplicationBootstrap, BeforeApplicationShutdown {
  private consumers: StreamConsumer[] = [];
  private relay?: OutboxRelay;

  constructor(
    @Inject(MESSAGING_OPTIONS) private readonly options: MessagingOptions,
    @Inject(MESSAGING_LOGGER) private readonly logger: Logger,
    private readonly nats: NatsClient,
    private readonly ns: NatsNamespace,
    private readonly discovery: DiscoveryService,
    private readonly scanner: MetadataScanner,
    private readonly moduleRef: ModuleRef,
  ) {}

  async onModuleInit(): Promise<void> {
    await this.nats.connect();
    if (this.options.produces) {
      await ensureStreams(this.nats.manager, this.ns, this.options.service, {
        maxAgeDays: this.options.streamMaxAgeDays ?? 30,
        replicas: this.options.streamReplicas ?? 1,
      });
    }
  }

  async onApplicationBootstrap(): Promise<void> {
    const handlers = this.discoverHandlers();
    const bySource = new Map<ServiceName, RegisteredHandler[]>();
    for (const h of handlers) bySource.set(h.contract.service, [...(bySource.get(h.contract.service) ?? []), h]);
    if (handlers.length) {
      const orm = this.moduleRef.get(MikroORM, { strict: false });
      const consumerOptions = { ...DEFAULT_CONSUMER_OPTIONS, ...this.options.consumer };
      for (const [source, list] of bySource) {
        const consumer = new StreamConsumer(this.nats, this.ns, orm, this.logger, this.options.service, source, list, consumerOptions);
        await consumer.start();
        this.consumers.push(consumer);
      }
      this.logger.info({ handlers: handlers.map((h) => h.contract.type) }, 'event consumers started');
    }
    if (this.options.produces && this.options.databaseUrl) {
      this.relay = new OutboxRelay(this.nats, this.logger, { databaseUrl: this.options.databaseUrl });
      this.relay.start();
    }
  }

  async beforeApplicationShutdown(): Promise<void> {
    await Promise.all(this.consumers.map((c) => c.stop()));
    if (this.relay) {
      await this.relay.flushOnce().catch(() => undefined);
      await this.relay.stop();
    }
  }

  /** For tests: publish everything pending now. */
  async flushOutbox(): Promise<number> {
    return this.relay?.flushOnce() ?? 0;
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
