import { EntityManager } from '@mikro-orm/postgresql';
import { Injectable } from '@nestjs/common';
import { OccurrenceCancelled, OccurrenceMoved, type RequestContext, type RequestMeta } from '@kc/contracts';
import { EventOutbox, idempotent, originOf } from '@kc/messaging';
import { sqlRows } from '@kc/persistence';
import type { Activity } from '../activity/activity.entity';
import { activityCancelled } from '../activity/activity.errors';
import { scheduleProblem } from '../activity/activity.rules';
import { invalidWindow } from '../calendar/calendar.errors';
import { ActivityAccess } from '../community-access/activity-access';
import type { RsvpStatus } from '../rsvp/rsvp.entity';
import { Waitlist } from '../rsvp/waitlist';
import { RoomBookings } from '../room-booking/room-bookings';
import { invalidOccurrenceChange, notRecurring, occurrenceAlreadyCancelled, occurrenceEnded, occurrenceOverlaps } from './occurrence.errors';
import { OCCURRENCE_COLUMNS, occurrenceFromRow, singleOccurrence, toOccurrenceResponse, type OccurrenceRow, type OccurrenceState } from './occurrence.responses';

export interface OccurrenceChange {
  activityId: string;
  start: string;
  cancelled?: true;
  startsAt?: string;
  endsAt?: string;
}

/**
 * The occurrences of an activity, addressed by their original start: a series has one row per occurrence
 * (made when it was scheduled), a single activity is its own one occurrence. Organisers cancel or move one
 * occurrence under its row lock, the same lock sign-ups for it take (Waitlist).
 */
@Injectable()
export class OccurrenceService {
  constructor(
    private readonly em: EntityManager,
    private readonly outbox: EventOutbox,
    private readonly activities: ActivityAccess,
    private readonly waitlist: Waitlist,
    private readonly rooms: RoomBookings,
  ) {}

  /** Occurrences that have not ended by `from` (default now) and start before `to`, soonest first, with the caller's sign-up for each. */
  async list(ctx: RequestContext, meta: RequestMeta, query: { activityId: string; from?: string; to?: string }) {
    const activity = await this.activities.visible(query.activityId, meta);
    const from = query.from ? new Date(query.from) : new Date();
    const to = query.to ? new Date(query.to) : null;
    if (to && !(to > from)) throw invalidWindow();
    const em = this.em.fork();
    const occurrences = (await this.of(em, activity)).filter((o) => o.endsAt > from && (!to || o.startsAt < to));
    const signs = ctx.accountId ? await this.signsOf(em, activity.id, ctx.accountId) : new Map();
    return { items: occurrences.map((o) => toOccurrenceResponse(activity.id, o, signs.get(o.originalStart.getTime()))), nextCursor: null };
  }

  /** Every occurrence of the activity, soonest first. */
  async of(em: EntityManager, activity: Activity): Promise<OccurrenceState[]> {
    if (!activity.rrule) return [singleOccurrence(activity)];
    const rows = await sqlRows<OccurrenceRow>(
      em,
      `SELECT ${OCCURRENCE_COLUMNS} FROM activity_occurrences o JOIN activities a ON a.id = o.activity_id WHERE o.activity_id = $1 ORDER BY o.starts_at, o.original_start`,
      [activity.id],
    );
    return rows.map(occurrenceFromRow);
  }

  /** The occurrences of several series at once (for calendars and feeds), by activity id; single activities have none here. */
  async ofSeries(em: EntityManager, activities: Activity[]): Promise<Map<string, OccurrenceState[]>> {
    const ids = activities.filter((a) => a.rrule).map((a) => a.id);
    const byActivity = new Map<string, OccurrenceState[]>();
    if (ids.length === 0) return byActivity;
    const rows = await sqlRows<OccurrenceRow>(
      em,
      `SELECT ${OCCURRENCE_COLUMNS} FROM activity_occurrences o JOIN activities a ON a.id = o.activity_id WHERE o.activity_id = ANY($1::uuid[]) ORDER BY o.activity_id, o.original_start`,
      [ids],
    );
    for (const row of rows) {
      const list = byActivity.get(row.activity_id) ?? [];
      list.push(occurrenceFromRow(row));
      byActivity.set(row.activity_id, list);
    }
    return byActivity;
  }

