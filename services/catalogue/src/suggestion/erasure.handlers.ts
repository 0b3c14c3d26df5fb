import type { EntityManager } from '@mikro-orm/postgresql';
import { Injectable } from '@nestjs/common';
import { AccountContentErased, CatalogueErasureConfirmed, type EventEnvelope } from '@kc/contracts';
import { AccountTraceEraser, causedBy, EventOutbox, OnEvent } from '@kc/messaging';
import { sqlRows } from '@kc/persistence';

/**
 * The catalogue's part of an erasure (ADR 0035): it keeps nothing by name, but a suggestion
 * request holds a copy of its conversation's title and text. With `delete` those copies of the
 * person's conversations are emptied (the suggestions made stay: they are library titles).
 */
@Injectable()
export class CatalogueErasureHandlers {
  constructor(private readonly outbox: EventOutbox, private readonly traces: AccountTraceEraser) {}

  @OnEvent(AccountContentErased)
  async erase(event: EventEnvelope<typeof AccountContentErased>, em: EntityManager): Promise<void> {
    const { erasureId, accountId, conversationIds } = event.data;
    await this.traces.erase(em, accountId);
    if (conversationIds.length) {
      await sqlRows(em, `UPDATE suggestion_requests SET title = '', body = '' WHERE conversation_id = ANY($1::uuid[])`, [conversationIds]);
    }
    await this.outbox.record(em, CatalogueErasureConfirmed, { erasureId, accountId }, causedBy(event));
  }
}
