import { randomUUID } from 'node:crypto';
import ICAL from 'ical.js';
import {
  AttendanceFigures, CancelActivity, CancelRsvp, CheckIn, CommunityCalendar, CreateCommunity, DomainError, GetActivity, GetCheckInCode, ListActivities,
  RecordAttendance, Rsvp, ScheduleActivity, UpdateActivity,
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
const minutesFromNow = (minutes: number) => new Date(Date.now() + minutes * 60_000).toISOString();

describe('events: cancelling, attendance and check-in (communities and events in-process, real PostgreSQL and NATS)', () => {
  const scope = new TestScope('attendance');
  let communities: InProcessService;
  let events: InProcessService;
  let tokens: TestIdentity;
  const region = randomUUID();
  let organiser: string;
  let librarian: string;
  let communityId: string;
  const resident = async (accountId = randomUUID()) => ({ accountId, token: await tokens.token({ accountId, regionId: region }) });
  const schedule = async (startsAt: string, endsAt: string, capacity = 2) =>
    (await events.send(ScheduleActivity, { communityId, title: 'Breicafé', startsAt, endsAt, mode: 'in_person', location: 'Vestiging Oost', capacity }, organiser)).id;

  beforeAll(async () => {
    tokens = await new TestIdentity(scope.namespace).start();
    communities = await startCommunities(scope);
    scope.dbName('events');
    events = await InProcessService.start({ service: 'events', scope, module: EventsModule.forRoot(loadEventsConfig(scope.env()), createLogger('events', 'silent')) });
    organiser = await tokens.token({ accountId: randomUUID(), regionId: region });
    librarian = await tokens.token({ accountId: randomUUID(), regionId: region, roles: ['community_librarian'] });
    communityId = (await communities.send(CreateCommunity, { name: 'Breicafé Oost', visibility: 'public' }, organiser)).id;
  });
  afterAll(async () => {
    await events?.close();
    await communities?.close();
    await tokens?.stop();
    await scope.dispose();
  });

  it('cancels with a reason: page, list and feed show it, attendees get one event with their ids, and nothing can be signed up for any more', async () => {
    const activityId = await schedule(daysFromNow(4, 17), daysFromNow(4, 19), 1);
    const [a, b, c] = await Promise.all([resident(), resident(), resident()]);
    await events.send(Rsvp, { activityId }, a.token);
    await events.send(Rsvp, { activityId }, b.token);
    expect(await failure(events.send(CancelActivity, { id: activityId, reason: 'De zaal is niet beschikbaar.' }, a.token))).toMatchObject({ statusCode: 403, code: 'NOT_ALLOWED_TO_MANAGE' });
    expect(await failure(events.send(CancelActivity, { id: activityId, reason: 'x' }, organiser))).toMatchObject({ statusCode: 400, code: 'VALIDATION_FAILED' });

    const cancelled = await events.send(CancelActivity, { id: activityId, reason: 'De zaal is niet beschikbaar.' }, organiser);
    expect(cancelled).toMatchObject({ id: activityId, cancelReason: 'De zaal is niet beschikbaar.', cancelledAt: expect.any(String) });
    expect(await events.send(GetActivity, { id: activityId }, a.token)).toMatchObject({ cancelReason: 'De zaal is niet beschikbaar.', myRsvp: 'going' });
    expect((await events.send(ListActivities, { communityId })).items.find((x) => x.id === activityId)).toMatchObject({ cancelledAt: expect.any(String) });
    const [event] = await sql<{ payload: { data: unknown } }>(events, "SELECT payload FROM kc_outbox WHERE subject LIKE '%activity.cancelled%'");
    expect(event!.payload.data).toEqual({ activityId, communityId, attendees: [a.accountId, b.accountId] });

    const { ics } = await events.send(CommunityCalendar, { communityId });
    const vevent = new ICAL.Component(ICAL.parse(ics)).getAllSubcomponents('vevent').find((e) => String(e.getFirstPropertyValue('uid')).startsWith(activityId))!;
    expect(vevent.getFirstPropertyValue('status')).toBe('CANCELLED');

    const again = await failure(events.send(CancelActivity, { id: activityId, reason: 'Nog een keer.' }, librarian));
    expect(again).toMatchObject({ statusCode: 409, code: 'ACTIVITY_ALREADY_CANCELLED' });
    expect(again.messages.nl).toBe('Deze activiteit is al geannuleerd.');
    expect(await failure(events.send(Rsvp, { activityId }, c.token))).toMatchObject({ statusCode: 409, code: 'ACTIVITY_CANCELLED' });
    expect(await failure(events.send(CancelRsvp, { activityId }, a.token))).toMatchObject({ statusCode: 409, code: 'ACTIVITY_CANCELLED' });
    expect(await failure(events.send(UpdateActivity, { id: activityId, capacity: 5 }, organiser))).toMatchObject({ statusCode: 409, code: 'ACTIVITY_CANCELLED' });
  });

  it('records attendance by organisers and by check-in with the door code, and counts going, waitlisted, present and no-shows', async () => {
    const activityId = await schedule(minutesFromNow(-30), minutesFromNow(90), 2);
    const [a, b, c, outsider] = await Promise.all([resident(), resident(), resident(), resident()]);
    for (const p of [a, b, c]) await events.send(Rsvp, { activityId }, p.token);

    const { code } = await events.send(GetCheckInCode, { activityId }, organiser);
    expect(code).toMatch(/^[A-HJ-NP-Z2-9]{6}$/);
    expect((await events.send(GetCheckInCode, { activityId }, librarian)).code).toBe(code);
    expect(await failure(events.send(GetCheckInCode, { activityId }, a.token))).toMatchObject({ statusCode: 403, code: 'NOT_ALLOWED_TO_MANAGE' });

    const wrong = await failure(events.send(CheckIn, { activityId, code: code === 'AAAAAA' ? 'BBBBBB' : 'AAAAAA' }, a.token));
    expect(wrong).toMatchObject({ statusCode: 400, code: 'INVALID_CHECK_IN_CODE' });
    expect(wrong.messages.nl).toMatch(/^Deze code klopt niet/);
    expect(await events.send(CheckIn, { activityId, code: ` ${code.slice(0, 3).toLowerCase()}-${code.slice(3)} ` }, a.token)).toEqual({ activityId, accountId: a.accountId, present: true });
    expect(await failure(events.send(CheckIn, { activityId, code }, c.token))).toMatchObject({ statusCode: 409, code: 'CHECK_IN_NEEDS_PLACE' });
    expect(await failure(events.send(CheckIn, { activityId, code }, outsider.token))).toMatchObject({ statusCode: 409, code: 'NOT_SIGNED_UP' });

    expect(await events.send(RecordAttendance, { activityId, accountId: b.accountId, present: false }, organiser)).toEqual({ activityId, accountId: b.accountId, present: false });
    expect(await failure(events.send(RecordAttendance, { activityId, accountId: outsider.accountId, present: true }, organiser))).toMatchObject({ statusCode: 409, code: 'NOT_SIGNED_UP' });
    expect(await failure(events.send(RecordAttendance, { activityId, accountId: b.accountId, present: true }, a.token))).toMatchObject({ statusCode: 403 });
    expect(await failure(events.send(RecordAttendance, { activityId, accountId: 'iemand', present: true }, organiser))).toMatchObject({ statusCode: 400, code: 'VALIDATION_FAILED' });

    expect(await events.send(AttendanceFigures, { activityId }, organiser)).toEqual({ activityId, going: 2, waitlisted: 1, present: 1, noShow: 0 });
    await sql(events, "UPDATE activities SET ends_at = now() - interval '1 minute' WHERE id = ?", [activityId]);
    expect(await events.send(AttendanceFigures, { activityId }, librarian)).toEqual({ activityId, going: 2, waitlisted: 1, present: 1, noShow: 1 });
    // Corrected afterwards by the organiser: b was there after all.
    await events.send(RecordAttendance, { activityId, accountId: b.accountId, present: true }, organiser);
    expect(await events.send(AttendanceFigures, { activityId }, organiser)).toMatchObject({ present: 2, noShow: 0 });
    expect(await failure(events.send(AttendanceFigures, { activityId }, a.token))).toMatchObject({ statusCode: 403 });
  });

  it('opens attendance only from an hour before the start', async () => {
    const activityId = await schedule(daysFromNow(3, 17), daysFromNow(3, 19));
    const a = await resident();
    await events.send(Rsvp, { activityId }, a.token);
    const { code } = await events.send(GetCheckInCode, { activityId }, organiser);
    const early = await failure(events.send(CheckIn, { activityId, code }, a.token));
    expect(early).toMatchObject({ statusCode: 409, code: 'ATTENDANCE_NOT_OPEN' });
    expect(early.messages.nl).toMatch(/vanaf een uur voor het begin/);
    expect(await failure(events.send(RecordAttendance, { activityId, accountId: a.accountId, present: true }, organiser))).toMatchObject({ statusCode: 409, code: 'ATTENDANCE_NOT_OPEN' });
    expect(await sql(events, 'SELECT 1 FROM attendance WHERE activity_id = ?', [activityId])).toEqual([]);
  });
});
