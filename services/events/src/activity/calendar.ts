import ical, { ICalEventStatus } from 'ical-generator';
import { DateTime } from 'luxon';
import { tzlib_get_ical_block, tzlib_get_offset } from 'timezones-ical-library';
import type { OccurrenceState } from '../occurrence/occurrence.responses';
import type { Activity } from './activity.entity';

const DEFAULT_ZONE = 'Europe/Amsterdam';
/** Where an activity's times go when its own zone cannot be described faithfully (see zoneFor). */
const FALLBACK_ZONE = 'Etc/UTC';

/*
 * VTIMEZONE definitions come from timezones-ical-library (add2cal, Apache-2.0, no dependencies,
 * IANA tzdata compiled with vzic): one lookup per zone, a few kB of RRULE-based STANDARD/DAYLIGHT
 * observances, independent of how far the calendar's activities reach. It replaces our own
 * generator, which stepped through every day of the span with luxon (13 ms per year: an activity
 * ending in 9999 blocked the event loop for minutes).
 *
 * Two properties of the library are handled here:
 * - It answers a link with its target zone (Europe/Amsterdam → TZID:Europe/Brussels, the same
 *   rules since 1970); the TZID is renamed to the zone the events refer to.
 * - Its definitions describe the zone's current rules only (from 1970), and its tzdata release
 *   can differ from the runtime's ICU data, which luxon uses to write the local times of
 *   DTSTART/DTEND (e.g. Africa/Casablanca's Ramadan rule is missing; America/Vancouver's 2026
 *   change is newer than ICU's). So each activity is checked: where the library's offset at its
 *   start or end differs from the runtime's, the activity is written in Etc/UTC instead, which
 *   every client reads to the same instant. Two offset look-ups per activity (~0.1 ms each).
 */
const blocks = new Map<string, string | null>();

/** The VTIMEZONE of `zone` (CRLF lines, TZID = `zone`), or null when the library does not know it. */
export function vtimezone(zone: string): string | null {
  if (!blocks.has(zone)) {
    const answer = tzlib_get_ical_block(zone);
    const block = Array.isArray(answer) && typeof answer[0] === 'string' && answer[0].startsWith('BEGIN:VTIMEZONE') ? answer[0] : null;
    blocks.set(zone, block && block.replace(/^TZID:.*$/m, `TZID:${zone}`));
  }
  return blocks.get(zone) ?? null;
}

/** Whether the library's rules give `zone` the same UTC offset at `at` as the runtime does. */
function libraryAgrees(zone: string, at: Date): boolean {
  const local = DateTime.fromJSDate(at, { zone });
  if (!local.isValid) return false;
  try {
    return tzlib_get_offset(zone, local.toFormat('yyyy-LL-dd'), local.toFormat('HH:mm')) === local.toFormat('ZZZ');
  } catch {
    return false;
  }
}

/**
 * The zone to write the activity's times in: its own when the library describes it faithfully
 * for both instants (an ambiguous local time in a fall-back hour also falls back, since clients
 * read it as its first occurrence), else Etc/UTC.
 */
function zoneFor(activity: Activity): string {
  const zone = activity.timeZone === 'UTC' ? FALLBACK_ZONE : activity.timeZone;
  return vtimezone(zone) && libraryAgrees(zone, activity.startsAt) && libraryAgrees(zone, activity.endsAt) ? zone : FALLBACK_ZONE;
}

/** The community's activities as RFC 5545 text, times with TZID and a matching VTIMEZONE. */
export function communityCalendar(input: { communityName: string; domain: string; activities: Activity[]; occurrences?: Map<string, OccurrenceState[]> }): string {
  return calendarFeed({
    name: `Activiteiten van ${input.communityName}`,
    description: `Activiteitenkalender van de community ${input.communityName} op KennisCloud`,
    domain: input.domain,
    activities: input.activities,
    occurrences: input.occurrences,
  });
}

export interface FeedInput {
  name: string;
  description: string;
  domain: string;
  activities: Activity[];
  /** Activities the feed's reader is only waitlisted for (STATUS:TENTATIVE); for a series, per occurrence. */
  tentative?: (activity: Activity, occurrence?: OccurrenceState) => boolean;
  /** The occurrences of the series among `activities` (OccurrenceService.ofSeries). */
  occurrences?: Map<string, OccurrenceState[]>;
  /** For a personal feed: the occurrences of a series its reader signed up for; the others are left out (EXDATE). */
  includes?: (activity: Activity, occurrence: OccurrenceState) => boolean;
}

