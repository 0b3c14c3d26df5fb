import type { EntityManager } from '@mikro-orm/postgresql';
import { Injectable } from '@nestjs/common';
import { RsvpCancelled, RsvpRegistered, WaitlistPromoted } from '@kc/contracts';
import { EventOutbox, type EventOrigin } from '@kc/messaging';
import { sqlRows } from '@kc/persistence';
import { activityNotFound } from '../activity/activity.errors';
import { occurrenceNotFound, occurrenceRequired } from '../occurrence/occurrence.errors';
import type { RsvpStatus } from './rsvp.entity';

/** The activity row as the waitlist sees it, read under `SELECT … FOR UPDATE`. */
export interface LockedActivity {
  id: string;
  regionId: string;
  communityId: string;
  capacity: number | null;
  attendeeCount: number;
  waitlistCount: number;
  startsAt: Date;
  endsAt: Date;
  /** The activity's or (for a series) the occurrence's; a cancelled series cancels every occurrence. */
  cancelledAt: Date | null;
  /** The original start of the occurrence whose places these are (a single activity's start). */
  occurrenceStart: Date;
  /** An occurrence of a series: its places are kept on its activity_occurrences row. */
  recurring: boolean;
}

export interface Sign {
  status: RsvpStatus;
  /** 1 for the first on the waitlist; null when going. */
  position: number | null;
}

const LOCK = `SELECT id, region_id, community_id, capacity, attendee_count, waitlist_count, starts_at, ends_at, cancelled_at, rrule
  FROM activities WHERE id = $1 FOR UPDATE`;
const LOCK_OCCURRENCE = `SELECT a.id, a.region_id, a.community_id, o.capacity, o.attendee_count, o.waitlist_count, o.starts_at, o.ends_at,
    coalesce(a.cancelled_at, o.cancelled_at) AS cancelled_at, o.original_start
  FROM activity_occurrences o JOIN activities a ON a.id = o.activity_id
  WHERE o.activity_id = $1 AND o.original_start = $2 FOR UPDATE OF o`;

interface LockRow {
  id: string; region_id: string; community_id: string; capacity: number | null; attendee_count: number; waitlist_count: number;
  starts_at: Date; ends_at: Date; cancelled_at: Date | null;
}
const locked = (row: LockRow, occurrenceStart: Date, recurring: boolean): LockedActivity => ({
  id: row.id, regionId: row.region_id, communityId: row.community_id, capacity: row.capacity, attendeeCount: row.attendee_count,
  waitlistCount: row.waitlist_count, startsAt: new Date(row.starts_at), endsAt: new Date(row.ends_at),
  cancelledAt: row.cancelled_at ? new Date(row.cancelled_at) : null, occurrenceStart, recurring,
});
/** The instant an occurrence address names, or null for one that is not a real instant. */
export const occurrenceInstant = (start: string | undefined): Date | null => {
  if (start === undefined) return null;
  const at = new Date(start);
  return Number.isNaN(at.getTime()) ? null : at;
};

/**
 * The places and the waitlist of an activity. Every change runs in the caller's transaction
 * after {@link lock}: the activity row is held with `SELECT … FOR UPDATE`, so sign-ups,
 * cancellations and capacity changes of one activity happen one after another, the going count
 * never passes the capacity (also a CHECK in the table), and the queue numbers taken under the
 * lock are the order in which the waitlist is served.
 */
@Injectable()
export class Waitlist {
  constructor(private readonly outbox: EventOutbox) {}

  /**
   * Locks the places of one occurrence: a single activity's row (its one occurrence; `occurrenceStart`, when
   * given, must be its start), or the occurrence's row of a series (`occurrenceStart` required). 404 for an
   * occurrence that does not exist, 409 OCCURRENCE_REQUIRED for a series without one.
   */
  lock(em: EntityManager, activityId: string, occurrenceStart?: string): Promise<LockedActivity> {
    return this.place(em, activityId, occurrenceStart, true);
  }

  /** The places of one occurrence as {@link lock} finds them, without locking (for reading). */
  read(em: EntityManager, activityId: string, occurrenceStart?: string): Promise<LockedActivity> {
    return this.place(em, activityId, occurrenceStart, false);
  }

