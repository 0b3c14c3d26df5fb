import { EntityManager } from '@mikro-orm/postgresql';
import { Injectable } from '@nestjs/common';
import { requireAccount } from '@kc/auth';
import { ActivityCohostChanged, type RequestContext, type RequestMeta } from '@kc/contracts';
import { EventOutbox, idempotent, originOf } from '@kc/messaging';
import { sqlRows } from '@kc/persistence';
import { Activity } from '../activity/activity.entity';
import { activityCancelled, activityNotFound, communityNotFound, notAllowedToManage } from '../activity/activity.errors';
import { ActivityAccess } from '../community-access/activity-access';
import { CommunityAccessClient, mayManage } from '../community-access/community-access';
import {
  cohostActivityEnded, cohostAlreadyAnswered, cohostAlreadyInvited, cohostInvitationNotFound, cohostIsHost, cohostOtherRegion,
  notAllowedToAnswerCohost, notAllowedToSeeCohostInvitations, tooManyCohosts,
} from './cohost.errors';
import { cohostOf, cohostsOf, openInvitationsFor, type CohostRow } from './cohost.queries';

/** Invited or co-hosting communities of one activity at most (declined ones do not count). */
export const MAX_COHOSTS = 10;

const ended = (activity: Activity) => (activity.seriesEndsAt ?? activity.endsAt).getTime() <= Date.now();

/**
 * Co-hosting an activity with another community of the region. The host's organisers (and the
 * region's community librarians) invite; the invited community's organiser answers. Who may do
 * what is asked of communities each time, so a role taken away applies at once.
 */
@Injectable()
export class CohostService {
  constructor(
    private readonly em: EntityManager,
    private readonly outbox: EventOutbox,
    private readonly communities: CommunityAccessClient,
    private readonly activities: ActivityAccess,
  ) {}

  async invite(ctx: RequestContext, meta: RequestMeta, input: { activityId: string; communityId: string }) {
    const caller = requireAccount(ctx);
    const activity = await this.activities.manageable(ctx, input.activityId, meta);
    if (activity.communityId === input.communityId) throw cohostIsHost();
    const invited = await this.communities.of(input.communityId, meta);
    if (!invited.canRead) throw communityNotFound();
    if (invited.regionId !== activity.regionId) throw cohostOtherRegion();
    return idempotent(this.em, ctx, 'activity.cohost.invite', async (em) => {
      const [locked] = await sqlRows<{ cancelled_at: Date | null }>(em, 'SELECT cancelled_at FROM activities WHERE id = $1 FOR UPDATE', [activity.id]);
      if (locked.cancelled_at) throw activityCancelled();
      if (ended(activity)) throw cohostActivityEnded();
      const [{ count }] = await sqlRows<{ count: number }>(em, `SELECT count(*)::int AS count FROM activity_cohosts WHERE activity_id = $1 AND status <> 'declined'`, [activity.id]);
      if (count >= MAX_COHOSTS) throw tooManyCohosts(MAX_COHOSTS);
      // A declined invitation may be sent again; an open or accepted one not.
      const [row] = await sqlRows<CohostRow>(
        em,
        `INSERT INTO activity_cohosts (activity_id, community_id, status, invited_by) VALUES ($1, $2, 'invited', $3)
         ON CONFLICT (activity_id, community_id) DO UPDATE
           SET status = 'invited', invited_by = excluded.invited_by, invited_at = now(), answered_by = NULL, answered_at = NULL
           WHERE activity_cohosts.status = 'declined'
         RETURNING activity_id, community_id, status, invited_at, answered_at`,
        [activity.id, input.communityId, caller.accountId],
      );
      if (!row) throw cohostAlreadyInvited();
      await this.changed(em, ctx, activity, input.communityId, 'invited');
      return toCohost(row, invited.name);
    });
  }

