import { randomUUID } from 'node:crypto';
import ICAL from 'ical.js';
import { DateTime } from 'luxon';
import {
  AttendanceFigures, CancelActivity, CancelRsvp, CheckIn, CommunityCalendar, CreateCommunity, DomainError, GetActivity, GetCalendarFeed, GetCheckInCode,
  ListActivities, ListAttendees, ListOccurrences, MyActivities, PersonalCalendar, RegionActivities, RegionCalendar, Rsvp, ScheduleActivity, UpdateActivity,
  UpdateOccurrence,
} from '@kc/contracts';
import { createLogger } from '@kc/observability';
import { daysFromNow, InProcessService, lastSundayOf, TestIdentity, TestScope } from '@kc/testing';
import { sql, startCommunities } from '../../communities/test/support';
import { loadEventsConfig } from '../src/config';
import { EventsModule } from '../src/events.module';

const failure = (promise: Promise<unknown>) =>
  promise.then(
    (value) => { throw new Error(`expected a failure, got ${JSON.stringify(value)}`); },
    (error: unknown) => error as DomainError,
  );
const ZONE = 'Europe/Amsterdam';
const local = (iso: string) => DateTime.fromISO(iso, { zone: ZONE });

/** The next change to or from summer time in Europe at least `days` ahead: the last Sunday of March or October. */
function nextDstChange(days: number): DateTime {
  const earliest = DateTime.now().setZone(ZONE).plus({ days });
  for (let year = earliest.year; ; year++) {
    for (const month of [3, 10]) {
      const sunday = DateTime.fromISO(lastSundayOf(year, month), { zone: ZONE });
      if (sunday > earliest) return sunday;
    }
  }
}

/** The instants at which ical.js (a real iCalendar parser) expands one UID of a feed, with its overrides and EXDATEs. */
function expanded(ics: string, activityId: string): Array<{ start: string; end: string; status: string | null }> {
  const calendar = new ICAL.Component(ICAL.parse(ics));
  for (const zone of calendar.getAllSubcomponents('vtimezone')) ICAL.TimezoneService.register(zone);
  const events = calendar.getAllSubcomponents('vevent').filter((v) => String(v.getFirstPropertyValue('uid')).startsWith(activityId));
  const master = new ICAL.Event(events.find((v) => !v.hasProperty('recurrence-id'))!, { exceptions: events.filter((v) => v.hasProperty('recurrence-id')) });
  expect(master.isRecurring()).toBe(true);
  const out: Array<{ start: string; end: string; status: string | null }> = [];
  const it = master.iterator();
  for (let next = it.next(); next && out.length < 300; next = it.next()) {
    const details = master.getOccurrenceDetails(next);
    out.push({
      start: details.startDate.toJSDate().toISOString(), end: details.endDate.toJSDate().toISOString(),
      status: (details.item.component.getFirstPropertyValue('status') as string | null) ?? null,
    });
  }
  return out;
}

