import type { EntityManager } from '@mikro-orm/postgresql';
import { Injectable } from '@nestjs/common';
import { ConversationGrew, ConversationGrowthLimits } from '@kc/contracts';
import { EventOutbox, type EventOrigin } from '@kc/messaging';
import { sqlRows } from '@kc/persistence';
import { excludedTitleIds } from './conversation-titles.reader';

/** Characters of new contribution text (about a paragraph) that make a conversation ask for suggestions again. */
export const SUBSTANCE_CHARS = 280;

/**
 * Suggestions that grow with the conversation: after a contribution is written or changed, in
 * its transaction, the conversation takes a new revision once its contributions hold at least
 * SUBSTANCE_CHARS more text than when it last asked, and asks the catalogue again (ConversationGrew,
 * with what to leave out). The row update decides, so two contributions at once make one revision.
 */
@Injectable()
export class ConversationGrowth {
  constructor(private readonly outbox: EventOutbox) {}

  async afterWriting(em: EntityManager, conversationId: string, origin: EventOrigin): Promise<void> {
    // Only the sum on every write; the text is read only when the conversation did grow.
    const [grown] = await sqlRows<{ revision: number; communityId: string; title: string; body: string }>(
      em,
      `WITH written AS (
         SELECT coalesce(sum(char_length(body)), 0)::int AS chars FROM contributions WHERE conversation_id = $1 AND deleted_at IS NULL
       )
       UPDATE conversations c SET revision = c.revision + 1, suggested_contribution_chars = w.chars
         FROM written w
        WHERE c.id = $1 AND w.chars - c.suggested_contribution_chars >= $2
       RETURNING c.revision, c.community_id AS "communityId", c.title, c.body`,
      [conversationId, SUBSTANCE_CHARS],
    );
    if (!grown) return;
    const [{ contributions }] = await sqlRows<{ contributions: string }>(
      em,
      "SELECT coalesce(string_agg(body, E'\\n\\n' ORDER BY id), '') AS contributions FROM contributions WHERE conversation_id = $1 AND deleted_at IS NULL",
      [conversationId],
    );
    const exclude = [...(await excludedTitleIds(em, conversationId))].slice(0, ConversationGrowthLimits.exclude);
    await this.outbox.record(em, ConversationGrew, {
      conversationId, communityId: grown.communityId, revision: grown.revision, title: grown.title,
      text: `${grown.body}\n\n${contributions}`.slice(0, ConversationGrowthLimits.textChars), exclude,
    }, origin);
  }
}
