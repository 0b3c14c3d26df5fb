import type { EntityManager } from '@mikro-orm/postgresql';
import { Injectable } from '@nestjs/common';
import { RsvpCancelled, RsvpRegistered, WaitlistPromoted } from '@kc/contracts';
import { EventOutbox, type EventOrigin } from '@kc/messaging';
import { sqlRows } from '@kc/persistence';
import { activityNotFound } from '../activity/activity.errors';
import type { RsvpStatus } from './rsvp.entity';

/** The activity row as the waitlist sees it, read under `SELECT … FOR UPDATE`. */
export interface LockedActivity {
  id: string;
  regionId: string;
  communityId: string;
  capacity: number | null;
  attendeeCount: number;
  waitlistCount: number;
  endsAt: Date;
  cancelledAt: Date | null;
}

export interface Sign {
  status: RsvpStatus;
  /** 1 for the first on the waitlist; null when going. */
  position: number | null;
}

const LOCK = `SELECT id, region_id, community_id, capacity, attendee_count, waitlist_count, ends_at, cancelled_at
  FROM activities WHERE id = $1 FOR UPDATE`;

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

  async lock(em: EntityManager, activityId: string): Promise<LockedActivity> {
    const [row] = await sqlRows<{
      id: string; region_id: string; community_id: string; capacity: number | null; attendee_count: number; waitlist_count: number; ends_at: Date; cancelled_at: Date | null;
    }>(em, LOCK, [activityId]);
    if (!row) throw activityNotFound();
    return {
      id: row.id, regionId: row.region_id, communityId: row.community_id, capacity: row.capacity, attendeeCount: row.attendee_count,
      waitlistCount: row.waitlist_count, endsAt: new Date(row.ends_at), cancelledAt: row.cancelled_at ? new Date(row.cancelled_at) : null,
    };
  }

  /** The account's sign-up for the activity, with its waitlist position. */
  async signOf(em: EntityManager, activityId: string, accountId: string): Promise<Sign | undefined> {
    const [row] = await sqlRows<{ status: RsvpStatus; position: string | null }>(
      em,
      `SELECT r.status, CASE WHEN r.status = 'waitlisted' THEN (
          SELECT count(*) FROM rsvps w WHERE w.activity_id = r.activity_id AND w.status = 'waitlisted' AND w.queue_number <= r.queue_number
        ) END AS position
       FROM rsvps r WHERE r.activity_id = $1 AND r.account_id = $2`,
      [activityId, accountId],
    );
    return row ? { status: row.status, position: row.position === null ? null : Number(row.position) } : undefined;
  }

  /** A place when one is free (and nobody waits), else the end of the waitlist. */
  async join(em: EntityManager, activity: LockedActivity, accountId: string, origin: EventOrigin): Promise<Sign> {
    const hasPlace = activity.capacity === null || activity.attendeeCount < activity.capacity;
    const status: RsvpStatus = hasPlace ? 'going' : 'waitlisted';
    await sqlRows(em, 'INSERT INTO rsvps (activity_id, account_id, status) VALUES ($1, $2, $3)', [activity.id, accountId, status]);
    if (hasPlace) activity.attendeeCount++;
    else activity.waitlistCount++;
    await this.saveCounts(em, activity);
    const position = hasPlace ? null : activity.waitlistCount;
    await this.outbox.record(em, RsvpRegistered, { activityId: activity.id, accountId, status, position }, origin);
    return { status, position };
  }

  /** Removes the account's sign-up; a freed place goes to the first on the waitlist. Undefined when there was none. */
  async leave(em: EntityManager, activity: LockedActivity, accountId: string, origin: EventOrigin): Promise<RsvpStatus | undefined> {
    const [removed] = await sqlRows<{ status: RsvpStatus }>(em, 'DELETE FROM rsvps WHERE activity_id = $1 AND account_id = $2 RETURNING status', [activity.id, accountId]);
    if (!removed) return undefined;
    if (removed.status === 'going') activity.attendeeCount--;
    else activity.waitlistCount--;
    await this.outbox.record(em, RsvpCancelled, { activityId: activity.id, accountId, was: removed.status }, origin);
    await this.promote(em, activity, origin);
    await this.saveCounts(em, activity);
    return removed.status;
  }

  /** A new capacity (null: no maximum); places it frees go to the waitlist in order. */
  async setCapacity(em: EntityManager, activity: LockedActivity, capacity: number | null, origin: EventOrigin): Promise<void> {
    activity.capacity = capacity;
    await sqlRows(em, 'UPDATE activities SET capacity = $2 WHERE id = $1', [activity.id, capacity]);
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
        WHERE activity_id = $1 AND account_id IN (
          SELECT account_id FROM rsvps WHERE activity_id = $1 AND status = 'waitlisted' ORDER BY queue_number LIMIT $2)
        RETURNING account_id, queue_number`,
      [activity.id, free],
    );
    promoted.sort((a, b) => Number(a.queue_number) - Number(b.queue_number));
    activity.attendeeCount += promoted.length;
    activity.waitlistCount -= promoted.length;
    for (const { account_id } of promoted) {
      await this.outbox.record(em, WaitlistPromoted, { activityId: activity.id, accountId: account_id }, origin);
    }
  }

  private async saveCounts(em: EntityManager, activity: LockedActivity): Promise<void> {
    await sqlRows(em, 'UPDATE activities SET attendee_count = $2, waitlist_count = $3 WHERE id = $1', [activity.id, activity.attendeeCount, activity.waitlistCount]);
  }
}
