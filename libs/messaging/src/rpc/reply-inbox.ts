import { createInbox, type Msg, type NatsConnection, type Subscription } from '@nats-io/transport-node';

/** No reply within the request's time. */
export class ReplyTimeoutError extends Error {
  constructor(readonly subject: string) {
    super(`no reply to ${subject} in time`);
  }
}

/** Nobody listens on the subject: NATS answered 503 in the requester's inbox. */
export class NoReplierError extends Error {
  constructor(readonly subject: string) {
    super(`no one answers ${subject}`);
  }
}

interface Pending {
  subject: string;
  resolve: (msg: Msg) => void;
  reject: (error: Error) => void;
  timer: NodeJS.Timeout;
}

/**
 * Request/reply over one wildcard reply subscription of a connection. nats.js `request()` does
 * the same, but makes an Error (with its stack) for every request that succeeds (to settle a
 * promise nobody awaits); at thousands of requests a second that was 3–5 % of the gateway's CPU.
 */
export class ReplyInbox {
  private readonly prefix = createInbox();
  private subscription?: Subscription;
  private readonly pending = new Map<string, Pending>();
  private sequence = 0;

  constructor(private readonly connection: () => NatsConnection) {}

  request(subject: string, payload: string, timeoutMs: number): Promise<Msg> {
    const nc = this.connection();
    this.subscription ??= this.subscribe(nc);
    const token = (++this.sequence).toString(36);
    return new Promise<Msg>((resolve, reject) => {
      const timer = setTimeout(() => this.settle(token)?.reject(new ReplyTimeoutError(subject)), timeoutMs);
      this.pending.set(token, { subject, resolve, reject, timer });
      try {
        nc.publish(subject, payload, { reply: `${this.prefix}.${token}` });
      } catch (error) {
        this.settle(token)?.reject(error as Error);
      }
    });
  }

  private subscribe(nc: NatsConnection): Subscription {
    const subscription = nc.subscribe(`${this.prefix}.*`, {
      callback: (error, msg) => {
        if (error) return this.rejectAll(error);
        const waiting = this.settle(msg.subject.slice(this.prefix.length + 1));
        if (!waiting) return; // answered after its time ran out
        if (msg.data.length === 0 && msg.headers?.code === 503) waiting.reject(new NoReplierError(waiting.subject));
        else waiting.resolve(msg);
      },
    });
    void subscription.closed.then(() => {
      if (this.subscription === subscription) this.subscription = undefined;
      this.rejectAll(new Error('the reply subscription closed'));
    });
    return subscription;
  }

  private settle(token: string): Pending | undefined {
    const waiting = this.pending.get(token);
    if (!waiting) return undefined;
    this.pending.delete(token);
    clearTimeout(waiting.timer);
    return waiting;
  }

  private rejectAll(error: Error): void {
    for (const token of [...this.pending.keys()]) this.settle(token)?.reject(error);
  }
}
