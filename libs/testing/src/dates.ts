/**
 * Instants relative to the moment the test runs, so that no test depends on today's date.
 * `daysFromNow(10, 18)`: ten days from now at 18:00 UTC, as ISO 8601.
 */
export function daysFromNow(days: number, hourUtc = 18, minuteUtc = 0): string {
  const at = new Date(Date.now() + days * 86_400_000);
  at.setUTCHours(hourUtc, minuteUtc, 0, 0);
  return at.toISOString();
}

/** The last Sunday of `month` (1–12) in `year`, as `YYYY-MM-DD`: where Europe changes to and from summer time (March, October). */
export function lastSundayOf(year: number, month: number): string {
  const last = new Date(Date.UTC(year, month, 0));
  last.setUTCDate(last.getUTCDate() - last.getUTCDay());
  return last.toISOString().slice(0, 10);
}

/** Next calendar year (UTC): a year whose every day lies ahead and within any scheduling horizon of a year or more. */
export const nextYear = () => new Date().getUTCFullYear() + 1;
