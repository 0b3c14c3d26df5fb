import type { EntityManager } from '@mikro-orm/postgresql';
import { Inject, Injectable, Module } from '@nestjs/common';
import { AccountContentErased, ERASED_CONVERSATION_TITLE, SearchErasureConfirmed, type EventEnvelope } from '@kc/contracts';
import { AccountTraceEraser, causedBy, EventOutbox, OnEvent } from '@kc/messaging';
import { sqlRows } from '@kc/persistence';
import { SEARCH_INDEX, type SearchIndex } from '../index/search-index.port';

/**
 * The search service's part of an erasure (ADR 0035), after communities did its part: the
 * person's memberships go, and with `delete` every document of what they wrote leaves the index;
 * others' replies in their conversations stay, under the conversation's new title.
 */
@Injectable()
export class SearchErasureHandlers {
  constructor(
    @Inject(SEARCH_INDEX) private readonly index: SearchIndex,
    private readonly outbox: EventOutbox,
    private readonly traces: AccountTraceEraser,
  ) {}

  @OnEvent(AccountContentErased)
  async erase(event: EventEnvelope<typeof AccountContentErased>, em: EntityManager): Promise<void> {
    const { erasureId, accountId, conversationIds, contributionIds, mediaIds, collectionIds } = event.data;
    await this.traces.erase(em, accountId);
    await sqlRows(em, 'DELETE FROM search_memberships WHERE account_id = $1', [accountId]);
    for (const id of [...conversationIds, ...contributionIds, ...mediaIds, ...collectionIds]) await this.index.remove(id);
    for (const id of conversationIds) await this.index.retitleConversation(id, ERASED_CONVERSATION_TITLE);
    await this.outbox.record(em, SearchErasureConfirmed, { erasureId, accountId }, causedBy(event));
  }
}

@Module({ providers: [SearchErasureHandlers] })
export class SearchErasureModule {}
