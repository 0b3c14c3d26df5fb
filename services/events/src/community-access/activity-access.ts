import { EntityManager } from '@mikro-orm/postgresql';
import { Injectable } from '@nestjs/common';
import { requireAccount } from '@kc/auth';
import type { RequestContext, RequestMeta } from '@kc/contracts';
import { Activity } from '../activity/activity.entity';
import { activityNotFound, notAllowedToManage } from '../activity/activity.errors';
import { acceptedCohosts } from '../cohost/cohost.queries';
import { belongsTo, CommunityAccessClient, mayManage } from './community-access';

/** An activity as the caller may reach it now, decided from its community (asked of communities). */
@Injectable()
export class ActivityAccess {
  constructor(
    private readonly em: EntityManager,
    private readonly communities: CommunityAccessClient,
  ) {}

  /** The activity, when the caller may see its community or one that co-hosts it; 404 otherwise. */
  async visible(activityId: string, meta: RequestMeta): Promise<Activity> {
    const em = this.em.fork();
    const activity = await em.findOne(Activity, { id: activityId });
    if (!activity || !(await this.mayRead(em, activity, meta))) throw activityNotFound();
    return activity;
  }

  /**
   * Whoever may read its community sees it, and the members of the communities that co-host it
   * (members: a public co-host must not make a members-only activity public).
   */
  async mayRead(em: EntityManager, activity: Activity, meta: RequestMeta): Promise<boolean> {
    if ((await this.communities.of(activity.communityId, meta)).canRead) return true;
    for (const cohost of (await acceptedCohosts(em, [activity.id])).get(activity.id) ?? []) {
      if (belongsTo(await this.communities.of(cohost, meta))) return true;
    }
    return false;
  }

  /** The activity, for its community's organisers and the region's community librarians (401, 404, then 403). */
  async manageable(ctx: RequestContext, activityId: string, meta: RequestMeta): Promise<Activity> {
    requireAccount(ctx);
    const activity = await this.em.fork().findOne(Activity, { id: activityId });
    if (!activity) throw activityNotFound();
    const access = await this.communities.of(activity.communityId, meta);
    if (!access.canRead) throw activityNotFound();
    if (!mayManage(access)) throw notAllowedToManage();
    return activity;
  }
}
