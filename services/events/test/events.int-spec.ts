import { randomUUID } from 'node:crypto';
import ICAL from 'ical.js';
import {
  CommunityCalendar, CreateCommunity, DomainError, GetActivity, JoinCommunity, ListActivities, Rsvp, ScheduleActivity,
} from '@kc/contracts';
import { createLogger } from '@kc/observability';
import { daysFromNow, InProcessService, lastSundayOf, nextYear, TestIdentity, TestScope } from '@kc/testing';
import { sql, startCommunities } from '../../communities/test/support';
import { loadEventsConfig } from '../src/config';
import { EventsModule } from '../src/events.module';

const failure = (promise: Promise<unknown>) =>
  promise.then(
    (value) => { throw new Error(`expected a failure, got ${JSON.stringify(value)}`); },
    (error: unknown) => error as DomainError,
  );

const inDays = (days: number, hourUtc = 18) => daysFromNow(days, hourUtc);
/** Fixed instants of next year: always ahead, within the scheduling horizon, on known calendar days. */
const Y = nextYear();
/** Next year's last Sunday of March: at 01:00 UTC Europe/Amsterdam moves from +01:00 to +02:00. */
const SPRING_FORWARD = lastSundayOf(Y, 3);
const compact = (isoDate: string) => isoDate.replaceAll('-', '');

