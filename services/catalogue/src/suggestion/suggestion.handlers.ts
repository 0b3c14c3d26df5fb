import type { EntityManager } from '@mikro-orm/postgresql';
import { Inject, Injectable } from '@nestjs/common';
import { ConversationGrew, ConversationStarted, type EventEnvelope } from '@kc/contracts';
import { afterCommit, OnEvent } from '@kc/messaging';
import { sqlRows } from '@kc/persistence';
import { v7 as uuidv7 } from 'uuid';
import type { Logger } from 'pino';
import { CATALOGUE_CONFIG, type CatalogueConfig } from '../config';
import { CatalogueQueues } from '../queue/queues';
import { CATALOGUE_LOGGER } from '../tokens';


@Injectable()
export class SuggestionHandlers {
  constructor(
    private readonly queues: CatalogueQueues,
    @Inject(CATALOGUE_LOGGER) private readonly logger: Logger,
    @Inject(CATALOGUE_CONFIG) private readonly config: CatalogueConfig,
  ) {}

  /**
   * A conversation started, or grew to a new revision: store the request and, once that is
   * committed, enqueue its job. The job id is derived from conversation and revision, so a
   * redelivered or duplicated event never becomes a second job; should the enqueue fail (Redis
   * away), the sweeper enqueues the pending request later. A grown conversation's job waits for
   * the debounce: a newer revision meanwhile supersedes it.
   */
  @OnEvent(ConversationStarted)
  async conversationStarted(event: EventEnvelope<typeof ConversationStarted>, em: EntityManager): Promise<void> {
    const { conversationId, communityId, title, body, revision } = event.data;
    await this.request(event, em, { conversationId, communityId, title, body, revision, exclude: [] }, 0);
  }

  @OnEvent(ConversationGrew)
  async conversationGrew(event: EventEnvelope<typeof ConversationGrew>, em: EntityManager): Promise<void> {
    const { conversationId, communityId, title, text, revision, exclude } = event.data;
    await this.request(event, em, { conversationId, communityId, title, body: text, revision, exclude }, this.config.CATALOGUE_SUGGEST_DEBOUNCE_MS);
  }

  private async request(
    event: EventEnvelope, em: EntityManager,
    r: { conversationId: string; communityId: string; title: string; body: string; revision: number; exclude: string[] }, delayMs: number,
  ): Promise<void> {
    if (!event.region) {
      this.logger.warn({ eventId: event.id, type: event.type }, 'conversation event without a region: no suggestions');
      return;
    }
    await sqlRows(
      em,
      `INSERT INTO suggestion_requests (id, conversation_id, community_id, region_id, revision, title, body, exclude, event_id, correlation_id)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) ON CONFLICT (conversation_id, revision) DO NOTHING`,
      [uuidv7(), r.conversationId, r.communityId, event.region, r.revision, r.title, r.body, r.exclude, event.id, event.correlationId],
    );
    afterCommit(em, () =>
      this.queues.enqueueSuggest({ conversationId: r.conversationId, revision: r.revision, correlationId: event.correlationId }, delayMs)
        .catch((error: unknown) => this.logger.warn({ err: error, conversationId: r.conversationId }, 'could not enqueue suggestions; the sweeper will')),
    );
  }
}
