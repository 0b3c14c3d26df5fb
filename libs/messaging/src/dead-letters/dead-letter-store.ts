import type { JetStreamClient, JetStreamManager, JsMsg } from '@nats-io/jetstream';
import { headers as natsHeaders } from '@nats-io/transport-node';
import type { NatsNamespace } from '../nats/namespace';
import { isNotFound } from '../nats/streams';

/** One dead letter as an operator sees it. */
export interface DeadLetter {
  /** Sequence in the dead-letter stream: what replay deletes. */
  seq: number;
  /** The consuming service whose handler gave up. */
  service: string;
  subject: string;
  originalSubject: string;
  type: string;
  eventId: string | null;
  reason: string;
  deliveries: number;
  deadLetteredAt: string;
  /** The event as it was published. */
  data: unknown;
}

export interface DeadLetterOrigin {
  service: string;
  type: string;
  reason: string;
  /** Handler failures (or deliveries) before it was given up. */
  deliveries: number;
  durable: string;
  originalSubject: string;
  /** Stream sequence of the original message: with the service, the dedupe id of the dead letter. */
  streamSequence: number;
}

const singleLine = (text: string, max: number) => text.replace(/\s+/g, ' ').slice(0, max);

/**
 * The dead-letter stream (`kc.deadletter.<service>.<type>`): where consumers put events their
 * handler gave up on, where operators list them, and what a replay deletes once the event was
 * applied after all.
 */
export class DeadLetterStore {
  constructor(
    private readonly js: () => JetStreamClient,
    private readonly jsm: () => JetStreamManager,
    private readonly ns: NatsNamespace,
  ) {}

  async publish(data: Uint8Array, origin: DeadLetterOrigin): Promise<void> {
    const h = natsHeaders();
    h.set('kc-dead-letter-reason', singleLine(origin.reason, 1000)); // header values are single-line
    h.set('kc-original-subject', origin.originalSubject);
    h.set('kc-consumer', origin.durable);
    h.set('kc-deliveries', String(origin.deliveries));
    // A crash between publishing and terminating the original dead-letters it again: same id, dropped.
    const msgID = `${origin.service}:${origin.originalSubject}:${origin.streamSequence}`;
    await this.js().publish(this.ns.deadLetterSubject(origin.service, origin.type), data, { headers: h, msgID, timeout: 5000 });
  }

  /** How many dead letters a service has. */
  async count(service: string): Promise<number> {
    try {
      const info = await this.jsm().streams.info(this.ns.deadLetterStream, { subjects_filter: this.subjectOf(service) });
      return Object.values(info.state.subjects ?? {}).reduce((sum, n) => sum + n, 0);
    } catch (error) {
      if (isNotFound(error)) return 0;
      throw error;
    }
  }

  /** Dead letters of one service (or of all), oldest first. */
  async list(service?: string, limit = 10_000): Promise<DeadLetter[]> {
    let consumer;
    try {
      consumer = await this.js().consumers.get(this.ns.deadLetterStream, { filter_subjects: service ? this.subjectOf(service) : this.ns.subject('kc.deadletter.>') });
    } catch (error) {
      if (isNotFound(error)) return [];
      throw error;
    }
    try {
      const pending = Math.min((await consumer.info()).num_pending, limit);
      const letters: DeadLetter[] = [];
      if (pending === 0) return letters;
      const messages = await consumer.fetch({ max_messages: pending, expires: 5000 });
      for await (const msg of messages) {
        letters.push(this.toDeadLetter(msg));
        if (letters.length === pending) break;
      }
      return letters;
    } finally {
      await consumer.delete().catch(() => undefined);
    }
  }

  /** Deletes a dead letter (after a successful replay); one already gone is fine. */
  async remove(seq: number): Promise<void> {
    try {
      await this.jsm().streams.deleteMessage(this.ns.deadLetterStream, seq, false);
    } catch (error) {
      if (!isNotFound(error) && !/no message found|sequence/i.test((error as Error).message)) throw error;
    }
  }

  private subjectOf(service: string): string {
    return this.ns.subject(`kc.deadletter.${service}.>`);
  }

  private toDeadLetter(msg: JsMsg): DeadLetter {
    const subject = this.ns.stripSubject(msg.subject);
    const [, , service = 'unknown', ...typeParts] = subject.split('.');
    let data: unknown;
    try {
      data = msg.json();
    } catch {
      data = msg.string();
    }
    const id = (data as { id?: unknown } | null)?.id;
    return {
      seq: msg.seq,
      service,
      subject,
      originalSubject: this.ns.stripSubject(msg.headers?.get('kc-original-subject') ?? ''),
      type: typeParts.join('.'),
      eventId: typeof id === 'string' ? id : null,
      reason: msg.headers?.get('kc-dead-letter-reason') ?? '',
      deliveries: Number(msg.headers?.get('kc-deliveries') ?? 0),
      deadLetteredAt: new Date(Math.floor(msg.info.timestampNanos / 1_000_000)).toISOString(),
      data,
    };
  }
}
