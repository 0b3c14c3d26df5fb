import { randomUUID } from 'node:crypto';
import {
  CancelRsvp, CreateCommunity, DomainError, GetActivity, JoinCommunity, ListAttendees, MyActivities, Rsvp, ScheduleActivity, UpdateActivity,
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

describe('events: waitlist with automatic promotion (communities and events in-process, real PostgreSQL and NATS)', () => {
  const scope = new TestScope('waitlist');
  let communities: InProcessService;
  let events: InProcessService;
  let tokens: TestIdentity;
  const region = randomUUID();
  const organiserId = randomUUID();
  let organiser: string;
  let librarian: string;
  let otherLibrarian: string;
  let communityId: string;
  let privateId: string;

  const resident = async (accountId = randomUUID()) => ({ accountId, token: await tokens.token({ accountId, regionId: region }) });
  const schedule = async (capacity: number | undefined, overrides: Record<string, unknown> = {}) =>
    (await events.send(ScheduleActivity, {
      communityId, title: `Taalcafé voor ${capacity ?? 'iedereen'}`, startsAt: daysFromNow(7), endsAt: daysFromNow(7, 20), mode: 'in_person', location: 'Bibliotheek Centrum',
      ...(capacity === undefined ? {} : { capacity }), ...overrides,
    }, organiser)).id;
  const outboxOf = async (subject: string, activityId: string) =>
    (await sql<{ payload: { data: Record<string, unknown> } }>(events, `SELECT payload FROM kc_outbox WHERE subject LIKE ? AND payload->'data'->>'activityId' = ? ORDER BY created_at, id`, [`%${subject}%`, activityId]))
      .map((r) => r.payload.data);

  beforeAll(async () => {
    tokens = await new TestIdentity(scope.namespace).start();
    communities = await startCommunities(scope);
    scope.dbName('events');
    // 100 sign-ups queue on one row lock, one after another: on a loaded CI machine the last may wait longer than 10 s.
    events = await InProcessService.start({ service: 'events', scope, module: EventsModule.forRoot(loadEventsConfig(scope.env()), createLogger('events', 'silent')), rpcTimeoutMs: 60_000 });
    organiser = await tokens.token({ accountId: organiserId, regionId: region });
    librarian = await tokens.token({ accountId: randomUUID(), regionId: region, roles: ['community_librarian'] });
    otherLibrarian = await tokens.token({ accountId: randomUUID(), regionId: randomUUID(), roles: ['community_librarian'] });
    communityId = (await communities.send(CreateCommunity, { name: 'Taalcafé Centrum', visibility: 'public' }, organiser)).id;
    privateId = (await communities.send(CreateCommunity, { name: 'Besloten leesclub', visibility: 'members' }, organiser)).id;
  });
  afterAll(async () => {
    await events?.close();
    await communities?.close();
    await tokens?.stop();
    await scope.dispose();
  });

  it('gives exactly `capacity` places to 100 residents signing up at once, the other 90 a waitlist position 1…90, and promotes in that order', async () => {
    const activityId = await schedule(10);
    const residents = await Promise.all(Array.from({ length: 100 }, () => resident()));
    const answers = await Promise.all(residents.map((r) => events.send(Rsvp, { activityId }, r.token)));

    const going = answers.filter((a) => a.status === 'going');
    const waiting = answers.filter((a) => a.status === 'waitlisted');
    expect(going).toHaveLength(10);
    expect(going.every((a) => a.position === undefined)).toBe(true);
    expect(waiting.map((a) => a.position).sort((a, b) => a! - b!)).toEqual(Array.from({ length: 90 }, (_, i) => i + 1));
    expect(await sql(events, 'SELECT attendee_count, waitlist_count FROM activities WHERE id = ?', [activityId])).toEqual([{ attendee_count: 10, waitlist_count: 90 }]);

    // The attendee list is the same order the answers gave.
    const list = await events.send(ListAttendees, { activityId }, organiser);
    expect(list.going.map((a) => a.accountId).sort()).toEqual(going.map((a) => a.accountId).sort());
    const queue = [...waiting].sort((a, b) => a.position! - b.position!).map((a) => a.accountId);
    expect(list.waitlist.map((a) => a.accountId)).toEqual(queue);
    expect(list.waitlist.map((a) => a.position)).toEqual(Array.from({ length: 90 }, (_, i) => i + 1));

    // Three cancellations of going residents, one after another: positions 1, 2, 3 get the places, in that order.
    const tokenOf = new Map<string, string>(residents.map((r) => [r.accountId, r.token]));
    for (const [i, leaving] of going.slice(0, 3).entries()) {
      await events.send(CancelRsvp, { activityId }, tokenOf.get(leaving.accountId));
      expect(await events.send(GetActivity, { id: activityId }, tokenOf.get(queue[i]!))).toMatchObject({ myRsvp: 'going', myWaitlistPosition: null, attendeeCount: 10, waitlistCount: 89 - i });
    }
    expect((await outboxOf('rsvp.promoted', activityId))).toEqual(queue.slice(0, 3).map((accountId) => ({ activityId, accountId })));
    expect((await outboxOf('rsvp.cancelled', activityId)).map((d) => d.was)).toEqual(['going', 'going', 'going']);
    // The others moved up three places.
    expect(await events.send(GetActivity, { id: activityId }, tokenOf.get(queue[3]!))).toMatchObject({ myRsvp: 'waitlisted', myWaitlistPosition: 1 });
    expect(await events.send(GetActivity, { id: activityId }, tokenOf.get(queue[89]!))).toMatchObject({ myRsvp: 'waitlisted', myWaitlistPosition: 87 });

    // Concurrent cancellations never give more places than there are.
    await Promise.all(going.slice(3, 8).map((g) => events.send(CancelRsvp, { activityId }, tokenOf.get(g.accountId))));
    const after = await events.send(ListAttendees, { activityId }, librarian);
    expect(after.going).toHaveLength(10);
    expect(after.waitlist.map((a) => a.accountId)).toEqual(queue.slice(8));
    // Concurrent: each promotion was decided under the lock in turn; the waitlist above shows the order held.
    expect((await outboxOf('rsvp.promoted', activityId)).map((d) => d.accountId as string).sort()).toEqual(queue.slice(0, 8).sort());
  }, 60_000);

  it('cancelling a waitlist place moves those behind up; a higher capacity promotes at once, a lower one than going is 409', async () => {
    const activityId = await schedule(1);
    const [a, b, c, d] = await Promise.all([resident(), resident(), resident(), resident()]);
    expect(await events.send(Rsvp, { activityId }, a.token)).toEqual({ activityId, accountId: a.accountId, status: 'going' });
    expect(await events.send(Rsvp, { activityId }, b.token)).toEqual({ activityId, accountId: b.accountId, status: 'waitlisted', position: 1 });
    expect(await events.send(Rsvp, { activityId }, c.token)).toMatchObject({ status: 'waitlisted', position: 2 });
    expect(await events.send(Rsvp, { activityId }, d.token)).toMatchObject({ status: 'waitlisted', position: 3 });
    expect(await events.send(Rsvp, { activityId }, c.token)).toMatchObject({ status: 'waitlisted', position: 2 }); // again: the same

    await events.send(CancelRsvp, { activityId }, b.token);
    expect(await events.send(GetActivity, { id: activityId }, c.token)).toMatchObject({ myRsvp: 'waitlisted', myWaitlistPosition: 1, attendeeCount: 1, waitlistCount: 2 });
    expect(await outboxOf('rsvp.promoted', activityId)).toEqual([]);
    const missing = await failure(events.send(CancelRsvp, { activityId }, b.token));
    expect(missing).toMatchObject({ statusCode: 404, code: 'RSVP_NOT_FOUND' });
    expect(missing.messages.nl).toMatch(/^Je bent niet aangemeld/);

    expect(await events.send(UpdateActivity, { id: activityId, capacity: 2 }, organiser)).toMatchObject({ capacity: 2, attendeeCount: 2, waitlistCount: 1 });
    expect(await events.send(GetActivity, { id: activityId }, c.token)).toMatchObject({ myRsvp: 'going' });
    const tooLow = await failure(events.send(UpdateActivity, { id: activityId, capacity: 1 }, organiser));
    expect(tooLow).toMatchObject({ statusCode: 409, code: 'CAPACITY_BELOW_GOING' });
    expect(tooLow.messages.nl).toMatch(/al 2 deelnemers/);
    expect(await events.send(UpdateActivity, { id: activityId, capacity: null }, librarian)).toMatchObject({ capacity: null, attendeeCount: 3, waitlistCount: 0 });
    expect((await outboxOf('rsvp.promoted', activityId)).map((e) => e.accountId)).toEqual([c.accountId, d.accountId]);
    // Events carry ids only.
    for (const data of await outboxOf('rsvp.', activityId)) expect(Object.keys(data).sort()).toEqual(expect.arrayContaining(['accountId', 'activityId']));
    expect(JSON.stringify(await outboxOf('rsvp.', activityId))).not.toMatch(/Taalcafé|Bibliotheek/);
  });

  it('shows the attendee list only to organisers and the region’s community librarians; plain residents 403, anonymous 401', async () => {
    const activityId = await schedule(5);
    const someone = await resident();
    await events.send(Rsvp, { activityId }, someone.token);
    expect((await events.send(ListAttendees, { activityId }, organiser)).going.map((g) => g.accountId)).toEqual([someone.accountId]);
    expect(await events.send(ListAttendees, { activityId }, librarian)).toMatchObject({ capacity: 5, waitlist: [] });
    expect(await failure(events.send(ListAttendees, { activityId }, someone.token))).toMatchObject({ statusCode: 403, code: 'NOT_ALLOWED_TO_MANAGE' });
    expect(await failure(events.send(ListAttendees, { activityId }, otherLibrarian))).toMatchObject({ statusCode: 403, code: 'NOT_ALLOWED_TO_MANAGE' });
    expect(await failure(events.send(UpdateActivity, { id: activityId, capacity: 9 }, someone.token))).toMatchObject({ statusCode: 403, code: 'NOT_ALLOWED_TO_MANAGE' });
    expect(await failure(events.send(ListAttendees, { activityId: randomUUID() }, organiser))).toMatchObject({ statusCode: 404, code: 'ACTIVITY_NOT_FOUND' });
    expect(await failure(events.send(ListAttendees, { activityId }))).toMatchObject({ statusCode: 401 });

    const secret = (await events.send(ScheduleActivity, {
      communityId: privateId, title: 'Besloten avond', startsAt: daysFromNow(8), endsAt: daysFromNow(8, 20), mode: 'online', onlineUrl: 'https://meet.example.nl/x',
    }, organiser)).id;
    expect(await failure(events.send(ListAttendees, { activityId: secret }, someone.token))).toMatchObject({ statusCode: 404, code: 'ACTIVITY_NOT_FOUND' });
    expect(await failure(events.send(CancelRsvp, { activityId: secret }, someone.token))).toMatchObject({ statusCode: 404, code: 'ACTIVITY_NOT_FOUND' });
  });

  it('refuses bad input with 400 and a Dutch message, changing nothing', async () => {
    const activityId = await schedule(3);
    const before = await sql(events, 'SELECT capacity, attendee_count, waitlist_count FROM activities WHERE id = ?', [activityId]);
    for (const bad of [{ id: activityId, capacity: 0 }, { id: activityId, capacity: 1.5 }, { id: activityId, capacity: '4' }, { id: 'kapot', capacity: 4 }, { id: activityId, title: 'x' }]) {
      const error = await failure(events.send(UpdateActivity, bad, organiser));
      expect({ bad, statusCode: error.statusCode, code: error.code }).toEqual({ bad, statusCode: 400, code: 'VALIDATION_FAILED' });
      expect(error.messages.nl).not.toEqual(error.messages.en);
    }
    expect(await failure(events.send(CancelRsvp, { activityId: 'kapot' }, organiser))).toMatchObject({ statusCode: 400, code: 'VALIDATION_FAILED' });
    expect(await failure(events.send(MyActivities, { limit: 0 }, organiser))).toMatchObject({ statusCode: 400, code: 'VALIDATION_FAILED' });
    expect(await failure(events.send(MyActivities, { cursor: 'kapot' }, organiser))).toMatchObject({ statusCode: 400, code: 'INVALID_CURSOR' });
    expect(await failure(events.send(MyActivities, {}))).toMatchObject({ statusCode: 401 });
    expect(await failure(events.send(CancelRsvp, { activityId }))).toMatchObject({ statusCode: 401 });
    expect(await sql(events, 'SELECT capacity, attendee_count, waitlist_count FROM activities WHERE id = ?', [activityId])).toEqual(before);
  });

  it('lists my activities with my status and waitlist position, upcoming and past, in cursor pages', async () => {
    const me = await resident();
    const other = await resident();
    await communities.send(JoinCommunity, { communityId }, me.token);
    const full = await schedule(1, { title: 'Volle avond', startsAt: daysFromNow(3), endsAt: daysFromNow(3, 20) });
    await events.send(Rsvp, { activityId: full }, other.token);
    const open = await schedule(undefined, { title: 'Open avond', startsAt: daysFromNow(2), endsAt: daysFromNow(2, 20) });
    await events.send(Rsvp, { activityId: full }, me.token);
    await events.send(Rsvp, { activityId: open }, me.token);
    const past = await schedule(undefined, { title: 'Gisteren' });
    await events.send(Rsvp, { activityId: past }, me.token);
    await sql(events, "UPDATE activities SET starts_at = now() - interval '1 day', ends_at = now() - interval '23 hours' WHERE id = ?", [past]);

    const mine = await events.send(MyActivities, {}, me.token);
    expect(mine.items.map((a) => [a.title, a.myRsvp, a.myWaitlistPosition])).toEqual([['Open avond', 'going', null], ['Volle avond', 'waitlisted', 1]]);
    const first = await events.send(MyActivities, { limit: 1 }, me.token);
    expect(first.items.map((a) => a.title)).toEqual(['Open avond']);
    expect((await events.send(MyActivities, { limit: 1, cursor: first.nextCursor! }, me.token)).items.map((a) => a.title)).toEqual(['Volle avond']);
    expect((await events.send(MyActivities, { when: 'past' }, me.token)).items.map((a) => a.title)).toEqual(['Gisteren']);
    // An ended activity keeps its sign-ups: no cancelling afterwards.
    expect(await failure(events.send(CancelRsvp, { activityId: past }, me.token))).toMatchObject({ statusCode: 409, code: 'ACTIVITY_ENDED' });
    await events.send(CancelRsvp, { activityId: open }, me.token);
    expect((await events.send(MyActivities, {}, me.token)).items.map((a) => a.title)).toEqual(['Volle avond']);
  });
});
