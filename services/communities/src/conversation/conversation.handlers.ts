import type { EntityManager } from '@mikro-orm/postgresql';
import { Injectable, Logger } from '@nestjs/common';
import { SuggestionsProposed, type EventEnvelope } from '@kc/contracts';
import { OnEvent } from '@kc/messaging';
import { sqlRows } from '@kc/persistence';
import { excludedTitlesSql } from './conversation-titles.reader';
import { rankSuggestions } from './suggestions';


@Injectable()
export class ConversationHandlers {
  private readonly logger = new Logger(ConversationHandlers.name);

  /**
   * Attaches the catalogue's suggestions to the conversation. A conditional update keeps it
   * idempotent and ordered: suggestions for an older revision than the stored ones are ignored.
   * Titles members added or dismissed are left out: the row is locked first, and the update (a
   * statement of its own, so it sees every addition or dismissal committed before the lock was
   * ours) leaves them out, so none can slip between reading them and writing.
   */
  @OnEvent(SuggestionsProposed)
  async onSuggestionsProposed(event: EventEnvelope<typeof SuggestionsProposed>, em: EntityManager): Promise<void> {
    const { conversationId, communityId, revision, suggestions } = event.data;
    await sqlRows(em, 'SELECT id FROM conversations WHERE id = $1 FOR UPDATE', [conversationId]);
    // Ranking first and leaving out afterwards gives the same order: the ranking is stable and one entry per title.
    const updated = await sqlRows(
      em,
      `UPDATE conversations
          SET suggestions = (SELECT coalesce(jsonb_agg(s.value ORDER BY s.position), '[]'::jsonb)
                               FROM jsonb_array_elements($1::jsonb) WITH ORDINALITY AS s(value, position)
                              WHERE (s.value->>'titleId')::uuid NOT IN (${excludedTitlesSql('$3')})),
              suggestions_revision = $2
        WHERE id = $3 AND community_id = $4 AND (suggestions_revision IS NULL OR suggestions_revision <= $2)
        RETURNING id`,
      [JSON.stringify(rankSuggestions(suggestions)), revision, conversationId, communityId],
    );
    if (updated.length === 0) {
      this.logger.log(`suggestions for ${conversationId} (revision ${revision}, event ${event.id}) ignored: unknown conversation or older revision`);
    }
  }
}
