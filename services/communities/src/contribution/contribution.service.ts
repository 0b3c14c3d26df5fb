import { PostingLimits } from '../posting-limit/posting-limits';
import { EntityManager } from '@mikro-orm/postgresql';
import { Injectable } from '@nestjs/common';
import { requireAccount } from '@kc/auth';
import {
  badRequest, ContributionDeleted, ContributionEdited, ContributionPosted, MemberMentioned,
  type Contribution, type RequestContext, type Visibility,
} from '@kc/contracts';
import { EventOutbox, idempotent, originOf } from '@kc/messaging';
import { sqlRows } from '@kc/persistence';
import { v7 as uuidv7 } from 'uuid';
import { notAMember } from '../community/community.errors';
import type { CommunityRole } from '../community/community.entity';
import { accessTo } from '../community/community.policy';
import { ConversationGrowth } from '../conversation/conversation-growth';
import { ConversationService, requireOpenConversation } from '../conversation/conversation.service';
import { ContributionThreadService } from './contribution-thread.service';
import { contributionDeleted, contributionNotFound, mentionNotAMember, notAllowedToDelete, notTheAuthor, parentNotInConversation } from './contribution.errors';
import { renderMarkdown } from './markdown';

/** A contribution with what deciding about it needs: its place and the caller's standing there. */
interface ContributionForCaller {
  id: string;
  conversationId: string;
  conversationTitle: string;
  communityId: string;
  regionId: string;
  visibility: Visibility;
  authorId: string;
  revision: number;
  deletedAt: Date | null;
  role: CommunityRole | null;
  isRegionStaff: boolean;
}

const nothingToShow = () =>
  badRequest('CONTRIBUTION_EMPTY', 'Je bijdrage bevat geen tekst die getoond kan worden.', 'Your contribution holds no text that can be shown.');

/** Writing in a conversation: contributing, replying, mentioning, editing and deleting. */
@Injectable()
export class ContributionService {
  constructor(
    private readonly em: EntityManager,
    private readonly outbox: EventOutbox,
    private readonly conversations: ConversationService,
    private readonly thread: ContributionThreadService,
    private readonly growth: ConversationGrowth,
    private readonly limits: PostingLimits,
  ) {}

  /**
   * Members only. A reply names a contribution of the same conversation; a reply to a reply
   * joins its thread (one level deep). Mentioned accounts must be members of the community:
   * otherwise nothing is written. Each mention is an event with ids only.
   */
  post(ctx: RequestContext, input: { conversationId: string; body: string; parentId?: string; mentions?: string[] }): Promise<{ id: string }> {
    const caller = requireAccount(ctx);
    return idempotent(this.em, ctx, 'contribution.post', async (em) => {
      const access = await this.conversations.readable(ctx, input.conversationId, em);
      const { conversation, role } = access;
      if (!role) throw notAMember();
      requireOpenConversation(access);
      await this.limits.enforce(em, 'contribution', caller.accountId);
      const html = renderMarkdown(input.body);
      if (!html) throw nothingToShow();
      const threadId = input.parentId ? await this.threadOf(em, conversation.id, input.parentId) : null;
      const mentions = [...new Set((input.mentions ?? []).map((id) => id.toLowerCase()))];
      await this.requireMembers(em, conversation.communityId, mentions);

      const id = uuidv7();
      await sqlRows(
        em,
        `INSERT INTO contributions (id, conversation_id, community_id, region_id, thread_id, parent_id, author_id, body, html)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)`,
        [id, conversation.id, conversation.communityId, conversation.regionId, threadId ?? id, threadId, caller.accountId, input.body, html],
      );
      const origin = originOf(ctx, conversation.regionId);
      await this.outbox.record(em, ContributionPosted, {
        contributionId: id, conversationId: conversation.id, conversationTitle: conversation.title, communityId: conversation.communityId, parentId: threadId,
        authorId: caller.accountId, body: input.body, visibility: conversation.visibility, revision: 0,
      }, origin);
      for (const accountId of mentions) {
        await sqlRows(em, 'INSERT INTO contribution_mentions (contribution_id, account_id) VALUES ($1, $2)', [id, accountId]);
        if (accountId === caller.accountId) continue; // nobody needs to hear that they named themselves
        await this.outbox.record(em, MemberMentioned, {
          contributionId: id, conversationId: conversation.id, communityId: conversation.communityId, mentionedAccountId: accountId, authorId: caller.accountId,
        }, origin);
      }
      await this.growth.afterWriting(em, conversation.id, origin);
      return { id };
    });
  }

