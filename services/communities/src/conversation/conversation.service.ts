import { PostingLimits } from '../posting-limit/posting-limits';
import { EntityManager } from '@mikro-orm/postgresql';
import { Injectable } from '@nestjs/common';
import { requireAccount } from '@kc/auth';
import { conflict, ConversationStarted, type RequestContext } from '@kc/contracts';
import { EventOutbox, idempotent, originOf, OUTBOX_INSERT_COLUMNS } from '@kc/messaging';
import { sqlRows } from '@kc/persistence';
import { v7 as uuidv7 } from 'uuid';
import { invalidCursor, notAMember } from '../community/community.errors';
import type { CommunityRole, Visibility } from '../community/community.entity';
import { accessTo, decodeIdCursor, encodeIdCursor, type CommunityAccessView } from '../community/community.policy';
import { CommunityService } from '../community/community.service';
import { HIDDEN_NOTICE } from '../report/hidden-notice';
import { mayModerate } from '../membership/membership.service';
import { ConversationMediaReader } from './conversation-media.reader';
import { ConversationTitlesReader, excludedTitlesSql } from './conversation-titles.reader';
import { conversationNotFound } from './conversation.errors';
import { toConversationResponse, toConversationSummary, type ConversationRow, type ConversationSummaryRow } from './conversation.responses';

/** A conversation as the caller may use it: where it lives, and the caller's standing there. */
export interface ConversationAccess extends CommunityAccessView {
  conversation: { id: string; communityId: string; regionId: string; visibility: Visibility; title: string; authorId: string; hidden: boolean };
}

const conversationHidden = () =>
  conflict('CONVERSATION_HIDDEN', 'Dit gesprek is verborgen door een moderator; er kan niets meer bij tot het is teruggezet.', 'A moderator hid this conversation; nothing can be added until it is restored.');

/** Nothing is added to a conversation a moderator hid, except by its moderators (who may explain why). */
export function requireOpenConversation({ conversation, role, isRegionStaff }: ConversationAccess): void {
  if (conversation.hidden && role !== 'organiser' && role !== 'moderator' && !isRegionStaff) throw conversationHidden();
}

interface ConversationWithAccess extends ConversationRow {
  hasTitles: boolean;
  hasMedia: boolean;
  excludedTitleIds: string[];
  hiddenAt: Date | null;
  hiddenReason: string | null;
  regionId: string;
  visibility: Visibility;
  myRole: CommunityRole | null;
}

@Injectable()
export class ConversationService {
  constructor(
    private readonly em: EntityManager,
    private readonly outbox: EventOutbox,
    private readonly communities: CommunityService,
    private readonly titles: ConversationTitlesReader,
    private readonly media: ConversationMediaReader,
    private readonly limits: PostingLimits,
  ) {}

  /** Members only: 404 when the caller cannot see the community, 403 NOT_A_MEMBER when they can but are no member. */
  start(ctx: RequestContext, input: { communityId: string; title: string; body: string }): Promise<{ id: string }> {
    const caller = requireAccount(ctx);
    return idempotent(this.em, ctx, 'conversation.start', async (em) => {
      const { community, role } = await this.communities.readable(ctx, input.communityId, em);
      if (!role) throw notAMember();
      await this.limits.enforce(em, 'conversation', caller.accountId);
      const id = uuidv7();
      const started = this.outbox.prepare(ConversationStarted, {
        conversationId: id, communityId: community.id, title: input.title, body: input.body,
        visibility: community.visibility, revision: 0, authorId: caller.accountId,
      }, originOf(ctx, community.regionId));
      // The conversation and its event in one statement.
      await sqlRows(
        em,
        `WITH conversation AS (INSERT INTO conversations (id, community_id, region_id, title, body, author_id) VALUES ($1, $2, $3, $4, $5, $6))
         INSERT INTO ${OUTBOX_INSERT_COLUMNS} VALUES ($7, $8, $9)`,
        [id, community.id, community.regionId, input.title, input.body, caller.accountId, ...started.row],
      );
      return { id };
    });
  }

