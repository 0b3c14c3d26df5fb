import { z } from 'zod';
import { bilingual } from '../bilingual';
import { Created, Empty, Id, IsoDateTime, RegionSlug, Visibility, listOf } from '../common';
import { plainText } from '../communities/communities.contracts';
import { defineEvent, defineRequest } from '../define';
import { Place } from './places.contracts';

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
  /** A recurring activity: at most this many occurrences… */
  maxOccurrences: 260,
  /** …all starting within this many years of the first. */
  maxRecurrenceYears: 2,
} as const;
/**
 * An RFC 5545 RRULE (`FREQ=WEEKLY;INTERVAL=2;COUNT=10`, `FREQ=MONTHLY;BYDAY=1TU;UNTIL=20271231T230000Z`),
 * read in the activity's time zone from its first start. DAILY, WEEKLY or MONTHLY with COUNT or UNTIL;
 * the service refuses the rest with 400 INVALID_RRULE, RRULE_WITHOUT_END, RRULE_TOO_LONG, RRULE_START_MISMATCH.
 */
export const Recurrence = z.object({ rrule: z.string().min(6).max(300) });
export const Activity = z.object({
  id: Id, communityId: Id, title: z.string(), description: z.string(),
  startsAt: IsoDateTime, endsAt: IsoDateTime, timeZone: z.string(), mode: ActivityMode,
  location: z.string().nullable(), onlineUrl: z.string().nullable(), capacity: z.number().int().nullable(),
  attendeeCount: z.number().int(), waitlistCount: z.number().int(),
  /** Set when the organiser cancelled it: it stays on every calendar and feed as cancelled. */
  cancelledAt: IsoDateTime.nullable(), cancelReason: z.string().nullable(),
  /** Null for a single activity; its times are then its one occurrence. For a series, startsAt/endsAt are the first occurrence. */
  recurrence: Recurrence.nullable(),
  /** The library room and branch it takes place in (its `location` is then the branch's name and address); null otherwise. */
  place: Place.nullable(),
});
/**
 * One occurrence of an activity as calendars list it: the activity with the occurrence's own times, addressed by its
 * original start (`occurrenceStart`); `cancelledAt` is set when the occurrence or the whole series is cancelled.
 */
export const ActivityOccurrenceItem = Activity.extend({ occurrenceStart: IsoDateTime });
/** An occurrence of an activity (a single activity has one), addressed by its original start. */
export const Occurrence = z.object({
  activityId: Id,
  /** The original start: the occurrence's address, also after it moved. */
  start: IsoDateTime,
  startsAt: IsoDateTime, endsAt: IsoDateTime,
  moved: z.boolean(),
  cancelledAt: IsoDateTime.nullable(),
  capacity: z.number().int().nullable(), attendeeCount: z.number().int(), waitlistCount: z.number().int(),
  myRsvp: z.enum(['going', 'waitlisted']).nullable(), myWaitlistPosition: z.number().int().min(1).nullable(),
});
/** Which occurrence of a recurring activity a request is about (its original start); a single activity needs none. */
const OccurrenceStart = { occurrenceStart: IsoDateTime.optional() };

