import { EntityManager } from '@mikro-orm/postgresql';
import { Injectable } from '@nestjs/common';
import { requireAccount } from '@kc/auth';
import { RsvpRegistered, type RequestContext, type RequestMeta } from '@kc/contracts';
import { EventOutbox, idempotent, originOf } from '@kc/messaging';
import { Activity } from '../activity/activity.entity';
import { activityEnded, activityFull, activityNotFound } from '../activity/activity.errors';
import { CommunityAccessClient } from '../community-access/community-access';
import type { RsvpStatus } from './rsvp.entity';

@Injectable()
export class RsvpService {
  constructor(
    private readonly em: EntityManager,
    private readonly outbox: EventOutbox,
    private readonly communities: CommunityAccessClient,
  ) {}

  /**
   * Signs the caller up. The activity row is locked (`SELECT … FOR UPDATE`) while the places
   * are counted and taken, so concurrent sign-ups never overbook; a second sign-up of the same
   * account returns the first.
   */
  async register(ctx: RequestContext, meta: RequestMeta, activityId: string): Promise<{ activityId: string; accountId: string; status: RsvpStatus }> {
    const caller = requireAccount(ctx);
    const activity = await this.em.fork().findOne(Activity, { id: activityId });
    if (!activity) throw activityNotFound();
    const access = await this.communities.of(activity.communityId, meta);
    if (!access.canRead) throw activityNotFound();
    return idempotent(this.em, ctx, 'rsvp.create', async (em) => {
      const [locked] = await em.execute<{ capacity: number | null; attendee_count: number; ends_at: Date }[]>(
        'SELECT capacity, attendee_count, ends_at FROM activities WHERE id = ? FOR UPDATE', [activityId]);
      if (!locked) throw activityNotFound();
      const [existing] = await em.execute<{ status: RsvpStatus }[]>('SELECT status FROM rsvps WHERE activity_id = ? AND account_id = ?', [activityId, caller.accountId]);
      if (existing) return { activityId, accountId: caller.accountId, status: existing.status };
      if (new Date(locked.ends_at).getTime() <= Date.now()) throw activityEnded();
      if (locked.capacity !== null && locked.attendee_count >= locked.capacity) throw activityFull();
      await em.execute("INSERT INTO rsvps (activity_id, account_id, status) VALUES (?, ?, 'confirmed')", [activityId, caller.accountId]);
      await em.execute('UPDATE activities SET attendee_count = attendee_count + 1 WHERE id = ?', [activityId]);
      await this.outbox.record(em, RsvpRegistered, { activityId, accountId: caller.accountId, status: 'confirmed' }, originOf(ctx, activity.regionId));
      return { activityId, accountId: caller.accountId, status: 'confirmed' as const };
    });
  }
}
