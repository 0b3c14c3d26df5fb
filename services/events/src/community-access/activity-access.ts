import { EntityManager } from '@mikro-orm/postgresql';
import { Injectable } from '@nestjs/common';
import { requireAccount } from '@kc/auth';
import type { RequestContext, RequestMeta } from '@kc/contracts';
import { Activity } from '../activity/activity.entity';
import { activityNotFound, notAllowedToManage } from '../activity/activity.errors';
import { CommunityAccessClient, mayManage } from './community-access';

/** An activity as the caller may reach it now, decided from its community (asked of communities). */
@Injectable()
export class ActivityAccess {
  constructor(
    private readonly em: EntityManager,
    private readonly communities: CommunityAccessClient,
  ) {}

  /** The activity, when the caller may see its community; 404 otherwise. */
  async visible(activityId: string, meta: RequestMeta): Promise<Activity> {
    const activity = await this.em.fork().findOne(Activity, { id: activityId });
    if (!activity) throw activityNotFound();
    if (!(await this.communities.of(activity.communityId, meta)).canRead) throw activityNotFound();
    return activity;
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
