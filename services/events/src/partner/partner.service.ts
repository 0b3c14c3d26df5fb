import { EntityManager } from '@mikro-orm/postgresql';
import { Injectable } from '@nestjs/common';
import { requireAccount } from '@kc/auth';
import type { RequestContext, RequestMeta } from '@kc/contracts';
import { idempotent } from '@kc/messaging';
import { sqlRows } from '@kc/persistence';
import { ActivityAccess } from '../community-access/activity-access';
import { alreadyPartner, organisationNotFound, organisationOfOtherRegion, partnerNotFound } from './partner.errors';

/** Partner organisations of an activity (ADR 0037): its host community's organisers name them directly. */
@Injectable()
export class PartnerService {
  constructor(private readonly em: EntityManager, private readonly activities: ActivityAccess) {}

  async add(ctx: RequestContext, meta: RequestMeta, input: { activityId: string; organisationId: string }) {
    const caller = requireAccount(ctx);
    const activity = await this.activities.manageable(ctx, input.activityId, meta);
    return idempotent(this.em, ctx, 'activity.partner.add', async (em) => {
      const [org] = await sqlRows<{ id: string; regionId: string | null; name: string }>(em, 'SELECT id, region_id AS "regionId", name FROM organisations WHERE id = $1', [input.organisationId]);
      if (!org) throw organisationNotFound();
      if (org.regionId !== null && org.regionId !== activity.regionId) throw organisationOfOtherRegion();
      const added = await sqlRows(em, 'INSERT INTO activity_partners (activity_id, organisation_id, added_by) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING RETURNING organisation_id', [activity.id, org.id, caller.accountId]);
      if (added.length === 0) throw alreadyPartner();
      return { organisationId: org.id, name: org.name };
    });
  }

  async remove(ctx: RequestContext, meta: RequestMeta, input: { activityId: string; organisationId: string }) {
    const activity = await this.activities.manageable(ctx, input.activityId, meta);
    return idempotent(this.em, ctx, 'activity.partner.remove', async (em) => {
      const removed = await sqlRows(em, 'DELETE FROM activity_partners WHERE activity_id = $1 AND organisation_id = $2 RETURNING organisation_id', [activity.id, input.organisationId]);
      if (removed.length === 0) throw partnerNotFound();
      return {};
    });
  }

  async list(meta: RequestMeta, activityId: string) {
    const activity = await this.activities.visible(activityId, meta);
    const items = await sqlRows<{ organisationId: string; name: string }>(
      this.em.fork(), 'SELECT o.id AS "organisationId", o.name FROM activity_partners p JOIN organisations o ON o.id = p.organisation_id WHERE p.activity_id = $1 ORDER BY p.added_at LIMIT 50', [activity.id],
    );
    return { items };
  }
}
