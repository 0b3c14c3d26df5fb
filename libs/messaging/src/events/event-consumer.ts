import { AckPolicy, DeliverPolicy, type Consumer, type ConsumerMessages, type JsMsg } from '@nats-io/jetstream';
import type { EventEnvelope, ServiceName } from '@kc/contracts';
import { safeError, withCorrelation } from '@kc/observability';
import type { Logger } from 'pino';
import type { DeadLetterStore } from '../dead-letters/dead-letter-store';
import { isInfrastructureError } from '../infrastructure-error';
import type { NatsNamespace } from '../nats/namespace';
import type { NatsClient } from '../nats/nats-connection';
import { ensureDeadLetterStream, ensureStreamExists, isNotFound } from '../nats/streams';
import type { EventApplier, RegisteredHandler } from './event-applier';
import { subjectFilterFor } from './subject-filter';

export type { RegisteredHandler } from './event-applier';

export interface ConsumerOptions {
  /** Handler failures before an event goes to the dead letters (infrastructure outages do not count). */
  maxDeliver: number;
  /** Delay before each redelivery after a handler failure (ms); the last value repeats. */
  backoffMs: number[];
  /**
   * How long JetStream waits for an ack; messages in hand are kept alive every third of it.
   * It is also how long the messages a crashed process had in hand wait before another
   * delivery, so it stays short.
   */
  ackWaitMs: number;
  /** Messages pulled at once. All of them are in hand (and kept alive) until handled. */
  batchSize: number;
  /** Delays between tries while the database or NATS is away (ms); the last value repeats. */
  infrastructureRetryMs: number[];
  /** Delays before restarting a pull loop that stopped (ms); the last value repeats. */
  restartBackoffMs: number[];
}

export const DEFAULT_CONSUMER_OPTIONS: ConsumerOptions = {
  maxDeliver: 5,
  backoffMs: [500, 2000, 5000, 15000],
  ackWaitMs: 10_000,
  batchSize: 16,
  infrastructureRetryMs: [200, 500, 1000, 2000, 5000],
  restartBackoffMs: [500, 1000, 2000, 5000, 10_000],
};

export type ConsumerState = 'running' | 'stopped';

class ShuttingDown extends Error {}

interface Applicable {
  msg: JsMsg;
  event: EventEnvelope;
  registered: RegisteredHandler;
}

const pick = (delays: number[], attempt: number) => delays[Math.min(attempt, delays.length - 1)]!;

/**
 * One durable pull consumer per (consuming service, producing service's stream), ADR 0011:
 * - a handler error is retried with backoff (nak) and after `maxDeliver` failures the event
 *   goes to the dead letters; JetStream itself never gives up on a message (max_deliver -1);
 * - an infrastructure error (database or NATS away) is not the event's fault: the message stays
 *   in hand, kept alive with `working()`, and is tried again until the infrastructure is back,
 *   spending no redeliveries;
 * - every message in hand (the one being handled and the rest of its batch) is kept alive
 *   every `ackWait/3`, so a long handler causes no redelivery;
 * - a pull loop that ends or throws while the service is not stopping is restarted with backoff;
 *   `state` says whether it is running.
 */
export class StreamConsumer {
  private batch?: ConsumerMessages;
  private loop?: Promise<void>;
  private heartbeat?: NodeJS.Timeout;
  private stopping = false;
  private readonly sleepers = new Set<() => void>();
  private loopState: ConsumerState = 'stopped';
  private readonly inHand = new Set<JsMsg>();
  /** Handler failures per stream sequence; a restart forgets them (more attempts, never fewer). */
  private readonly failures = new Map<number, number>();
  /** Tries repeated because the infrastructure was away (they spend no delivery). */
  infrastructureRetries = 0;

  constructor(
    private readonly nats: NatsClient,
    private readonly ns: NatsNamespace,
    private readonly applier: EventApplier,
    private readonly deadLetters: DeadLetterStore,
    private readonly logger: Logger,
    private readonly consumerName: ServiceName,
    private readonly source: ServiceName,
    private readonly options: ConsumerOptions,
  ) {}

  get durableName(): string {
    return `${this.consumerName}-from-${this.source}`;
  }

  get state(): ConsumerState {
    return this.loopState;
  }

  /** Creates (or updates) the durable consumer, then pulls in the background. Fails if NATS refuses the consumer. */
  async start(): Promise<void> {
    const consumer = await this.ensureConsumer();
    this.heartbeat = setInterval(() => this.keepAlive(), Math.max(100, Math.floor(this.options.ackWaitMs / 3)));
    this.heartbeat.unref();
    this.loop = this.supervise(consumer);
  }

  /** Stops pulling, lets the event being handled finish (one waiting for the infrastructure is given back) and waits. */
  async stop(): Promise<void> {
    this.stopping = true;
    for (const wake of this.sleepers) wake();
    await this.batch?.close().catch(() => undefined);
    await this.loop;
    clearInterval(this.heartbeat);
  }

  /** For tests and operators: makes the running pull loop fail as if NATS had ended it. */
  interrupt(reason = 'interrupted'): void {
    this.batch?.stop(new Error(reason));
  }

