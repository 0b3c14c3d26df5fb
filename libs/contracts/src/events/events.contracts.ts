import { z } from 'zod';
import { Created, Id, IsoDateTime, Visibility, listOf } from '../common';
import { plainText } from '../communities/communities.contracts';
import { defineEvent, defineRequest } from '../define';

export const ActivityMode = z.enum(['in_person', 'online', 'hybrid']);

/**
 * Scheduling limits of an activity (a meetup, not a season-long exhibition). The events service
 * enforces them with its own error codes (START_OUT_OF_RANGE, ACTIVITY_TOO_LONG) and Dutch
 * messages; they are here so clients and the service read the same numbers. The upper start
 * bound moves with the clock, so it is a service rule rather than part of the request schema.
 */
export const ActivityLimits = {
  /** `startsAt` not before this instant. */
  earliestStart: '2000-01-01T00:00:00Z',
  /** `startsAt` at most this many years after now. */
  maxYearsAhead: 10,
  /** `endsAt - startsAt` at most this many days. */
  maxDurationDays: 31,
} as const;
export const Activity = z.object({
  id: Id, communityId: Id, title: z.string(), description: z.string(),
  startsAt: IsoDateTime, endsAt: IsoDateTime, timeZone: z.string(), mode: ActivityMode,
  location: z.string().nullable(), onlineUrl: z.string().nullable(), capacity: z.number().int().nullable(),
  attendeeCount: z.number().int(), waitlistCount: z.number().int(),
});

// ---- events ----
export const ActivityScheduled = defineEvent({
  service: 'events', aggregate: 'activity', event: 'scheduled', version: 1,
  description: 'An activity was put on a community’s calendar.',
  schema: z.object({
    activityId: Id, communityId: Id, title: z.string(), description: z.string(),
    startsAt: IsoDateTime, endsAt: IsoDateTime, timeZone: z.string(), mode: ActivityMode,
    location: z.string().nullable(), visibility: Visibility,
  }),
});
export const RsvpRegistered = defineEvent({
  service: 'events', aggregate: 'rsvp', event: 'registered', version: 1,
  description: 'An account signed up for an activity.',
  schema: z.object({ activityId: Id, accountId: Id, status: z.enum(['confirmed', 'waitlisted']) }),
});

// ---- requests ----
export const ScheduleActivity = defineRequest({
  pattern: 'events.activity.schedule', service: 'events', command: true,
  // Limits beyond the schema (ActivityLimits): 400 START_OUT_OF_RANGE, INVALID_TIME_RANGE, ACTIVITY_TOO_LONG.
  // (The description is part of docs/asyncapi.yaml, which is regenerated with a build, so it is left as it was.)
  description: 'Plan an activity (organiser of the community or a community librarian of its region).',
  request: z.object({
    communityId: Id,
    title: plainText(3, 200),
    description: plainText(0, 10000).default(''),
    startsAt: IsoDateTime,
    endsAt: IsoDateTime,
    timeZone: z.string().max(64).default('Europe/Amsterdam'),
    mode: ActivityMode,
    location: plainText(1, 300).optional(),
    onlineUrl: z.url({ protocol: /^https?$/ }).max(2000).optional(),
    capacity: z.number().int().min(1).max(100000).optional(),
  }).strict(),
  response: Created,
});
export const ListActivities = defineRequest({
  pattern: 'events.activity.list', service: 'events',
  description: 'The activity calendar of a community.',
  request: z.object({
    communityId: Id,
    /** `upcoming` (default): not yet ended, soonest first; `past`: ended, most recent first. */
    when: z.enum(['upcoming', 'past']).default('upcoming'),
    limit: z.coerce.number().int().min(1).max(100).default(50),
    /** Opaque `nextCursor` of the previous page; anything else is 400 INVALID_CURSOR. */
    cursor: z.string().max(200).optional(),
  }).strict(),
  response: listOf(Activity),
});
export const RsvpStatus = z.enum(['confirmed', 'waitlisted']);
export const GetActivity = defineRequest({
  pattern: 'events.activity.get', service: 'events',
  description: 'One activity, if the caller may see its community, with the caller’s own sign-up.',
  request: z.object({ id: Id }).strict(),
  response: Activity.extend({ myRsvp: RsvpStatus.nullable() }),
});
export const CommunityCalendar = defineRequest({
  pattern: 'events.activity.calendar', service: 'events',
  description: 'The community calendar as RFC 5545 iCalendar text.',
  request: z.object({ communityId: Id }).strict(),
  response: z.object({ ics: z.string() }),
});
export const Rsvp = defineRequest({
  pattern: 'events.rsvp.create', service: 'events', command: true,
  description: 'Sign up for an activity; 409 ACTIVITY_FULL when no place is left.',
  request: z.object({ activityId: Id }).strict(),
  response: z.object({ activityId: Id, accountId: Id, status: z.enum(['confirmed', 'waitlisted']) }),
});
export const EventsCreated = Created;
