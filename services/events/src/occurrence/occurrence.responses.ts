import type { Activity } from '../activity/activity.entity';
import { toActivityResponse } from '../activity/activity.responses';

/** One occurrence's own state: a series' row in activity_occurrences, or a single activity as its one occurrence. */
export interface OccurrenceState {
  originalStart: Date;
  startsAt: Date;
  endsAt: Date;
  /** The occurrence's or the whole series'. */
  cancelledAt: Date | null;
  capacity: number | null;
  attendeeCount: number;
  waitlistCount: number;
}

export interface OccurrenceRow {
  activity_id: string; original_start: Date; starts_at: Date; ends_at: Date; cancelled_at: Date | null;
  capacity: number | null; attendee_count: number; waitlist_count: number;
}

/** Columns of an occurrence row joined to its activity (`o`, `a`), the series' cancellation counting for each occurrence. */
export const OCCURRENCE_COLUMNS = `o.activity_id, o.original_start, o.starts_at, o.ends_at, coalesce(a.cancelled_at, o.cancelled_at) AS cancelled_at,
  o.capacity, o.attendee_count, o.waitlist_count`;

export const occurrenceFromRow = (row: OccurrenceRow): OccurrenceState => ({
  originalStart: new Date(row.original_start), startsAt: new Date(row.starts_at), endsAt: new Date(row.ends_at),
  cancelledAt: row.cancelled_at ? new Date(row.cancelled_at) : null, capacity: row.capacity, attendeeCount: row.attendee_count, waitlistCount: row.waitlist_count,
});

/** A single activity's one occurrence. */
export const singleOccurrence = (a: Activity): OccurrenceState => ({
  originalStart: a.startsAt, startsAt: a.startsAt, endsAt: a.endsAt, cancelledAt: a.cancelledAt, capacity: a.capacity, attendeeCount: a.attendeeCount, waitlistCount: a.waitlistCount,
});

/** The activity as calendars list one occurrence of it: the occurrence's times, places and cancellation. */
export const toOccurrenceItem = (a: Activity, o: OccurrenceState = singleOccurrence(a)) => ({
  ...toActivityResponse(a),
  startsAt: o.startsAt.toISOString(),
  endsAt: o.endsAt.toISOString(),
  capacity: o.capacity,
  attendeeCount: o.attendeeCount,
  waitlistCount: o.waitlistCount,
  cancelledAt: o.cancelledAt ? o.cancelledAt.toISOString() : null,
  occurrenceStart: o.originalStart.toISOString(),
});

export const toOccurrenceResponse = (activityId: string, o: OccurrenceState, mine?: { status: 'going' | 'waitlisted'; position: number | null }) => ({
  activityId,
  start: o.originalStart.toISOString(),
  startsAt: o.startsAt.toISOString(),
  endsAt: o.endsAt.toISOString(),
  moved: o.startsAt.getTime() !== o.originalStart.getTime(),
  cancelledAt: o.cancelledAt ? o.cancelledAt.toISOString() : null,
  capacity: o.capacity,
  attendeeCount: o.attendeeCount,
  waitlistCount: o.waitlistCount,
  myRsvp: mine?.status ?? null,
  myWaitlistPosition: mine?.position ?? null,
});
