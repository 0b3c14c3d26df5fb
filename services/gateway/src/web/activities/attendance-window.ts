const HOUR_MS = 3_600_000;

/** As the events service decides it: from an hour before the start to a week after the end (the page only offers what may work). */
export function attendanceOpen(activity: { startsAt: string; endsAt: string }, now = Date.now()): boolean {
  return now >= Date.parse(activity.startsAt) - HOUR_MS && now <= Date.parse(activity.endsAt) + 7 * 24 * HOUR_MS;
}
