import { EntityManager } from '@mikro-orm/postgresql';
import { Injectable } from '@nestjs/common';
import { requireRegionMember } from '@kc/auth';
import { MemberBlocked, MemberLeft, MemberUnblocked, type RequestContext } from '@kc/contracts';
import { EventOutbox, idempotent, originOf } from '@kc/messaging';
import { sqlRows } from '@kc/persistence';
import { AccountNameDirectory } from '../account-name/account-name.directory';
import { recordCommunityAudit } from '../audit/community-audit';
import type { CommunityRole } from '../community/community.entity';
import { CommunityService } from '../community/community.service';
import { notAModerator } from '../membership/membership.errors';
import { mayModerate } from '../membership/membership.service';
import { blockNotFound, cannotBlockOrganiser, cannotBlockRole, cannotBlockYourself } from './block.errors';

interface BlockRow { accountId: string; reason: string; blockedBy: string; blockedAt: Date }
const COLUMNS = 'account_id AS "accountId", reason, blocked_by AS "blockedBy", blocked_at AS "blockedAt"';

/**
 * Blocks in a community, decided by its organisers, moderators and the region's community
 * librarians. Blocking takes a member out under the community's row lock (as removing does), and
 * every way in (joining, asking, an invitation, an approval) refuses a blocked account.
 */
@Injectable()
export class BlockService {
  constructor(
    private readonly em: EntityManager,
    private readonly outbox: EventOutbox,
    private readonly communities: CommunityService,
    private readonly names: AccountNameDirectory,
  ) {}

  block(ctx: RequestContext, input: { communityId: string; accountId: string; reason: string }) {
    const caller = requireRegionMember(ctx);
    return idempotent(this.em, ctx, 'member.block', async (em) => {
      await sqlRows(em, 'SELECT id FROM communities WHERE id = $1 FOR UPDATE', [input.communityId]);
      // Who may block is decided first: a caller who may not see or moderate the community learns nothing else about it.
      const access = await this.communities.readable(ctx, input.communityId, em);
      if (!mayModerate(access)) throw notAModerator();
      if (input.accountId === caller.accountId) throw cannotBlockYourself();
      const [member] = await sqlRows<{ role: CommunityRole }>(em, 'SELECT role FROM memberships WHERE community_id = $1 AND account_id = $2', [input.communityId, input.accountId]);
      if (member?.role === 'organiser') throw cannotBlockOrganiser();
      if (member?.role === 'moderator' && access.role !== 'organiser' && !access.isRegionStaff) throw cannotBlockRole();
      const [row] = await sqlRows<BlockRow>(
        em,
        `INSERT INTO community_blocks (community_id, account_id, reason, blocked_by) VALUES ($1, $2, $3, $4)
         ON CONFLICT (community_id, account_id) DO UPDATE SET reason = excluded.reason RETURNING ${COLUMNS}`,
        [input.communityId, input.accountId, input.reason, caller.accountId],
      );
      const origin = originOf(ctx, access.community.regionId);
      await sqlRows(em, 'DELETE FROM membership_requests WHERE community_id = $1 AND account_id = $2', [input.communityId, input.accountId]);
      if (member) {
        await sqlRows(em, 'DELETE FROM memberships WHERE community_id = $1 AND account_id = $2', [input.communityId, input.accountId]);
        await sqlRows(em, 'UPDATE communities SET member_count = greatest(member_count - 1, 0) WHERE id = $1', [input.communityId]);
        await this.outbox.record(em, MemberLeft, { communityId: input.communityId, accountId: input.accountId }, origin);
      }
      await this.outbox.record(em, MemberBlocked, { communityId: input.communityId, accountId: input.accountId, by: caller.accountId }, origin);
      await recordCommunityAudit(em, { communityId: input.communityId, actorId: caller.accountId, action: 'member.blocked', targetType: 'account', targetId: input.accountId, reason: input.reason });
      const nameOf = await this.names.namesOf(ctx, [input.accountId]);
      return toBlock(row!, nameOf);
    });
  }

  unblock(ctx: RequestContext, input: { communityId: string; accountId: string }) {
    const caller = requireRegionMember(ctx);
    return idempotent(this.em, ctx, 'member.unblock', async (em) => {
      const access = await this.communities.readable(ctx, input.communityId, em);
      if (!mayModerate(access)) throw notAModerator();
      const removed = await sqlRows(em, 'DELETE FROM community_blocks WHERE community_id = $1 AND account_id = $2 RETURNING account_id', [input.communityId, input.accountId]);
      if (removed.length === 0) throw blockNotFound();
      await this.outbox.record(em, MemberUnblocked, { communityId: input.communityId, accountId: input.accountId, by: caller.accountId }, originOf(ctx, access.community.regionId));
      await recordCommunityAudit(em, { communityId: input.communityId, actorId: caller.accountId, action: 'member.unblocked', targetType: 'account', targetId: input.accountId });
      return {};
    });
  }

  async list(ctx: RequestContext, communityId: string) {
    requireRegionMember(ctx);
    const em = this.em.fork();
    const access = await this.communities.readable(ctx, communityId, em);
    if (!mayModerate(access)) throw notAModerator();
    const rows = await sqlRows<BlockRow>(em, `SELECT ${COLUMNS} FROM community_blocks WHERE community_id = $1 ORDER BY blocked_at DESC LIMIT 500`, [communityId]);
    const nameOf = await this.names.namesOf(ctx, rows.map((r) => r.accountId));
    return { items: rows.map((r) => toBlock(r, nameOf)), nextCursor: null };
  }
}

const toBlock = (row: BlockRow, nameOf: (id: string) => string) => ({
  accountId: row.accountId, displayName: nameOf(row.accountId), reason: row.reason, blockedBy: row.blockedBy, blockedAt: new Date(row.blockedAt).toISOString(),
});
