import { EntityManager } from '@mikro-orm/postgresql';
import { Injectable } from '@nestjs/common';
import { DomainError, type Contribution, type RequestContext } from '@kc/contracts';
import { sqlRows } from '@kc/persistence';
import { AccountNameDirectory } from '../account-name/account-name.directory';
import { invalidCursor } from '../community/community.errors';
import { ConversationService } from '../conversation/conversation.service';
import { contributionNotFound } from './contribution.errors';
import { decodeThreadCursor, encodeThreadCursor, toContributionResponse, type ContributionRow, type Viewer } from './contribution.responses';

/** A contribution with its reaction counts and the caller's own reactions ($1: the caller). */
const CONTRIBUTION_WITH_REACTIONS = `SELECT k.id, k.conversation_id AS "conversationId", k.thread_id AS "threadId", k.parent_id AS "parentId",
       k.author_id AS "authorId", k.html, k.created_at AS "createdAt", k.edited_at AS "editedAt", k.deleted_at AS "deletedAt", k.hidden_at AS "hiddenAt", k.hidden_reason AS "hiddenReason",
       r.nuttig, r.eens, r.inspirerend, r.mine
  FROM contributions k
  LEFT JOIN LATERAL (
    SELECT count(*) FILTER (WHERE kind = 'nuttig') AS nuttig,
           count(*) FILTER (WHERE kind = 'eens') AS eens,
           count(*) FILTER (WHERE kind = 'inspirerend') AS inspirerend,
           array_agg(kind) FILTER (WHERE account_id = $1::uuid) AS mine
      FROM contribution_reactions WHERE contribution_id = k.id
  ) r ON true`;

/** Reading the thread of a conversation. */
@Injectable()
export class ContributionThreadService {
  constructor(
    private readonly em: EntityManager,
    private readonly conversations: ConversationService,
    private readonly names: AccountNameDirectory,
  ) {}

  /**
   * Thread by thread, oldest thread first; inside a thread the top-level contribution, then its
   * replies oldest first. Keyset-paginated on (thread, id), so a page never splits what came
   * before it.
   */
  async list(ctx: RequestContext, query: { conversationId: string; limit: number; cursor?: string }) {
    const after = query.cursor ? decodeThreadCursor(query.cursor) : null;
    if (query.cursor && !after) throw invalidCursor();
    const em = this.em.fork();
    const access = await this.conversations.readable(ctx, query.conversationId, em);
    const viewer = viewerOf(ctx, access.role === 'organiser' || access.role === 'moderator' || access.isRegionStaff);
    // A hidden conversation shows others its notice only, not its thread.
    if (access.conversation.hidden && !viewer.isModerator && access.conversation.authorId !== ctx.accountId) return { items: [], nextCursor: null };
    const rows = await sqlRows<ContributionRow>(
      em,
      `${CONTRIBUTION_WITH_REACTIONS}
        WHERE k.conversation_id = $2 AND ($3::uuid IS NULL OR (k.thread_id, k.id) > ($3::uuid, $4::uuid))
        ORDER BY k.thread_id, k.id
        LIMIT $5`,
      [ctx.accountId, query.conversationId, after?.threadId ?? null, after?.id ?? null, query.limit + 1],
    );
    const page = rows.slice(0, query.limit);
    const nameOf = await this.names.namesOf(ctx, page.map((row) => row.authorId));
    return {
      items: page.map((row) => toContributionResponse(row, nameOf(row.authorId), viewer)),
      nextCursor: rows.length > query.limit ? encodeThreadCursor(page[page.length - 1]!) : null,
    };
  }

  /** One contribution for a caller who may see its conversation (404 otherwise); the Markdown source only for its author. */
  async get(ctx: RequestContext, contributionId: string): Promise<Contribution & { source: string | null }> {
    const em = this.em.fork();
    const [place] = await sqlRows<{ conversationId: string; authorId: string; body: string }>(
      em, 'SELECT conversation_id AS "conversationId", author_id AS "authorId", body FROM contributions WHERE id = $1', [contributionId],
    );
    if (!place) throw contributionNotFound();
    const access = await this.conversations.readable(ctx, place.conversationId, em).catch((error: unknown) => {
      throw error instanceof DomainError && error.statusCode === 404 ? contributionNotFound() : error;
    });
    const contribution = await this.one(ctx, contributionId, access.role === 'organiser' || access.role === 'moderator' || access.isRegionStaff, em);
    return { ...contribution, source: contribution.canEdit ? place.body : null };
  }

  /** One contribution as the thread shows it to a viewer. */
  async one(ctx: RequestContext, id: string, isModerator: boolean, em: EntityManager): Promise<Contribution> {
    const [row] = await sqlRows<ContributionRow>(em, `${CONTRIBUTION_WITH_REACTIONS} WHERE k.id = $2`, [ctx.accountId, id]);
    if (!row) throw contributionNotFound();
    const nameOf = await this.names.namesOf(ctx, [row.authorId]);
    return toContributionResponse(row, nameOf(row.authorId), viewerOf(ctx, isModerator));
  }
}

const viewerOf = (ctx: RequestContext, isModerator: boolean): Viewer => ({ accountId: ctx.accountId, isModerator, lang: ctx.lang });
