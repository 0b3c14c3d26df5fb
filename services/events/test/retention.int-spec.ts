import { randomUUID } from 'node:crypto';
import { AttendanceFigures, CreateCommunity, ListAttendees, ListOccurrences, MyActivities, Rsvp, ScheduleActivity } from '@kc/contracts';
import { createLogger } from '@kc/observability';
import { daysFromNow, InProcessService, TestIdentity, TestScope } from '@kc/testing';
import { sql, startCommunities } from '../../communities/test/support';
import { loadEventsConfig } from '../src/config';
import { EventsModule } from '../src/events.module';
import { RetentionSweeper } from '../src/retention/retention.sweeper';

/**
 * Data minimisation on the real database: sign-ups and attendance of occurrences that ended more
 * than the retention period ago (12 months) are reduced to their figures; newer ones are kept.
 * The activities are planned ahead and signed up for, then moved into the past in the database,
 * as time would move them.
 */
describe('events: old sign-ups reduced to figures (communities and events in-process, real PostgreSQL and NATS)', () => {
  const scope = new TestScope('retention');
  let communities: InProcessService;
  let events: InProcessService;
  let tokens: TestIdentity;
  const region = randomUUID();
  let organiser: string;
  let communityId: string;

  const plan = async (title: string, extra: Record<string, unknown> = {}) =>
    (await events.send(ScheduleActivity, { communityId, title, startsAt: daysFromNow(3, 18), endsAt: daysFromNow(3, 20), mode: 'in_person', location: 'Bibliotheek West', capacity: 2, ...extra }, organiser)).id;
  /** Moves an activity, its occurrences, sign-ups and attendance `months` into the past. */
  const age = async (activityId: string, months: number) => {
    const by = `${months} months`;
    await sql(events, `UPDATE activities SET starts_at = starts_at - ?::interval, ends_at = ends_at - ?::interval, series_ends_at = series_ends_at - ?::interval WHERE id = ?`, [by, by, by, activityId]);
    await sql(events, `UPDATE activity_occurrences SET original_start = original_start - ?::interval, starts_at = starts_at - ?::interval, ends_at = ends_at - ?::interval WHERE activity_id = ?`, [by, by, by, activityId]);
    for (const table of ['rsvps', 'attendance']) await sql(events, `UPDATE ${table} SET occurrence_start = occurrence_start - ?::interval WHERE activity_id = ?`, [by, activityId]);
  };
  const signUps = async (activityId: string) => (await sql<{ n: number }>(events, 'SELECT count(*)::int AS n FROM rsvps WHERE activity_id = ?', [activityId]))[0]!.n;

  beforeAll(async () => {
    tokens = await new TestIdentity(scope.namespace).start();
    communities = await startCommunities(scope);
    scope.dbName('events');
    events = await InProcessService.start({ service: 'events', scope, module: EventsModule.forRoot(loadEventsConfig(scope.env()), createLogger('events', 'silent')) });
    organiser = await tokens.token({ accountId: randomUUID(), regionId: region });
    communityId = (await communities.send(CreateCommunity, { name: 'Schrijfclub West', visibility: 'public' }, organiser)).id;
  });
  afterAll(async () => {
    await events?.close();
    await communities?.close();
    await tokens?.stop();
    await scope.dispose();
  });

  it('keeps the figures of an occurrence older than the retention period and forgets who came; a recent one keeps its people', async () => {
    const residents = await Promise.all(Array.from({ length: 3 }, async () => {
      const accountId = randomUUID();
      return { accountId, token: await tokens.token({ accountId, regionId: region }) };
    }));
    const old = await plan('Schrijfavond van vorig jaar');
    const recent = await plan('Schrijfavond van vorige maand');
    const series = await plan('Wekelijkse schrijfochtend', { recurrence: { rrule: 'FREQ=WEEKLY;COUNT=3' } });
    const [first] = (await events.send(ListOccurrences, { activityId: series }, organiser)).items;
    for (const r of residents) {
      await events.send(Rsvp, { activityId: old }, r.token);
      await events.send(Rsvp, { activityId: recent }, r.token);
    }
    await events.send(Rsvp, { activityId: series, occurrenceStart: first!.start }, residents[0]!.token);
    // One of the two going was there (as an organiser records it once the activity began).
    const [going] = (await events.send(ListAttendees, { activityId: old }, organiser)).going;
    await sql(events, `INSERT INTO attendance (activity_id, account_id, present, via, recorded_by, occurrence_start) SELECT id, ?, true, 'organiser', created_by, starts_at FROM activities WHERE id = ?`, [going!.accountId, old]);

    await age(old, 13);
    await age(recent, 1);
    await age(series, 14);
    const reduced = await events.get<RetentionSweeper>(RetentionSweeper).reduceExpired();
    expect(reduced).toEqual({ occurrences: 2, signups: 4 });

    expect(await signUps(old)).toBe(0);
    expect(await sql(events, 'SELECT count(*)::int AS n FROM attendance WHERE activity_id = ?', [old])).toEqual([{ n: 0 }]);
    expect(await events.send(AttendanceFigures, { activityId: old }, organiser)).toEqual({ activityId: old, going: 2, waitlisted: 1, present: 1, noShow: 1 });
    expect(await events.send(ListAttendees, { activityId: old }, organiser)).toMatchObject({ going: [], waitlist: [] });
    // Nobody's own history holds it any more; the recent one is still theirs.
    const mine = (await events.send(MyActivities, { when: 'past' }, residents[0]!.token)).items.map((a) => a.id);
    expect(mine).toContain(recent);
    expect(mine).not.toContain(old);
    expect(await signUps(recent)).toBe(3);
    expect(await signUps(series)).toBe(0);

    // A second pass has nothing left to do: the figures stay as they were.
    expect(await events.get<RetentionSweeper>(RetentionSweeper).reduceExpired()).toEqual({ occurrences: 0, signups: 0 });
    expect(await sql(events, 'SELECT going, waitlisted, present FROM attendance_summaries WHERE activity_id = ?', [old])).toEqual([{ going: 2, waitlisted: 1, present: 1 }]);
  });
});
