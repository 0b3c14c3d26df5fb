import { EntityManager } from '@mikro-orm/postgresql';
import { Injectable } from '@nestjs/common';
import { requireAccount } from '@kc/auth';
import { ConversationStarted, DomainError, type RequestContext } from '@kc/contracts';
import { EventOutbox, idempotent, originOf } from '@kc/messaging';
import { notAMember } from '../community/community.errors';
import { CommunityService } from '../community/community.service';
import { Conversation } from './conversation.entity';
import { conversationNotFound } from './conversation.errors';
import { toConversationResponse } from './conversation.responses';

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

  /** Visible exactly when its community is. */
  async get(ctx: RequestContext, id: string) {
    const em = this.em.fork();
    const conversation = await em.findOne(Conversation, { id });
    if (!conversation) throw conversationNotFound();
    try {
      await this.communities.readable(ctx, conversation.communityId, em);
    } catch (error) {
      if (error instanceof DomainError && error.statusCode === 404) throw conversationNotFound();
      throw error;
    }
    return toConversationResponse(conversation);
  }
}
