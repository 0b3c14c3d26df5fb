import { Injectable, type BeforeApplicationShutdown } from '@nestjs/common';
import { NatsContext, Server, type CustomTransportStrategy, type MessageHandler } from '@nestjs/microservices';
import { lastValueFrom } from 'rxjs';
import type { Msg, NatsConnection, Subscription } from '@nats-io/transport-node';
import { DomainError } from '@kc/contracts';
import { NatsNamespace } from '../nats/namespace';
import { NatsClient } from '../nats/nats-connection';

/** The wire format of `@nestjs/microservices`' NATS transport: `{pattern, data, id}` in, `{id, response}` or `{id, err}` out. */
interface RequestPacket {
  id?: unknown;
  data?: unknown;
}

const GRACE_PERIOD_MS = 5000;

/**
 * The request/reply transport of every service: a Nest microservice strategy that serves the
 * `@MessagePattern` (and `@Rpc`) handlers over the process's one NATS connection, in a queue
 * group named after the process (replicas share the load), with subjects in the namespace.
 * Handlers run through Nest's pipeline as usual (interceptors, filters, `@Payload()`).
 *
 * Unlike the bundled NATS transport it opens no second connection (with the `nats` 2.x
 * package) and finds each handler once at subscription, not per message by parsing the
 * pattern as JSON. On shutdown it stops taking requests and waits for those in hand (up to
 * 5 s) before the database and the connection close.
 */
@Injectable()
export class NatsRpcServer extends Server implements CustomTransportStrategy, BeforeApplicationShutdown {
  private queue?: string;
  private subscriptions: Subscription[] = [];
  private readonly inFlight = new Set<Promise<void>>();

  constructor(
    private readonly nats: NatsClient,
    private readonly ns: NatsNamespace,
  ) {
    super();
  }

  /** The queue group: the name of the process that serves (`catalogue-worker` beside `catalogue`). */
  servingAs(processName: string): this {
    this.queue = processName;
    return this;
  }

  async listen(callback: (error?: unknown) => void): Promise<void> {
    try {
      await this.nats.connect();
      const nc = this.nats.nc;
      for (const [pattern, handler] of this.messageHandlers) {
        this.subscriptions.push(nc.subscribe(this.ns.subject(pattern), {
          queue: this.queue,
          callback: (_error, msg) => this.track(this.answer(handler, msg)),
        }));
      }
      await nc.flush();
      callback();
    } catch (error) {
      callback(error);
    }
  }

  async beforeApplicationShutdown(): Promise<void> {
    await this.close();
  }

  async close(): Promise<void> {
    for (const subscription of this.subscriptions) subscription.unsubscribe();
    this.subscriptions = [];
    let timer: NodeJS.Timeout | undefined;
    const graceOver = new Promise<void>((resolve) => (timer = setTimeout(resolve, GRACE_PERIOD_MS)));
    await Promise.race([Promise.allSettled([...this.inFlight]), graceOver]);
    clearTimeout(timer);
  }

  on(): void {
    // Connection events are the NatsClient's (it logs disconnects and reconnects).
  }

  unwrap<T>(): T {
    return this.nats.nc as NatsConnection as T;
  }

  private track(work: Promise<void>): void {
    this.inFlight.add(work);
    void work.finally(() => this.inFlight.delete(work));
  }

  private async answer(handler: MessageHandler, msg: Msg): Promise<void> {
    let packet: RequestPacket = {};
    let reply: string;
    try {
      packet = readPacket(msg);
      const context = new NatsContext([msg.subject, msg.headers as never]);
      const response: unknown = await lastValueFrom(this.transformToObservable(await handler(packet.data, context)), { defaultValue: undefined });
      reply = JSON.stringify({ id: packet.id, response, isDisposed: true });
    } catch (err) {
      // Errors arrive here as the payload the exception filter made of them (RpcErrorFilter).
      reply = JSON.stringify({ id: packet.id, err: err instanceof DomainError ? err.toPayload() : err, isDisposed: true });
    }
    msg.respond(reply);
  }
}

function readPacket(msg: Msg): RequestPacket {
  try {
    return msg.json<RequestPacket>() ?? {};
  } catch {
    throw new DomainError(400, 'VALIDATION_FAILED', { nl: 'Ongeldige invoer: het verzoek is geen JSON.', en: 'Invalid input: the request is not JSON.' });
  }
}
