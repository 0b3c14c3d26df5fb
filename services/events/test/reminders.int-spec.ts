import { randomUUID } from 'node:crypto';
import { ActivityReminderDue, CancelActivity, CreateCommunity, ListOccurrences, Rsvp, ScheduleActivity, UpdateOccurrence } from '@kc/contracts';
import { createLogger } from '@kc/observability';
import { InProcessService, TestIdentity, TestScope } from '@kc/testing';
import { sql, startCommunities } from '../../communities/test/support';
import { loadEventsConfig } from '../src/config';
import { EventsModule } from '../src/events.module';
import { ReminderScheduler } from '../src/reminder/reminder.scheduler';

const hoursFromNow = (hours: number) => new Date(Date.now() + hours * 3_600_000).toISOString();

describe('events: reminders 24 h before each occurrence, exactly once (real PostgreSQL and NATS)', () => {
  const scope = new TestScope('reminders');
  let communities: InProcessService;
  let events: InProcessService;
  let tokens: TestIdentity;
  const region = randomUUID();
  let organiser: string;
  let communityId: string;

  const start = () =>
    InProcessService.start({
      service: 'events', scope,
      // A pass at start-up only: the test runs the passes itself.
      module: EventsModule.forRoot(loadEventsConfig({ ...scope.env(), EVENTS_REMINDER_INTERVAL_MS: '3600000' }), createLogger('events', 'silent')),
    });
  const reminders = async () =>
    (await sql<{ payload: { data: { activityId: string; occurrenceStart: string; startsAt: string; attendees: string[] } } }>(
      events, 'SELECT payload FROM kc_outbox WHERE subject LIKE ? ORDER BY id', [`%${ActivityReminderDue.type}`],
    )).map((r) => r.payload.data);
  const pass = () => events.app.get(ReminderScheduler).remindDue();

  beforeAll(async () => {
    tokens = await new TestIdentity(scope.namespace).start();
    communities = await startCommunities(scope);
    scope.dbName('events');
    events = await start();
    organiser = await tokens.token({ accountId: randomUUID(), regionId: region });
    communityId = (await communities.send(CreateCommunity, { name: 'Schaakclub', visibility: 'public' }, organiser)).id;
  });
  afterAll(async () => {
    await events?.close();
    await communities?.close();
    await tokens?.stop();
    await scope.dispose();
  });

  it('reminds the people going once per occurrence within 24 h, never the waitlist, a cancelled activity or an occurrence further ahead; again after a move, also across a restart', async () => {
    const going = { accountId: randomUUID() };
    const waiting = { accountId: randomUUID() };
    const [goingToken, waitingToken] = await Promise.all([going, waiting].map((p) => tokens.token({ accountId: p.accountId, regionId: region })));
    const soon = (await events.send(ScheduleActivity, { communityId, title: 'Simultaan', startsAt: hoursFromNow(20), endsAt: hoursFromNow(22), mode: 'in_person', location: 'Zaal 1', capacity: 1 }, organiser)).id;
    await events.send(Rsvp, { activityId: soon }, goingToken);
    await events.send(Rsvp, { activityId: soon }, waitingToken);
    const later = (await events.send(ScheduleActivity, { communityId, title: 'Later', startsAt: hoursFromNow(30), endsAt: hoursFromNow(31), mode: 'in_person', location: 'Zaal 2' }, organiser)).id;
    const called = (await events.send(ScheduleActivity, { communityId, title: 'Gaat niet door', startsAt: hoursFromNow(10), endsAt: hoursFromNow(11), mode: 'in_person', location: 'Zaal 3' }, organiser)).id;
    await events.send(CancelActivity, { id: called, reason: 'De zaal is dicht.' }, organiser);
    // Weekly, the first occurrence 23 hours from now: only that one is due.
    const weekly = (await events.send(ScheduleActivity, {
      communityId, title: 'Clubavond', startsAt: hoursFromNow(23), endsAt: hoursFromNow(25), mode: 'in_person', location: 'Zaal 4', recurrence: { rrule: 'FREQ=WEEKLY;COUNT=3' },
    }, organiser)).id;
    const [firstOfSeries] = (await events.send(ListOccurrences, { activityId: weekly })).items;
    await events.send(Rsvp, { activityId: weekly, occurrenceStart: firstOfSeries!.start }, goingToken);

    await pass();
    await pass();
    const first = await reminders();
    expect(first.map((r) => r.activityId).sort()).toEqual([soon, weekly].sort());
    expect(first.find((r) => r.activityId === soon)!.attendees).toEqual([going.accountId]);
    expect(first.find((r) => r.activityId === weekly)!.attendees).toEqual([going.accountId]);
    expect(first.map((r) => r.activityId)).not.toContain(later);

    // Restarted: nothing is sent twice; a moved occurrence (still within 24 h) is reminded for its new time.
    await events.close();
    events = await start();
    await pass();
    expect(await reminders()).toHaveLength(2);
    const [occurrence] = (await events.send(ListOccurrences, { activityId: weekly })).items;
    await events.send(UpdateOccurrence, { activityId: weekly, start: occurrence!.start, startsAt: hoursFromNow(22), endsAt: hoursFromNow(24) }, organiser);
    await Promise.all([pass(), pass()]);
    const after = await reminders();
    expect(after).toHaveLength(3);
    expect(after[2]).toMatchObject({ activityId: weekly, occurrenceStart: occurrence!.start, attendees: [going.accountId] });
    expect(Date.parse(after[2]!.startsAt)).toBeLessThan(Date.parse(occurrence!.startsAt));
  });
});
