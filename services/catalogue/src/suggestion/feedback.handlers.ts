import type { EntityManager } from '@mikro-orm/postgresql';
import { Inject, Injectable } from '@nestjs/common';
import { ConversationTitleAdded, ConversationTitleRemoved, SuggestionDismissed, type EventEnvelope } from '@kc/contracts';
import { OnEvent } from '@kc/messaging';
import { sqlRows } from '@kc/persistence';
import type { Logger } from 'pino';
import { CATALOGUE_LOGGER } from '../tokens';
import { conversationLexemes } from './engine';

/** The conversation's request is not stored yet (its event comes later): retried. */
export class ConversationNotYetKnown extends Error {}

/**
 * Suggestions that learn: a title a member added to a conversation is positive feedback, a
 * dismissed suggestion negative, each kept with the lexemes that describe the conversation
 * (from its newest suggestion request), so the engine weighs it for similar conversations of the
 * region (ADR 0020). A title taken off again is no feedback.
 */
@Injectable()
export class FeedbackHandlers {
  constructor(@Inject(CATALOGUE_LOGGER) private readonly logger: Logger) {}

  @OnEvent(ConversationTitleAdded)
  added(event: EventEnvelope<typeof ConversationTitleAdded>, em: EntityManager): Promise<void> {
    return this.record(event, em, 1);
  }

  @OnEvent(SuggestionDismissed)
  dismissed(event: EventEnvelope<typeof SuggestionDismissed>, em: EntityManager): Promise<void> {
    return this.record(event, em, -1);
  }

  @OnEvent(ConversationTitleRemoved)
  async removed(event: EventEnvelope<typeof ConversationTitleRemoved>, em: EntityManager): Promise<void> {
    await sqlRows(em, 'DELETE FROM suggestion_feedback WHERE conversation_id = $1 AND title_id = $2 AND signal = 1', [event.data.conversationId, event.data.titleId]);
  }

  private async record(event: EventEnvelope<typeof ConversationTitleAdded | typeof SuggestionDismissed>, em: EntityManager, signal: 1 | -1): Promise<void> {
    const { conversationId, titleId } = event.data;
    const [conversation] = await sqlRows<{ regionId: string; title: string; body: string }>(
      em,
      'SELECT region_id AS "regionId", title, body FROM suggestion_requests WHERE conversation_id = $1 ORDER BY revision DESC LIMIT 1',
      [conversationId],
    );
    if (!conversation) throw new ConversationNotYetKnown(`feedback on ${conversationId} before its conversation reached the catalogue`);
    if (event.region && event.region !== conversation.regionId) {
      this.logger.warn({ eventId: event.id, conversationId }, 'feedback from another region than the conversation’s: ignored');
      return;
    }
    const lexemes = await conversationLexemes(em, { regionId: conversation.regionId, title: conversation.title, body: conversation.body });
    await sqlRows(
      em,
      `INSERT INTO suggestion_feedback (region_id, conversation_id, title_id, signal, lexemes) VALUES ($1, $2, $3, $4, $5)
       ON CONFLICT (conversation_id, title_id) DO UPDATE SET signal = EXCLUDED.signal, lexemes = EXCLUDED.lexemes, given_at = now()`,
      [conversation.regionId, conversationId, titleId, signal, lexemes],
    );
  }
}