  private async place(em: EntityManager, activityId: string, occurrenceStart: string | undefined, forUpdate: boolean): Promise<LockedActivity> {
    const [kind] = await sqlRows<{ rrule: string | null; starts_at: Date }>(em, 'SELECT rrule, starts_at FROM activities WHERE id = $1', [activityId]);
    if (!kind) throw activityNotFound();
    const at = occurrenceInstant(occurrenceStart);
    if (occurrenceStart !== undefined && !at) throw occurrenceNotFound();
    if (!kind.rrule) {
      if (at && at.getTime() !== new Date(kind.starts_at).getTime()) throw occurrenceNotFound();
      if (!forUpdate) {
        const [row] = await sqlRows<LockRow>(em, LOCK.replace(' FOR UPDATE', ''), [activityId]);
        return locked(row!, new Date(row!.starts_at), false);
      }
      return this.lockActivity(em, activityId);
    }
    if (!at) throw occurrenceRequired();
    const [row] = await sqlRows<LockRow>(em, forUpdate ? LOCK_OCCURRENCE : LOCK_OCCURRENCE.replace(' FOR UPDATE OF o', ''), [activityId, at]);
    if (!row) throw occurrenceNotFound();
    return locked(row, at, true);
  }

  /** Locks the activity row itself (cancelling, changing the capacity); for a single activity also its places. */
  async lockActivity(em: EntityManager, activityId: string): Promise<LockedActivity & { rrule: string | null }> {
    const [row] = await sqlRows<LockRow & { rrule: string | null }>(em, LOCK, [activityId]);
    if (!row) throw activityNotFound();
    return { ...locked(row, new Date(row.starts_at), false), rrule: row.rrule };
  }

  /** Every occurrence of a series, locked in order of their start (after {@link lockActivity}). */
  async lockOccurrences(em: EntityManager, activityId: string): Promise<LockedActivity[]> {
    const rows = await sqlRows<LockRow & { original_start: Date }>(
      em,
      `SELECT a.id, a.region_id, a.community_id, o.capacity, o.attendee_count, o.waitlist_count, o.starts_at, o.ends_at,
              coalesce(a.cancelled_at, o.cancelled_at) AS cancelled_at, o.original_start
         FROM activity_occurrences o JOIN activities a ON a.id = o.activity_id
        WHERE o.activity_id = $1 ORDER BY o.original_start FOR UPDATE OF o`,
      [activityId],
    );
    return rows.map((row) => locked(row, new Date(row.original_start), true));
  }

  /** The account's sign-up for the occurrence, with its waitlist position. */
  async signOf(em: EntityManager, activityId: string, accountId: string, occurrenceStart: Date): Promise<Sign | undefined> {
    const [row] = await sqlRows<{ status: RsvpStatus; position: string | null }>(
      em,
      `SELECT r.status, CASE WHEN r.status = 'waitlisted' THEN (
          SELECT count(*) FROM rsvps w WHERE w.activity_id = r.activity_id AND w.occurrence_start = r.occurrence_start
             AND w.status = 'waitlisted' AND w.queue_number <= r.queue_number
        ) END AS position
       FROM rsvps r WHERE r.activity_id = $1 AND r.account_id = $2 AND r.occurrence_start = $3`,
      [activityId, accountId, occurrenceStart],
    );
    return row ? { status: row.status, position: row.position === null ? null : Number(row.position) } : undefined;
  }

  /** A place when one is free (and nobody waits), else the end of the waitlist. */
  async join(em: EntityManager, activity: LockedActivity, accountId: string, origin: EventOrigin): Promise<Sign> {
    const hasPlace = activity.capacity === null || activity.attendeeCount < activity.capacity;
    const status: RsvpStatus = hasPlace ? 'going' : 'waitlisted';
    await sqlRows(em, 'INSERT INTO rsvps (activity_id, account_id, status, occurrence_start) VALUES ($1, $2, $3, $4)', [activity.id, accountId, status, activity.occurrenceStart]);
    if (hasPlace) activity.attendeeCount++;
    else activity.waitlistCount++;
    await this.saveCounts(em, activity);
    const position = hasPlace ? null : activity.waitlistCount;
    await this.outbox.record(em, RsvpRegistered, { activityId: activity.id, accountId, status, position, ...this.occurrenceOf(activity) }, origin);
    return { status, position };
  }