// ---- events ----
export const ActivityScheduled = defineEvent({
  service: 'events', aggregate: 'activity', event: 'scheduled', version: 1,
  description: 'An activity was put on a community’s calendar.',
  schema: z.object({
    activityId: Id, communityId: Id, title: z.string(), description: z.string(),
    startsAt: IsoDateTime, endsAt: IsoDateTime, timeZone: z.string(), mode: ActivityMode,
    location: z.string().nullable(), visibility: Visibility,
    /** The RRULE of a recurring activity (from startsAt, in timeZone); absent for a single one. */
    rrule: z.string().optional(),
    /** The library room it takes place in, with its branch's address; absent when it has none. */
    place: Place.optional(),
  }),
});
/** `going`: has a place; `waitlisted`: waits for one, first come first served (version 2: v1 said `confirmed`). */
export const RsvpStatus = z.enum(['going', 'waitlisted']);
export const RsvpRegistered = defineEvent({
  service: 'events', aggregate: 'rsvp', event: 'registered', version: 2,
  description: 'An account signed up for an activity: it has a place (going) or waits on the waitlist at `position`.',
  schema: z.object({ activityId: Id, accountId: Id, status: RsvpStatus, position: z.number().int().min(1).nullable(), ...OccurrenceStart }),
});
export const RsvpCancelled = defineEvent({
  service: 'events', aggregate: 'rsvp', event: 'cancelled', version: 1,
  description: 'An account cancelled its sign-up (a place or a waitlist position).',
  schema: z.object({ activityId: Id, accountId: Id, was: RsvpStatus, ...OccurrenceStart }),
});
export const ActivityCancelled = defineEvent({
  service: 'events', aggregate: 'activity', event: 'cancelled', version: 1,
  description: 'An organiser cancelled an activity; `attendees` are everyone going or waitlisted (ids only, for notifications).',
  schema: z.object({ activityId: Id, communityId: Id, attendees: z.array(Id) }),
});
export const WaitlistPromoted = defineEvent({
  service: 'events', aggregate: 'rsvp', event: 'promoted', version: 1,
  description: 'The first on the waitlist got a place (after a cancellation or a higher capacity); ids only, for notifications.',
  schema: z.object({ activityId: Id, accountId: Id, ...OccurrenceStart }),
});
export const OccurrenceCancelled = defineEvent({
  service: 'events', aggregate: 'occurrence', event: 'cancelled', version: 1,
  description: 'One occurrence of a recurring activity was cancelled; `attendees` are everyone going or waitlisted for it (ids only).',
  schema: z.object({ activityId: Id, communityId: Id, occurrenceStart: IsoDateTime, attendees: z.array(Id) }),
});
export const OccurrenceMoved = defineEvent({
  service: 'events', aggregate: 'occurrence', event: 'moved', version: 1,
  description: 'One occurrence of a recurring activity got other times; `attendees` keep their sign-up (ids only).',
  schema: z.object({ activityId: Id, communityId: Id, occurrenceStart: IsoDateTime, startsAt: IsoDateTime, endsAt: IsoDateTime, attendees: z.array(Id) }),
});