  async answer(ctx: RequestContext, meta: RequestMeta, input: { activityId: string; communityId: string; accept: boolean }) {
    const caller = requireAccount(ctx);
    const activity = await this.em.fork().findOne(Activity, { id: input.activityId });
    if (!activity) throw activityNotFound();
    const invited = await this.communities.of(input.communityId, meta);
    if (!invited.canRead) throw communityNotFound();
    if (!mayManage(invited)) throw notAllowedToAnswerCohost();
    const status = input.accept ? 'accepted' : 'declined';
    return idempotent(this.em, ctx, 'activity.cohost.answer', async (em) => {
      const row = await cohostOf(em, activity.id, input.communityId, true);
      if (!row) throw cohostInvitationNotFound();
      if (row.status === status) return toCohost(row, invited.name);
      if (row.status !== 'invited') throw cohostAlreadyAnswered();
      if (activity.cancelledAt) throw activityCancelled();
      const [answered] = await sqlRows<CohostRow>(
        em,
        `UPDATE activity_cohosts SET status = $3, answered_by = $4, answered_at = now() WHERE activity_id = $1 AND community_id = $2
         RETURNING activity_id, community_id, status, invited_at, answered_at`,
        [activity.id, input.communityId, status, caller.accountId],
      );
      await this.changed(em, ctx, activity, input.communityId, status);
      return toCohost(answered, invited.name);
    });
  }

  /** The host's managers take a co-host off (or withdraw an invitation); the co-host's managers step back. */
  async remove(ctx: RequestContext, meta: RequestMeta, input: { activityId: string; communityId: string }) {
    requireAccount(ctx);
    const activity = await this.em.fork().findOne(Activity, { id: input.activityId });
    if (!activity) throw activityNotFound();
    const [host, cohost] = await Promise.all([this.communities.of(activity.communityId, meta), this.communities.of(input.communityId, meta)]);
    const hostManager = host.canRead && mayManage(host);
    if (!hostManager && !(cohost.canRead && mayManage(cohost))) {
      if (!host.canRead && !cohost.canRead) throw activityNotFound();
      throw notAllowedToManage();
    }
    await idempotent(this.em, ctx, 'activity.cohost.remove', async (em) => {
      const removed = await sqlRows(em, 'DELETE FROM activity_cohosts WHERE activity_id = $1 AND community_id = $2 RETURNING status', [activity.id, input.communityId]);
      if (removed.length === 0) throw cohostInvitationNotFound();
      await this.changed(em, ctx, activity, input.communityId, 'removed');
    });
    return {};
  }

  /** Whoever may see the activity sees its co-hosts; its managers also the open and declined invitations. */
  async list(ctx: RequestContext, meta: RequestMeta, activityId: string) {
    const activity = await this.activities.visible(activityId, meta);
    const host = await this.communities.of(activity.communityId, meta);
    const all = host.canRead && mayManage(host);
    const rows = (await cohostsOf(this.em.fork(), activity.id)).filter((r) => all || r.status === 'accepted');
    const names = await Promise.all(rows.map(async (r) => (await this.communities.of(r.community_id, meta)).name));
    return { items: rows.map((r, i) => toCohost(r, names[i])), nextCursor: null };
  }

  /** Open invitations for a community, for those who may answer them. */
  async invitations(ctx: RequestContext, meta: RequestMeta, communityId: string) {
    requireAccount(ctx);
    const community = await this.communities.of(communityId, meta);
    if (!community.canRead) throw communityNotFound();
    if (!mayManage(community)) throw notAllowedToSeeCohostInvitations();
    const em = this.em.fork();
    const open = await openInvitationsFor(em, communityId);
    const activities = new Map((await em.find(Activity, { id: { $in: open.map((o) => o.activity_id) } })).map((a) => [a.id, a]));
    const hostNames = new Map<string, string>();
    for (const hostId of new Set([...activities.values()].map((a) => a.communityId))) hostNames.set(hostId, (await this.communities.of(hostId, meta)).name);
    return {
      items: open.flatMap((o) => {
        const activity = activities.get(o.activity_id);
        if (!activity) return [];
        return [{
          activityId: activity.id, title: activity.title, startsAt: activity.startsAt.toISOString(), endsAt: activity.endsAt.toISOString(),
          hostCommunityId: activity.communityId, hostCommunityName: hostNames.get(activity.communityId) ?? '', invitedAt: new Date(o.invited_at).toISOString(),
        }];
      }),
      nextCursor: null,
    };
  }

  private changed(em: EntityManager, ctx: RequestContext, activity: Activity, communityId: string, status: 'invited' | 'accepted' | 'declined' | 'removed') {
    return this.outbox.record(em, ActivityCohostChanged, { activityId: activity.id, hostCommunityId: activity.communityId, communityId, status }, originOf(ctx, activity.regionId));
  }
}

function toCohost(row: CohostRow, name: string) {
  return {
    communityId: row.community_id, name, status: row.status,
    invitedAt: new Date(row.invited_at).toISOString(), answeredAt: row.answered_at ? new Date(row.answered_at).toISOString() : null,
  };
}
