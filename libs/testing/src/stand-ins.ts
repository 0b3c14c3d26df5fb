import { connect, type NatsConnection, type Subscription } from '@nats-io/transport-node';
import { DomainError, type RequestContract, type RequestMeta } from '@kc/contracts';
import { NatsNamespace } from '@kc/messaging';
import { TEST_NATS_URL } from './test-scope';

export interface ReceivedCall {
  pattern: string;
  meta: RequestMeta;
  data: Record<string, unknown>;
}
type Answer = (data: Record<string, unknown>, meta: RequestMeta) => unknown;

/**
 * Tiny stand-ins for the services behind the gateway, for request/reply routing tests only:
 * they answer chosen patterns on the real NATS in the test's namespace, in the wire format of
 * `NatsRpcServer`, and record what reached them.
 */
export class StandIns {
  readonly calls: ReceivedCall[] = [];
  private nc?: NatsConnection;
  private readonly subs = new Map<string, Subscription>();

  constructor(private readonly namespace: string) {}

  async start(): Promise<this> {
    this.nc = await connect({ servers: TEST_NATS_URL });
    return this;
  }

  /** Answers `contract` with `answer(data, meta)`; a thrown {@link DomainError} becomes the service's error reply. */
  async answer(contract: RequestContract | string, answer: Answer): Promise<void> {
    const pattern = typeof contract === 'string' ? contract : contract.pattern;
    this.subs.get(pattern)?.unsubscribe();
    const sub = this.nc!.subscribe(new NatsNamespace(this.namespace).subject(pattern), {
      callback: (_err, msg) => void (async () => {
        const packet = msg.json<{ id: string; data: { meta: RequestMeta; data: Record<string, unknown> } }>();
        this.calls.push({ pattern, meta: packet.data.meta, data: packet.data.data });
        try {
          const response = await answer(packet.data.data, packet.data.meta);
          msg.respond(JSON.stringify({ id: packet.id, response, isDisposed: true }));
        } catch (error) {
          const err = error instanceof DomainError ? error.toPayload() : { message: String(error) };
          msg.respond(JSON.stringify({ id: packet.id, err, isDisposed: true }));
        }
      })(),
    });
    this.subs.set(pattern, sub);
    await this.nc!.flush();
  }

  async silence(pattern: string): Promise<void> {
    this.subs.get(pattern)?.unsubscribe();
    this.subs.delete(pattern);
    await this.nc!.flush();
  }

  callsTo(contract: RequestContract): ReceivedCall[] {
    return this.calls.filter((c) => c.pattern === contract.pattern);
  }

  async stop(): Promise<void> {
    for (const sub of this.subs.values()) sub.unsubscribe();
    await this.nc?.close();
  }
}
