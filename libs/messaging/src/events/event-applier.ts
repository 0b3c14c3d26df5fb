import type { MikroORM } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';
import { EventEnvelopeSchema, type EventContract, type EventEnvelope, type ServiceName } from '@kc/contracts';
import { withCorrelation } from '@kc/observability';
import { sqlRows } from '@kc/persistence';
import type { EventHandler } from './on-event.decorator';

const afterCommitWork = new WeakMap<object, (() => Promise<unknown>)[]>();

/**
 * Runs `work` once the event handler's transaction has committed (for example enqueueing a job
 * that reads what the handler wrote). Not run when the transaction rolls back. `work` handles
 * its own failure: the transaction is already committed, so a safety net must exist (the
 * catalogue's sweeper re-enqueues pending requests).
 */
export function afterCommit(em: EntityManager, work: () => Promise<unknown>): void {
  const transaction = em.getTransactionContext() as object | undefined;
  if (!transaction) throw new Error('afterCommit() must be called inside an event handler’s transaction');
  afterCommitWork.set(transaction, [...(afterCommitWork.get(transaction) ?? []), work]);
}

export interface RegisteredHandler {
  contract: EventContract;
  handler: EventHandler<EventContract>;
  name: string;
}

/** What a raw message is for this service: an event to apply, one it does not handle, or one that can never be applied. */
export type ParsedEvent =
  | { kind: 'apply'; event: EventEnvelope; registered: RegisteredHandler }
  | { kind: 'unhandled'; type: string }
  | { kind: 'invalid'; type: string; reason: string };

/**
 * Applies events to one consuming service exactly once in effect: validates the envelope and
 * the payload against the contract, then runs the handler in a transaction with the inbox
 * row `(service, event id)`. The live consumers and the dead-letter replay share it, so a
 * replayed event takes exactly the path it would have taken the first time.
 */
export class EventApplier {
  private readonly handlers: Map<string, RegisteredHandler>;

  constructor(
    private readonly consumerName: ServiceName,
    private readonly orm: MikroORM | undefined,
    handlers: RegisteredHandler[],
  ) {
    this.handlers = new Map(handlers.map((h) => [h.contract.type, h]));
  }

  /** The event types this service handles from one producer's stream. */
  typesFrom(source: ServiceName): string[] {
    return [...this.handlers.values()].filter((h) => h.contract.service === source).map((h) => h.contract.type);
  }

  parse(raw: unknown): ParsedEvent {
    const envelope = EventEnvelopeSchema.safeParse(raw);
    if (!envelope.success) return { kind: 'invalid', type: 'unknown', reason: `invalid envelope: ${envelope.error.message}` };
    const registered = this.handlers.get(envelope.data.type);
    if (!registered) return { kind: 'unhandled', type: envelope.data.type };
    const data = registered.contract.schema.safeParse(envelope.data.data);
    if (!data.success) return { kind: 'invalid', type: envelope.data.type, reason: `invalid ${envelope.data.type} payload: ${data.error.message}` };
    return { kind: 'apply', event: { ...envelope.data, data: data.data } as EventEnvelope, registered };
  }

  /** Runs the handler unless this service applied the event before; returns whether it ran. */
  async applyOnce(event: EventEnvelope, registered: RegisteredHandler): Promise<boolean> {
    const [ran] = await this.applyAll([{ event, registered }]);
    return ran!;
  }

  /**
   * Applies several events in one transaction, in order, each unless applied before: one inbox
   * statement and one commit for all of them. If any handler fails, nothing of the group is
   * applied (the caller applies them one by one to find the failing one).
   */
  async applyAll(items: readonly { event: EventEnvelope; registered: RegisteredHandler }[]): Promise<boolean[]> {
    if (!this.orm) throw new Error(`${this.consumerName} has event handlers but no database`);
    let transaction: object | undefined;
    const ran = await (this.orm.em.fork() as EntityManager).transactional(async (em) => {
      transaction = em.getTransactionContext() as object;
      const fresh = new Set(
        (await sqlRows<{ event_id: string }>(
          em,
          `INSERT INTO kc_inbox (consumer, event_id, event_type) SELECT $1, e.id, e.type FROM unnest($2::uuid[], $3::text[]) AS e(id, type)
           ON CONFLICT DO NOTHING RETURNING event_id`,
          [this.consumerName, items.map((i) => i.event.id), items.map((i) => i.event.type)],
        )).map((r) => r.event_id),
      );
      const ran: boolean[] = [];
      for (const { event, registered } of items) {
        // Applied before (a redelivery or a replay), or twice in this group: once only.
        const first = fresh.delete(event.id);
        if (first) await withCorrelation(event.correlationId, () => registered.handler(event, em));
        ran.push(first);
      }
      return ran;
    });
    const work = transaction ? afterCommitWork.get(transaction) : undefined;
    if (work) {
      afterCommitWork.delete(transaction!);
      for (const run of work) await run();
    }
    return ran;
  }
}
