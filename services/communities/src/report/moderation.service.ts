import { EntityManager } from '@mikro-orm/postgresql';
import { Injectable } from '@nestjs/common';
import { requireAccount } from '@kc/auth';
import { ContentHidden, ContentRestored, type ModeratedTargetType, type RequestContext } from '@kc/contracts';
import { EventOutbox, idempotent, originOf } from '@kc/messaging';
import { sqlRows } from '@kc/persistence';
import { recordCommunityAudit } from '../audit/community-audit';
import { announceCollections } from '../collection/collection-announcements';
import { notAModerator } from '../membership/membership.errors';
import { collectionsShowing, moderationTarget, restoredDocument, setHidden } from './moderation-targets';

type Answer = { targetType: ModeratedTargetType; targetId: string; hidden: boolean };

/**
 * Hiding and restoring content: the community's organisers and moderators and the region's
 * community librarians. Hidden content stays in its place (a thread keeps the notice), leaves
 * search at once and leaves the theme collections of those who may not see it. Every change is
 * in the community audit log, in the same transaction.
 */
@Injectable()
export class ModerationService {
  constructor(
    private readonly em: EntityManager,
    private readonly outbox: EventOutbox,
  ) {}

  /** Resolves the open reports of the target; hiding it again changes nothing (nor records anything). */
  hide(ctx: RequestContext, input: { targetType: ModeratedTargetType; targetId: string; reason: string }): Promise<Answer> {
    const caller = requireAccount(ctx);
    return idempotent(this.em, ctx, 'content.hide', async (em) => {
      const target = await moderationTarget(em, ctx, input.targetType, input.targetId, true);
      if (!target.mayModerate) throw notAModerator();
      await sqlRows(
        em,
        `UPDATE reports SET status = 'hidden', resolved_at = now(), resolved_by = $3 WHERE target_type = $1 AND target_id = $2 AND status = 'open'`,
        [target.type, target.id, caller.accountId],
      );
      if (await setHidden(em, target, { by: caller.accountId, reason: input.reason })) {
        const origin = originOf(ctx, target.regionId);
        await this.outbox.record(em, ContentHidden, { targetType: target.type, targetId: target.id, communityId: target.communityId, by: caller.accountId }, origin);
        await announceCollections(em, this.outbox, await collectionsShowing(em, target), originOf(ctx));
        await recordCommunityAudit(em, { communityId: target.communityId, actorId: caller.accountId, action: 'content.hidden', targetType: target.type, targetId: target.id, reason: input.reason });
      }
      return { targetType: target.type, targetId: target.id, hidden: true };
    });
  }

  /** Search indexes it again from the restored event; restoring visible content changes nothing. */
  restore(ctx: RequestContext, input: { targetType: ModeratedTargetType; targetId: string }): Promise<Answer> {
    const caller = requireAccount(ctx);
    return idempotent(this.em, ctx, 'content.restore', async (em) => {
      const target = await moderationTarget(em, ctx, input.targetType, input.targetId, true);
      if (!target.mayModerate) throw notAModerator();
      if (await setHidden(em, target, null)) {
        const document = await restoredDocument(em, target);
        await this.outbox.record(em, ContentRestored, {
          targetType: target.type, targetId: target.id, communityId: target.communityId, by: caller.accountId, document,
        }, originOf(ctx, target.regionId));
        await announceCollections(em, this.outbox, await collectionsShowing(em, target), originOf(ctx));
        await recordCommunityAudit(em, { communityId: target.communityId, actorId: caller.accountId, action: 'content.restored', targetType: target.type, targetId: target.id });
      }
      return { targetType: target.type, targetId: target.id, hidden: false };
    });
  }
}
