import { randomUUID } from 'node:crypto';
import ICAL from 'ical.js';
import {
  AcceptInvitation, CreateCommunity, CreateInvitation, DomainError, GetCalendarFeed, PersonalCalendar, RegionActivities, RegionCalendar, RotateCalendarFeed, Rsvp, ScheduleActivity,
} from '@kc/contracts';
import { createLogger } from '@kc/observability';
import { daysFromNow, InProcessService, TestIdentity, TestScope } from '@kc/testing';
import { sql, startCommunities } from '../../communities/test/support';
import { loadEventsConfig } from '../src/config';
import { EventsModule } from '../src/events.module';

const failure = (promise: Promise<unknown>) =>
  promise.then(
    (value) => { throw new Error(`expected a failure, got ${JSON.stringify(value)}`); },
    (error: unknown) => error as DomainError,
  );
/** Reads an iCalendar text with ical.js, its VTIMEZONEs registered, as events by UID. */
const parse = (ics: string) => {
  const calendar = new ICAL.Component(ICAL.parse(ics));
  for (const zone of calendar.getAllSubcomponents('vtimezone')) ICAL.TimezoneService.register(zone);
  return { calendar, events: new Map(calendar.getAllSubcomponents('vevent').map((c) => new ICAL.Event(c)).map((e) => [e.uid.split('@')[0]!, e])) };
};

