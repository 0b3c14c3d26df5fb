import { MikroORM } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';
import { AckPolicy, DeliverPolicy, type Consumer, type ConsumerMessages, type JsMsg } from '@nats-io/jetstream';
import { headers as natsHeaders } from '@nats-io/transport-node';
import { EventEnvelopeSchema, type EventContract, type EventEnvelope, type ServiceName } from '@kc/contracts';
import { withCorrelation } from '@kc/observability';
import type { Logger } from 'pino';
import type { NatsNamespace } from '../nats/namespace';
import type { NatsClient } from '../nats/nats-connection';
import { ensureStreamExists, isNotFound } from '../nats/streams';
import type { EventHandler } from './on-event.decorator';

export interface RegisteredHandler {
  contract: EventContract;
  handler: EventHandler<EventContract>;
  name: string;
}

export interface ConsumerOptions {
  /** Deliveries before an event goes to the dead-letter subject. */
  maxDeliver: number;
  /** Delay before each redelivery after a failure (ms); the last value repeats. */
  backoffMs: number[];
  ackWaitMs: number;
}

export const DEFAULT_CONSUMER_OPTIONS: ConsumerOptions = { maxDeliver: 5, backoffMs: [500, 2000, 5000, 15000], ackWaitMs: 30_000 };

class PermanentEventError extends Error {}

/**
 * One durable pull consumer per (consuming service, producing service's stream). Events of
 * types without a handler are acked and skipped; events that fail validation go straight to
 * the dead letters; failing handlers are retried with backoff up to `maxDeliver` times.
 */
export class StreamConsumer {
  private messages?: ConsumerMessages;
  private loop?: Promise<void>;
  private readonly handlers: Map<string, RegisteredHandler>;

  constructor(
    private readonly nats: NatsClient,
    private readonly ns: NatsNamespace,
    private readonly orm: MikroORM,
    private readonly logger: Logger,
    private readonly consumerName: ServiceName,
    private readonly source: ServiceName,
    handlers: RegisteredHandler[],
    private readonly options: ConsumerOptions,
  ) {
    this.handlers = new Map(handlers.map((h) => [h.contract.type, h]));
  }

  get durableName(): string {
    return `${this.consumerName}-from-${this.source}`;
  }

  async start(): Promise<void> {
    const consumer = await this.ensureConsumer();
    this.messages = await consumer.consume({ max_messages: 64 });
    this.loop = (async () => {
      for await (const msg of this.messages!) await this.handle(msg);
    })().catch((error) => this.logger.error({ err: error, consumer: this.durableName }, 'event consumer stopped'));
  }

  /** Stops pulling and waits for the event in hand to finish (drain). */
  async stop(): Promise<void> {
    await this.messages?.close();
    await this.loop;
  }

  private async ensureConsumer(): Promise<Consumer> {
    const jsm = this.nats.manager;
    const stream = this.ns.streamOf(this.source);
    const config = {
      durable_name: this.durableName,
      ack_policy: AckPolicy.Explicit,
      deliver_policy: DeliverPolicy.All,
      filter_subject: this.ns.subject(`kc.${this.source}.>`),
      ack_wait: this.options.ackWaitMs * 1_000_000,
      max_deliver: this.options.maxDeliver + 1, // one spare so the last failure is dead-lettered by us, not dropped
      max_ack_pending: 1000,
    };
    // Services start in any order: if the producer has not created its stream yet, create it
    // (same definition; the producer updates it to its own limits when it starts).
    await ensureStreamExists(jsm, this.ns, this.source);
    try {
      await jsm.consumers.info(stream, this.durableName);
      await jsm.consumers.update(stream, this.durableName, { ack_wait: config.ack_wait, max_deliver: config.max_deliver, max_ack_pending: config.max_ack_pending });
    } catch (error) {
      if (!isNotFound(error)) throw error;
      await jsm.consumers.add(stream, config).catch(async (addError) => {
        // Another replica of this service added it at the same moment.
        if (!/already|exists/i.test((addError as Error).message)) throw addError;
      });
    }
    return this.nats.jetstream.consumers.get(stream, this.durableName);
  }

  private async handle(msg: JsMsg): Promise<void> {
    let envelope: EventEnvelope;
    try {
      envelope = EventEnvelopeSchema.parse(msg.json()) as EventEnvelope;
    } catch (error) {
      return this.deadLetter(msg, 'unknown', `invalid envelope: ${(error as Error).message}`);
    }
    const registered = this.handlers.get(envelope.type);
    if (!registered) {
      msg.ack();
      return;
    }
    await withCorrelation(envelope.correlationId, async () => {
      try {
        const parsed = registered.contract.schema.safeParse(envelope.data);
        if (!parsed.success) throw new PermanentEventError(`invalid ${envelope.type} payload: ${parsed.error.message}`);
        const event = { ...envelope, data: parsed.data } as EventEnvelope;
        await this.applyOnce(event, registered);
        msg.ack();
      } catch (error) {
        const attempt = msg.info.deliveryCount;
        if (error instanceof PermanentEventError || attempt >= this.options.maxDeliver) {
          this.logger.error({ err: error, eventId: envelope.id, type: envelope.type, attempt }, 'event handler failed for good: dead-lettered');
          await this.deadLetter(msg, envelope.type, (error as Error).message);
          return;
        }
        const delay = this.options.backoffMs[Math.min(attempt - 1, this.options.backoffMs.length - 1)];
        this.logger.warn({ err: error, eventId: envelope.id, type: envelope.type, attempt, retryInMs: delay }, 'event handler failed; will retry');
        msg.nak(delay);
      }
    });
  }

  private async applyOnce(event: EventEnvelope, registered: RegisteredHandler): Promise<void> {
    await (this.orm.em.fork() as EntityManager).transactional(async (em) => {
      const rows = await em.execute<{ event_id: string }[]>(
        'INSERT INTO kc_inbox (consumer, event_id, event_type) VALUES (?, ?, ?) ON CONFLICT DO NOTHING RETURNING event_id',
        [`${this.consumerName}:${registered.name}`, event.id, event.type],
      );
      if (rows.length === 0) return; // already applied: a redelivery
      await registered.handler(event, em);
    });
  }

  private async deadLetter(msg: JsMsg, type: string, reason: string): Promise<void> {
    try {
      const h = natsHeaders();
      h.set('kc-dead-letter-reason', reason.replace(/\s+/g, ' ').slice(0, 1000)); // header values are single-line
      h.set('kc-original-subject', msg.subject);
      h.set('kc-consumer', this.durableName);
      h.set('kc-deliveries', String(msg.info.deliveryCount));
      await this.nats.jetstream.publish(this.ns.deadLetterSubject(this.consumerName, type), msg.data, { headers: h });
      msg.term(reason.replace(/\s+/g, ' ').slice(0, 200));
    } catch (error) {
      this.logger.error({ err: error }, 'could not dead-letter an event; leaving it for redelivery');
      msg.nak(5000);
    }
  }
}
