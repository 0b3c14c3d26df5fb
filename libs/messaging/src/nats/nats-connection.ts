import { Injectable, type OnApplicationShutdown } from '@nestjs/common';
import { connect, type NatsConnection } from '@nats-io/transport-node';
import { jetstream, jetstreamManager, type JetStreamClient, type JetStreamManager } from '@nats-io/jetstream';
import type { HealthIndicator } from '@kc/observability';
import type { Logger } from 'pino';

/** One NATS connection per process (JetStream and the object store), reconnecting forever. */
@Injectable()
export class NatsClient implements OnApplicationShutdown, HealthIndicator {
  readonly name = 'nats';
  private connection?: NatsConnection;
  private js?: JetStreamClient;
  private jsm?: JetStreamManager;
  private connecting?: Promise<void>;

  constructor(
    private readonly url: string,
    private readonly clientName: string,
    private readonly logger: Logger,
  ) {}

  /** Connects once; every caller (lifecycle, access directory, object store) shares the one attempt. */
  connect(): Promise<void> {
    this.connecting ??= this.open().catch((error: unknown) => {
      this.connecting = undefined;
      throw error;
    });
    return this.connecting;
  }

  private async open(): Promise<void> {
    const connection = await connect({
      servers: this.url.split(','),
      name: this.clientName,
      maxReconnectAttempts: -1,
      reconnectTimeWait: 500,
      waitOnFirstConnect: true,
      // No Error (with its stack) made up front for every request and timer: the hot path of every RPC.
      noAsyncTraces: true,
    });
    this.js = jetstream(connection);
    this.jsm = await jetstreamManager(connection);
    this.connection = connection;
    void this.watchStatus(connection);
  }

  get nc(): NatsConnection {
    if (!this.connection) throw new Error('NATS is not connected yet');
    return this.connection;
  }
  get jetstream(): JetStreamClient {
    if (!this.js) throw new Error('NATS is not connected yet');
    return this.js;
  }
  get manager(): JetStreamManager {
    if (!this.jsm) throw new Error('NATS is not connected yet');
    return this.jsm;
  }

  async check(): Promise<void> {
    if (!this.connection || this.connection.isClosed()) throw new Error('not connected');
    await this.connection.flush();
  }

  async onApplicationShutdown(): Promise<void> {
    if (this.connection && !this.connection.isClosed()) await this.connection.drain().catch(() => undefined);
  }

  private async watchStatus(nc: NatsConnection): Promise<void> {
    for await (const status of nc.status()) {
      if (status.type === 'disconnect' || status.type === 'reconnect') this.logger.warn({ nats: status.type }, `NATS ${status.type}`);
    }
  }
}