  /** Removes the account's sign-up; a freed place goes to the first on the waitlist. Undefined when there was none. */
  async leave(em: EntityManager, activity: LockedActivity, accountId: string, origin: EventOrigin): Promise<RsvpStatus | undefined> {
    const [removed] = await sqlRows<{ status: RsvpStatus }>(em, 'DELETE FROM rsvps WHERE activity_id = $1 AND account_id = $2 AND occurrence_start = $3 RETURNING status', [activity.id, accountId, activity.occurrenceStart]);
    if (!removed) return undefined;
    if (removed.status === 'going') activity.attendeeCount--;
    else activity.waitlistCount--;
    await this.outbox.record(em, RsvpCancelled, { activityId: activity.id, accountId, was: removed.status, ...this.occurrenceOf(activity) }, origin);
    await this.promote(em, activity, origin);
    await this.saveCounts(em, activity);
    return removed.status;
  }

  /** A new capacity (null: no maximum); places it frees go to the waitlist in order. */
  async setCapacity(em: EntityManager, activity: LockedActivity, capacity: number | null, origin: EventOrigin): Promise<void> {
    activity.capacity = capacity;
    if (activity.recurring) await sqlRows(em, 'UPDATE activity_occurrences SET capacity = $3 WHERE activity_id = $1 AND original_start = $2', [activity.id, activity.occurrenceStart, capacity]);
    else await sqlRows(em, 'UPDATE activities SET capacity = $2 WHERE id = $1', [activity.id, capacity]);
    await this.promote(em, activity, origin);
    await this.saveCounts(em, activity);
  }

  /** Gives every free place to the lowest queue numbers on the waitlist, one event per promotion. */
  private async promote(em: EntityManager, activity: LockedActivity, origin: EventOrigin): Promise<void> {
    const free = activity.capacity === null ? activity.waitlistCount : Math.min(activity.waitlistCount, activity.capacity - activity.attendeeCount);
    if (free <= 0) return;
    const promoted = await sqlRows<{ account_id: string; queue_number: string }>(
      em,
      `UPDATE rsvps SET status = 'going', status_since = now()
        WHERE activity_id = $1 AND occurrence_start = $3 AND account_id IN (
          SELECT account_id FROM rsvps WHERE activity_id = $1 AND occurrence_start = $3 AND status = 'waitlisted' ORDER BY queue_number LIMIT $2)
        RETURNING account_id, queue_number`,
      [activity.id, free, activity.occurrenceStart],
    );
    promoted.sort((a, b) => Number(a.queue_number) - Number(b.queue_number));
    activity.attendeeCount += promoted.length;
    activity.waitlistCount -= promoted.length;
    for (const { account_id } of promoted) {
      await this.outbox.record(em, WaitlistPromoted, { activityId: activity.id, accountId: account_id, ...this.occurrenceOf(activity) }, origin);
    }
  }

  /** Events about an occurrence of a series name it; those of a single activity stay as they were. */
  private occurrenceOf(activity: LockedActivity): { occurrenceStart?: string } {
    return activity.recurring ? { occurrenceStart: activity.occurrenceStart.toISOString() } : {};
  }

  private async saveCounts(em: EntityManager, activity: LockedActivity): Promise<void> {
    if (activity.recurring) {
      await sqlRows(em, 'UPDATE activity_occurrences SET attendee_count = $3, waitlist_count = $4 WHERE activity_id = $1 AND original_start = $2', [
        activity.id, activity.occurrenceStart, activity.attendeeCount, activity.waitlistCount,
      ]);
      return;
    }
    await sqlRows(em, 'UPDATE activities SET attendee_count = $2, waitlist_count = $3 WHERE id = $1', [activity.id, activity.attendeeCount, activity.waitlistCount]);
  }
}