  /** Visible exactly when its community is (one query: the conversation, its community and the caller's role). */
  async get(ctx: RequestContext, id: string) {
    const em = this.em.fork();
    const [row] = await sqlRows<ConversationWithAccess>(
      em,
      `SELECT v.id, v.community_id AS "communityId", v.title, v.body, v.author_id AS "authorId", v.created_at AS "createdAt", v.suggestions,
              v.hidden_at AS "hiddenAt", v.hidden_reason AS "hiddenReason", c.region_id AS "regionId", c.visibility, m.role AS "myRole",
              EXISTS (SELECT 1 FROM conversation_titles t WHERE t.conversation_id = v.id) AS "hasTitles",
              EXISTS (SELECT 1 FROM media_references r WHERE r.conversation_id = v.id) AS "hasMedia",
              ARRAY(${excludedTitlesSql('v.id')})::text[] AS "excludedTitleIds"
         FROM conversations v JOIN communities c ON c.id = v.community_id
         LEFT JOIN memberships m ON m.community_id = c.id AND m.account_id = $1::uuid
        WHERE v.id = $2`,
      [ctx.accountId, id],
    );
    const access = row && accessTo(row, ctx, row.myRole);
    if (!row || !access?.canRead) throw conversationNotFound();
    const isModerator = (row.myRole === 'organiser' || row.myRole === 'moderator') || access.isRegionStaff;
    const hidden = row.hiddenAt !== null;
    if (hidden && !isModerator && row.authorId !== ctx.accountId) {
      const notice = HIDDEN_NOTICE[ctx.lang];
      return { ...toConversationResponse({ ...row, title: notice, body: '', suggestions: [] }, [], []), hidden, hiddenReason: null };
    }
    const moderation = { hidden, hiddenReason: hidden ? row.hiddenReason : null };
    // The statement above says whether there are titles and media to read: a conversation without them costs one round trip.
    const titles = row.hasTitles ? await this.titles.of(ctx, em, row.id, isModerator) : [];
    const media = row.hasMedia ? await this.media.of(ctx, em, row.id, isModerator) : [];
    // Stored suggestions leave out added and dismissed titles already; checked again, as the promise is "never".
    const excluded = new Set(row.excludedTitleIds);
    return { ...toConversationResponse({ ...row, suggestions: row.suggestions.filter((s) => !excluded.has(s.titleId)) }, titles, media), ...moderation };
  }

  /** The conversation if the caller may see it (404 otherwise), with the caller's role in its community. */
  async readable(ctx: RequestContext, id: string, em: EntityManager = this.em.fork()): Promise<ConversationAccess> {
    const [row] = await sqlRows<ConversationAccess['conversation'] & { myRole: CommunityRole | null }>(
      em,
      `SELECT v.id, v.community_id AS "communityId", v.title, v.author_id AS "authorId", v.hidden_at IS NOT NULL AS hidden, c.region_id AS "regionId", c.visibility, m.role AS "myRole"
         FROM conversations v JOIN communities c ON c.id = v.community_id
         LEFT JOIN memberships m ON m.community_id = c.id AND m.account_id = $1::uuid
        WHERE v.id = $2`,
      [ctx.accountId, id],
    );
    if (!row) throw conversationNotFound();
    const { myRole, ...conversation } = row;
    const access = accessTo(conversation, ctx, myRole);
    if (!access.canRead) throw conversationNotFound();
    return { conversation, ...access };
  }

  /** Newest first (ids are UUIDv7), keyset-paginated; 404 when the caller cannot see the community. */
  async list(ctx: RequestContext, query: { communityId: string; limit: number; cursor?: string }) {
    const after = query.cursor ? decodeIdCursor(query.cursor) : null;
    if (query.cursor && !after) throw invalidCursor();
    const em = this.em.fork();
    const access = await this.communities.readable(ctx, query.communityId, em);
    // A hidden conversation is listed only for its author and the moderators.
    const rows = await sqlRows<ConversationSummaryRow>(
      em,
      `SELECT id, community_id AS "communityId", title, author_id AS "authorId", created_at AS "createdAt", jsonb_array_length(suggestions) AS "suggestionCount"
         FROM conversations
        WHERE community_id = $1 AND ($2::uuid IS NULL OR id < $2::uuid)
          AND (hidden_at IS NULL OR $4::boolean OR author_id = $5::uuid)
        ORDER BY id DESC
        LIMIT $3`,
      [query.communityId, after, query.limit + 1, mayModerate(access), ctx.accountId],
    );
    const page = rows.slice(0, query.limit);
    return { items: page.map(toConversationSummary), nextCursor: rows.length > query.limit ? encodeIdCursor(page[page.length - 1]!.id) : null };
  }
}