  /** The author only; a deleted contribution stays deleted (409). */
  edit(ctx: RequestContext, input: { contributionId: string; body: string }): Promise<Contribution> {
    const caller = requireAccount(ctx);
    return idempotent(this.em, ctx, 'contribution.edit', async (em) => {
      const found = await this.forCaller(ctx, em, input.contributionId);
      if (found.authorId !== caller.accountId) throw notTheAuthor();
      if (found.deletedAt) throw contributionDeleted();
      const html = renderMarkdown(input.body);
      if (!html) throw nothingToShow();
      const revision = found.revision + 1;
      await sqlRows(em, 'UPDATE contributions SET body = $2, html = $3, revision = $4, edited_at = now() WHERE id = $1', [found.id, input.body, html, revision]);
      await this.outbox.record(em, ContributionEdited, {
        contributionId: found.id, conversationId: found.conversationId, conversationTitle: found.conversationTitle, communityId: found.communityId, authorId: found.authorId,
        body: input.body, visibility: found.visibility, revision,
      }, originOf(ctx, found.regionId));
      await this.growth.afterWriting(em, found.conversationId, originOf(ctx, found.regionId));
      return this.thread.one(ctx, found.id, isModerator(found), em);
    });
  }

  /**
   * The author, or a moderator (the community's organiser, a community librarian of its
   * region). The row stays so the thread shows where it was; its text and reactions go.
   * Deleting it again changes nothing.
   */
  delete(ctx: RequestContext, contributionId: string): Promise<Record<string, never>> {
    const caller = requireAccount(ctx);
    return idempotent(this.em, ctx, 'contribution.delete', async (em) => {
      const found = await this.forCaller(ctx, em, contributionId);
      if (found.authorId !== caller.accountId && !isModerator(found)) throw notAllowedToDelete();
      if (found.deletedAt) return {};
      await sqlRows(em, "UPDATE contributions SET body = '', html = '', deleted_at = now(), deleted_by = $2 WHERE id = $1", [found.id, caller.accountId]);
      await sqlRows(em, 'DELETE FROM contribution_reactions WHERE contribution_id = $1', [found.id]);
      await this.outbox.record(em, ContributionDeleted, {
        contributionId: found.id, conversationId: found.conversationId, communityId: found.communityId, deletedBy: caller.accountId,
      }, originOf(ctx, found.regionId));
      return {};
    });
  }

  /** The contribution, locked for this transaction, if the caller may see it (404 otherwise). */
  async forCaller(ctx: RequestContext, em: EntityManager, contributionId: string): Promise<ContributionForCaller> {
    const [row] = await sqlRows<Omit<ContributionForCaller, 'isRegionStaff'>>(
      em,
      `SELECT k.id, k.conversation_id AS "conversationId", v.title AS "conversationTitle", k.community_id AS "communityId", c.region_id AS "regionId", c.visibility,
              k.author_id AS "authorId", k.revision, k.deleted_at AS "deletedAt", m.role
         FROM contributions k JOIN communities c ON c.id = k.community_id JOIN conversations v ON v.id = k.conversation_id
         LEFT JOIN memberships m ON m.community_id = c.id AND m.account_id = $1::uuid
        WHERE k.id = $2
        FOR UPDATE OF k`,
      [ctx.accountId, contributionId],
    );
    if (!row) throw contributionNotFound();
    const access = accessTo(row, ctx, row.role);
    if (!access.canRead) throw contributionNotFound();
    return { ...row, isRegionStaff: access.isRegionStaff };
  }

  /** The thread a reply joins: that of the contribution it answers, which must be in the same conversation. */
  private async threadOf(em: EntityManager, conversationId: string, parentId: string): Promise<string> {
    const [parent] = await sqlRows<{ threadId: string }>(em, 'SELECT thread_id AS "threadId" FROM contributions WHERE id = $1 AND conversation_id = $2', [parentId, conversationId]);
    if (!parent) throw parentNotInConversation();
    return parent.threadId;
  }

  private async requireMembers(em: EntityManager, communityId: string, accountIds: string[]): Promise<void> {
    if (accountIds.length === 0) return;
    const members = await sqlRows<{ accountId: string }>(
      em,
      'SELECT account_id AS "accountId" FROM memberships WHERE community_id = $1 AND account_id = ANY($2::uuid[])',
      [communityId, accountIds],
    );
    const known = new Set(members.map((m) => m.accountId));
    const strangers = accountIds.filter((id) => !known.has(id));
    if (strangers.length > 0) throw mentionNotAMember(strangers);
  }
}

export const isModerator = (c: { role: CommunityRole | null; isRegionStaff: boolean }) => c.role === 'organiser' || c.role === 'moderator' || c.isRegionStaff;
