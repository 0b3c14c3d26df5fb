import { dayOf, periodOf } from './period';

describe('calendar periods (Dutch calendar days)', () => {
  const now = new Date('2031-03-26T10:00:00Z'); // a Wednesday; summer time starts on Sunday 30 March

  it('spans Monday to Sunday for a week, across the change to summer time', () => {
    const week = periodOf('week', '2031-03-27', now);
    expect(week.days.map((d) => d.toISODate())).toEqual(['2031-03-24', '2031-03-25', '2031-03-26', '2031-03-27', '2031-03-28', '2031-03-29', '2031-03-30']);
    expect(week.start.toUTC().toISO()).toBe('2031-03-23T23:00:00.000Z');
    expect(week.end.toUTC().toISO()).toBe('2031-03-30T22:00:00.000Z');
    expect([week.previous, week.next, week.today]).toEqual(['2031-03-17', '2031-03-31', '2031-03-26']);
  });

  it('spans a whole month, and falls back to today for a day that is not one', () => {
    const month = periodOf('maand', '2031-02-14', now);
    expect(month.days).toHaveLength(28);
    expect([month.previous, month.next]).toEqual(['2031-01-01', '2031-03-01']);
    for (const bad of ['2031-02-30', 'morgen', '1999-01-01', '9999-01-01', undefined]) expect(periodOf('maand', bad, now).start.toISODate()).toBe('2031-03-01');
  });

  it('puts an instant on its Dutch day', () => {
    expect(dayOf('2031-03-26T23:30:00Z')).toBe('2031-03-27');
  });
});
