import type { EntityManager } from '@mikro-orm/postgresql';
import { Injectable, Logger } from '@nestjs/common';
import { SuggestionsProposed, type EventEnvelope } from '@kc/contracts';
import { OnEvent } from '@kc/messaging';
import { excludedTitleIds } from './conversation-titles.reader';
import { rankSuggestions } from './suggestions';


@Injectable()
export class ConversationHandlers {
  private readonly logger = new Logger(ConversationHandlers.name);

  /**
   * Attaches the catalogue's suggestions to the conversation. A conditional update keeps it
   * idempotent and ordered: suggestions for an older revision than the stored ones are ignored.
   * Titles members added or dismissed are left out: the row is locked first, so an addition or
   * dismissal at the same moment cannot slip between reading them and writing.
   */
  @OnEvent(SuggestionsProposed)
  async onSuggestionsProposed(event: EventEnvelope<typeof SuggestionsProposed>, em: EntityManager): Promise<void> {
    const { conversationId, communityId, revision, suggestions } = event.data;
    await em.execute('SELECT id FROM conversations WHERE id = ? FOR UPDATE', [conversationId]);
    const excluded = await excludedTitleIds(em, conversationId);
    const updated = await em.execute(
      `UPDATE conversations SET suggestions = ?::jsonb, suggestions_revision = ?
        WHERE id = ? AND community_id = ? AND (suggestions_revision IS NULL OR suggestions_revision <= ?)
        RETURNING id`,
      [JSON.stringify(rankSuggestions(suggestions.filter((s) => !excluded.has(s.titleId)))), revision, conversationId, communityId, revision],
    );
    if (updated.length === 0) {
      this.logger.log(`suggestions for ${conversationId} (revision ${revision}, event ${event.id}) ignored: unknown conversation or older revision`);
    }
  }
}