  /** Cancels one occurrence of a series, or moves it; everyone signed up for it gets an event and keeps their sign-up when it moves. */
  async update(ctx: RequestContext, meta: RequestMeta, change: OccurrenceChange) {
    const activity = await this.activities.manageable(ctx, change.activityId, meta);
    const cancelling = change.cancelled === true && change.startsAt === undefined && change.endsAt === undefined;
    const moving = change.cancelled === undefined && change.startsAt !== undefined && change.endsAt !== undefined;
    if (!cancelling && !moving) throw invalidOccurrenceChange();
    if (moving) {
      const problem = scheduleProblem({
        startsAt: change.startsAt!, endsAt: change.endsAt!, timeZone: activity.timeZone, mode: activity.mode,
        location: activity.location ?? undefined, onlineUrl: activity.onlineUrl ?? undefined,
      });
      if (problem) throw problem;
    }
    if (!activity.rrule) throw notRecurring();
    const start = await idempotent(this.em, ctx, 'occurrence.update', async (em) => {
      const occurrence = await this.waitlist.lock(em, change.activityId, change.start);
      const [series] = await sqlRows<{ cancelled_at: Date | null }>(em, 'SELECT cancelled_at FROM activities WHERE id = $1', [change.activityId]);
      if (series?.cancelled_at) throw activityCancelled();
      if (occurrence.cancelledAt) throw occurrenceAlreadyCancelled();
      if (occurrence.endsAt.getTime() <= Date.now()) throw occurrenceEnded();
      const attendees = await sqlRows<{ account_id: string }>(
        em, 'SELECT account_id FROM rsvps WHERE activity_id = $1 AND occurrence_start = $2 ORDER BY status, queue_number', [change.activityId, occurrence.occurrenceStart],
      );
      const base = { activityId: change.activityId, communityId: occurrence.communityId, occurrenceStart: occurrence.occurrenceStart.toISOString(), attendees: attendees.map((a) => a.account_id) };
      const origin = originOf(ctx, occurrence.regionId);
      if (cancelling) {
        await sqlRows(em, 'UPDATE activity_occurrences SET cancelled_at = now() WHERE activity_id = $1 AND original_start = $2', [change.activityId, occurrence.occurrenceStart]);
        await this.rooms.free(em, change.activityId, occurrence.occurrenceStart);
        await this.outbox.record(em, OccurrenceCancelled, base, origin);
      } else {
        const startsAt = new Date(change.startsAt!);
        const endsAt = new Date(change.endsAt!);
        const [other] = await sqlRows<{ starts_at: Date; ends_at: Date }>(
          em,
          `SELECT starts_at, ends_at FROM activity_occurrences WHERE activity_id = $1 AND original_start <> $2 AND cancelled_at IS NULL
             AND starts_at < $4 AND ends_at > $3 ORDER BY starts_at LIMIT 1`,
          [change.activityId, occurrence.occurrenceStart, startsAt, endsAt],
        );
        if (other) throw occurrenceOverlaps({ startsAt: new Date(other.starts_at), endsAt: new Date(other.ends_at) }, activity.timeZone);
        await sqlRows(em, 'UPDATE activity_occurrences SET starts_at = $3, ends_at = $4 WHERE activity_id = $1 AND original_start = $2', [change.activityId, occurrence.occurrenceStart, startsAt, endsAt]);
        await this.rooms.move(em, activity, { occurrenceStart: occurrence.occurrenceStart, startsAt, endsAt });
        await sqlRows(em, 'UPDATE activities SET series_ends_at = (SELECT max(ends_at) FROM activity_occurrences WHERE activity_id = $1) WHERE id = $1', [change.activityId]);
        await this.outbox.record(em, OccurrenceMoved, { ...base, startsAt: startsAt.toISOString(), endsAt: endsAt.toISOString() }, origin);
      }
      return occurrence.occurrenceStart.toISOString();
    });
    const em = this.em.fork();
    const [row] = await sqlRows<OccurrenceRow>(
      em, `SELECT ${OCCURRENCE_COLUMNS} FROM activity_occurrences o JOIN activities a ON a.id = o.activity_id WHERE o.activity_id = $1 AND o.original_start = $2`, [change.activityId, new Date(start)],
    );
    return toOccurrenceResponse(change.activityId, occurrenceFromRow(row!));
  }

  /** The account's sign-ups for the activity's occurrences, by original start (ms). */
  private async signsOf(em: EntityManager, activityId: string, accountId: string) {
    const rows = await sqlRows<{ occurrence_start: Date; status: RsvpStatus; position: string | null }>(
      em,
      `SELECT r.occurrence_start, r.status, CASE WHEN r.status = 'waitlisted' THEN (
          SELECT count(*) FROM rsvps w WHERE w.activity_id = r.activity_id AND w.occurrence_start = r.occurrence_start
             AND w.status = 'waitlisted' AND w.queue_number <= r.queue_number
        ) END AS position
       FROM rsvps r WHERE r.activity_id = $1 AND r.account_id = $2`,
      [activityId, accountId],
    );
    return new Map(rows.map((r) => [new Date(r.occurrence_start).getTime(), { status: r.status, position: r.position === null ? null : Number(r.position) }]));
  }
}
