import fc from 'fast-check';
import { z } from 'zod';
import {
  CancelActivity, CheckIn, CreateBranch, CreateRoom, Empty, Id, InviteCohost, RecordAttendance, RegionSlug, ScheduleActivity, UpdateActivity, UpdateBranch, UpdateOccurrence, UpdateRoom, CalendarFeedToken,
} from '@kc/contracts';
import { isoDateTimeEdge, hostileString, uuidish } from './strings';
import { cursorish } from './paths-and-queries';
import { accountIds, branchFields, limits, OCCURRENCE, roomFields, rooms, SCRATCH, text, type FuzzRoute } from './route-values';

/** A valid activity's evening a month from now (a fixed date would be in the past one day). */
const evening = (hour: number) => { const d = new Date(Date.now() + 30 * 86_400_000); d.setUTCHours(hour, 0, 0, 0); return d.toISOString(); };

/** The calendar's routes: activities, sign-ups, feeds, attendance, occurrences, branches and rooms, co-hosting. */
export const CALENDAR_ROUTES: Record<string, FuzzRoute> = {
  'activities.schedule': {
    // Into the scratch community: an activity that is valid but odd must not slow down the calendar the other tests fetch.
    name: 'activities.schedule', method: 'POST', path: 'communities/:id/activities', knownIds: ['scratch', 'privateCommunity', 'otherRegionCommunity'], params: z.object({ id: Id }),
    effect: 'activity', actors: ['organiser'], bodySchema: ScheduleActivity.request.omit({ communityId: true }),
    body: {
      valid: { title: 'Fuzzavond', description: 'Mag nooit verschijnen.', mode: 'in_person', startsAt: evening(19), endsAt: evening(21), location: 'Zaal 1', capacity: 10 },
      fields: {
        title: { kind: 'string', values: text('abc') },
        description: { kind: 'string', values: text('') },
        mode: { kind: 'enum', values: fc.constantFrom('in_person', 'online', 'hybrid', 'teleport', '') },
        startsAt: { kind: 'datetime', values: isoDateTimeEdge },
        endsAt: { kind: 'datetime', values: isoDateTimeEdge },
        timeZone: { kind: 'string', values: fc.oneof(fc.constantFrom('Europe/Amsterdam', 'UTC', 'Etc/GMT+14', 'Pacific/Kiritimati', 'America/St_Johns', 'Asia/Kathmandu', 'Australia/Lord_Howe', 'Mars/Olympus', '+01:00', 'europe/amsterdam', 'EST5EDT', 'Factory', 'x'.repeat(64)), hostileString) },
        location: { kind: 'string', values: text('Zaal 2') },
        onlineUrl: { kind: 'string', values: fc.oneof(fc.webUrl(), fc.constantFrom('https://meet.example.org/a', 'http://localhost', 'javascript:alert(1)', 'https://' + 'a'.repeat(2000) + '.nl', 'ftp://x.nl')) },
        capacity: { kind: 'number', values: fc.oneof(fc.integer({ min: -2, max: 100_001 }), fc.constantFrom(0, 1, 100_000, 100_001, 1.5, 2 ** 31, 1e21)) },
        roomId: { kind: 'uuid', values: rooms },
      },
    },
  },
  'activities.list': {
    name: 'activities.list', method: 'GET', path: 'communities/:id/activities', knownIds: ['community', 'scratch', 'privateCommunity', 'otherRegionCommunity'], params: z.object({ id: Id }),
    query: { when: fc.constantFrom('upcoming', 'past', 'all', 'UPCOMING', ''), limit: limits, cursor: cursorish }, validQuery: { when: 'upcoming', limit: '10' },
  },
  calendar: { name: 'calendar', method: 'GET', path: 'communities/:id/calendar.ics', knownIds: ['community', 'privateCommunity', 'otherRegionCommunity', 'activity'], params: z.object({ id: Id }) },
  'activities.get': { name: 'activities.get', method: 'GET', path: 'activities/:id', knownIds: ['activity', 'community', 'conversation'], params: z.object({ id: Id }) },
  rsvp: { name: 'rsvp', method: 'POST', path: 'activities/:id/rsvp', knownIds: ['activity', 'community', 'conversation'], params: z.object({ id: Id }), body: 'empty', bodySchema: Empty, effect: 'rsvp', actors: ['member', 'organiser', 'outsider', 'admin'] },
  'rsvp.cancel': { name: 'rsvp.cancel', method: 'DELETE', path: 'activities/:id/rsvp', knownIds: ['activity', 'community', 'conversation'], params: z.object({ id: Id }), effect: 'rsvp', actors: ['member', 'organiser', 'outsider'] },
  'activities.update': {
    name: 'activities.update', method: 'PATCH', path: 'activities/:id', knownIds: ['activity', 'community', 'conversation'], params: z.object({ id: Id }), effect: 'capacity', actors: ['organiser', 'member', 'outsider'],
    bodySchema: UpdateActivity.request.omit({ id: true }),
    body: {
      valid: { capacity: 2 },
      fields: { capacity: { kind: 'number', values: fc.oneof(fc.integer({ min: -2, max: 100_001 }), fc.constantFrom(0, 1, 2, 100_000, 100_001, 1.5, 2 ** 31, 1e21)) }, roomId: { kind: 'uuid', values: rooms } },
    },
  },
  attendees: { name: 'attendees', method: 'GET', path: 'activities/:id/attendees', knownIds: ['activity', 'community', 'conversation'], params: z.object({ id: Id }), actors: ['organiser', 'member', 'outsider', 'anonymous'] },
  'me.activities': {
    name: 'me.activities', method: 'GET', path: 'me/activities', actors: ['member', 'organiser', 'anonymous'],
    query: { when: fc.constantFrom('upcoming', 'past', 'all', 'UPCOMING', ''), limit: limits, cursor: cursorish }, validQuery: { when: 'upcoming', limit: '10' },
  },
  'regions.activities': {
    name: 'regions.activities', method: 'GET', path: 'regions/:slug/activities', knownIds: ['regionA', 'regionB'], params: z.object({ slug: RegionSlug }), actors: ['anonymous', 'organiser', 'outsider'],
    query: {
      from: isoDateTimeEdge, to: isoDateTimeEdge, mode: fc.constantFrom('in_person', 'online', 'hybrid', 'teleport', ''), communityId: fc.oneof(uuidish, fc.constantFrom('«organiser.id»')),
      limit: limits, cursor: cursorish,
    },
    validQuery: { limit: '10' },
  },
  'regions.calendar': { name: 'regions.calendar', method: 'GET', path: 'regions/:slug/calendar.ics', knownIds: ['regionA', 'regionB'], params: z.object({ slug: RegionSlug }), actors: ['anonymous'] },
  'me.calendarFeed': { name: 'me.calendarFeed', method: 'GET', path: 'me/calendar-feed', actors: ['member', 'organiser'] },
  'me.calendarFeed.rotate': { name: 'me.calendarFeed.rotate', method: 'POST', path: 'me/calendar-feed/rotate', body: 'empty', bodySchema: Empty, effect: 'feed', actors: ['outsider'] },
  'calendarFeeds.get': { name: 'calendarFeeds.get', method: 'GET', path: 'calendar-feeds/:token/calendar.ics', knownIds: ['activity', 'community'], params: z.object({ token: CalendarFeedToken }), actors: ['anonymous'] },
  // The setup's activity is two months ahead: cancelling is refused only by the fuzz of its reason; attendance is not open yet.
  'activities.cancel': {
    name: 'activities.cancel', method: 'POST', path: 'activities/:id/cancel', knownIds: ['community', 'conversation', 'activity'], params: z.object({ id: Id }), effect: 'capacity', actors: ['member', 'outsider'],
    bodySchema: CancelActivity.request.omit({ id: true }),
    body: { valid: { reason: 'Mag nooit gebeuren.' }, fields: { reason: { kind: 'string', values: text('abc', '') } } },
  },
  'attendance.record': {
    name: 'attendance.record', method: 'POST', path: 'activities/:id/attendance', knownIds: ['activity', 'community'], params: z.object({ id: Id }), effect: 'feed', actors: ['organiser', 'member'],
    bodySchema: RecordAttendance.request.omit({ activityId: true }),
    body: { valid: { accountId: '«member.id»', present: true }, fields: { accountId: { kind: 'uuid', values: accountIds }, present: { kind: 'enum', values: fc.constantFrom(true, false, 'ja', 1, null) } } },
  },
  'checkin.code': { name: 'checkin.code', method: 'GET', path: 'activities/:id/check-in-code', knownIds: ['activity', 'community'], params: z.object({ id: Id }), actors: ['organiser', 'member'] },
  'checkin': {
    name: 'checkin', method: 'POST', path: 'activities/:id/check-in', knownIds: ['activity', 'community'], params: z.object({ id: Id }), effect: 'feed', actors: ['member'],
    bodySchema: CheckIn.request.omit({ activityId: true }),
    body: { valid: { code: 'ABCDEF' }, fields: { code: { kind: 'string', values: text('ABCDEF', '') } } },
  },
  'book-table': { name: 'book-table', method: 'GET', path: 'activities/:id/book-table', knownIds: ['activity', 'community', 'conversation'], params: z.object({ id: Id }), actors: ['organiser', 'outsider', 'anonymous'] },
  'attendance.figures': { name: 'attendance.figures', method: 'GET', path: 'activities/:id/attendance', knownIds: ['activity', 'community'], params: z.object({ id: Id }), actors: ['organiser', 'member', 'anonymous'] },
  // Occurrences: the path's start is the setup activity's one occurrence («activity.start»); the fuzzed parameter is the activity id.
  'occurrences.list': {
    name: 'occurrences.list', method: 'GET', path: 'activities/:id/occurrences', knownIds: ['activity', 'community', 'conversation'], params: z.object({ id: Id }), actors: ['anonymous', 'member', 'outsider'],
    query: { from: isoDateTimeEdge, to: isoDateTimeEdge }, validQuery: {},
  },
  'occurrences.update': {
    name: 'occurrences.update', method: 'PATCH', path: `activities/:id/occurrences/${OCCURRENCE}`, knownIds: ['activity', 'community'], params: z.object({ id: Id }), effect: 'capacity', actors: ['organiser', 'member', 'outsider'],
    bodySchema: UpdateOccurrence.request.omit({ activityId: true, start: true }),
    body: {
      valid: { cancelled: true },
      fields: { cancelled: { kind: 'enum', values: fc.constantFrom(true, false, 'ja', 1, null) }, startsAt: { kind: 'string', values: isoDateTimeEdge }, endsAt: { kind: 'string', values: isoDateTimeEdge } },
    },
  },
  'occurrences.rsvp': {
    name: 'occurrences.rsvp', method: 'POST', path: `activities/:id/occurrences/${OCCURRENCE}/rsvp`, knownIds: ['activity', 'community', 'conversation'], params: z.object({ id: Id }),
    body: 'empty', bodySchema: Empty, effect: 'rsvp', actors: ['member', 'organiser', 'outsider', 'admin'],
  },
  'occurrences.rsvp.cancel': {
    name: 'occurrences.rsvp.cancel', method: 'DELETE', path: `activities/:id/occurrences/${OCCURRENCE}/rsvp`, knownIds: ['activity', 'community'], params: z.object({ id: Id }), effect: 'rsvp', actors: ['member', 'organiser', 'outsider'],
  },
  'occurrences.attendees': { name: 'occurrences.attendees', method: 'GET', path: `activities/:id/occurrences/${OCCURRENCE}/attendees`, knownIds: ['activity', 'community'], params: z.object({ id: Id }), actors: ['organiser', 'member', 'anonymous'] },
  'occurrences.attendance.record': {
    name: 'occurrences.attendance.record', method: 'POST', path: `activities/:id/occurrences/${OCCURRENCE}/attendance`, knownIds: ['activity', 'community'], params: z.object({ id: Id }), effect: 'feed', actors: ['organiser', 'member'],
    bodySchema: RecordAttendance.request.omit({ activityId: true, occurrenceStart: true }),
    body: { valid: { accountId: '«member.id»', present: true }, fields: { accountId: { kind: 'uuid', values: accountIds }, present: { kind: 'enum', values: fc.constantFrom(true, false, 'ja', 1, null) } } },
  },
  'occurrences.checkin.code': { name: 'occurrences.checkin.code', method: 'GET', path: `activities/:id/occurrences/${OCCURRENCE}/check-in-code`, knownIds: ['activity', 'community'], params: z.object({ id: Id }), actors: ['organiser', 'member'] },
  'occurrences.checkin': {
    name: 'occurrences.checkin', method: 'POST', path: `activities/:id/occurrences/${OCCURRENCE}/check-in`, knownIds: ['activity', 'community'], params: z.object({ id: Id }), effect: 'feed', actors: ['member'],
    bodySchema: CheckIn.request.omit({ activityId: true, occurrenceStart: true }),
    body: { valid: { code: 'ABCDEF' }, fields: { code: { kind: 'string', values: text('ABCDEF', '') } } },
  },
  'occurrences.attendance.figures': { name: 'occurrences.attendance.figures', method: 'GET', path: `activities/:id/occurrences/${OCCURRENCE}/attendance`, knownIds: ['activity', 'community'], params: z.object({ id: Id }), actors: ['organiser', 'member', 'anonymous'] },
  // Branches and rooms: writes by the region's library administrator (valid ones add a fresh branch or room, or set
  // what the setup's already has); removals aim at scratch ones, so the setup's branch and room stay for the other routes.
  'branches.create': {
    name: 'branches.create', method: 'POST', path: 'regions/:slug/branches', knownIds: ['regionA', 'regionB'], params: z.object({ slug: RegionSlug }), effect: 'branch',
    actors: ['admin', 'organiser', 'outsider'], bodySchema: CreateBranch.request.omit({ region: true }),
    body: { valid: { name: '«fresh.branch»', address: 'Fuzzstraat 1', postcode: '5038 AB', city: 'Tilburg' }, fields: branchFields },
  },
  'branches.list': { name: 'branches.list', method: 'GET', path: 'regions/:slug/branches', knownIds: ['regionA', 'regionB'], params: z.object({ slug: RegionSlug }), actors: ['anonymous', 'admin', 'outsider'] },
  'branches.update': {
    name: 'branches.update', method: 'PATCH', path: 'branches/:id', knownIds: ['branch', 'room', 'community'], params: z.object({ id: Id }), effect: 'branch',
    actors: ['admin', 'organiser', 'outsider'], bodySchema: UpdateBranch.request.omit({ id: true }),
    body: { valid: { city: 'Tilburg' }, fields: branchFields },
  },
  'branches.remove': {
    name: 'branches.remove', method: 'DELETE', path: 'branches/:id', knownIds: ['scratchBranch', 'room', 'community'], params: z.object({ id: Id }), effect: 'branch', actors: ['admin', 'organiser', 'outsider'],
  },
  'rooms.create': {
    name: 'rooms.create', method: 'POST', path: 'branches/:id/rooms', knownIds: ['branch', 'room', 'community'], params: z.object({ id: Id }), effect: 'branch',
    actors: ['admin', 'organiser', 'outsider'], bodySchema: CreateRoom.request.omit({ branchId: true }),
    body: { valid: { name: '«fresh.room»', capacity: 12 }, fields: roomFields },
  },
  'rooms.list': { name: 'rooms.list', method: 'GET', path: 'branches/:id/rooms', knownIds: ['branch', 'room', 'community'], params: z.object({ id: Id }), actors: ['anonymous', 'admin'] },
  'rooms.update': {
    name: 'rooms.update', method: 'PATCH', path: 'rooms/:id', knownIds: ['room', 'otherRegionRoom', 'branch'], params: z.object({ id: Id }), effect: 'branch',
    actors: ['admin', 'organiser', 'outsider'], bodySchema: UpdateRoom.request.omit({ id: true }),
    body: { valid: { capacity: 40 }, fields: roomFields },
  },
  'rooms.remove': {
    name: 'rooms.remove', method: 'DELETE', path: 'rooms/:id', knownIds: ['scratchRoom', 'otherRegionRoom', 'branch'], params: z.object({ id: Id }), effect: 'branch', actors: ['admin', 'organiser', 'outsider'],
  },
  // Co-hosting the setup's activity: the writers tried are those who may not (a member, another region's resident).
  'cohosts.invite': {
    name: 'cohosts.invite', method: 'POST', path: 'activities/:id/cohosts', knownIds: ['activity', 'community'], params: z.object({ id: Id }), effect: 'cohost', actors: ['member', 'outsider'],
    bodySchema: InviteCohost.request.omit({ activityId: true }),
    body: { valid: { communityId: SCRATCH }, fields: { communityId: { kind: 'uuid', values: fc.oneof(fc.constantFrom(SCRATCH), uuidish) } } },
  },
  'cohosts.list': { name: 'cohosts.list', method: 'GET', path: 'activities/:id/cohosts', knownIds: ['activity', 'community'], params: z.object({ id: Id }), actors: ['organiser', 'outsider', 'anonymous'] },
  'cohosts.accept': {
    name: 'cohosts.accept', method: 'POST', path: `activities/:id/cohosts/${SCRATCH}/accept`, knownIds: ['activity', 'community'], params: z.object({ id: Id }),
    body: 'empty', bodySchema: Empty, effect: 'cohost', actors: ['member', 'outsider'],
  },
  'cohosts.invitations': {
    name: 'cohosts.invitations', method: 'GET', path: 'communities/:id/cohost-invitations', knownIds: ['community', 'scratch', 'privateCommunity', 'otherRegionCommunity'], params: z.object({ id: Id }),
    actors: ['organiser', 'member', 'anonymous'],
  },
};
