import ical from 'ical-generator';
import { DateTime } from 'luxon';
import type { Activity } from './activity.entity';

const DEFAULT_ZONE = 'Europe/Amsterdam';

const offset = (minutes: number) => {
  const sign = minutes < 0 ? '-' : '+';
  const abs = Math.abs(minutes);
  return `${sign}${String(Math.floor(abs / 60)).padStart(2, '0')}${String(abs % 60).padStart(2, '0')}`;
};

/**
 * A VTIMEZONE for `zone` (RFC 5545 §3.6.5) from the runtime's own time zone data: every UTC
 * offset change between `from` and `to` becomes one STANDARD or DAYLIGHT observance, so the
 * calendar stays correct for any IANA zone without a bundled rule table.
 */
export function vtimezone(zone: string, from: DateTime, to: DateTime): string {
  const observance = (at: DateTime, fromOffset: number) => {
    const kind = at.isInDST ? 'DAYLIGHT' : 'STANDARD';
    const localOnset = at.toUTC().plus({ minutes: fromOffset }).toFormat("yyyyLLdd'T'HHmmss");
    return [`BEGIN:${kind}`, `DTSTART:${localOnset}`, `TZOFFSETFROM:${offset(fromOffset)}`, `TZOFFSETTO:${offset(at.offset)}`, `TZNAME:${at.offsetNameShort ?? offset(at.offset)}`, `END:${kind}`];
  };
  let cursor = from.setZone(zone).startOf('day');
  const lines = ['BEGIN:VTIMEZONE', `TZID:${zone}`, ...observance(cursor, cursor.offset)];
  const end = to.setZone(zone);
  while (cursor < end) {
    const next = cursor.plus({ days: 1 });
    if (next.offset !== cursor.offset) {
      // Narrow the change down to the minute.
      let lo = cursor.toMillis();
      let hi = next.toMillis();
      while (hi - lo > 60_000) {
        const mid = lo + Math.floor((hi - lo) / 120_000) * 60_000; // whole minutes: lo < mid < hi
        if (DateTime.fromMillis(mid, { zone }).offset === cursor.offset) lo = mid;
        else hi = mid;
      }
      lines.push(...observance(DateTime.fromMillis(hi, { zone }), cursor.offset));
    }
    cursor = next;
  }
  lines.push('END:VTIMEZONE');
  return lines.join('\r\n');
}

/** The community's activities as RFC 5545 text, times with TZID and a matching VTIMEZONE. */
export function communityCalendar(input: { communityName: string; domain: string; activities: Activity[]; now?: Date }): string {
  const now = DateTime.fromJSDate(input.now ?? new Date());
  const starts = input.activities.map((a) => DateTime.fromJSDate(a.startsAt));
  const ends = input.activities.map((a) => DateTime.fromJSDate(a.endsAt));
  const from = DateTime.min(now, ...starts).minus({ days: 1 });
  const to = DateTime.max(now.plus({ years: 1 }), ...ends).plus({ days: 1 });
  const calendar = ical({
    name: `Activiteiten van ${input.communityName}`,
    description: `Activiteitenkalender van de community ${input.communityName} op KennisCloud`,
    prodId: { company: 'KennisCloud', product: 'activiteiten', language: 'NL' },
    timezone: { name: DEFAULT_ZONE, generator: (zone) => vtimezone(zone, from, to) },
  });
  for (const activity of input.activities) {
    const zone = activity.timeZone;
    calendar.createEvent({
      id: `${activity.id}@${input.domain}`,
      start: DateTime.fromJSDate(activity.startsAt, { zone }),
      end: DateTime.fromJSDate(activity.endsAt, { zone }),
      timezone: zone,
      stamp: DateTime.fromJSDate(activity.createdAt),
      summary: activity.title,
      description: activity.description || null,
      location: activity.location,
      url: activity.mode === 'in_person' ? null : activity.onlineUrl,
    });
  }
  return calendar.toString();
}
