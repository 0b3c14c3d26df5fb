import type { Activity } from '@kc/contracts';
import { DateTime } from 'luxon';
import type { z } from 'zod';
import { paths } from '../layout/paths';

type ActivityView = z.infer<typeof Activity>;

const ATTENDANCE_MODE = {
  in_person: 'https://schema.org/OfflineEventAttendanceMode',
  online: 'https://schema.org/OnlineEventAttendanceMode',
  hybrid: 'https://schema.org/MixedEventAttendanceMode',
} as const;

/** An instant as the activity's local time with its offset (`2026-12-10T19:30:00+01:00`), as schema.org asks. */
const withOffset = (iso: string, zone: string) => DateTime.fromISO(iso, { zone }).toFormat("yyyy-LL-dd'T'HH:mm:ssZZ");

/**
 * schema.org `Event` for an activity page: attendance mode, status, the place and/or the
 * virtual location, the organising community, its partner organisations and the dates with their offsets. `origin` makes
 * the addresses absolute (as the request reached the site).
 */
export function activityLinkedData(
  activity: ActivityView, community: { id: string; name: string }, origin: string, partners: Array<{ organisationId: string; name: string }> = [],
): Record<string, unknown> {
  const place = activity.place
    ? {
        '@type': 'Place',
        name: `${activity.place.branchName}, ${activity.place.roomName}`,
        address: { '@type': 'PostalAddress', streetAddress: activity.place.address, postalCode: activity.place.postcode, addressLocality: activity.place.city, addressCountry: 'NL' },
      }
    : activity.location ? { '@type': 'Place', name: activity.location, address: activity.location } : null;
  const virtual = activity.onlineUrl ? { '@type': 'VirtualLocation', url: activity.onlineUrl } : null;
  const locations = [place, virtual].filter((l) => l !== null);
  return {
    '@context': 'https://schema.org',
    '@type': 'Event',
    name: activity.title,
    ...(activity.description ? { description: activity.description } : {}),
    url: `${origin}${paths.activity(activity.id)}`,
    startDate: withOffset(activity.startsAt, activity.timeZone),
    endDate: withOffset(activity.endsAt, activity.timeZone),
    eventAttendanceMode: ATTENDANCE_MODE[activity.mode],
    eventStatus: activity.cancelledAt ? 'https://schema.org/EventCancelled' : 'https://schema.org/EventScheduled',
    ...(locations.length === 1 ? { location: locations[0] } : locations.length > 1 ? { location: locations } : {}),
    organizer: { '@type': 'Organization', name: community.name, url: `${origin}${paths.community(community.id)}` },
    // Partner organisations (ADR 0037) contribute; the community stays the organiser.
    ...(partners.length > 0 ? { contributor: partners.map((p) => ({ '@type': 'Organization', name: p.name, url: `${origin}${paths.organisation(p.organisationId)}` })) } : {}),
    ...(activity.capacity !== null ? { maximumAttendeeCapacity: activity.capacity, remainingAttendeeCapacity: Math.max(0, activity.capacity - activity.attendeeCount) } : {}),
    inLanguage: 'nl',
  };
}

/**
 * The JSON for a `<script type="application/ld+json">` block: `<`, `>` and `&` escaped, so no text
 * of a resident's (a title with `</script>`) can end the block. Browsers never run this type.
 */
export function linkedDataJson(data: Record<string, unknown>): string {
  return JSON.stringify(data).replace(/</g, '\\u003c').replace(/>/g, '\\u003e').replace(/&/g, '\\u0026');
}
