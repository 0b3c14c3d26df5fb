import { Global, Module, type DynamicModule } from '@nestjs/common';
import { DiscoveryModule } from '@nestjs/core';
import type { Logger } from 'pino';
import { AccountTraceEraser } from './erasure/account-trace-eraser';
import { deadLetterReplayController } from './dead-letters/messaging-health';
import { MessagingLifecycle } from './messaging.lifecycle';
import { MESSAGING_LOGGER, MESSAGING_OPTIONS, type MessagingOptions } from './messaging.options';
import { NatsNamespace } from './nats/namespace';
import { NatsClient } from './nats/nats-connection';
import { EventOutbox } from './outbox/event-outbox';
import { RpcClient } from './rpc/rpc-client';
import { NatsRpcServer } from './rpc/rpc-transport';

/**
 * The service's messaging: JetStream connection and stream, transactional outbox and relay,
 * durable consumers for `@OnEvent` handlers, the request/reply transport that serves the
 * `@Rpc` handlers, and a request/reply client for other services.
 */
@Global()
@Module({})
export class MessagingModule {
  static forService(options: MessagingOptions, logger: Logger): DynamicModule {
    return {
      module: MessagingModule,
      imports: [DiscoveryModule],
      controllers: [deadLetterReplayController(options.service)],
      providers: [
        { provide: MESSAGING_OPTIONS, useValue: options },
        { provide: MESSAGING_LOGGER, useValue: logger },
        { provide: NatsNamespace, useValue: new NatsNamespace(options.namespace) },
        { provide: NatsClient, useFactory: () => new NatsClient(options.natsUrl, options.service, logger) },
        {
          provide: RpcClient,
          useFactory: async (ns: NatsNamespace, nats: NatsClient) => {
            const client = new RpcClient(ns, nats, options.rpcTimeoutMs ?? 5000);
            await client.connect();
            return client;
          },
          inject: [NatsNamespace, NatsClient],
        },
        EventOutbox,
        NatsRpcServer,
        MessagingLifecycle,
        AccountTraceEraser,
      ],
      exports: [NatsNamespace, NatsClient, EventOutbox, RpcClient, NatsRpcServer, MessagingLifecycle, AccountTraceEraser, MESSAGING_OPTIONS, MESSAGING_LOGGER],
    };
  }
}