describe('events: the activity calendar (communities and events in-process, real PostgreSQL and NATS)', () => {
  const scope = new TestScope('events');
  let communities: InProcessService | undefined;
  let events: InProcessService;
  let tokens: TestIdentity;

  const regionA = randomUUID();
  const organiser = randomUUID();
  const member = randomUUID();
  let as: Record<'organiser' | 'member' | 'librarian' | 'outsider' | 'stranger', string>;
  let communityId: string;
  let privateId: string;

  const activity = (overrides: Record<string, unknown> = {}) => ({
    communityId, title: 'Repair Café', description: 'Samen spullen repareren', startsAt: inDays(10), endsAt: inDays(10, 20),
    mode: 'in_person', location: 'Bibliotheek Centrum, zaal 2', ...overrides,
  });

  beforeAll(async () => {
    tokens = await new TestIdentity(scope.namespace).start();
    communities = await startCommunities(scope);
    scope.dbName('events');
    events = await InProcessService.start({ service: 'events', scope, module: EventsModule.forRoot(loadEventsConfig(scope.env()), createLogger('events', 'silent')) });
    as = {
      organiser: await tokens.token({ accountId: organiser, regionId: regionA }),
      member: await tokens.token({ accountId: member, regionId: regionA }),
      stranger: await tokens.token({ accountId: randomUUID(), regionId: regionA }),
      librarian: await tokens.token({ accountId: randomUUID(), regionId: regionA, roles: ['community_librarian'] }),
      outsider: await tokens.token({ accountId: randomUUID(), regionId: randomUUID(), roles: ['community_librarian'] }),
    };
    communityId = (await communities.send(CreateCommunity, { name: 'Repair Café Centrum', visibility: 'public' }, as.organiser)).id;
    privateId = (await communities.send(CreateCommunity, { name: 'Kring voor mantelzorgers', visibility: 'members' }, as.organiser)).id;
    await communities.send(JoinCommunity, { communityId }, as.member);
  });
  afterAll(async () => {
    await events?.close();
    await communities?.close();
    await tokens?.stop();
    await scope.dispose();
  });

  describe('scheduling', () => {
    it('lets the organiser schedule, publishing ActivityScheduled with the community’s visibility and region', async () => {
      const key = randomUUID();
      const before = (await sql(events, 'SELECT id FROM activities')).length;
      const { id } = await events.send(ScheduleActivity, activity({ capacity: 2 }), as.organiser, key);
      expect((await events.send(ScheduleActivity, activity({ capacity: 2 }), as.organiser, key)).id).toBe(id);
      expect(await sql(events, 'SELECT id FROM activities')).toHaveLength(before + 1);
      const published = await sql<{ payload: { region: string; data: Record<string, unknown> } }>(
        events, `SELECT payload FROM kc_outbox WHERE subject LIKE '%activity.scheduled%' AND payload->'data'->>'activityId' = ?`, [id]);
      expect(published).toHaveLength(1);
      const [scheduled] = published;
      expect(scheduled.payload).toMatchObject({ data: { activityId: id, communityId, visibility: 'public', timeZone: 'Europe/Amsterdam', mode: 'in_person' } });
      expect(scheduled.payload.region).toMatch(/^[0-9a-f-]{36}$/);
    });

    it('lets a community librarian of the region schedule (role from the token), refuses plain members (403) and hides invisible communities (404)', async () => {
      expect(await events.send(ScheduleActivity, activity({ title: 'Spreekuur digitale overheid', mode: 'hybrid', onlineUrl: 'https://meet.example.nl/spreekuur' }), as.librarian)).toMatchObject({ id: expect.any(String) });
      expect(await events.send(ScheduleActivity, activity({ communityId: privateId, title: 'Lotgenotencontact' }), as.librarian)).toMatchObject({ id: expect.any(String) });
      const forbidden = await failure(events.send(ScheduleActivity, activity(), as.member));
      expect(forbidden).toMatchObject({ statusCode: 403, code: 'NOT_ALLOWED_TO_SCHEDULE' });
      expect(forbidden.messages.nl).toMatch(/^Alleen de organisator/);
      expect(await failure(events.send(ScheduleActivity, activity(), as.outsider))).toMatchObject({ statusCode: 403, code: 'NOT_ALLOWED_TO_SCHEDULE' });
      expect(await failure(events.send(ScheduleActivity, activity({ communityId: privateId }), as.stranger))).toMatchObject({ statusCode: 404, code: 'COMMUNITY_NOT_FOUND' });
      expect(await failure(events.send(ScheduleActivity, activity({ communityId: randomUUID() }), as.organiser))).toMatchObject({ statusCode: 404, code: 'COMMUNITY_NOT_FOUND' });
      expect(await failure(events.send(ScheduleActivity, activity()))).toMatchObject({ statusCode: 401 });
    });

    it('rejects invalid activities with 400 and a Dutch message, writing nothing', async () => {
      const before = (await sql(events, 'SELECT id FROM activities')).length;
      const cases: [Record<string, unknown>, string][] = [
        [{ startsAt: inDays(10, 20), endsAt: inDays(10, 18) }, 'INVALID_TIME_RANGE'],
        [{ endsAt: inDays(10) }, 'INVALID_TIME_RANGE'],
        [{ timeZone: 'Mars/Olympus_Mons' }, 'INVALID_TIME_ZONE'],
        [{ timeZone: '+01:00' }, 'INVALID_TIME_ZONE'],
        [{ location: undefined }, 'LOCATION_REQUIRED'],
        [{ mode: 'online', location: undefined }, 'ONLINE_URL_REQUIRED'],
        [{ mode: 'hybrid', onlineUrl: 'javascript:alert(1)' }, 'VALIDATION_FAILED'],
        [{ mode: 'online', onlineUrl: 'ftp://bestanden.example.nl' }, 'VALIDATION_FAILED'],
        [{ capacity: 0 }, 'VALIDATION_FAILED'],
        [{ startsAt: 'morgen' }, 'VALIDATION_FAILED'],
        [{ startsAt: '1999-12-31T18:00:00Z', endsAt: '1999-12-31T20:00:00Z' }, 'START_OUT_OF_RANGE'],
        [{ startsAt: inDays(11 * 366), endsAt: inDays(11 * 366, 20) }, 'START_OUT_OF_RANGE'],
        [{ endsAt: inDays(42) }, 'ACTIVITY_TOO_LONG'],
        // The property-based test's case: its calendar feed froze the process.
        [{ startsAt: '2026-01-01T00:00:00.027Z', endsAt: '9999-12-31T23:59:59Z', timeZone: 'Asia/Kathmandu' }, 'ACTIVITY_TOO_LONG'],
      ];
      for (const [overrides, code] of cases) {
        const error = await failure(events.send(ScheduleActivity, activity(overrides), as.organiser));
        expect({ overrides, statusCode: error.statusCode, code: error.code }).toEqual({ overrides, statusCode: 400, code });
        expect(error.messages.nl).not.toEqual(error.messages.en);
      }
      expect(await sql(events, 'SELECT id FROM activities')).toHaveLength(before);
    });
  });

  describe('listing and the iCalendar feed', () => {
    let repairId: string;
    let amsterdamId: string;
    let londonId: string;
    let lotgenotenId: string;

    beforeAll(async () => {
      repairId = (await events.send(ScheduleActivity, activity(), as.organiser)).id;
      lotgenotenId = (await events.send(ScheduleActivity, activity({ communityId: privateId, title: 'Lotgenotencontact' }), as.organiser)).id;
      amsterdamId = (await events.send(ScheduleActivity, activity({ title: 'Voorjaarslezing', startsAt: `${Y}-03-14T18:30:00Z`, endsAt: `${Y}-03-14T20:00:00Z` }), as.organiser)).id;
      londonId = (await events.send(ScheduleActivity, activity({
        title: 'Online college', mode: 'online', location: undefined, onlineUrl: 'https://college.example.nl/live?x=1&y=2',
        timeZone: 'Europe/London', startsAt: `${Y}-07-01T17:00:00Z`, endsAt: `${Y}-07-01T18:00:00Z`,
      }), as.organiser)).id;
      await events.send(ScheduleActivity, activity({ title: 'Terugblik', startsAt: inDays(-3), endsAt: inDays(-3, 20) }), as.organiser);
    });

    it('lists upcoming activities soonest first with counts and cursor pages, past ones separately', async () => {
      const all = await events.send(ListActivities, { communityId }, as.stranger);
      const starts = all.items.map((a) => a.startsAt);
      expect(starts).toEqual([...starts].sort());
      expect(all.items.map((a) => a.title)).toEqual(expect.arrayContaining(['Repair Café', 'Voorjaarslezing', 'Online college']));
      // Counts of the activities scheduled here (the RSVP tests sign up for their own in the same community).
      const mine = all.items.filter((a) => [repairId, amsterdamId, londonId].includes(a.id)).map((a) => [a.id, [a.attendeeCount, a.waitlistCount]]);
      expect(Object.fromEntries(mine)).toEqual({ [repairId]: [0, 0], [amsterdamId]: [0, 0], [londonId]: [0, 0] });

      const pages: string[] = [];
      let cursor: string | undefined;
      do {
        const page = await events.send(ListActivities, { communityId, limit: 1, ...(cursor ? { cursor } : {}) });
        pages.push(...page.items.map((a) => a.id));
        cursor = page.nextCursor ?? undefined;
      } while (cursor);
      expect(pages).toEqual(all.items.map((a) => a.id));

      expect((await events.send(ListActivities, { communityId, when: 'past' })).items.map((a) => a.title)).toEqual(['Terugblik']);
      expect(await failure(events.send(ListActivities, { communityId: privateId }, as.stranger))).toMatchObject({ statusCode: 404 });
      expect(await failure(events.send(ListActivities, { communityId, cursor: 'kapot' }))).toMatchObject({ statusCode: 400, code: 'INVALID_CURSOR' });
      // Other tests schedule in the members-only community too: its own activity is listed for its organiser.
      expect((await events.send(ListActivities, { communityId: privateId }, as.organiser)).items.map((a) => a.id)).toContain(lotgenotenId);
    });

    it('serves an RFC 5545 calendar with TZID, VTIMEZONE, UIDs, location and online URL that ical.js reads back to the same instants', async () => {
      const { ics } = await events.send(CommunityCalendar, { communityId });
      expect(ics).toMatch(/^BEGIN:VCALENDAR\r\n/);
      expect(ics).toContain('X-WR-CALNAME:Activiteiten van Repair Café Centrum');
      expect(ics).toContain(`DTSTART;TZID=Europe/Amsterdam:${Y}0314T193000`);
      expect(ics).toContain(`DTSTART;TZID=Europe/London:${Y}0701T180000`);

      const calendar = new ICAL.Component(ICAL.parse(ics));
      for (const zone of calendar.getAllSubcomponents('vtimezone')) ICAL.TimezoneService.register(zone);
      const vevents = calendar.getAllSubcomponents('vevent').map((c) => new ICAL.Event(c));
      const byUid = new Map(vevents.map((e) => [e.uid, e]));
      const spring = byUid.get(`${amsterdamId}@kenniscloud.nl`)!;
      expect(spring.summary).toBe('Voorjaarslezing');
      expect(spring.location).toBe('Bibliotheek Centrum, zaal 2');
      expect(spring.component.getFirstProperty('dtstart')!.getParameter('tzid')).toBe('Europe/Amsterdam');
      expect(spring.startDate.zone!.tzid).toBe('Europe/Amsterdam');
      expect(spring.startDate.toJSDate().toISOString()).toBe(`${Y}-03-14T18:30:00.000Z`);
      expect(spring.endDate.toJSDate().toISOString()).toBe(`${Y}-03-14T20:00:00.000Z`);
      const online = byUid.get(`${londonId}@kenniscloud.nl`)!;
      expect(online.startDate.toJSDate().toISOString()).toBe(`${Y}-07-01T17:00:00.000Z`);
      expect(online.component.getFirstPropertyValue('url')).toBe('https://college.example.nl/live?x=1&y=2');

      expect(await failure(events.send(CommunityCalendar, { communityId: privateId }))).toMatchObject({ statusCode: 404, code: 'COMMUNITY_NOT_FOUND' });
    });
  });

  describe('regressions found by the property-based test', () => {
    const cursorOf = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');

    it('answers a malformed cursor with 400 INVALID_CURSOR and a Dutch message, before it reaches PostgreSQL', async () => {
      const cursors = [
        'WyIyMDI3LTAxLTAxVDAwOjAwOjAwWiIsIi0tLS0tLS0tLS0tLS0tLS0tLS0tLS0tLS0tLS0tLS0tLS0tLSJd', // ["2027-01-01T00:00:00Z","----…"]
        cursorOf(['+275760-09-13T00:00:00.000Z', randomUUID()]),
        cursorOf(['2027-01-01T00:00:00.000Z', '0190000000007000800000000000000001aa']), // 36 hex digits, no UUID
        cursorOf(['2027-01-01T00:00:00.000Z', '01900000-0000-7000-c000-000000000001']),
        cursorOf(['9999-12-31T00:00:00.000Z', randomUUID()]),
      ];
      for (const cursor of cursors) {
        for (const when of ['upcoming', 'past'] as const) {
          const error = await failure(events.send(ListActivities, { communityId, when, cursor }, as.member));
          expect({ cursor, statusCode: error.statusCode, code: error.code }).toEqual({ cursor, statusCode: 400, code: 'INVALID_CURSOR' });
          expect(error.messages.nl).toMatch(/^De paginacursor is ongeldig/);
        }
      }
    });

    it('serves the calendar of activities in Asia/Kathmandu and Europe/Amsterdam, even with a stored activity reaching to 9999', async () => {
      const calendarCommunity = (await communities!.send(CreateCommunity, { name: 'Reisclub Kathmandu', visibility: 'public' }, as.organiser)).id;
      const kathmanduId = (await events.send(ScheduleActivity, activity({
        communityId: calendarCommunity, title: 'Trektocht', timeZone: 'Asia/Kathmandu', startsAt: `${Y}-05-01T03:15:00Z`, endsAt: `${Y}-05-03T03:15:00Z`,
      }), as.organiser)).id;
      const amsterdamId = (await events.send(ScheduleActivity, activity({
        communityId: calendarCommunity, title: 'Zomertijdlezing', startsAt: `${SPRING_FORWARD}T00:30:00Z`, endsAt: `${SPRING_FORWARD}T01:30:00Z`,
      }), as.organiser)).id;
      // Stored before the scheduling limits existed: the row that froze the process.
      const legacyId = randomUUID();
      await sql(events, `INSERT INTO activities (id, community_id, region_id, visibility, title, starts_at, ends_at, time_zone, mode, location, created_by)
        SELECT ?, community_id, region_id, visibility, 'Eindeloos', '2026-01-01T00:00:00.027Z', '9999-12-31T23:59:59Z', 'Asia/Kathmandu', mode, location, created_by
        FROM activities WHERE id = ?`, [legacyId, kathmanduId]);

      const { ics } = await events.send(CommunityCalendar, { communityId: calendarCommunity }, as.stranger);
      expect(ics).toContain('BEGIN:VTIMEZONE\r\nTZID:Asia/Kathmandu\r\n');
      expect(ics).toContain('BEGIN:VTIMEZONE\r\nTZID:Europe/Amsterdam\r\n');
      expect(ics).toContain(`DTSTART;TZID=Asia/Kathmandu:${Y}0501T090000`);
      expect(ics).toContain(`DTSTART;TZID=Europe/Amsterdam:${compact(SPRING_FORWARD)}T013000`);
      expect(ics).toContain(`DTEND;TZID=Europe/Amsterdam:${compact(SPRING_FORWARD)}T033000`); // 01:30 UTC is already summer time

      const calendar = new ICAL.Component(ICAL.parse(ics));
      for (const zone of calendar.getAllSubcomponents('vtimezone')) ICAL.TimezoneService.register(zone);
      const byUid = new Map(calendar.getAllSubcomponents('vevent').map((c) => new ICAL.Event(c)).map((e) => [e.uid, e]));
      const read = (id: string) => {
        const e = byUid.get(`${id}@kenniscloud.nl`)!;
        return { zone: e.startDate.zone!.tzid, start: e.startDate.toJSDate().toISOString(), end: e.endDate.toJSDate().toISOString() };
      };
      expect(read(kathmanduId)).toEqual({ zone: 'Asia/Kathmandu', start: `${Y}-05-01T03:15:00.000Z`, end: `${Y}-05-03T03:15:00.000Z` });
      expect(read(amsterdamId)).toEqual({ zone: 'Europe/Amsterdam', start: `${SPRING_FORWARD}T00:30:00.000Z`, end: `${SPRING_FORWARD}T01:30:00.000Z` });
      expect(read(legacyId)).toEqual({ zone: 'Etc/UTC', start: '2026-01-01T00:00:00.000Z', end: '9999-12-31T23:59:59.000Z' });
    });
  });

  describe('RSVPs', () => {
    const withCapacity = async (capacity: number) => (await events.send(ScheduleActivity, activity({ title: `Workshop voor ${capacity}`, capacity }), as.organiser)).id;

    it('gives places until the activity is full, then the waitlist; signing up twice returns the first', async () => {
      const activityId = await withCapacity(2);
      expect(await events.send(Rsvp, { activityId }, as.member)).toEqual({ activityId, accountId: member, status: 'going' });
      expect(await events.send(Rsvp, { activityId }, as.member)).toEqual({ activityId, accountId: member, status: 'going' });
      expect(await events.send(Rsvp, { activityId }, as.stranger)).toMatchObject({ status: 'going' });
      expect(await events.send(Rsvp, { activityId }, as.librarian)).toMatchObject({ status: 'waitlisted', position: 1 });
      expect(await events.send(Rsvp, { activityId }, as.member)).toMatchObject({ status: 'going' });
      const listed = (await events.send(ListActivities, { communityId })).items.find((a) => a.id === activityId);
      expect(listed).toMatchObject({ capacity: 2, attendeeCount: 2, waitlistCount: 1 });
      expect(await sql(events, 'SELECT 1 FROM kc_outbox WHERE subject LIKE ? AND payload->\'data\'->>\'activityId\' = ?', ['%rsvp.registered.v2%', activityId])).toHaveLength(3);
      expect(await failure(events.send(Rsvp, { activityId }))).toMatchObject({ statusCode: 401 });
      expect(await failure(events.send(Rsvp, { activityId: randomUUID() }, as.member))).toMatchObject({ statusCode: 404, code: 'ACTIVITY_NOT_FOUND' });
      expect(await events.send(GetActivity, { id: activityId }, as.member)).toMatchObject({ id: activityId, capacity: 2, attendeeCount: 2, myRsvp: 'going' });
      expect(await events.send(GetActivity, { id: activityId }, as.librarian)).toMatchObject({ myRsvp: 'waitlisted', myWaitlistPosition: 1 });
      expect(await events.send(GetActivity, { id: activityId }, as.organiser)).toMatchObject({ myRsvp: null, myWaitlistPosition: null });
      expect(await events.send(GetActivity, { id: activityId })).toMatchObject({ id: activityId, myRsvp: null });
      expect(await failure(events.send(GetActivity, { id: randomUUID() }, as.member))).toMatchObject({ statusCode: 404, code: 'ACTIVITY_NOT_FOUND' });
    });

    it('never overbooks: 10 concurrent sign-ups for 3 places give exactly 3 going and 7 waitlisted', async () => {
      const activityId = await withCapacity(3);
      const results = await Promise.all(
        Array.from({ length: 10 }, async () => events.send(Rsvp, { activityId }, await tokens.token({ accountId: randomUUID(), regionId: regionA }))),
      );
      expect(results.filter((r) => r.status === 'going')).toHaveLength(3);
      expect(results.filter((r) => r.status === 'waitlisted')).toHaveLength(7);
      expect(await sql(events, "SELECT account_id FROM rsvps WHERE activity_id = ? AND status = 'going'", [activityId])).toHaveLength(3);
      expect(await sql(events, 'SELECT attendee_count, waitlist_count FROM activities WHERE id = ?', [activityId])).toEqual([{ attendee_count: 3, waitlist_count: 7 }]);
    });

    it('hides activities of communities the caller cannot see and refuses ended ones', async () => {
      const secret = (await events.send(ScheduleActivity, activity({ communityId: privateId, title: 'Lotgenotenavond' }), as.organiser)).id;
      expect(await failure(events.send(Rsvp, { activityId: secret }, as.stranger))).toMatchObject({ statusCode: 404, code: 'ACTIVITY_NOT_FOUND' });
      for (const token of [undefined, as.stranger]) {
        expect(await failure(events.send(GetActivity, { id: secret }, token))).toMatchObject({ statusCode: 404, code: 'ACTIVITY_NOT_FOUND' });
      }
      // Ended in a community of its own: the listing test counts the past activities of the shared one.
      const pastCommunity = (await communities!.send(CreateCommunity, { name: 'Repair Café Archief', visibility: 'public' }, as.organiser)).id;
      await communities!.send(JoinCommunity, { communityId: pastCommunity }, as.member);
      const past = (await events.send(ScheduleActivity, activity({ communityId: pastCommunity, title: 'Terugblik', startsAt: inDays(-3), endsAt: inDays(-3, 20) }), as.organiser)).id;
      expect(await failure(events.send(Rsvp, { activityId: past }, as.member))).toMatchObject({ statusCode: 409, code: 'ACTIVITY_ENDED' });
    });
  });

  it('answers 503/504 while communities is unavailable, and writes nothing', async () => {
    await communities!.close();
    communities = undefined;
    try {
      const before = (await sql(events, 'SELECT id FROM activities')).length;
      const error = await failure(events.send(ScheduleActivity, activity({ title: 'Tijdens storing' }), as.organiser));
      expect([503, 504]).toContain(error.statusCode);
      expect(error.messages.nl).toMatch(/communities/);
      expect(await sql(events, 'SELECT id FROM activities')).toHaveLength(before);
    } finally {
      communities = await startCommunities(scope); // back for the tests that run after this one
    }
  });
});
