import { daysFromNow, lastSundayOf, nextYear } from './dates';

describe('test dates', () => {
  it('finds the last Sunday of a month, where summer time starts and ends', () => {
    expect(lastSundayOf(2030, 3)).toBe('2030-03-31');
    expect(lastSundayOf(2026, 3)).toBe('2026-03-29');
    expect(lastSundayOf(2026, 10)).toBe('2026-10-25');
    expect(lastSundayOf(2028, 2)).toBe('2028-02-27');
  });

  it('gives instants relative to now', () => {
    const tomorrow = new Date(daysFromNow(1, 9, 30));
    expect(tomorrow.getUTCHours()).toBe(9);
    expect(tomorrow.getUTCMinutes()).toBe(30);
    expect(Math.abs(tomorrow.getTime() - Date.now() - 86_400_000)).toBeLessThanOrEqual(86_400_000);
    expect(nextYear()).toBe(new Date().getUTCFullYear() + 1);
  });
});