/** How long before an occurrence its attendees are reminded. */
export const REMINDER_LEAD_HOURS = 24;
export const ActivityReminderDue = defineEvent({
  service: 'events', aggregate: 'occurrence', event: 'reminder-due', version: 1,
  description: 'An occurrence starts within 24 hours: remind everyone going (ids only, for notifications); once per occurrence and start, also across restarts.',
  schema: z.object({ activityId: Id, communityId: Id, occurrenceStart: IsoDateTime, startsAt: IsoDateTime, attendees: z.array(Id) }),
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
    recurrence: Recurrence.strict().optional(),
    /**
     * A room of a branch of the community's region (in-person or hybrid only): the location becomes the branch's,
     * the capacity at most the room's (default: the room's); every occurrence books it, 409 ROOM_TAKEN when taken.
     */
    roomId: Id.optional(),
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
/** Here rather than beside the other partner contracts: it answers activities, and that file is re-exported from this one. */
export const ListOrganisationActivities = defineRequest({
  pattern: 'events.organisation.activities', service: 'events',
  // 404 ORGANISATION_NOT_FOUND when events does not know the organisation; 400 INVALID_CURSOR.
  description: 'The upcoming activities a partner organisation co-hosts (ADR 0037) that the caller may see: public ones, and members-only ones only for those who may read their community (or belong to a community co-hosting them); soonest first.',
  request: z.object({
    organisationId: Id,
    limit: z.coerce.number().int().min(1).max(100).default(20),
    /** Opaque `nextCursor` of the previous page; anything else is 400 INVALID_CURSOR. */
    cursor: z.string().max(200).optional(),
  }).strict(),
  response: listOf(Activity),
});
export const GetActivity = defineRequest({
  pattern: 'events.activity.get', service: 'events',
  description: 'One activity, if the caller may see its community, with the caller’s own sign-up (and waitlist position).',
  request: z.object({ id: Id }).strict(),
  response: Activity.extend({
    myRsvp: RsvpStatus.nullable(), myWaitlistPosition: z.number().int().min(1).nullable(),
    /** Communities that co-host it (accepted): it is in their calendars too, and their members see it. */
    cohostCommunityIds: z.array(Id),
  }),
});
export const UpdateActivity = defineRequest({
  pattern: 'events.activity.update', service: 'events', command: true,
  // 409 CAPACITY_BELOW_GOING when fewer places than people going; a higher capacity promotes from the waitlist at once.
  // roomId: another room (its coming occurrences are booked again, 409 ROOM_TAKEN) or null (out of the room, the location text stays).
  description: 'Change an activity (organiser or community librarian of the region): its capacity (null: no maximum) or its room.',
  request: z.object({ id: Id, capacity: z.number().int().min(1).max(100000).nullable().optional(), roomId: Id.nullable().optional() }).strict(),
  response: Activity,
});
export const CommunityCalendar = defineRequest({
  pattern: 'events.activity.calendar', service: 'events',
  description: 'The community calendar as RFC 5545 iCalendar text.',
  request: z.object({ communityId: Id }).strict(),
  response: z.object({ ics: z.string() }),
});
export const Rsvp = defineRequest({
  pattern: 'events.rsvp.create', service: 'events', command: true,
  description: 'Sign up for an activity: a place (going) or, when it is full, the waitlist with its position. Signing up twice returns the first.',
  request: z.object({ activityId: Id, ...OccurrenceStart }).strict(),
  response: z.object({ activityId: Id, accountId: Id, status: RsvpStatus, position: z.number().int().min(1).optional(), occurrenceStart: IsoDateTime.optional() }),
});
export const CancelRsvp = defineRequest({
  pattern: 'events.rsvp.cancel', service: 'events', command: true,
  description: 'Cancel one’s own sign-up; a freed place goes to the first on the waitlist at once. 404 RSVP_NOT_FOUND when not signed up.',
  request: z.object({ activityId: Id, ...OccurrenceStart }).strict(),
  response: Empty,
});
export const Attendee = z.object({ accountId: Id, since: IsoDateTime });
export const ListAttendees = defineRequest({
  pattern: 'events.rsvp.attendees', service: 'events',
  description: 'Who is going and who waits, in waitlist order (organisers of the community and community librarians of its region).',
  request: z.object({ activityId: Id, ...OccurrenceStart }).strict(),
  response: z.object({
    activityId: Id, capacity: z.number().int().nullable(), occurrenceStart: IsoDateTime.optional(),
    going: z.array(Attendee.extend({ present: z.boolean().nullable() })), waitlist: z.array(Attendee.extend({ position: z.number().int().min(1) })),
  }),
});
export const MyActivity = ActivityOccurrenceItem.extend({ myRsvp: RsvpStatus, myWaitlistPosition: z.number().int().min(1).nullable() });
export const MyActivities = defineRequest({
  pattern: 'events.rsvp.mine', service: 'events',
  description: 'The activities the caller signed up for, with their status (going, or waitlisted at a position).',
  request: z.object({
    when: z.enum(['upcoming', 'past']).default('upcoming'),
    limit: z.coerce.number().int().min(1).max(100).default(50),
    cursor: z.string().max(200).optional(),
  }).strict(),
  response: listOf(MyActivity),
});
export const RegionActivities = defineRequest({
  pattern: 'events.activity.region', service: 'events',
  // 400 INVALID_RANGE (to not after from), RANGE_TOO_LONG (over 93 days), INVALID_CURSOR; 404 REGION_NOT_FOUND.
  description: 'A region’s calendar for a period (default: the next 31 days): its public activities and those of communities the caller may read, soonest first.',
  request: z.object({
    region: RegionSlug,
    from: IsoDateTime.optional(),
    to: IsoDateTime.optional(),
    mode: ActivityMode.optional(),
    communityId: Id.optional(),
    limit: z.coerce.number().int().min(1).max(200).default(100),
    cursor: z.string().max(200).optional(),
  }).strict(),
  response: listOf(ActivityOccurrenceItem),
});
export const RegionCalendar = defineRequest({
  pattern: 'events.calendar.region', service: 'events',
  description: 'A region’s public activities as RFC 5545 iCalendar text (VTIMEZONE, STATUS).',
  request: z.object({ region: RegionSlug }).strict(),
  response: z.object({ ics: z.string() }),
});
/** The secret of a personal feed: 256 random bits, base64url. */
export const CalendarFeedToken = z.string().regex(/^[A-Za-z0-9_-]{43}$/, bilingual({ nl: 'is geen geldige agenda-link', en: 'is not a valid calendar link' }));
export const GetCalendarFeed = defineRequest({
  pattern: 'events.calendar.feed', service: 'events',
  description: 'The caller’s personal feed token (made on first use); the gateway answers with its URL.',
  request: Empty,
  response: z.object({ token: CalendarFeedToken }),
});
export const RotateCalendarFeed = defineRequest({
  pattern: 'events.calendar.feed.rotate', service: 'events', command: true,
  description: 'A new personal feed token; the old one is not found from then on.',
  request: Empty,
  response: z.object({ token: CalendarFeedToken }),
});
export const PersonalCalendar = defineRequest({
  pattern: 'events.calendar.personal', service: 'events',
  description: 'The activities of the token’s owner as iCalendar (waitlisted ones TENTATIVE); 404 CALENDAR_FEED_NOT_FOUND for an unknown or rotated token.',
  request: z.object({ token: CalendarFeedToken }).strict(),
  response: z.object({ ics: z.string() }),
});
export const CancelActivity = defineRequest({
  pattern: 'events.activity.cancel', service: 'events', command: true,
  // 409 ACTIVITY_ALREADY_CANCELLED, ACTIVITY_ENDED.
  description: 'Cancel an activity with a reason (organiser or community librarian of the region); attendees get an event.',
  request: z.object({ id: Id, reason: plainText(3, 1000) }).strict(),
  response: Activity,
});
export const RecordAttendance = defineRequest({
  pattern: 'events.attendance.record', service: 'events', command: true,
  description: 'Record whether a signed-up person was present (organiser or community librarian; from an hour before the start to a week after the end).',
  request: z.object({ activityId: Id, accountId: Id, present: z.boolean(), ...OccurrenceStart }).strict(),
  response: z.object({ activityId: Id, accountId: Id, present: z.boolean() }),
});
export const GetCheckInCode = defineRequest({
  pattern: 'events.attendance.code', service: 'events',
  description: 'The short code shown at the door, with which people with a place check in (organisers and community librarians).',
  request: z.object({ activityId: Id, ...OccurrenceStart }).strict(),
  response: z.object({ activityId: Id, code: z.string() }),
});
export const CheckIn = defineRequest({
  pattern: 'events.attendance.check-in', service: 'events', command: true,
  description: 'Check in with the code at the door (people with a place); 400 INVALID_CHECK_IN_CODE for a wrong one.',
  request: z.object({ activityId: Id, code: plainText(4, 20), ...OccurrenceStart }).strict(),
  response: z.object({ activityId: Id, accountId: Id, present: z.literal(true) }),
});
export const AttendanceFigures = defineRequest({
  pattern: 'events.attendance.figures', service: 'events',
  description: 'Going, waitlisted, present and (once it ended) no-shows: the figures impact reports are made of (organisers and community librarians).',
  request: z.object({ activityId: Id, ...OccurrenceStart }).strict(),
  response: z.object({ activityId: Id, going: z.number().int(), waitlisted: z.number().int(), present: z.number().int(), noShow: z.number().int() }),
});
export const ListOccurrences = defineRequest({
  pattern: 'events.occurrence.list', service: 'events',
  // 400 INVALID_RANGE, RANGE_TOO_LONG; 404 ACTIVITY_NOT_FOUND.
  description: 'The occurrences of an activity in a period (default: from now on, at most the 260 of a series), with the caller’s own sign-up for each; a single activity has one.',
  request: z.object({ activityId: Id, from: IsoDateTime.optional(), to: IsoDateTime.optional() }).strict(),
  response: listOf(Occurrence),
});
export const UpdateOccurrence = defineRequest({
  pattern: 'events.occurrence.update', service: 'events', command: true,
  // 404 OCCURRENCE_NOT_FOUND; 409 NOT_RECURRING, OCCURRENCE_ENDED, ACTIVITY_CANCELLED; 400 INVALID_OCCURRENCE_CHANGE and the time rules of scheduling.
  description: 'Cancel one occurrence of a recurring activity (`{cancelled: true}`) or move it (`{startsAt, endsAt}`) (organiser or community librarian of the region).',
  request: z.object({
    activityId: Id, start: IsoDateTime,
    cancelled: z.literal(true).optional(), startsAt: IsoDateTime.optional(), endsAt: IsoDateTime.optional(),
  }).strict(),
  response: Occurrence,
});
export const EventsCreated = Created;
export * from './cohosts.contracts';
export * from './partner-organisations.contracts';
