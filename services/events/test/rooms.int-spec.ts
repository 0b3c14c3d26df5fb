import { randomUUID } from 'node:crypto';
import { DateTime } from 'luxon';
import {
  CancelActivity, CreateBranch, CreateCommunity, CreateRoom, DomainError, GetActivity, ListBranches, ListOccurrences, ListRooms, RemoveBranch, RemoveRoom,
  ScheduleActivity, UpdateActivity, UpdateBranch, UpdateOccurrence, UpdateRoom,
} from '@kc/contracts';
import { createLogger } from '@kc/observability';
import { failure, InProcessService, TestIdentity, TestScope } from '@kc/testing';
import { sql, startCommunities } from '../../communities/test/support';
import { loadEventsConfig } from '../src/config';
import { EventsModule } from '../src/events.module';

const ZONE = 'Europe/Amsterdam';
/** Today plus `days` at a local wall time in Amsterdam, as an ISO instant. */
const at = (days: number, hour: number, minute = 0) => DateTime.now().setZone(ZONE).plus({ days }).set({ hour, minute, second: 0, millisecond: 0 }).toUTC().toISO()!;

describe('events: branches and rooms, room bookings (communities and events in-process, real PostgreSQL and NATS)', () => {
  const scope = new TestScope('rooms');
  let communities: InProcessService;
  let events: InProcessService;
  let tokens: TestIdentity;
  const region = randomUUID();
  const otherRegion = randomUUID();
  const slug = `zuid-${randomUUID().slice(0, 6)}`;
  const otherSlug = `west-${randomUUID().slice(0, 6)}`;
  let admin: string;
  let otherAdmin: string;
  let resident: string;
  let organiser: string;
  let communityId: string;
  let branchId: string;
  let roomId: string;
  let otherRoomId: string;

  const plan = async (startsAt: string, endsAt: string, extra: Record<string, unknown> = {}) =>
    (await events.send(ScheduleActivity, { communityId, title: 'Taalcafé', startsAt, endsAt, mode: 'in_person', roomId, ...extra }, organiser)).id;
  const activityCount = async () => Number((await sql<{ n: string }>(events, 'SELECT count(*) AS n FROM activities'))[0]!.n);

  beforeAll(async () => {
    tokens = await new TestIdentity(scope.namespace).start();
    await tokens.setRegionStatus(region, 'active', slug);
    await tokens.setRegionStatus(otherRegion, 'active', otherSlug);
    communities = await startCommunities(scope);
    scope.dbName('events');
    events = await InProcessService.start({ service: 'events', scope, module: EventsModule.forRoot(loadEventsConfig(scope.env()), createLogger('events', 'silent')), rpcTimeoutMs: 60_000 });
    admin = await tokens.token({ accountId: randomUUID(), regionId: region, roles: ['library_admin'] });
    otherAdmin = await tokens.token({ accountId: randomUUID(), regionId: otherRegion, roles: ['library_admin'] });
    resident = await tokens.token({ accountId: randomUUID(), regionId: region });
    organiser = await tokens.token({ accountId: randomUUID(), regionId: region });
    communityId = (await communities.send(CreateCommunity, { name: 'Taalcafé Zuid', visibility: 'public' }, organiser)).id;
    branchId = (await events.send(CreateBranch, { region: slug, name: 'Bibliotheek Centrum', address: 'Stationsweg 1', postcode: '5038ab', city: 'Tilburg' }, admin)).id;
    roomId = (await events.send(CreateRoom, { branchId, name: 'Zaal 1', capacity: 30 }, admin)).id;
    const otherBranch = (await events.send(CreateBranch, { region: otherSlug, name: 'Bibliotheek West', address: 'Westplein 2', postcode: '1012 AB', city: 'Amsterdam' }, otherAdmin)).id;
    otherRoomId = (await events.send(CreateRoom, { branchId: otherBranch, name: 'Leeszaal', capacity: 50 }, otherAdmin)).id;
  }, 60_000);
  afterAll(async () => {
    await events?.close();
    await communities?.close();
    await tokens?.stop();
    await scope.dispose();
  });

  it('lets only the region’s library administrators manage its branches and rooms; anyone reads them, postcodes written 1234 AB', async () => {
    const { items } = await events.send(ListBranches, { region: slug });
    expect(items).toEqual([{ id: branchId, regionId: region, name: 'Bibliotheek Centrum', address: 'Stationsweg 1', postcode: '5038 AB', city: 'Tilburg', rooms: [{ id: roomId, branchId, name: 'Zaal 1', capacity: 30 }] }]);
    expect((await events.send(ListRooms, { branchId })).items.map((r) => r.name)).toEqual(['Zaal 1']);

    const asked = { region: slug, name: 'Bibliotheek Noord', address: 'Noordweg 3', postcode: '5041 KL', city: 'Tilburg' };
    expect(await failure(events.send(CreateBranch, asked, resident))).toMatchObject({ statusCode: 403, code: 'NOT_LIBRARY_ADMIN' });
    expect(await failure(events.send(CreateBranch, asked, otherAdmin))).toMatchObject({ statusCode: 403, code: 'NOT_LIBRARY_ADMIN' });
    expect(await failure(events.send(CreateBranch, asked))).toMatchObject({ statusCode: 401 });
    expect(await failure(events.send(CreateRoom, { branchId, name: 'Zaal 2', capacity: 10 }, otherAdmin))).toMatchObject({ statusCode: 403, code: 'NOT_LIBRARY_ADMIN' });
    expect(await failure(events.send(UpdateBranch, { id: branchId, name: 'Overgenomen' }, otherAdmin))).toMatchObject({ statusCode: 403 });
    expect(await failure(events.send(RemoveRoom, { id: roomId }, resident))).toMatchObject({ statusCode: 403 });
    for (const postcode of ['0123 AB', '1234 SS', '12345', '1234 A', 'AB 1234', '']) {
      expect(await failure(events.send(CreateBranch, { ...asked, postcode }, admin))).toMatchObject({ statusCode: 400, code: 'VALIDATION_FAILED' });
    }
    expect(await failure(events.send(CreateBranch, { ...asked, region: 'bestaat-niet' }, admin))).toMatchObject({ statusCode: 404, code: 'REGION_NOT_FOUND' });
    expect(await failure(events.send(CreateBranch, { ...asked, name: 'bibliotheek centrum' }, admin))).toMatchObject({ statusCode: 409, code: 'BRANCH_NAME_TAKEN' });
    expect(await failure(events.send(CreateRoom, { branchId, name: 'zaal 1', capacity: 5 }, admin))).toMatchObject({ statusCode: 409, code: 'ROOM_NAME_TAKEN' });
    expect((await events.send(ListBranches, { region: slug })).items).toHaveLength(1); // nothing written by the refusals

    const noord = (await events.send(CreateBranch, asked, admin)).id;
    const zaal = (await events.send(CreateRoom, { branchId: noord, name: 'Studio', capacity: 8 }, admin)).id;
    expect(await events.send(UpdateRoom, { id: zaal, capacity: 12 }, admin)).toEqual({ id: zaal, branchId: noord, name: 'Studio', capacity: 12 });
    expect(await events.send(UpdateBranch, { id: noord, postcode: '5041km' }, admin)).toMatchObject({ postcode: '5041 KM', name: 'Bibliotheek Noord' });
    expect(await events.send(RemoveBranch, { id: noord }, admin)).toEqual({});
    expect((await events.send(ListBranches, { region: slug })).items.map((b) => b.name)).toEqual(['Bibliotheek Centrum']);
  });

  it('takes an activity’s location from the room’s branch and its capacity at most the room’s; refuses a room of another region and an online activity in a room', async () => {
    const id = await plan(at(20, 10), at(20, 12));
    const activity = await events.send(GetActivity, { id });
    expect(activity).toMatchObject({
      location: 'Bibliotheek Centrum, Zaal 1, Stationsweg 1, 5038 AB Tilburg', capacity: 30,
      place: { branchId, branchName: 'Bibliotheek Centrum', roomId, roomName: 'Zaal 1', address: 'Stationsweg 1', postcode: '5038 AB', city: 'Tilburg' },
    });
    const before = await activityCount();
    const above = await failure(plan(at(21, 10), at(21, 12), { capacity: 31 }));
    expect(above).toMatchObject({ statusCode: 400, code: 'CAPACITY_ABOVE_ROOM' });
    expect(above.messages.nl).toMatch(/hoogstens 30/);
    expect(await failure(plan(at(21, 10), at(21, 12), { roomId: otherRoomId }))).toMatchObject({ statusCode: 400, code: 'ROOM_OF_OTHER_REGION' });
    expect(await failure(plan(at(21, 10), at(21, 12), { mode: 'online', onlineUrl: 'https://meet.example.org/x' }))).toMatchObject({ statusCode: 400, code: 'ROOM_FOR_ONLINE_ACTIVITY' });
    expect(await failure(plan(at(21, 10), at(21, 12), { location: 'Ergens anders' }))).toMatchObject({ statusCode: 400, code: 'ROOM_AND_LOCATION' });
    expect(await failure(plan(at(21, 10), at(21, 12), { roomId: randomUUID() }))).toMatchObject({ statusCode: 404, code: 'ROOM_NOT_FOUND' });
    expect(await failure(events.send(UpdateActivity, { id, capacity: 40 }, organiser))).toMatchObject({ statusCode: 400, code: 'CAPACITY_ABOVE_ROOM' });
    expect(await failure(events.send(UpdateActivity, { id, capacity: null }, organiser))).toMatchObject({ statusCode: 400, code: 'CAPACITY_ABOVE_ROOM' });
    expect(await failure(events.send(UpdateActivity, { id, roomId: otherRoomId }, organiser))).toMatchObject({ statusCode: 400, code: 'ROOM_OF_OTHER_REGION' });
    expect(await activityCount()).toBe(before);
    // A hybrid activity may be in a room too.
    const hybrid = await plan(at(22, 10), at(22, 12), { mode: 'hybrid', onlineUrl: 'https://meet.example.org/h', capacity: 12 });
    expect(await events.send(GetActivity, { id: hybrid })).toMatchObject({ capacity: 12, place: { roomId } });
  });

  it('gives exactly one of 20 simultaneous bookings of a room for the same time; the others get ROOM_TAKEN naming the time', async () => {
    const startsAt = at(30, 19, 30);
    const endsAt = at(30, 21, 30);
    const answers = await Promise.allSettled(Array.from({ length: 20 }, (_, i) => plan(startsAt, endsAt, { title: `Gelijktijdig ${i}` })));
    const won = answers.filter((a) => a.status === 'fulfilled');
    const lost = answers.filter((a): a is PromiseRejectedResult => a.status === 'rejected').map((a) => a.reason as DomainError);
    expect(won).toHaveLength(1);
    expect(lost).toHaveLength(19);
    expect(lost.every((e) => e.statusCode === 409 && e.code === 'ROOM_TAKEN')).toBe(true);
    const day = DateTime.fromISO(startsAt, { zone: ZONE }).setLocale('nl').toFormat('d LLLL yyyy');
    expect(lost[0]!.messages.nl).toContain(`Zaal 1 (Bibliotheek Centrum) is dan al bezet: er is een boeking op`);
    expect(lost[0]!.messages.nl).toContain(`${day} van 19:30 tot 21:30`);
    const rows = await sql<{ n: string }>(events, `SELECT count(*) AS n FROM room_bookings WHERE room_id = ? AND during && tstzrange(?::timestamptz, ?::timestamptz)`, [roomId, startsAt, endsAt]);
    expect(Number(rows[0]!.n)).toBe(1);
    // An adjacent booking (ending when the other starts) is fine; an overlapping one is not.
    await plan(at(30, 17, 30), startsAt);
    expect(await failure(plan(at(30, 21), at(30, 22)))).toMatchObject({ code: 'ROOM_TAKEN' });
  }, 60_000);

  it('books every occurrence of a weekly series: one colliding with a single activity on its 3rd occurrence is refused whole; cancelling or moving occurrences frees or re-checks the room', async () => {
    const single = await plan(at(56, 19), at(56, 20)); // the day of the 3rd occurrence below
    const before = await activityCount();
    const taken = await failure(plan(at(42, 18, 30), at(42, 20, 30), { recurrence: { rrule: 'FREQ=WEEKLY;COUNT=6' } }));
    expect(taken).toMatchObject({ statusCode: 409, code: 'ROOM_TAKEN' });
    expect(taken.messages.nl).toContain(`${DateTime.fromISO(at(56, 19), { zone: ZONE }).setLocale('nl').toFormat('cccc d LLLL yyyy')} van 19:00 tot 20:00`);
    expect(await activityCount()).toBe(before); // nothing of the series stayed

    // Cancelling the single activity frees its time; the series then books all six.
    await events.send(CancelActivity, { id: single, reason: 'Verplaatst naar het voorjaar' }, organiser);
    const series = await plan(at(42, 18, 30), at(42, 20, 30), { recurrence: { rrule: 'FREQ=WEEKLY;COUNT=6' } });
    const bookings = async () => (await sql<{ occurrence_start: Date }>(events, 'SELECT occurrence_start FROM room_bookings WHERE activity_id = ? ORDER BY 1', [series])).length;
    expect(await bookings()).toBe(6);
    const occurrences = (await events.send(ListOccurrences, { activityId: series })).items;

    // Nothing else fits into the 2nd occurrence; cancelling it frees the room for another activity.
    expect(await failure(plan(at(49, 19), at(49, 20)))).toMatchObject({ code: 'ROOM_TAKEN' });
    await events.send(UpdateOccurrence, { activityId: series, start: occurrences[1]!.start, cancelled: true }, organiser);
    expect(await bookings()).toBe(5);
    const fits = await plan(at(49, 19), at(49, 20));

    // Moving the 4th occurrence onto that activity is refused and changes nothing; moving it to a free time books that.
    const fourth = occurrences[3]!;
    expect(await failure(events.send(UpdateOccurrence, { activityId: series, start: fourth.start, startsAt: at(49, 18), endsAt: at(49, 19, 30) }, organiser))).toMatchObject({ code: 'ROOM_TAKEN' });
    expect((await events.send(ListOccurrences, { activityId: series })).items.find((o) => o.start === fourth.start)).toMatchObject({ startsAt: fourth.startsAt, moved: false });
    await events.send(UpdateOccurrence, { activityId: series, start: fourth.start, startsAt: at(64, 10), endsAt: at(64, 12) }, organiser);
    expect(await failure(plan(at(64, 11), at(64, 13)))).toMatchObject({ code: 'ROOM_TAKEN' });
    await plan(fourth.startsAt, fourth.endsAt); // its old time is free

    // The room cannot go while booked, nor shrink below a booked activity's places.
    expect(await failure(events.send(RemoveRoom, { id: roomId }, admin))).toMatchObject({ statusCode: 409, code: 'ROOM_IN_USE' });
    expect(await failure(events.send(RemoveBranch, { id: branchId }, admin))).toMatchObject({ statusCode: 409, code: 'BRANCH_IN_USE' });
    expect(await failure(events.send(UpdateRoom, { id: roomId, capacity: 10 }, admin))).toMatchObject({ statusCode: 409, code: 'ROOM_CAPACITY_BELOW_BOOKED' });

    // Cancelling the series frees every occurrence.
    await events.send(CancelActivity, { id: series, reason: 'De groep stopt' }, organiser);
    expect(await bookings()).toBe(0);
    await plan(at(56, 18, 30), at(56, 20, 30));
    expect(fits).toBeTruthy();
  }, 60_000);

  it('moves an activity to another room with PATCH (its coming occurrences booked there) or out of any room, and follows a renamed branch', async () => {
    const zaal2 = (await events.send(CreateRoom, { branchId, name: 'Zaal 2', capacity: 20 }, admin)).id;
    try {
      const id = await plan(at(70, 14), at(70, 16), { capacity: 25 });
      expect(await failure(events.send(UpdateActivity, { id, roomId: zaal2 }, organiser))).toMatchObject({ statusCode: 400, code: 'CAPACITY_ABOVE_ROOM' });
      const moved = await events.send(UpdateActivity, { id, roomId: zaal2, capacity: 20 }, organiser);
      expect(moved).toMatchObject({ capacity: 20, place: { roomId: zaal2, roomName: 'Zaal 2' }, location: 'Bibliotheek Centrum, Zaal 2, Stationsweg 1, 5038 AB Tilburg' });
      await plan(at(70, 14), at(70, 16)); // Zaal 1 is free again at that time
      expect(await failure(plan(at(70, 15), at(70, 17), { roomId: zaal2 }))).toMatchObject({ code: 'ROOM_TAKEN' });

      await events.send(UpdateBranch, { id: branchId, name: 'Bibliotheek Tilburg Centrum', address: 'Stationsweg 2' }, admin);
      expect(await events.send(GetActivity, { id })).toMatchObject({
        location: 'Bibliotheek Tilburg Centrum, Zaal 2, Stationsweg 2, 5038 AB Tilburg', place: { branchName: 'Bibliotheek Tilburg Centrum', address: 'Stationsweg 2' },
      });

      const out = await events.send(UpdateActivity, { id, roomId: null }, organiser);
      expect(out).toMatchObject({ place: null, location: 'Bibliotheek Tilburg Centrum, Zaal 2, Stationsweg 2, 5038 AB Tilburg' });
      await plan(at(70, 15), at(70, 17), { roomId: zaal2 });
      const changes = await sql<{ payload: { data: { place: unknown } } }>(events, `SELECT payload FROM kc_outbox WHERE subject LIKE '%activity.place-changed%' AND payload->'data'->>'activityId' = ? ORDER BY created_at, id`, [id]);
      expect(changes.map((c) => (c.payload.data.place as { roomName?: string } | null)?.roomName ?? null)).toEqual(['Zaal 2', 'Zaal 2', null]);
    } finally {
      // The other tests know the branch as beforeAll made it: its name and address back, Zaal 2 gone again.
      await events.send(UpdateBranch, { id: branchId, name: 'Bibliotheek Centrum', address: 'Stationsweg 1' }, admin);
      const booked = await sql<{ activity_id: string }>(events, 'SELECT DISTINCT activity_id FROM room_bookings WHERE room_id = ?', [zaal2]);
      for (const { activity_id } of booked) await events.send(CancelActivity, { id: activity_id, reason: 'Zaal 2 gaat weer dicht' }, organiser);
      await events.send(RemoveRoom, { id: zaal2 }, admin);
    }
  }, 60_000);
});
