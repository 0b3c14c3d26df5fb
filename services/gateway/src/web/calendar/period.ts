import { DateTime } from 'luxon';
import { AMSTERDAM } from '../layout/dates';

export type View = 'week' | 'maand';

export interface Period {
  view: View;
  /** First day (Monday of the week, first of the month), Dutch time. */
  start: DateTime;
  /** The day after the last one. */
  end: DateTime;
  /** Every day of the period, in order. */
  days: DateTime[];
  previous: string;
  next: string;
  today: string;
}

const isoDay = (d: DateTime) => d.toISODate()!;

/**
 * The week (Monday to Sunday) or month around `date` (YYYY-MM-DD, Dutch calendar days; today
 * when missing or not a real day), with the first days of the periods before and after.
 */
export function periodOf(view: View, date: string | undefined, now: Date = new Date()): Period {
  const asked = date && /^\d{4}-\d{2}-\d{2}$/.test(date) ? DateTime.fromISO(date, { zone: AMSTERDAM }) : null;
  const today = DateTime.fromJSDate(now, { zone: AMSTERDAM }).startOf('day');
  const day = asked?.isValid && asked.year >= 2000 && asked.year <= today.year + 10 ? asked : today;
  const unit = view === 'week' ? 'week' : 'month';
  const start = day.startOf(unit);
  const end = start.plus(view === 'week' ? { weeks: 1 } : { months: 1 });
  const days: DateTime[] = [];
  for (let d = start; d < end; d = d.plus({ days: 1 })) days.push(d);
  const step = view === 'week' ? { weeks: 1 } : { months: 1 };
  return { view, start, end, days, previous: isoDay(start.minus(step)), next: isoDay(start.plus(step)), today: isoDay(today) };
}

/** Which day (YYYY-MM-DD, Dutch time) an instant falls on. */
export const dayOf = (iso: string, zone = AMSTERDAM) => DateTime.fromISO(iso, { zone }).toISODate()!;
