import { EntityManager, type FilterQuery } from '@mikro-orm/postgresql';
import { Injectable } from '@nestjs/common';
import { requireAccount } from '@kc/auth';
import type { RequestContext, RequestMeta } from '@kc/contracts';
import { idempotent } from '@kc/messaging';
import { sqlRows } from '@kc/persistence';
import { Activity } from '../activity/activity.entity';
import { invalidCursor } from '../activity/activity.errors';
import { toActivityResponse } from '../activity/activity.responses';
import { decodeActivityCursor, encodeActivityCursor, upcomingOnly } from '../activity/activity.rules';
import { ActivityAccess } from '../community-access/activity-access';
import { alreadyPartner, organisationNotFound, organisationOfOtherRegion, partnerNotFound } from './partner.errors';

/** At most this many of an organisation's upcoming members-only activities are checked for the caller (each asks communities). */
const MEMBERS_ONLY_CANDIDATES = 200;

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

  /**
   * The upcoming activities an organisation co-hosts that the caller may see, soonest first: the
   * public ones, and a members-only one only when the caller may read it (its community, or a
   * community co-hosting it that they belong to: `ActivityAccess.mayRead`, as its own page decides).
   */
  async activitiesOf(ctx: RequestContext, meta: RequestMeta, query: { organisationId: string; limit: number; cursor?: string }) {
    const after = query.cursor ? decodeActivityCursor(query.cursor) : null;
    if (query.cursor && !after) throw invalidCursor();
    const em = this.em.fork();
    const [org] = await sqlRows<{ id: string }>(em, 'SELECT id FROM organisations WHERE id = $1', [query.organisationId]);
    if (!org) throw organisationNotFound();
    const partnered = (await sqlRows<{ id: string }>(em, 'SELECT activity_id AS id FROM activity_partners WHERE organisation_id = $1', [org.id])).map((r) => r.id);
    const upcoming: FilterQuery<Activity> = { $and: [{ id: { $in: partnered } }, upcomingOnly(new Date())] };
    const membersOnly = ctx.accountId ? await em.find(Activity, { $and: [upcoming, { visibility: 'members' }] }, { limit: MEMBERS_ONLY_CANDIDATES }) : [];
    const readable = (await Promise.all(membersOnly.map(async (a) => ((await this.activities.mayRead(em, a, meta)) ? a.id : null)))).filter((id): id is string => id !== null);
    const keyset: FilterQuery<Activity> = after ? { $or: [{ startsAt: { $gt: after.startsAt } }, { startsAt: after.startsAt, id: { $gt: after.id } }] } : {};
    const rows = await em.find(
      Activity,
      { $and: [upcoming, { $or: [{ visibility: 'public' }, { id: { $in: readable } }] }, keyset] },
      { orderBy: [{ startsAt: 'asc' }, { id: 'asc' }], limit: query.limit + 1 },
    );
    const page = rows.slice(0, query.limit);
    const last = page.at(-1);
    return { items: page.map(toActivityResponse), nextCursor: rows.length > query.limit && last ? encodeActivityCursor(last.startsAt, last.id) : null };
  }
}
