import { EntityManager } from '@mikro-orm/postgresql';
import { Injectable } from '@nestjs/common';
import { requireAccount } from '@kc/auth';
import type { RequestContext, RequestMeta } from '@kc/contracts';
import { idempotent, originOf } from '@kc/messaging';
import { sqlRows } from '@kc/persistence';
import { Activity } from '../activity/activity.entity';
import { activityCancelled, activityEnded, invalidCursor, rsvpNotFound } from '../activity/activity.errors';
import { occurrenceFromRow, toOccurrenceItem, type OccurrenceRow } from '../occurrence/occurrence.responses';
import { decodeActivityCursor, encodeActivityCursor } from '../activity/activity.rules';
import { ActivityAccess } from '../community-access/activity-access';
import type { RsvpStatus } from './rsvp.entity';
import { Waitlist } from './waitlist';

@Injectable()
export class RsvpService {
  constructor(
    private readonly em: EntityManager,
    private readonly waitlist: Waitlist,
    private readonly activities: ActivityAccess,
  ) {}

  /**
   * Signs the caller up: a place while there is one, else the waitlist (decided under the
   * activity's row lock, see Waitlist). Signing up again returns the sign-up one has.
   */
  async register(ctx: RequestContext, meta: RequestMeta, activityId: string, occurrenceStart?: string) {
    const caller = requireAccount(ctx);
    const activity = await this.activities.visible(activityId, meta);
    return idempotent(this.em, ctx, 'rsvp.create', async (em) => {
      const locked = await this.waitlist.lock(em, activityId, occurrenceStart);
      let sign = await this.waitlist.signOf(em, activityId, caller.accountId, locked.occurrenceStart);
      if (!sign) {
        if (locked.cancelledAt) throw activityCancelled();
        if (locked.endsAt.getTime() <= Date.now()) throw activityEnded();
        sign = await this.waitlist.join(em, locked, caller.accountId, originOf(ctx, activity.regionId));
      }
      return {
        activityId, accountId: caller.accountId, status: sign.status, ...(sign.position === null ? {} : { position: sign.position }),
        ...(locked.recurring ? { occurrenceStart: locked.occurrenceStart.toISOString() } : {}),
      };
    });
  }

  /** Cancels the caller's own sign-up; a place it frees goes to the first on the waitlist in the same transaction. */
  async cancel(ctx: RequestContext, meta: RequestMeta, activityId: string, occurrenceStart?: string): Promise<Record<string, never>> {
    const caller = requireAccount(ctx);
    const activity = await this.activities.visible(activityId, meta);
    return idempotent(this.em, ctx, 'rsvp.cancel', async (em) => {
      const locked = await this.waitlist.lock(em, activityId, occurrenceStart);
      if (locked.endsAt.getTime() <= Date.now()) throw activityEnded();
      if (locked.cancelledAt) throw activityCancelled();
      if (!(await this.waitlist.leave(em, locked, caller.accountId, originOf(ctx, activity.regionId)))) throw rsvpNotFound();
      return {};
    });
  }

  /** Going and waitlist in order, for the community's organisers and the region's community librarians. */
  async attendees(ctx: RequestContext, meta: RequestMeta, activityId: string, occurrenceStart?: string) {
    await this.activities.manageable(ctx, activityId, meta);
    const occurrence = await this.waitlist.read(this.em.fork(), activityId, occurrenceStart);
    const rows = await sqlRows<{ account_id: string; status: RsvpStatus; status_since: Date; present: boolean | null }>(
      this.em.fork(),
      `SELECT r.account_id, r.status, r.status_since, a.present FROM rsvps r
         LEFT JOIN attendance a ON a.activity_id = r.activity_id AND a.occurrence_start = r.occurrence_start AND a.account_id = r.account_id
        WHERE r.activity_id = $1 AND r.occurrence_start = $2 ORDER BY r.status, r.queue_number`,
      [activityId, occurrence.occurrenceStart],
    );
    const since = (row: { status_since: Date }) => new Date(row.status_since).toISOString();
    return {
      activityId,
      capacity: occurrence.capacity,
      ...(occurrence.recurring ? { occurrenceStart: occurrence.occurrenceStart.toISOString() } : {}),
      going: rows.filter((r) => r.status === 'going').map((r) => ({ accountId: r.account_id, since: since(r), present: r.present })),
      waitlist: rows.filter((r) => r.status === 'waitlisted').map((r, i) => ({ accountId: r.account_id, since: since(r), position: i + 1 })),
    };
  }

  /** The caller's occurrences (upcoming soonest first, or past most recent first) with their own status. */
  async mine(ctx: RequestContext, query: { when: 'upcoming' | 'past'; limit: number; cursor?: string }) {
    const caller = requireAccount(ctx);
    const after = query.cursor ? decodeActivityCursor(query.cursor) : null;
    if (query.cursor && !after) throw invalidCursor();
    const upcoming = query.when === 'upcoming';
    const em = this.em.fork();
    const rows = await sqlRows<OccurrenceRow & { status: RsvpStatus; position: string | null; recurring: boolean }>(
      em,
      `SELECT * FROM (
         SELECT r.activity_id, r.occurrence_start AS original_start, coalesce(o.starts_at, a.starts_at) AS starts_at,
                coalesce(o.ends_at, a.ends_at) AS ends_at, coalesce(a.cancelled_at, o.cancelled_at) AS cancelled_at,
                CASE WHEN o.activity_id IS NULL THEN a.capacity ELSE o.capacity END AS capacity,
                coalesce(o.attendee_count, a.attendee_count) AS attendee_count, coalesce(o.waitlist_count, a.waitlist_count) AS waitlist_count,
                o.activity_id IS NOT NULL AS recurring, r.status,
                CASE WHEN r.status = 'waitlisted' THEN (
                  SELECT count(*) FROM rsvps w WHERE w.activity_id = r.activity_id AND w.occurrence_start = r.occurrence_start
                     AND w.status = 'waitlisted' AND w.queue_number <= r.queue_number
                ) END AS position
           FROM rsvps r JOIN activities a ON a.id = r.activity_id
           LEFT JOIN activity_occurrences o ON o.activity_id = r.activity_id AND o.original_start = r.occurrence_start
          WHERE r.account_id = $1) mine
       WHERE ${upcoming ? 'ends_at > $2' : 'ends_at <= $2'}
         AND ($3::timestamptz IS NULL OR (starts_at, activity_id) ${upcoming ? '>' : '<'} ($3::timestamptz, $4::uuid))
       ORDER BY starts_at ${upcoming ? 'ASC' : 'DESC'}, activity_id ${upcoming ? 'ASC' : 'DESC'}
       LIMIT $5`,
      [caller.accountId, new Date(), after?.startsAt ?? null, after?.id ?? null, query.limit + 1],
    );
    const page = rows.slice(0, query.limit);
    const byId = new Map((await em.find(Activity, { id: { $in: [...new Set(page.map((r) => r.activity_id))] } })).map((a) => [a.id, a]));
    const items = page.map((r) => ({
      ...toOccurrenceItem(byId.get(r.activity_id)!, occurrenceFromRow(r)),
      myRsvp: r.status, myWaitlistPosition: r.position === null ? null : Number(r.position),
    }));
    const last = page.at(-1);
    return { items, nextCursor: rows.length > query.limit && last ? encodeActivityCursor(new Date(last.starts_at), last.activity_id) : null };
  }
}
