import { formatDateTime, instantToLocal, localToInstant } from './dates';

describe('web dates (Europe/Amsterdam wall-clock time)', () => {
  it('reads a datetime-local value as Dutch local time, summer and winter', () => {
    expect(localToInstant('2031-07-01T19:30')).toBe('2031-07-01T17:30:00Z');
    expect(localToInstant('2031-01-15T19:30')).toBe('2031-01-15T18:30:00Z');
    expect(instantToLocal('2031-07-01T17:30:00Z')).toBe('2031-07-01T19:30');
  });

  it('refuses what is not a moment: malformed values and the hour skipped in spring', () => {
    for (const bad of ['', 'morgen', '2031-02-30T10:00', '2031-13-01T10:00', '2031-03-30T02:30']) expect(localToInstant(bad)).toBeUndefined();
  });

  it('writes dates as people read them', () => {
    expect(formatDateTime('2031-07-01T17:30:00Z', 'nl')).toBe('dinsdag 1 juli 2031, 19:30');
    expect(formatDateTime('2031-07-01T17:30:00Z', 'en')).toBe('Tuesday 1 July 2031, 19:30');
  });
});
