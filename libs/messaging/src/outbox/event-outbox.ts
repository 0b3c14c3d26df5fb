import type { EntityManager } from '@mikro-orm/postgresql';
import { Injectable } from '@nestjs/common';
import { v7 as uuidv7 } from 'uuid';
import type { EventContract, EventData, EventEnvelope, RequestContext } from '@kc/contracts';
import { sqlRows } from '@kc/persistence';
import { NatsNamespace } from '../nats/namespace';

export interface EventOrigin {
  region: string | null;
  actor: string | null;
  correlationId: string;
  causationId?: string | null;
}

/** The origin of an event caused by a request. */
export const originOf = (ctx: RequestContext, region = ctx.regionId): EventOrigin => ({
  region,
  actor: ctx.accountId,
  correlationId: ctx.correlationId,
  causationId: ctx.idempotencyKey ?? null,
});

/** The origin of an event caused by another event. */
export const causedBy = (event: EventEnvelope, region = event.region): EventOrigin => ({
  region,
  actor: event.actor,
  correlationId: event.correlationId,
  causationId: event.id,
});

/**
 * Writes domain events into the transactional outbox. Must be called inside the transaction
 * that makes the state change (`em.transactional(...)`): the event exists exactly when the
 * change commits, and the relay publishes it afterwards.
 */
@Injectable()
export class EventOutbox {
  constructor(private readonly ns: NatsNamespace) {}

  async record<C extends EventContract>(em: EntityManager, contract: C, data: EventData<C>, origin: EventOrigin): Promise<EventEnvelope<C>> {
    if (!em.isInTransaction()) throw new Error(`EventOutbox.record(${contract.type}) must run inside em.transactional()`);
    const parsed = contract.schema.parse(data) as EventData<C>;
    const envelope: EventEnvelope<C> = {
      id: uuidv7(),
      type: contract.type,
      version: contract.version,
      occurredAt: new Date().toISOString(),
      region: origin.region,
      actor: origin.actor,
      correlationId: origin.correlationId,
      causationId: origin.causationId ?? null,
      data: parsed,
    };
    await sqlRows(em, 'INSERT INTO kc_outbox (id, subject, payload) VALUES ($1, $2, $3)', [envelope.id, this.ns.subject(contract.type), JSON.stringify(envelope)]);
    return envelope;
  }
}
