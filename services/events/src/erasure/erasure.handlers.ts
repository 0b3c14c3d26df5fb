import type { EntityManager } from '@mikro-orm/postgresql';
import { Injectable, Module } from '@nestjs/common';
import { ErasureRequested, EventsErasureConfirmed, type EventEnvelope } from '@kc/contracts';
import { AccountTraceEraser, causedBy, EventOutbox, OnEvent } from '@kc/messaging';
import { sqlRows } from '@kc/persistence';

/**
 * Events' part of an erasure (ADR 0035): the person's sign-ups, attendance and calendar feed go.
 * Activities they planned stay on their community's calendar (the community's, not theirs);
 * identity names the planner "Oud-deelnemer".
 */
@Injectable()
export class EventsErasureHandlers {
  constructor(private readonly outbox: EventOutbox, private readonly traces: AccountTraceEraser) {}

  @OnEvent(ErasureRequested)
  async erase(event: EventEnvelope<typeof ErasureRequested>, em: EntityManager): Promise<void> {
    const { erasureId, accountId } = event.data;
    await this.traces.erase(em, accountId);
    for (const table of ['rsvps', 'attendance', 'calendar_feeds']) await sqlRows(em, `DELETE FROM ${table} WHERE account_id = $1`, [accountId]);
    await this.outbox.record(em, EventsErasureConfirmed, { erasureId, accountId }, causedBy(event));
  }
}

@Module({ providers: [EventsErasureHandlers] })
export class EventsErasureModule {}