/** An RFC 5545 local DATE-TIME in `zone` (for EXDATE with TZID). */
const localStamp = (at: Date, zone: string) => DateTime.fromJSDate(at, { zone }).toFormat("yyyyLLdd'T'HHmmss");

/** Activities as RFC 5545 text: TZID times with matching VTIMEZONEs, STATUS (CONFIRMED, TENTATIVE, CANCELLED). */
export function calendarFeed(input: FeedInput): string {
  const calendar = ical({
    name: input.name,
    description: input.description,
    prodId: { company: 'KennisCloud', product: 'activiteiten', language: 'NL' },
    timezone: { name: DEFAULT_ZONE, generator: (zone) => vtimezone(zone) ?? '' },
  });
  for (const activity of input.activities) {
    if (activity.rrule) {
      series(calendar, input, activity);
      continue;
    }
    const zone = zoneFor(activity);
    calendar.createEvent({
      ...eventFields(activity, input.domain, zone),
      start: DateTime.fromJSDate(activity.startsAt, { zone }),
      end: DateTime.fromJSDate(activity.endsAt, { zone }),
      status: activity.cancelledAt ? ICalEventStatus.CANCELLED : input.tentative?.(activity) ? ICalEventStatus.TENTATIVE : ICalEventStatus.CONFIRMED,
    });
  }
  return calendar.toString();
}

/** What every VEVENT of an activity says, whatever its times and status. */
const eventFields = (activity: Activity, domain: string, zone: string) => ({
  id: `${activity.id}@${domain}`,
  timezone: zone,
  stamp: DateTime.fromJSDate(activity.createdAt),
  summary: activity.title,
  description: activity.description || null,
  location: activity.location,
  url: activity.mode === 'in_person' ? null : activity.onlineUrl,
});

/**
 * A recurring activity: one VEVENT with DTSTART (its first occurrence) and the RRULE, read by clients in the
 * activity's zone, so its wall time stays across daylight-saving changes. The series is written in its own zone
 * whenever the library knows it (an RRULE written in Etc/UTC would shift by an hour at every change); only a zone
 * it lacks falls back to Etc/UTC. Cancelled occurrences (and, in a personal feed, those the reader did not sign up
 * for) are EXDATEs; a moved occurrence, or one with another STATUS, is a VEVENT of the same UID with RECURRENCE-ID.
 */
function series(calendar: ReturnType<typeof ical>, input: FeedInput, activity: Activity): void {
  const zone = activity.timeZone !== 'UTC' && vtimezone(activity.timeZone) ? activity.timeZone : FALLBACK_ZONE;
  const occurrences = input.occurrences?.get(activity.id) ?? [];
  const seriesCancelled = activity.cancelledAt !== null;
  const statusOf = (o?: OccurrenceState) =>
    seriesCancelled || o?.cancelledAt ? ICalEventStatus.CANCELLED : input.tentative?.(activity, o) ? ICalEventStatus.TENTATIVE : ICalEventStatus.CONFIRMED;
  const included = (o: OccurrenceState) => !input.includes || input.includes(activity, o);
  const excluded = occurrences.filter((o) => (o.cancelledAt && !seriesCancelled) || !included(o));
  const base = eventFields(activity, input.domain, zone);
  const rrule = `RRULE:${activity.rrule}${excluded.length ? `\nEXDATE;TZID=${zone}:${excluded.map((o) => localStamp(o.originalStart, zone)).join(',')}` : ''}`;
  const masterStatus = seriesCancelled ? ICalEventStatus.CANCELLED : input.tentative && !input.includes ? statusOf() : ICalEventStatus.CONFIRMED;
  calendar.createEvent({
    ...base,
    start: DateTime.fromJSDate(activity.startsAt, { zone }),
    end: DateTime.fromJSDate(activity.endsAt, { zone }),
    repeating: rrule,
    status: masterStatus,
  });
  if (seriesCancelled) return;
  for (const o of occurrences) {
    if (o.cancelledAt || !included(o)) continue;
    const moved = o.startsAt.getTime() !== o.originalStart.getTime() || o.endsAt.getTime() - o.startsAt.getTime() !== activity.endsAt.getTime() - activity.startsAt.getTime();
    const status = statusOf(o);
    if (!moved && status === masterStatus) continue;
    calendar.createEvent({
      ...base,
      start: DateTime.fromJSDate(o.startsAt, { zone }),
      end: DateTime.fromJSDate(o.endsAt, { zone }),
      recurrenceId: DateTime.fromJSDate(o.originalStart, { zone }),
      status,
    });
  }
}
