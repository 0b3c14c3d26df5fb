import { EntityManager } from '@mikro-orm/postgresql';
import { Injectable } from '@nestjs/common';
import { requireAccount } from '@kc/auth';
import type { RequestContext } from '@kc/contracts';
import { idempotent } from '@kc/messaging';
import { sqlRows } from '@kc/persistence';
import { recordCommunityAudit } from '../audit/community-audit';
import { CommunityService, type ReadableCommunity } from '../community/community.service';
import { notAnOrganiser } from '../membership/membership.errors';
import { alreadyPartner, organisationOfOtherRegion, partnerNotFound } from './organisation.errors';
import { OrganisationService } from './organisation.service';

const organises = (access: ReadableCommunity) => access.role === 'organiser' || access.isRegionStaff;

/**
 * Organisations co-hosting a community (ADR 0037): its organisers name one directly (no
 * invitation: the organisation's admins can end it at any time, and the community's log keeps
 * who named it); shown on the community page as "In samenwerking met …".
 */
@Injectable()
export class CommunityPartnerService {
  constructor(
    private readonly em: EntityManager,
    private readonly communities: CommunityService,
    private readonly organisations: OrganisationService,
  ) {}

  add(ctx: RequestContext, input: { communityId: string; organisationId: string }) {
    const caller = requireAccount(ctx);
    return idempotent(this.em, ctx, 'community.partner.add', async (em) => {
      const access = await this.communities.readable(ctx, input.communityId, em);
      if (!organises(access)) throw notAnOrganiser();
      const { org } = await this.organisations.accessOf(ctx, input.organisationId, em);
      if (org.regionId !== null && org.regionId !== access.community.regionId) throw organisationOfOtherRegion();
      const added = await sqlRows(
        em, 'INSERT INTO community_partners (community_id, organisation_id, added_by) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING RETURNING organisation_id', [access.community.id, org.id, caller.accountId],
      );
      if (added.length === 0) throw alreadyPartner();
      await recordCommunityAudit(em, { communityId: access.community.id, actorId: caller.accountId, action: 'partner.added', targetType: 'organisation', targetId: org.id });
      return { organisationId: org.id, name: org.name };
    });
  }

  remove(ctx: RequestContext, input: { communityId: string; organisationId: string }) {
    const caller = requireAccount(ctx);
    return idempotent(this.em, ctx, 'community.partner.remove', async (em) => {
      const access = await this.communities.readable(ctx, input.communityId, em);
      if (!organises(access)) {
        const { canManage } = await this.organisations.accessOf(ctx, input.organisationId, em);
        if (!canManage) throw notAnOrganiser();
      }
      const removed = await sqlRows(em, 'DELETE FROM community_partners WHERE community_id = $1 AND organisation_id = $2 RETURNING organisation_id', [access.community.id, input.organisationId]);
      if (removed.length === 0) throw partnerNotFound();
      await recordCommunityAudit(em, { communityId: access.community.id, actorId: caller.accountId, action: 'partner.removed', targetType: 'organisation', targetId: input.organisationId });
      return {};
    });
  }

  async list(ctx: RequestContext, communityId: string) {
    const em = this.em.fork();
    await this.communities.readable(ctx, communityId, em);
    const items = await sqlRows<{ organisationId: string; name: string }>(
      em, 'SELECT o.id AS "organisationId", o.name FROM community_partners p JOIN organisations o ON o.id = p.organisation_id WHERE p.community_id = $1 ORDER BY p.added_at LIMIT 50', [communityId],
    );
    return { items };
  }
}
