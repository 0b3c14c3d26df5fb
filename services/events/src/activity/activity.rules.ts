import { ActivityLimits, Id, type DomainError } from '@kc/contracts';
import type { ActivityMode } from './activity.entity';
import { activityTooLong, invalidTimeRange, invalidTimeZone, locationRequired, onlineUrlRequired, startOutOfRange } from './activity.errors';

const DAY_MS = 86_400_000;
export const EARLIEST_START = new Date(ActivityLimits.earliestStart);

/** The latest `startsAt` accepted at `now`: the same calendar day and time, `maxYearsAhead` years on (UTC). */
export function latestStart(now: Date): Date {
  const latest = new Date(now.getTime());
  latest.setUTCFullYear(latest.getUTCFullYear() + ActivityLimits.maxYearsAhead);
  return latest;
}

/** An IANA zone name (`Europe/Amsterdam`, `UTC`) that this runtime knows; offsets like `+01:00` are refused. */
export function isValidTimeZone(zone: string): boolean {
  if (!/^[A-Za-z][A-Za-z0-9_+-]*(\/[A-Za-z0-9_+-]+)*$/.test(zone)) return false;
  try {
    new Intl.DateTimeFormat('en', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

export interface ScheduleInput {
  startsAt: string;
  endsAt: string;
  timeZone: string;
  mode: ActivityMode;
  location?: string;
  onlineUrl?: string;
}

/**
 * The first rule an activity breaks, or null: the checks the contract's schema cannot express.
 * The date limits (ActivityLimits) keep every stored activity in a range the calendar feed, the
 * database and the keyset cursor handle cheaply; an activity is a meetup, not a season.
 */
export function scheduleProblem(input: ScheduleInput, now: Date = new Date()): DomainError | null {
  const startsAt = new Date(input.startsAt).getTime();
  const endsAt = new Date(input.endsAt).getTime();
  if (!(endsAt > startsAt)) return invalidTimeRange();
  if (!(startsAt >= EARLIEST_START.getTime() && startsAt <= latestStart(now).getTime())) return startOutOfRange();
  if (endsAt - startsAt > ActivityLimits.maxDurationDays * DAY_MS) return activityTooLong();
  if (!isValidTimeZone(input.timeZone)) return invalidTimeZone(input.timeZone);
  if ((input.mode === 'in_person' || input.mode === 'hybrid') && !input.location) return locationRequired();
  if ((input.mode === 'online' || input.mode === 'hybrid') && !input.onlineUrl) return onlineUrlRequired();
  return null;
}

/** Not yet ended: a single activity until its end, a series until its last occurrence ended. */
export const upcomingOnly = (now: Date) => ({ $or: [{ seriesEndsAt: null, endsAt: { $gt: now } }, { seriesEndsAt: { $gt: now } }] });

/** Opaque keyset cursor over (startsAt, id): base64url of `["<toISOString()>","<uuid>"]`. */
export const encodeActivityCursor = (startsAt: Date, id: string) => Buffer.from(JSON.stringify([startsAt.toISOString(), id])).toString('base64url');

const CURSOR_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;

/**
 * The position a cursor from encodeActivityCursor names, or null for anything else: exactly two
 * elements, the instant exactly as toISOString() writes it (four-digit year, UTC) and within the
 * start range scheduling accepts, the id a real UUID. Whatever passes is safe to hand to
 * PostgreSQL; the caller answers null with 400 INVALID_CURSOR.
 */
export function decodeActivityCursor(cursor: string, now: Date = new Date()): { startsAt: Date; id: string } | null {
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    return null;
  }
  if (!Array.isArray(parsed) || parsed.length !== 2) return null;
  const [instant, id] = parsed as unknown[];
  if (typeof instant !== 'string' || !CURSOR_INSTANT.test(instant) || typeof id !== 'string' || !Id.safeParse(id).success) return null;
  const startsAt = new Date(instant);
  if (Number.isNaN(startsAt.getTime()) || startsAt.toISOString() !== instant) return null;
  if (startsAt < EARLIEST_START || startsAt > latestStart(now)) return null;
  return { startsAt, id: id.toLowerCase() };
}
