import { DateTime } from 'luxon';
import { expandRecurrence, type Series } from './recurrence';

const zone = 'Europe/Amsterdam';
const at = (local: string) => DateTime.fromISO(local, { zone }).toJSDate();
const series = (rrule: string, start: string) => expandRecurrence(rrule, at(start), zone) as Series;
const code = (rrule: string, start = '2030-01-07T19:30') => (expandRecurrence(rrule, at(start), zone) as { code?: string }).code ?? null;
const locals = (s: Series) => s.starts.map((d) => DateTime.fromJSDate(d, { zone }).toFormat("yyyy-LL-dd'T'HH:mm"));

describe('recurrence', () => {
  it('keeps a weekly 19:30 at 19:30 local across the change to summer and winter time', () => {
    const s = series('FREQ=WEEKLY;COUNT=3', '2030-03-24T19:30'); // summer time starts 31 March 2030
    expect(locals(s)).toEqual(['2030-03-24T19:30', '2030-03-31T19:30', '2030-04-07T19:30']);
    expect(s.starts.map((d) => d.toISOString())).toEqual(['2030-03-24T18:30:00.000Z', '2030-03-31T17:30:00.000Z', '2030-04-07T17:30:00.000Z']);
    const autumn = series('FREQ=WEEKLY;COUNT=2', '2030-10-20T19:30');
    expect(autumn.starts.map((d) => d.toISOString())).toEqual(['2030-10-20T17:30:00.000Z', '2030-10-27T18:30:00.000Z']);
  });

  it('reads every other week, monthly by weekday and UNTIL (in UTC or local), and stores UNTIL in UTC', () => {
    expect(locals(series('FREQ=WEEKLY;INTERVAL=2;COUNT=3', '2030-01-07T19:30'))).toEqual(['2030-01-07T19:30', '2030-01-21T19:30', '2030-02-04T19:30']);
    const monthly = series('rrule:freq=monthly;byday=1mo;until=20300401T000000Z', '2030-01-07T19:30');
    expect(locals(monthly)).toEqual(['2030-01-07T19:30', '2030-02-04T19:30', '2030-03-04T19:30']);
    expect(monthly.rrule).toBe('FREQ=MONTHLY;BYDAY=1MO;UNTIL=20300401T000000Z');
    const local = series('FREQ=WEEKLY;UNTIL=20300121T193000', '2030-01-07T19:30');
    expect(locals(local)).toHaveLength(3);
    expect(local.rrule).toBe('FREQ=WEEKLY;UNTIL=20300121T183000Z');
    expect(locals(series('FREQ=WEEKLY;UNTIL=20300121', '2030-01-07T19:30'))).toHaveLength(3);
  });

  it('refuses rules without an end, too long, unsupported or not starting at the start', () => {
    expect(code('FREQ=WEEKLY')).toBe('RRULE_WITHOUT_END');
    expect(code('FREQ=WEEKLY;COUNT=261')).toBe('RRULE_TOO_LONG');
    expect(code('FREQ=DAILY;COUNT=260')).toBeNull();
    expect(code('FREQ=DAILY;COUNT=260', '2030-01-07T19:30')).toBeNull();
    expect(code('FREQ=WEEKLY;UNTIL=20330101T000000Z')).toBe('RRULE_TOO_LONG');
    expect(code('FREQ=MONTHLY;COUNT=26')).toBe('RRULE_TOO_LONG'); // the 26th is more than two years after the first
    expect(code('FREQ=MONTHLY;COUNT=25')).toBeNull(); // the 25th is exactly two years on
    expect(code('FREQ=WEEKLY;INTERVAL=999;COUNT=2')).toBe('RRULE_TOO_LONG');
    expect(code('FREQ=YEARLY;COUNT=2')).toBe('RRULE_UNSUPPORTED');
    expect(code('FREQ=HOURLY;COUNT=2')).toBe('RRULE_UNSUPPORTED');
    expect(code('FREQ=WEEKLY;BYHOUR=10;COUNT=2')).toBe('RRULE_UNSUPPORTED');
    expect(code('FREQ=WEEKLY;BYDAY=TU;COUNT=2')).toBe('RRULE_START_MISMATCH'); // 7 January 2030 is a Monday
    expect(code('FREQ=WEEKLY;COUNT=2;UNTIL=20300301T000000Z')).toBe('INVALID_RRULE');
    for (const bad of ['', 'FREQ', 'FREQ=WEEKLY;COUNT=0', 'FREQ=WEEKLY;COUNT=-1', 'FREQ=WEEKLY;COUNT=x', 'FREQ=WEEKLY;UNTIL=20301332', 'FREQ=WEEKLY;COUNT=2\nDTSTART:20300101', 'FREQ=WEEKLY;;COUNT=2', 'FREQ=WEEKLY;COUNT=2;COUNT=3', 'FREQ=WEEKLY;BYDAY=XX;COUNT=2', 'FREQ=WEEKLY;INTERVAL=0;COUNT=2']) {
      expect({ bad, code: code(bad) }).toEqual({ bad, code: expect.stringMatching(/^(INVALID_RRULE|RRULE_WITHOUT_END)$/) });
    }
  });
});