  private async supervise(first: Consumer): Promise<void> {
    let consumer: Consumer | undefined = first;
    let restarts = 0;
    while (!this.stopping) {
      try {
        consumer ??= await this.ensureConsumer();
        this.loopState = 'running';
        await this.pull(consumer, () => (restarts = 0));
        if (!this.stopping) throw new Error('pull loop ended');
      } catch (error) {
        this.loopState = 'stopped';
        if (this.stopping) break;
        consumer = undefined;
        const delay = pick(this.options.restartBackoffMs, restarts++);
        this.logger.error({ err: error, consumer: this.durableName, restartInMs: delay }, 'event consumer stopped; restarting it');
        await this.pause(delay);
      }
    }
    this.loopState = 'stopped';
  }

  /**
   * Pulls batches and handles what has arrived in groups: while one group is being applied the
   * next messages gather, and are applied together in one transaction. Under load the groups
   * grow (one commit for many events); alone, an event is handled as soon as it arrives.
   */
  private async pull(consumer: Consumer, onProgress: () => void): Promise<void> {
    while (!this.stopping) {
      const batch = await consumer.fetch({ max_messages: this.options.batchSize, expires: 5000 });
      this.batch = batch;
      const waiting: JsMsg[] = [];
      let draining: Promise<void> | undefined;
      const drain = async (): Promise<void> => {
        while (waiting.length) await this.processGroup(waiting.splice(0, waiting.length));
      };
      const startDraining = () => {
        draining ??= drain().finally(() => {
          draining = undefined;
          if (waiting.length) startDraining();
        });
      };
      try {
        for await (const msg of batch) {
          this.logger.debug({ consumer: this.durableName, seq: msg.seq, delivery: msg.info.deliveryCount }, 'event received');
          this.inHand.add(msg);
          waiting.push(msg);
          startDraining();
        }
      } finally {
        while (draining) await draining;
        this.batch = undefined;
      }
      onProgress();
    }
  }

  private keepAlive(): void {
    for (const msg of this.inHand) {
      try {
        msg.working();
      } catch {
        // NATS is reconnecting: the next beat tries again.
      }
    }
  }

  /**
   * Acks what this service does not handle, dead-letters what can never be applied, and applies
   * the rest in one transaction; when that fails for a handler error, it applies them one by one,
   * so only the failing event is retried (and counted).
   */
  private async processGroup(msgs: JsMsg[]): Promise<void> {
    const toApply: Applicable[] = [];
    for (const msg of msgs) {
      const parsed = await this.settle(msg, () => this.parse(msg));
      if (parsed) toApply.push(parsed);
    }
    if (toApply.length > 1) {
      try {
        if (this.stopping) throw new ShuttingDown();
        await this.untilInfrastructureIsBack(() => this.applier.applyAll(toApply), { events: toApply.length });
        for (const { msg } of toApply) this.acked(msg);
        return;
      } catch (error) {
        if (error instanceof ShuttingDown) {
          for (const { msg } of toApply) this.givenBack(msg);
          return;
        }
        // A handler failed: nothing of the group was applied. Find it by applying one by one.
      }
    }
    for (const item of toApply) await this.settle(item.msg, () => this.applyOne(item));
  }

  /** Runs one step for a message; an error gives the message back, never counting a shutdown. */
  private async settle<T>(msg: JsMsg, step: () => Promise<T>): Promise<T | undefined> {
    try {
      if (this.stopping) throw new ShuttingDown();
      return await step();
    } catch (error) {
      if (error instanceof ShuttingDown) this.givenBack(msg);
      else {
        this.inHand.delete(msg);
        this.logger.error({ err: error, consumer: this.durableName, seq: msg.seq }, 'event could not be handled; redelivering it');
        msg.nak(pick(this.options.backoffMs, 0));
      }
      return undefined;
    }
  }

  /** Given back without counting: another replica (or this one after the restart) takes it. */
  private givenBack(msg: JsMsg): void {
    this.inHand.delete(msg);
    msg.nak();
  }

  private acked(msg: JsMsg): void {
    this.failures.delete(msg.info.streamSequence);
    msg.ack();
    this.inHand.delete(msg);
  }

  /** The event to apply, or undefined when the message is settled here (not handled by this service, or never applicable). */
  private async parse(msg: JsMsg): Promise<Applicable | undefined> {
    let raw: unknown;
    try {
      raw = msg.json();
    } catch (error) {
      await this.deadLetter(msg, 'unknown', `not JSON: ${(error as Error).message}`, msg.info.deliveryCount);
      return undefined;
    }
    const parsed = this.applier.parse(raw);
    if (parsed.kind === 'unhandled') {
      this.acked(msg);
      return undefined;
    }
    if (parsed.kind === 'invalid') {
      await this.deadLetter(msg, parsed.type, parsed.reason, msg.info.deliveryCount);
      return undefined;
    }
    return { msg, event: parsed.event, registered: parsed.registered };
  }

