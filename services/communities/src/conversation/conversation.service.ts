import { EntityManager } from '@mikro-orm/postgresql';
import { Injectable } from '@nestjs/common';
import { requireAccount } from '@kc/auth';
import { ConversationStarted, type RequestContext } from '@kc/contracts';
import { EventOutbox, idempotent, originOf } from '@kc/messaging';
import { notAMember } from '../community/community.errors';
import type { CommunityRole, Visibility } from '../community/community.entity';
import { accessTo } from '../community/community.policy';
import { CommunityService } from '../community/community.service';
import { Conversation } from './conversation.entity';
import { conversationNotFound } from './conversation.errors';
import { toConversationResponse, type ConversationRow } from './conversation.responses';

interface ConversationWithAccess extends ConversationRow {
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
  ) {}

  /** Members only: 404 when the caller cannot see the community, 403 NOT_A_MEMBER when they can but are no member. */
  start(ctx: RequestContext, input: { communityId: string; title: string; body: string }): Promise<{ id: string }> {
    const caller = requireAccount(ctx);
    return idempotent(this.em, ctx, 'conversation.start', async (em) => {
      const { community, role } = await this.communities.readable(ctx, input.communityId, em);
      if (!role) throw notAMember();
      const conversation = new Conversation({
        communityId: community.id, regionId: community.regionId, title: input.title, body: input.body, authorId: caller.accountId,
      });
      em.persist(conversation);
      await this.outbox.record(em, ConversationStarted, {
        conversationId: conversation.id, communityId: community.id, title: conversation.title, body: conversation.body,
        visibility: community.visibility, revision: conversation.revision, authorId: caller.accountId,
      }, originOf(ctx, community.regionId));
      return { id: conversation.id };
    });
  }

  /** Visible exactly when its community is (one query: the conversation, its community and the caller's role). */
  async get(ctx: RequestContext, id: string) {
    const [row] = await this.em.fork().execute<ConversationWithAccess[]>(
      `SELECT v.id, v.community_id AS "communityId", v.title, v.body, v.author_id AS "authorId", v.created_at AS "createdAt", v.suggestions,
              c.region_id AS "regionId", c.visibility, m.role AS "myRole"
         FROM conversations v JOIN communities c ON c.id = v.community_id
         LEFT JOIN memberships m ON m.community_id = c.id AND m.account_id = ?::uuid
        WHERE v.id = ?`,
      [ctx.accountId, id],
    );
    if (!row || !accessTo(row, ctx, row.myRole).canRead) throw conversationNotFound();
    return toConversationResponse(row);
  }
}
