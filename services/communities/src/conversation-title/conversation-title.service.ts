import { EntityManager } from '@mikro-orm/postgresql';
import { Injectable } from '@nestjs/common';
import { requireAccount } from '@kc/auth';
import { ConversationTitleAdded, ConversationTitleRemoved, SuggestionDismissed, type RequestContext, type Suggestion } from '@kc/contracts';
import { EventOutbox, idempotent, originOf } from '@kc/messaging';
import { sqlRows } from '@kc/persistence';
import { notAMember } from '../community/community.errors';
import { ConversationService } from '../conversation/conversation.service';
import { CatalogueTitleDirectory } from './catalogue-title.directory';
import { notAllowedToRemoveTitle, suggestionNotFound, titleNotInConversation } from './conversation-title.errors';

/** Library titles in a conversation: what members add, take off, and find not fitting. */
@Injectable()
export class ConversationTitleService {
  constructor(
    private readonly em: EntityManager,
    private readonly outbox: EventOutbox,
    private readonly conversations: ConversationService,
    private readonly catalogue: CatalogueTitleDirectory,
  ) {}

  /**
   * Members only; the title must be in the catalogue of the conversation's region (the catalogue
   * decides: 404 otherwise). It leaves the suggestions. Adding it again changes nothing.
   */
  async add(ctx: RequestContext, input: { conversationId: string; titleId: string }): Promise<{ titleId: string }> {
    const caller = requireAccount(ctx);
    const { conversation, role } = await this.conversations.readable(ctx, input.conversationId);
    if (!role) throw notAMember();
    const title = await this.catalogue.titleIn(ctx, conversation.regionId, input.titleId);
    return idempotent(this.em, ctx, 'conversation.title.add', async (em) => {
      const suggestions = await this.lockedSuggestions(em, conversation.id);
      const fromSuggestion = suggestions.some((s) => s.titleId === title.id);
      const inserted = await sqlRows(
        em,
        `INSERT INTO conversation_titles (conversation_id, title_id, title, authors, year, isbn, added_by, from_suggestion)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8) ON CONFLICT DO NOTHING RETURNING title_id`,
        [conversation.id, title.id, title.title, title.authors, title.year, title.isbn, caller.accountId, fromSuggestion],
      );
      if (inserted.length === 0) return { titleId: title.id };
      await this.keepSuggestionsWithout(em, conversation.id, suggestions, title.id);
      await this.outbox.record(em, ConversationTitleAdded, {
        conversationId: conversation.id, communityId: conversation.communityId, titleId: title.id, addedBy: caller.accountId, fromSuggestion,
      }, originOf(ctx, conversation.regionId));
      return { titleId: title.id };
    });
  }

  /** Who added it, or a moderator (the organiser, a community librarian of the region). */
  remove(ctx: RequestContext, input: { conversationId: string; titleId: string }): Promise<Record<string, never>> {
    const caller = requireAccount(ctx);
    return idempotent(this.em, ctx, 'conversation.title.remove', async (em) => {
      const { conversation, role, isRegionStaff } = await this.conversations.readable(ctx, input.conversationId, em);
      const [added] = await sqlRows<{ addedBy: string }>(
        em, 'SELECT added_by AS "addedBy" FROM conversation_titles WHERE conversation_id = $1 AND title_id = $2 FOR UPDATE', [conversation.id, input.titleId],
      );
      if (!added) throw titleNotInConversation();
      if (added.addedBy !== caller.accountId && role !== 'organiser' && role !== 'moderator' && !isRegionStaff) throw notAllowedToRemoveTitle();
      await sqlRows(em, 'DELETE FROM conversation_titles WHERE conversation_id = $1 AND title_id = $2', [conversation.id, input.titleId]);
      await this.outbox.record(em, ConversationTitleRemoved, {
        conversationId: conversation.id, communityId: conversation.communityId, titleId: input.titleId, removedBy: caller.accountId,
      }, originOf(ctx, conversation.regionId));
      return {};
    });
  }

  /** Members only, for a title the conversation suggests now; dismissing it again changes nothing. */
  dismiss(ctx: RequestContext, input: { conversationId: string; titleId: string; reason?: string }): Promise<Record<string, never>> {
    const caller = requireAccount(ctx);
    return idempotent(this.em, ctx, 'conversation.suggestion.dismiss', async (em) => {
      const { conversation, role } = await this.conversations.readable(ctx, input.conversationId, em);
      if (!role) throw notAMember();
      const suggestions = await this.lockedSuggestions(em, conversation.id);
      const [already] = await sqlRows(em, 'SELECT 1 FROM conversation_dismissals WHERE conversation_id = $1 AND title_id = $2', [conversation.id, input.titleId]);
      if (already) return {};
      if (!suggestions.some((s) => s.titleId === input.titleId)) throw suggestionNotFound();
      await sqlRows(
        em, 'INSERT INTO conversation_dismissals (conversation_id, title_id, dismissed_by, reason) VALUES ($1, $2, $3, $4)',
        [conversation.id, input.titleId, caller.accountId, input.reason ?? ''],
      );
      await this.keepSuggestionsWithout(em, conversation.id, suggestions, input.titleId);
      await this.outbox.record(em, SuggestionDismissed, {
        conversationId: conversation.id, communityId: conversation.communityId, titleId: input.titleId, dismissedBy: caller.accountId,
      }, originOf(ctx, conversation.regionId));
      return {};
    });
  }

  /** The stored suggestions, the conversation row locked: adding, dismissing and attaching suggestions take turns. */
  private async lockedSuggestions(em: EntityManager, conversationId: string): Promise<Suggestion[]> {
    const [row] = await sqlRows<{ suggestions: Suggestion[] }>(em, 'SELECT suggestions FROM conversations WHERE id = $1 FOR UPDATE', [conversationId]);
    return row?.suggestions ?? [];
  }

  private async keepSuggestionsWithout(em: EntityManager, conversationId: string, suggestions: Suggestion[], titleId: string): Promise<void> {
    if (!suggestions.some((s) => s.titleId === titleId)) return;
    await sqlRows(em, 'UPDATE conversations SET suggestions = $2::jsonb WHERE id = $1', [conversationId, JSON.stringify(suggestions.filter((s) => s.titleId !== titleId))]);
  }
}
