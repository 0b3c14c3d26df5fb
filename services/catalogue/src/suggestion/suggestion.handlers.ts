import type { EntityManager } from '@mikro-orm/postgresql';
import { Inject, Injectable } from '@nestjs/common';
import { ConversationStarted, type EventEnvelope } from '@kc/contracts';
import { afterCommit, OnEvent } from '@kc/messaging';
import { sqlRows } from '@kc/persistence';
import { v7 as uuidv7 } from 'uuid';
import type { Logger } from 'pino';
import { CatalogueQueues } from '../queue/queues';
import { CATALOGUE_LOGGER } from '../tokens';


@Injectable()
export class SuggestionHandlers {
  constructor(private readonly queues: CatalogueQueues, @Inject(CATALOGUE_LOGGER) private readonly logger: Logger) {}

  /**
   * A conversation started (or grew to a new revision): store the request and, once that is
   * committed, enqueue its job. The job id is derived from conversation and revision, so a
   * redelivered or duplicated event never becomes a second job; should the enqueue fail (Redis
   * away), the sweeper enqueues the pending request later.
   */
  @OnEvent(ConversationStarted)
  async conversationStarted(event: EventEnvelope<typeof ConversationStarted>, em: EntityManager): Promise<void> {
    if (!event.region) {
      this.logger.warn({ eventId: event.id }, 'ConversationStarted without a region: no suggestions');
      return;
    }
    const { conversationId, communityId, title, body, revision } = event.data;
    await sqlRows(
      em,
      `INSERT INTO suggestion_requests (id, conversation_id, community_id, region_id, revision, title, body, event_id, correlation_id)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) ON CONFLICT (conversation_id, revision) DO NOTHING`,
      [uuidv7(), conversationId, communityId, event.region, revision, title, body, event.id, event.correlationId],
    );
    afterCommit(em, () =>
      this.queues.enqueueSuggest({ conversationId, revision, correlationId: event.correlationId })
        .catch((error: unknown) => this.logger.warn({ err: error, conversationId }, 'could not enqueue suggestions; the sweeper will')),
    );
  }
}