  private async applyOne({ msg, event, registered }: Applicable): Promise<void> {
    const seq = msg.info.streamSequence;
    await withCorrelation(event.correlationId, async () => {
      try {
        await this.untilInfrastructureIsBack(() => this.applier.applyOnce(event, registered), { eventId: event.id, type: event.type });
        this.acked(msg);
        this.logger.debug({ consumer: this.durableName, seq, eventId: event.id }, 'event handled');
      } catch (error) {
        if (error instanceof ShuttingDown) throw error;
        const failures = (this.failures.get(seq) ?? 0) + 1;
        if (failures >= this.options.maxDeliver) {
          this.logger.error({ err: error, eventId: event.id, type: event.type, failures }, 'event handler failed for good: dead-lettered');
          this.failures.delete(seq);
          // A database error's message carries its SQL and values: the dead letter keeps only its class and SQL state.
          await this.deadLetter(msg, event.type, safeError(error).message, failures);
          return;
        }
        this.failures.set(seq, failures);
        if (this.failures.size > 10_000) this.failures.delete(this.failures.keys().next().value!);
        const delay = pick(this.options.backoffMs, failures - 1);
        this.logger.warn({ err: error, eventId: event.id, type: event.type, failures, retryInMs: delay }, 'event handler failed; will retry');
        msg.nak(delay);
        this.inHand.delete(msg);
      }
    });
  }

  /** Runs `work` again and again while it fails because the database or NATS is away; other errors pass through. */
  private async untilInfrastructureIsBack<T>(work: () => Promise<T>, about: Record<string, unknown>): Promise<T> {
    for (let attempt = 0; ; attempt++) {
      try {
        return await work();
      } catch (error) {
        if (!isInfrastructureError(error)) throw error;
        if (this.stopping) throw new ShuttingDown();
        this.infrastructureRetries++;
        const delay = pick(this.options.infrastructureRetryMs, attempt);
        if (attempt % 10 === 0) this.logger.warn({ err: error, ...about, consumer: this.durableName, attempt, retryInMs: delay }, 'infrastructure unavailable; holding the event and trying again');
        await this.pause(delay);
        if (this.stopping) throw new ShuttingDown();
      }
    }
  }

  private async deadLetter(msg: JsMsg, type: string, reason: string, deliveries: number): Promise<void> {
    const origin = { service: this.consumerName, type, reason, deliveries, durable: this.durableName, originalSubject: msg.subject, streamSequence: msg.info.streamSequence };
    await this.untilInfrastructureIsBack(async () => {
      try {
        await this.deadLetters.publish(msg.data, origin);
      } catch (error) {
        // No stream takes the subject (someone removed the dead-letter stream): make it again, then try again.
        if (!/no ?responders|jetstream is not enabled|503/i.test(`${(error as Error)?.name} ${(error as Error)?.message}`)) throw error;
        await ensureDeadLetterStream(this.nats.manager, this.ns);
        throw Object.assign(new Error('dead-letter stream was missing', { cause: error }), { name: 'NoResponders' });
      }
    }, { type, seq: msg.seq });
    // No reason with the term: NATS 2.9 does not parse `+TERM <reason>` and would redeliver (the reason is in the dead letter).
    msg.term();
    this.inHand.delete(msg);
  }

  private pause(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const wake = () => {
        clearTimeout(timer);
        this.sleepers.delete(wake);
        resolve();
      };
      const timer = setTimeout(wake, ms);
      this.sleepers.add(wake);
    });
  }

  /** The subject this consumer takes from the stream: only what the service handles (see subjectFilterFor). */
  get filterSubject(): string {
    return this.ns.subject(subjectFilterFor(this.source, this.applier.typesFrom(this.source)));
  }

  private async ensureConsumer(): Promise<Consumer> {
    const jsm = this.nats.manager;
    const stream = this.ns.streamOf(this.source);
    // JetStream never drops a message on its own: dead-lettering is ours, after handler failures only.
    const limits = { ack_wait: this.options.ackWaitMs * 1_000_000, max_deliver: -1, max_ack_pending: 1000 };
    const filter_subject = this.filterSubject;
    // Services start in any order: if the producer has not created its stream yet, create it
    // (same definition; the producer updates it to its own limits when it starts).
    await ensureStreamExists(jsm, this.ns, this.source);
    try {
      await jsm.consumers.info(stream, this.durableName);
      // Also moves a consumer made before filtering, or for other handlers, to this filter in place
      // (NATS 2.9.10 and 2.10 keep its position: nothing handled is skipped).
      await jsm.consumers.update(stream, this.durableName, { ...limits, filter_subject });
    } catch (error) {
      if (!isNotFound(error)) throw error;
      const config = { ...limits, filter_subject, durable_name: this.durableName, ack_policy: AckPolicy.Explicit, deliver_policy: DeliverPolicy.All };
      await jsm.consumers.add(stream, config).catch(async (addError) => {
        // Another replica of this service added it at the same moment.
        if (!/already|exists/i.test((addError as Error).message)) throw addError;
      });
    }
    return this.nats.jetstream.consumers.get(stream, this.durableName);
  }
}
