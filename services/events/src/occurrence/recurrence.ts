import { ActivityLimits, type DomainError } from '@kc/contracts';
import { DateTime } from 'luxon';
import { RRule, type Options } from 'rrule';
import { invalidRrule, rruleStartMismatch, rruleTooLong, rruleUnsupported, rruleWithoutEnd } from './occurrence.errors';

/** The parts of an RRULE this calendar accepts: a meetup every day, week(s) or month(s), optionally on given days. */
const ALLOWED_PARTS = new Set(['FREQ', 'INTERVAL', 'COUNT', 'UNTIL', 'BYDAY', 'BYMONTHDAY', 'BYSETPOS', 'WKST']);
const FREQUENCIES: Record<string, number> = { DAILY: RRule.DAILY, WEEKLY: RRule.WEEKLY, MONTHLY: RRule.MONTHLY };
const UNTIL = /^(\d{4})(\d{2})(\d{2})(?:T(\d{2})(\d{2})(\d{2})(Z?))?$/;

export interface Series {
  /** The RRULE as stored and written in feeds: upper case, UNTIL in UTC (RFC 5545 §3.3.10 with a TZID start). */
  rrule: string;
  /** Original starts of every occurrence, the first being the activity's start. */
  starts: Date[];
}

/** A local wall time in `zone` as a "floating" Date whose UTC fields are that wall time (how rrule computes). */
const floating = (at: Date, zone: string) => {
  const local = DateTime.fromJSDate(at, { zone });
  return new Date(Date.UTC(local.year, local.month - 1, local.day, local.hour, local.minute, local.second));
};
/** The instant at which a floating wall time happens in `zone` (a time skipped by a DST change moves forward, as RFC 5545 says). */
const instant = (wall: Date, zone: string) =>
  DateTime.fromObject(
    { year: wall.getUTCFullYear(), month: wall.getUTCMonth() + 1, day: wall.getUTCDate(), hour: wall.getUTCHours(), minute: wall.getUTCMinutes(), second: wall.getUTCSeconds() },
    { zone },
  ).toJSDate();

/**
 * The occurrences of a recurring activity, or the rule it breaks. The RRULE is read from the first start's wall
 * time in the activity's zone (rrule computes on floating times; luxon puts each back in the zone), so a weekly
 * 19:30 stays 19:30 local across daylight-saving changes. At most {@link ActivityLimits.maxOccurrences}, all
 * within {@link ActivityLimits.maxRecurrenceYears} years of the first, which must be the activity's start.
 */
export function expandRecurrence(text: string, startsAt: Date, zone: string): Series | DomainError {
  const body = text.trim().toUpperCase().replace(/^RRULE:/, '');
  if (!/^[A-Z0-9=;,+-]+$/.test(body)) return invalidRrule();
  const parts = new Map<string, string>();
  for (const part of body.split(';')) {
    const [key, value, extra] = part.split('=');
    if (!key || !value || extra !== undefined || parts.has(key)) return invalidRrule();
    if (!ALLOWED_PARTS.has(key)) return rruleUnsupported(key);
    parts.set(key, value);
  }
  const freq = parts.get('FREQ');
  if (!freq) return invalidRrule();
  if (FREQUENCIES[freq] === undefined) return rruleUnsupported(`FREQ=${freq}`);
  if (!parts.has('COUNT') && !parts.has('UNTIL')) return rruleWithoutEnd();
  if (parts.has('COUNT') && parts.has('UNTIL')) return invalidRrule();
  const count = parts.has('COUNT') ? Number(parts.get('COUNT')) : undefined;
  if (count !== undefined && !(/^\d{1,4}$/.test(parts.get('COUNT')!) && count >= 1)) return invalidRrule();
  if (count !== undefined && count > ActivityLimits.maxOccurrences) return rruleTooLong();
  const interval = parts.has('INTERVAL') ? Number(parts.get('INTERVAL')) : 1;
  if (!(/^\d{1,3}$/.test(parts.get('INTERVAL') ?? '1') && interval >= 1)) return invalidRrule();

  const dtstart = floating(startsAt, zone);
  const limit = new Date(dtstart.getTime());
  limit.setUTCFullYear(limit.getUTCFullYear() + ActivityLimits.maxRecurrenceYears);
  let until: Date | undefined;
  if (parts.has('UNTIL')) {
    const m = UNTIL.exec(parts.get('UNTIL')!);
    if (!m) return invalidRrule();
    const [, y, mo, d, h = '23', mi = '59', s = '59', z] = m;
    const wall = new Date(Date.UTC(Number(y), Number(mo) - 1, Number(d), Number(h), Number(mi), Number(s)));
    if (Number.isNaN(wall.getTime()) || wall.getUTCDate() !== Number(d) || wall.getUTCMonth() !== Number(mo) - 1) return invalidRrule();
    // An UNTIL in UTC names an instant; a floating one a wall time in the activity's zone.
    until = z ? floating(wall, zone) : wall;
  }
  let options: Partial<Options>;
  try {
    options = RRule.parseString(body);
  } catch {
    return invalidRrule();
  }
  // Never compute beyond the limit (plus a margin to see that a rule reaches past it).
  const margin = new Date(limit.getTime() + 62 * 86_400_000);
  let walls: Date[];
  try {
    const rule = new RRule({ ...options, count: undefined, until: until && until < margin ? until : margin, dtstart, tzid: null });
    walls = rule.all((_, i) => i <= ActivityLimits.maxOccurrences);
  } catch {
    return invalidRrule();
  }
  if (count !== undefined) walls = walls.slice(0, count);
  if (walls.length === 0 || walls[0]!.getTime() !== dtstart.getTime()) return rruleStartMismatch();
  if (walls.length > ActivityLimits.maxOccurrences || walls.some((w) => w > limit)) return rruleTooLong();
  if (count !== undefined && walls.length < count) return rruleTooLong();
  const starts = walls.map((w) => instant(w, zone));
  starts[0] = startsAt;
  const stored = [...parts].map(([key, value]) => {
    if (key !== 'UNTIL') return `${key}=${value}`;
    return `UNTIL=${DateTime.fromJSDate(instant(until!, zone), { zone: 'utc' }).toFormat("yyyyLLdd'T'HHmmss'Z'")}`;
  });
  return { rrule: stored.join(';'), starts };
}