describe('events: region calendar and feeds (communities and events in-process, real PostgreSQL and NATS)', () => {
  const scope = new TestScope('calendars');
  let communities: InProcessService;
  let events: InProcessService;
  let tokens: TestIdentity;
  const region = randomUUID();
  const otherRegion = randomUUID();
  const slug = `noord-${randomUUID().slice(0, 6)}`;
  let organiser: string;
  let organiserId: string;
  let stranger: string;
  let librarian: string;
  let publicId: string;
  let privateId: string;
  const ids: Record<string, string> = {};

  const plan = async (name: string, communityId: string, days: number, extra: Record<string, unknown> = {}) => {
    ids[name] = (await events.send(ScheduleActivity, {
      communityId, title: name, startsAt: daysFromNow(days, 17), endsAt: daysFromNow(days, 19), mode: 'in_person', location: 'Bibliotheek Noord', ...extra,
    }, organiser)).id;
  };

  beforeAll(async () => {
    tokens = await new TestIdentity(scope.namespace).start();
    await tokens.setRegionStatus(region, 'active', slug);
    await tokens.setRegionStatus(otherRegion, 'active', `${slug}-zuid`);
    communities = await startCommunities(scope);
    scope.dbName('events');
    events = await InProcessService.start({ service: 'events', scope, module: EventsModule.forRoot(loadEventsConfig(scope.env()), createLogger('events', 'silent')) });
    organiserId = randomUUID();
    organiser = await tokens.token({ accountId: organiserId, regionId: region });
    stranger = await tokens.token({ accountId: randomUUID(), regionId: region });
    librarian = await tokens.token({ accountId: randomUUID(), regionId: region, roles: ['community_librarian'] });
    publicId = (await communities.send(CreateCommunity, { name: 'Repair Café Noord', visibility: 'public' }, organiser)).id;
    privateId = (await communities.send(CreateCommunity, { name: 'Mantelzorgkring', visibility: 'members' }, organiser)).id;
    await plan('Repareren', publicId, 3);
    await plan('Online spreekuur', publicId, 4, { mode: 'online', location: undefined, onlineUrl: 'https://meet.example.nl/spreekuur' });
    await plan('Lotgenoten', privateId, 5);
    await plan('Volgend jaar', publicId, 200);
  });
  afterAll(async () => {
    await events?.close();
    await communities?.close();
    await tokens?.stop();
    await scope.dispose();
  });

  it('lists the region’s public activities to anyone and members-only ones to those who may read them, in a period, filtered', async () => {
    const titles = async (query: Record<string, unknown>, token?: string) => (await events.send(RegionActivities, { region: slug, ...query }, token)).items.map((a) => a.title);
    expect(await titles({})).toEqual(['Repareren', 'Online spreekuur']);
    expect(await titles({}, stranger)).toEqual(['Repareren', 'Online spreekuur']);
    expect(await titles({}, organiser)).toEqual(['Repareren', 'Online spreekuur', 'Lotgenoten']);
    expect(await titles({}, librarian)).toEqual(['Repareren', 'Online spreekuur', 'Lotgenoten']);
    expect(await titles({ mode: 'online' }, organiser)).toEqual(['Online spreekuur']);
    expect(await titles({ communityId: privateId }, organiser)).toEqual(['Lotgenoten']);
    expect(await titles({ communityId: privateId }, stranger)).toEqual([]);
    expect(await titles({ from: daysFromNow(199), to: daysFromNow(210) })).toEqual(['Volgend jaar']);
    // Overlap: an activity that is under way at `from` counts.
    expect(await titles({ from: daysFromNow(3, 18), to: daysFromNow(3, 23) })).toEqual(['Repareren']);

    const first = await events.send(RegionActivities, { region: slug, limit: 1 }, organiser);
    const second = await events.send(RegionActivities, { region: slug, limit: 1, cursor: first.nextCursor! }, organiser);
    expect([...first.items, ...second.items].map((a) => a.title)).toEqual(['Repareren', 'Online spreekuur']);
    expect(await titles({ region: `${slug}-zuid` }, organiser)).toEqual([]);
  });

  it('refuses a bad period, an unknown region and bad input with 4xx and a Dutch message', async () => {
    const cases: [Record<string, unknown>, number, string, RegExp][] = [
      [{ from: daysFromNow(5), to: daysFromNow(4) }, 400, 'INVALID_RANGE', /^Het einde van de periode/],
      [{ from: daysFromNow(1), to: daysFromNow(120) }, 400, 'RANGE_TOO_LONG', /hoogstens 93 dagen/],
      // Year 0 exists in ISO 8601 but not in PostgreSQL: refused before it reaches the database.
      [{ from: '0000-01-01T00:00:00Z' }, 400, 'RANGE_OUT_OF_BOUNDS', /tussen de jaren 1900 en 9000/],
      [{ from: '9999-12-01T00:00:00Z', to: '9999-12-31T00:00:00Z' }, 400, 'RANGE_OUT_OF_BOUNDS', /tussen de jaren 1900 en 9000/],
      [{ region: 'bestaat-niet' }, 404, 'REGION_NOT_FOUND', /^Deze regio bestaat niet/],
      [{ cursor: 'kapot' }, 400, 'INVALID_CURSOR', /^De paginacursor/],
      [{ from: 'morgen' }, 400, 'VALIDATION_FAILED', /./],
      [{ mode: 'teleport' }, 400, 'VALIDATION_FAILED', /./],
      [{ limit: 500 }, 400, 'VALIDATION_FAILED', /./],
    ];
    for (const [query, statusCode, code, nl] of cases) {
      const error = await failure(events.send(RegionActivities, { region: slug, ...query }, organiser));
      expect({ query, statusCode: error.statusCode, code: error.code }).toEqual({ query, statusCode, code });
      expect(error.messages.nl).toMatch(nl);
      expect(error.messages.nl).not.toEqual(error.messages.en);
    }
  });

  it('serves the region’s public feed (RFC 5545, VTIMEZONE, STATUS) that ical.js reads to the same instants', async () => {
    const { ics } = await events.send(RegionCalendar, { region: slug });
    expect(ics).toContain('BEGIN:VTIMEZONE\r\nTZID:Europe/Amsterdam\r\n');
    const { calendar, events: byId } = parse(ics);
    expect(calendar.getFirstPropertyValue('x-wr-calname')).toBe(`Activiteiten in regio ${slug}`);
    expect([...byId.keys()].sort()).toEqual([ids.Repareren, ids['Online spreekuur'], ids['Volgend jaar']].sort());
    const repair = byId.get(ids.Repareren!)!;
    expect(repair.component.getFirstPropertyValue('status')).toBe('CONFIRMED');
    expect(repair.startDate.zone!.tzid).toBe('Europe/Amsterdam');
    expect(repair.startDate.toJSDate().toISOString()).toBe(new Date(daysFromNow(3, 17)).toISOString());
    expect(await failure(events.send(RegionCalendar, { region: 'bestaat-niet' }))).toMatchObject({ statusCode: 404, code: 'REGION_NOT_FOUND' });
  });

  it('gives each person a secret feed of their own activities (waitlisted as TENTATIVE); rotating makes the old token 404 at once', async () => {
    const full = (await events.send(ScheduleActivity, {
      communityId: publicId, title: 'Vol', startsAt: daysFromNow(6, 17), endsAt: daysFromNow(6, 19), mode: 'in_person', location: 'Zaal 1', capacity: 1,
    }, organiser)).id;
    // The organiser is a member of the members-only community (its only one).
    const reader = organiser;
    await events.send(Rsvp, { activityId: full }, stranger);
    await events.send(Rsvp, { activityId: full }, reader);
    await events.send(Rsvp, { activityId: ids.Lotgenoten! }, reader);

    const { token } = await events.send(GetCalendarFeed, {}, reader);
    expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect((await events.send(GetCalendarFeed, {}, reader)).token).toBe(token);
    expect((await events.send(GetCalendarFeed, {}, stranger)).token).not.toBe(token);

    const { events: mine } = parse((await events.send(PersonalCalendar, { token })).ics);
    expect([...mine.keys()].sort()).toEqual([full, ids.Lotgenoten].sort());
    expect(mine.get(full)!.component.getFirstPropertyValue('status')).toBe('TENTATIVE');
    expect(mine.get(ids.Lotgenoten!)!.component.getFirstPropertyValue('status')).toBe('CONFIRMED');
    expect(mine.get(ids.Lotgenoten!)!.summary).toBe('Lotgenoten');

    const rotated = await events.send(RotateCalendarFeed, {}, reader);
    expect(rotated.token).not.toBe(token);
    const gone = await failure(events.send(PersonalCalendar, { token }));
    expect(gone).toMatchObject({ statusCode: 404, code: 'CALENDAR_FEED_NOT_FOUND' });
    expect(gone.messages.nl).toMatch(/^Deze agenda-link bestaat niet/);
    expect((await events.send(PersonalCalendar, { token: rotated.token })).ics).toContain('SUMMARY:Lotgenoten');
    expect((await events.send(GetCalendarFeed, {}, reader)).token).toBe(rotated.token);
    expect(await sql(events, 'SELECT token FROM calendar_feeds WHERE account_id = ?', [organiserId])).toEqual([{ token: rotated.token }]);

    expect(await failure(events.send(PersonalCalendar, { token: 'x'.repeat(43) }))).toMatchObject({ statusCode: 404 });
    expect(await failure(events.send(PersonalCalendar, { token: 'kort' }))).toMatchObject({ statusCode: 400, code: 'VALIDATION_FAILED' });
    expect(await failure(events.send(GetCalendarFeed, {}))).toMatchObject({ statusCode: 401 });
    expect(await failure(events.send(RotateCalendarFeed, {}))).toMatchObject({ statusCode: 401 });
  });

  it('puts a national community’s activities in every region’s calendar and feed: public ones for anyone, members-only ones for its members only', async () => {
    const south = `${slug}-zuid`;
    const southMember = await tokens.token({ accountId: randomUUID(), regionId: otherRegion });
    const southStranger = await tokens.token({ accountId: randomUUID(), regionId: otherRegion });
    const southOrganiser = await tokens.token({ accountId: randomUUID(), regionId: otherRegion });
    const national = (await communities.send(CreateCommunity, { name: 'Landelijk leesnetwerk', visibility: 'public', scope: 'national' }, librarian)).id;
    const closed = (await communities.send(CreateCommunity, { name: 'Landelijk bibliothecarissenoverleg', visibility: 'members', scope: 'national' }, librarian)).id;
    const southern = (await communities.send(CreateCommunity, { name: 'Leesclub Zuid', visibility: 'members' }, southOrganiser)).id;
    const invitation = await communities.send(CreateInvitation, { communityId: closed }, librarian);
    await communities.send(AcceptInvitation, { token: invitation.token }, southMember);
    const schedule = async (title: string, communityId: string, token: string) =>
      (await events.send(ScheduleActivity, { communityId, title, startsAt: daysFromNow(6, 17), endsAt: daysFromNow(6, 19), mode: 'online', onlineUrl: 'https://meet.example.nl/landelijk' }, token)).id;
    const open = await schedule('Landelijke leesdag', national, librarian);
    const members = await schedule('Landelijk overleg', closed, librarian);
    await schedule('Zuidelijke leesavond', southern, southOrganiser);
    const titles = async (region: string, token?: string) => (await events.send(RegionActivities, { region, from: daysFromNow(6), to: daysFromNow(7) }, token)).items.map((a) => a.title);

    expect(await titles(south)).toEqual(['Landelijke leesdag']);
    expect(await titles(south, southStranger)).toEqual(['Landelijke leesdag']);
    expect((await titles(south, southMember)).sort()).toEqual(['Landelijk overleg', 'Landelijke leesdag']);
    expect((await titles(south, southOrganiser)).sort()).toEqual(['Landelijke leesdag', 'Zuidelijke leesavond']);
    // The home region shows them as before; region B's regional activity stays in region B, for a member of the national community too.
    expect(await titles(slug)).toContain('Landelijke leesdag');
    expect(await titles(slug)).not.toContain('Landelijk overleg');
    expect(await titles(slug, librarian)).toEqual(expect.arrayContaining(['Landelijk overleg', 'Landelijke leesdag']));
    expect(await titles(slug, southMember)).not.toContain('Zuidelijke leesavond');

    const feed = parse((await events.send(RegionCalendar, { region: south })).ics).events;
    expect(feed.has(open)).toBe(true);
    expect(feed.has(members)).toBe(false);
  });
});
