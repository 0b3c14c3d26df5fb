import type { EntityManager } from '@mikro-orm/postgresql';
import { Inject, Injectable } from '@nestjs/common';
import { ConversationStarted, type EventEnvelope } from '@kc/contracts';
import { OnEvent } from '@kc/messaging';
import { v7 as uuidv7 } from 'uuid';
import type { Logger } from 'pino';
import { CatalogueQueues } from '../queue/queues';
import { CATALOGUE_LOGGER } from '../tokens';


@Injectable()
export class SuggestionHandlers {
  constructor(private readonly queues: CatalogueQueues, @Inject(CATALOGUE_LOGGER) private readonly logger: Logger) {}

  /**
   * A conversation started (or grew to a new revision): store the request and enqueue its job.
   * The job id is derived from conversation and revision, so a redelivered or duplicated event
   * never becomes a second job; should the job run before this transaction commits it finds no
   * request yet and is retried.
   */
  @OnEvent(ConversationStarted)
  async conversationStarted(event: EventEnvelope<typeof ConversationStarted>, em: EntityManager): Promise<void> {
    if (!event.region) {
      this.logger.warn({ eventId: event.id }, 'ConversationStarted without a region: no suggestions');
      return;
    }
    const { conversationId, communityId, title, body, revision } = event.data;
    await em.execute(
      `INSERT INTO suggestion_requests (id, conversation_id, community_id, region_id, revision, title, body, event_id, correlation_id)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (conversation_id, revision) DO NOTHING`,
      [uuidv7(), conversationId, communityId, event.region, revision, title, body, event.id, event.correlationId],
    );
    await this.queues.enqueueSuggest({ conversationId, revision, correlationId: event.correlationId });
  }
}
