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

/** An event ready for the outbox: its envelope and the row's values, in `OUTBOX_INSERT_COLUMNS` order. */
export interface PreparedEvent<C extends EventContract = EventContract> {
  envelope: EventEnvelope<C>;
  row: [id: string, subject: string, payload: string];
}

/** The outbox's columns, for a statement that writes its row together with the change (`prepare`). */
export const OUTBOX_INSERT_COLUMNS = 'kc_outbox (id, subject, payload)';

/**
 * Writes domain events into the transactional outbox. Must be called inside the transaction
 * that makes the state change (`em.transactional(...)`): the event exists exactly when the
 * change commits, and the relay publishes it afterwards. A hot path can instead `prepare` the
 * event and write its row in the very statement that makes the change (one round trip less).
 */
@Injectable()
export class EventOutbox {
  constructor(private readonly ns: NatsNamespace) {}

  async record<C extends EventContract>(em: EntityManager, contract: C, data: EventData<C>, origin: EventOrigin): Promise<EventEnvelope<C>> {
    if (!em.isInTransaction()) throw new Error(`EventOutbox.record(${contract.type}) must run inside em.transactional()`);
    const { envelope, row } = this.prepare(contract, data, origin);
    await sqlRows(em, `INSERT INTO ${OUTBOX_INSERT_COLUMNS} VALUES ($1, $2, $3)`, row);
    return envelope;
  }

  /** The event's envelope (data checked against its contract) and outbox row, not written yet. */
  prepare<C extends EventContract>(contract: C, data: EventData<C>, origin: EventOrigin): PreparedEvent<C> {
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
    return { envelope, row: [envelope.id, this.ns.subject(contract.type), JSON.stringify(envelope)] };
  }
}