describe('events: recurring activities with exceptions (communities and events in-process, real PostgreSQL and NATS)', () => {
  const scope = new TestScope('recurrence');
  let communities: InProcessService;
  let events: InProcessService;
  let tokens: TestIdentity;
  const region = randomUUID();
  const slug = `oost-${randomUUID().slice(0, 6)}`;
  let organiser: string;
  let communityId: string;

  const resident = async (accountId = randomUUID()) => ({ accountId, token: await tokens.token({ accountId, regionId: region }) });
  const plan = async (startsAt: string, endsAt: string, rrule: string | undefined, extra: Record<string, unknown> = {}) =>
    (await events.send(ScheduleActivity, {
      communityId, title: 'Taalcafé', startsAt, endsAt, mode: 'in_person', location: 'Bibliotheek Oost', ...(rrule ? { recurrence: { rrule } } : {}), ...extra,
    }, organiser)).id;
  const occurrences = async (activityId: string, token?: string, range: { from?: string; to?: string } = {}) =>
    (await events.send(ListOccurrences, { activityId, ...range }, token)).items;

  beforeAll(async () => {
    tokens = await new TestIdentity(scope.namespace).start();
    await tokens.setRegionStatus(region, 'active', slug);
    communities = await startCommunities(scope);
    scope.dbName('events');
    events = await InProcessService.start({ service: 'events', scope, module: EventsModule.forRoot(loadEventsConfig(scope.env()), createLogger('events', 'silent')), rpcTimeoutMs: 60_000 });
    organiser = await tokens.token({ accountId: randomUUID(), regionId: region });
    communityId = (await communities.send(CreateCommunity, { name: 'Taalcafé Oost', visibility: 'public' }, organiser)).id;
  });
  afterAll(async () => {
    await events?.close();
    await communities?.close();
    await tokens?.stop();
    await scope.dispose();
  });

  it('keeps a weekly 19:30 at 19:30 local across the next daylight-saving change, in its occurrences and in every feed as ical.js reads them', async () => {
    const change = nextDstChange(15);
    const first = change.minus({ days: 14 }).set({ hour: 19, minute: 30 }); // two Sundays before the change
    const activityId = await plan(first.toUTC().toISO()!, first.plus({ hours: 2 }).toUTC().toISO()!, 'FREQ=WEEKLY;COUNT=5');
    const items = await occurrences(activityId);
    expect(items.map((o) => local(o.startsAt).toFormat('ccc HH:mm'))).toEqual(Array(5).fill('Sun 19:30'));
    expect(items.map((o) => local(o.endsAt).toFormat('HH:mm'))).toEqual(Array(5).fill('21:30'));
    const offsets = items.map((o) => local(o.startsAt).offset);
    expect(new Set(offsets).size).toBe(2); // the instants do move by an hour
    expect(offsets.slice(0, 2)).toEqual([offsets[0], offsets[0]]);
    expect(offsets.slice(2)).toEqual(Array(3).fill(offsets[2]));
    expect(items.every((o) => o.start === o.startsAt && !o.moved && o.cancelledAt === null)).toBe(true);

    const activity = await events.send(GetActivity, { id: activityId });
    expect(activity).toMatchObject({ recurrence: { rrule: 'FREQ=WEEKLY;COUNT=5' }, startsAt: items[0]!.startsAt, myRsvp: null });
    const { ics } = await events.send(CommunityCalendar, { communityId });
    expect(ics).toContain('RRULE:FREQ=WEEKLY;COUNT=5');
    expect(ics).toContain(`DTSTART;TZID=${ZONE}:${first.toFormat("yyyyLLdd'T'HHmmss")}`);
    expect(expanded(ics, activityId).map((o) => o.start)).toEqual(items.map((o) => o.startsAt));
    expect(expanded((await events.send(RegionCalendar, { region: slug })).ics, activityId).map((o) => o.end)).toEqual(items.map((o) => o.endsAt));
  });

  it('refuses a rule without an end, too long, unsupported or not matching the start with 400 and a Dutch message, and writes nothing', async () => {
    const start = daysFromNow(10, 17, 30);
    const end = daysFromNow(10, 19, 30);
    const count = async () => Number((await sql<{ n: string }>(events, 'SELECT count(*) AS n FROM activities'))[0]!.n);
    const before = await count();
    const cases: Array<[string, string, RegExp]> = [
      ['FREQ=WEEKLY', 'RRULE_WITHOUT_END', /^Een herhaling heeft een einde nodig/],
      ['FREQ=WEEKLY;COUNT=261', 'RRULE_TOO_LONG', /hoogstens twee jaar en hoogstens 260 keer/],
      [`FREQ=MONTHLY;UNTIL=${DateTime.now().plus({ years: 3 }).toFormat('yyyyLLdd')}T000000Z`, 'RRULE_TOO_LONG', /twee jaar/],
      ['FREQ=YEARLY;COUNT=3', 'RRULE_UNSUPPORTED', /wordt niet ondersteund/],
      ['FREQ=WEEKLY;COUNT=3;BYHOUR=9', 'RRULE_UNSUPPORTED', /BYHOUR/],
      [`FREQ=WEEKLY;COUNT=3;BYDAY=${local(start).plus({ days: 1 }).toFormat('ccc').slice(0, 2).toUpperCase()}`, 'RRULE_START_MISMATCH', /eerste keer/],
      ['FREQ=WEEKLY;COUNT=abc', 'INVALID_RRULE', /geen geldige RRULE/],
    ];
    for (const [rrule, code, nl] of cases) {
      const refused = await failure(plan(start, end, rrule));
      expect({ rrule, statusCode: refused.statusCode, code: refused.code }).toEqual({ rrule, statusCode: 400, code });
      expect(refused.messages.nl).toMatch(nl);
      expect(refused.messages.en).not.toBe(refused.messages.nl);
    }
    expect(await count()).toBe(before);
  });

  it('gives each occurrence its own places and waitlist: 20 residents at once for each of two occurrences of 3 places, promotions per occurrence', async () => {
    const activityId = await plan(daysFromNow(3, 17), daysFromNow(3, 19), 'FREQ=WEEKLY;INTERVAL=2;COUNT=4', { capacity: 3 });
    const [, second, third] = await occurrences(activityId);
    expect(local(third!.start).diff(local(second!.start), 'days').days).toBe(14);
    const crowd = await Promise.all(Array.from({ length: 40 }, () => resident()));
    const answers = await Promise.all(crowd.map((r, i) => events.send(Rsvp, { activityId, occurrenceStart: (i % 2 ? third : second)!.start }, r.token)));
    for (const occurrence of [second!, third!]) {
      const mine = answers.filter((a) => a.occurrenceStart === occurrence.start);
      expect(mine).toHaveLength(20);
      expect(mine.filter((a) => a.status === 'going')).toHaveLength(3);
      expect(mine.filter((a) => a.status === 'waitlisted').map((a) => a.position).sort((a, b) => a! - b!)).toEqual(Array.from({ length: 17 }, (_, i) => i + 1));
    }
    expect(await sql(events, 'SELECT attendee_count, waitlist_count FROM activity_occurrences WHERE activity_id = ? ORDER BY original_start', [activityId]))
      .toEqual([{ attendee_count: 0, waitlist_count: 0 }, { attendee_count: 3, waitlist_count: 17 }, { attendee_count: 3, waitlist_count: 17 }, { attendee_count: 0, waitlist_count: 0 }]);

    // Three of the second occurrence's going cancel at once: its first three waiting get the places; the third occurrence is untouched.
    const tokenOf = new Map<string, string>(crowd.map((r) => [r.accountId, r.token]));
    const list = await events.send(ListAttendees, { activityId, occurrenceStart: second!.start }, organiser);
    expect(list).toMatchObject({ capacity: 3, occurrenceStart: second!.start });
    await Promise.all(list.going.map((g) => events.send(CancelRsvp, { activityId, occurrenceStart: second!.start }, tokenOf.get(g.accountId))));
    const after = await events.send(ListAttendees, { activityId, occurrenceStart: second!.start }, organiser);
    expect(after.going.map((g) => g.accountId).sort()).toEqual(list.waitlist.slice(0, 3).map((w) => w.accountId).sort());
    expect(after.waitlist.map((w) => w.accountId)).toEqual(list.waitlist.slice(3).map((w) => w.accountId));
    expect((await events.send(ListAttendees, { activityId, occurrenceStart: third!.start }, organiser)).going).toHaveLength(3);
    const promoted = await sql<{ payload: { data: Record<string, unknown> } }>(events, `SELECT payload FROM kc_outbox WHERE subject LIKE '%rsvp.promoted%' AND payload->'data'->>'activityId' = ?`, [activityId]);
    expect(promoted.map((p) => p.payload.data.occurrenceStart)).toEqual(Array(3).fill(second!.start));

    // A higher capacity promotes in every occurrence still to come; a lower one than any has going is 409.
    expect((await failure(events.send(UpdateActivity, { id: activityId, capacity: 2 }, organiser))).code).toBe('CAPACITY_BELOW_GOING');
    await events.send(UpdateActivity, { id: activityId, capacity: 5 }, organiser);
    expect((await occurrences(activityId)).map((o) => [o.capacity, o.attendeeCount, o.waitlistCount])).toEqual([[5, 0, 0], [5, 5, 12], [5, 5, 15], [5, 0, 0]]);
    // My own sign-up per occurrence.
    const someone = crowd[1]!; // signed up for the third
    const seen = await occurrences(activityId, someone.token);
    expect(seen.map((o) => o.myRsvp)).toEqual([null, null, expect.stringMatching(/^(going|waitlisted)$/), null]);
    const mine = await events.send(MyActivities, {}, someone.token);
    expect(mine.items.map((i) => [i.id, i.occurrenceStart, i.startsAt])).toEqual([[activityId, third!.start, third!.startsAt]]);
  }, 60_000);

  it('cancels and moves single occurrences: 404 for one that does not exist, EXDATE and RECURRENCE-ID in the feeds, the region calendar and my list follow', async () => {
    const activityId = await plan(daysFromNow(2, 17), daysFromNow(2, 19), 'FREQ=WEEKLY;COUNT=4');
    const [first, second, third, fourth] = await occurrences(activityId);
    const someone = await resident();
    for (const o of [first, second, third]) await events.send(Rsvp, { activityId, occurrenceStart: o!.start }, someone.token);

    // An occurrence that does not exist: never a 500, nothing changes.
    const wrong = new Date(new Date(second!.start).getTime() + 60_000).toISOString();
    for (const attempt of [
      events.send(Rsvp, { activityId, occurrenceStart: wrong }, someone.token),
      events.send(UpdateOccurrence, { activityId, start: wrong, cancelled: true }, organiser),
      events.send(ListAttendees, { activityId, occurrenceStart: wrong }, organiser),
      events.send(AttendanceFigures, { activityId, occurrenceStart: wrong }, organiser),
    ]) {
      const refused = await failure(attempt);
      expect({ statusCode: refused.statusCode, code: refused.code }).toEqual({ statusCode: 404, code: 'OCCURRENCE_NOT_FOUND' });
      expect(refused.messages.nl).toMatch(/^Deze activiteit vindt op dat moment niet plaats/);
    }
    expect((await failure(events.send(Rsvp, { activityId }, someone.token))).code).toBe('OCCURRENCE_REQUIRED');
    expect((await failure(events.send(UpdateOccurrence, { activityId, start: second!.start }, organiser))).code).toBe('INVALID_OCCURRENCE_CHANGE');
    expect((await failure(events.send(UpdateOccurrence, { activityId, start: second!.start, cancelled: true, startsAt: second!.startsAt, endsAt: second!.endsAt }, organiser))).code).toBe('INVALID_OCCURRENCE_CHANGE');
    expect((await failure(events.send(UpdateOccurrence, { activityId, start: second!.start, startsAt: second!.endsAt, endsAt: second!.startsAt }, organiser))).code).toBe('INVALID_TIME_RANGE');
    expect((await failure(events.send(UpdateOccurrence, { activityId, start: second!.start, cancelled: true }, someone.token))).statusCode).toBe(403);
    // Onto (part of) another occurrence of the series: refused, naming it.
    const clash = await failure(events.send(UpdateOccurrence, { activityId, start: third!.start, startsAt: fourth!.startsAt, endsAt: fourth!.endsAt }, organiser));
    expect({ statusCode: clash.statusCode, code: clash.code }).toEqual({ statusCode: 409, code: 'OCCURRENCE_OVERLAPS' });
    expect(clash.messages.nl).toMatch(/^Op die tijd is er al een andere keer van deze reeks \(op \w+dag /);
    expect(await occurrences(activityId)).toEqual([first, second, third, fourth].map((o) => expect.objectContaining({ startsAt: o!.startsAt, cancelledAt: null })));

    // Cancel the second, move the third a day later and half an hour longer.
    const cancelled = await events.send(UpdateOccurrence, { activityId, start: second!.start, cancelled: true }, organiser);
    expect(cancelled).toMatchObject({ start: second!.start, cancelledAt: expect.any(String), moved: false });
    expect((await failure(events.send(UpdateOccurrence, { activityId, start: second!.start, cancelled: true }, organiser))).code).toBe('OCCURRENCE_ALREADY_CANCELLED');
    const newStart = new Date(new Date(third!.startsAt).getTime() + 86_400_000).toISOString();
    const newEnd = new Date(new Date(third!.endsAt).getTime() + 86_400_000 + 1_800_000).toISOString();
    const moved = await events.send(UpdateOccurrence, { activityId, start: third!.start, startsAt: newStart, endsAt: newEnd }, organiser);
    expect(moved).toMatchObject({ start: third!.start, startsAt: newStart, endsAt: newEnd, moved: true, attendeeCount: 1 });
    expect((await failure(events.send(Rsvp, { activityId, occurrenceStart: second!.start }, (await resident()).token))).code).toBe('ACTIVITY_CANCELLED');
    const outbox = await sql<{ subject: string; payload: { data: Record<string, unknown> } }>(events, `SELECT subject, payload FROM kc_outbox WHERE subject LIKE '%occurrence%' AND payload->'data'->>'activityId' = ? ORDER BY created_at, id`, [activityId]);
    expect(outbox.map((o) => [o.subject.replace(/^.*kc\./, 'kc.'), o.payload.data.occurrenceStart, o.payload.data.attendees])).toEqual([
      ['kc.events.occurrence.cancelled.v1', second!.start, [someone.accountId]],
      ['kc.events.occurrence.moved.v1', third!.start, [someone.accountId]],
    ]);

    // Community feed: EXDATE for the cancelled one, RECURRENCE-ID for the moved one, as ical.js reads them.
    const { ics } = await events.send(CommunityCalendar, { communityId });
    expect(ics).toMatch(new RegExp(`EXDATE;TZID=${ZONE}:${local(second!.start).toFormat("yyyyLLdd'T'HHmmss")}`));
    expect(ics).toContain(`RECURRENCE-ID;TZID=${ZONE}:${local(third!.start).toFormat("yyyyLLdd'T'HHmmss")}`);
    expect(expanded(ics, activityId).map((o) => [o.start, o.end])).toEqual([
      [first!.startsAt, first!.endsAt], [newStart, newEnd], [fourth!.startsAt, fourth!.endsAt],
    ]);
    // Personal feed: only the occurrences one signed up for (the fourth is left out), the moved one moved.
    const { token } = await events.send(GetCalendarFeed, {}, someone.token);
    const personal = expanded((await events.send(PersonalCalendar, { token })).ics, activityId);
    expect(personal.map((o) => o.start)).toEqual([first!.startsAt, newStart]);

    // The region calendar lists occurrences (the cancelled one as cancelled, the moved one at its new time); so does my list.
    const inRegion = (await events.send(RegionActivities, { region: slug, from: new Date().toISOString(), to: daysFromNow(40) })).items.filter((i) => i.id === activityId);
    expect(inRegion.map((i) => [i.occurrenceStart, i.startsAt, i.cancelledAt !== null])).toEqual([
      [first!.start, first!.startsAt, false], [second!.start, second!.startsAt, true], [third!.start, newStart, false], [fourth!.start, fourth!.startsAt, false],
    ]);
    const mine = (await events.send(MyActivities, {}, someone.token)).items;
    expect(mine.map((i) => [i.occurrenceStart, i.startsAt, i.myRsvp])).toEqual([
      [first!.start, first!.startsAt, 'going'], [second!.start, second!.startsAt, 'going'], [third!.start, newStart, 'going'],
    ]);
    expect(mine[1]!.cancelledAt).not.toBeNull();

    // The whole series cancelled: STATUS:CANCELLED on the master, every occurrence cancelled.
    await events.send(CancelActivity, { id: activityId, reason: 'De vrijwilligers stoppen ermee.' }, organiser);
    expect((await occurrences(activityId)).every((o) => o.cancelledAt !== null)).toBe(true);
    expect(expanded((await events.send(CommunityCalendar, { communityId })).ics, activityId).every((o) => o.status === 'CANCELLED')).toBe(true);
  }, 60_000);

  it('keeps single activities as they were (their one occurrence) and records attendance per occurrence', async () => {
    const single = await plan(daysFromNow(5, 17), daysFromNow(5, 19), undefined);
    const [only] = await occurrences(single);
    expect(only).toMatchObject({ start: (await events.send(GetActivity, { id: single })).startsAt, moved: false });
    const someone = await resident();
    expect(await events.send(Rsvp, { activityId: single, occurrenceStart: only!.start }, someone.token)).toEqual({ activityId: single, accountId: someone.accountId, status: 'going' });
    expect(await events.send(GetActivity, { id: single }, someone.token)).toMatchObject({ myRsvp: 'going', attendeeCount: 1, recurrence: null });
    expect((await failure(events.send(UpdateOccurrence, { activityId: single, start: only!.start, cancelled: true }, organiser))).code).toBe('NOT_RECURRING');
    expect((await failure(events.send(Rsvp, { activityId: single, occurrenceStart: daysFromNow(6) }, someone.token))).code).toBe('OCCURRENCE_NOT_FOUND');

    // A daily series whose third occurrence is under way now (three hours long, so a DST change since the first cannot end it).
    const now = Date.now();
    const begin = new Date(now - 2 * 86_400_000 - 10 * 60_000);
    const series = await plan(begin.toISOString(), new Date(begin.getTime() + 3 * 3_600_000).toISOString(), 'FREQ=DAILY;COUNT=4');
    const all = await occurrences(series, undefined, { from: new Date(now - 5 * 86_400_000).toISOString() });
    expect(all).toHaveLength(4);
    const current = all[2]!;
    const person = await resident();
    expect((await failure(events.send(Rsvp, { activityId: series, occurrenceStart: all[0]!.start }, person.token))).code).toBe('ACTIVITY_ENDED');
    await events.send(Rsvp, { activityId: series, occurrenceStart: current.start }, person.token);
    await events.send(Rsvp, { activityId: series, occurrenceStart: all[3]!.start }, person.token);
    const { code } = await events.send(GetCheckInCode, { activityId: series, occurrenceStart: current.start }, organiser);
    const nextCode = (await events.send(GetCheckInCode, { activityId: series, occurrenceStart: all[3]!.start }, organiser)).code;
    expect(await events.send(CheckIn, { activityId: series, occurrenceStart: current.start, code }, person.token)).toEqual({ activityId: series, accountId: person.accountId, present: true });
    if (nextCode !== code) expect((await failure(events.send(CheckIn, { activityId: series, occurrenceStart: all[3]!.start, code: nextCode }, person.token))).code).toBe('ATTENDANCE_NOT_OPEN');
    expect(await events.send(AttendanceFigures, { activityId: series, occurrenceStart: current.start }, organiser)).toEqual({ activityId: series, going: 1, waitlisted: 0, present: 1, noShow: 0 });
    expect(await events.send(AttendanceFigures, { activityId: series, occurrenceStart: all[3]!.start }, organiser)).toEqual({ activityId: series, going: 1, waitlisted: 0, present: 0, noShow: 0 });
    // A series stays on the community's upcoming list until its last occurrence ended.
    expect((await events.send(ListActivities, { communityId }, organiser)).items.map((a) => a.id)).toContain(series);
  }, 60_000);
});
