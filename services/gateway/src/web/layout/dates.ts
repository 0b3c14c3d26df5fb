import { DateTime } from 'luxon';
import type { Lang } from './i18n';

export const AMSTERDAM = 'Europe/Amsterdam';
const LOCALE: Record<Lang, string> = { nl: 'nl-NL', en: 'en-GB' };

/** "zaterdag 14 maart 2027, 19:30" in the activity's own time zone. */
export function formatDateTime(iso: string, lang: Lang, zone = AMSTERDAM): string {
  return DateTime.fromISO(iso, { zone }).setLocale(LOCALE[lang]).toFormat("cccc d LLLL yyyy, HH:mm");
}

export function formatDate(iso: string, lang: Lang, zone = AMSTERDAM): string {
  return DateTime.fromISO(iso, { zone }).setLocale(LOCALE[lang]).toFormat('d LLLL yyyy');
}

/** The time only ("21:00"), for the end of an activity that ends on the day it starts. */
export function formatTime(iso: string, zone = AMSTERDAM): string {
  return DateTime.fromISO(iso, { zone }).toFormat('HH:mm');
}

export function sameDay(a: string, b: string, zone = AMSTERDAM): boolean {
  return DateTime.fromISO(a, { zone }).hasSame(DateTime.fromISO(b, { zone }), 'day');
}

/**
 * A `datetime-local` value ("2027-03-14T19:30", wall-clock time in `zone`) as an ISO instant in
 * UTC; undefined when it is not a real moment there (a malformed value, or a time that a
 * daylight-saving change skips).
 */
export function localToInstant(value: string, zone = AMSTERDAM): string | undefined {
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2})?$/.test(value)) return undefined;
  const local = DateTime.fromISO(value, { zone });
  if (!local.isValid) return undefined;
  // A skipped wall-clock time (02:30 on the spring-forward night) is shifted by luxon: refuse it.
  if (local.toFormat(value.length > 16 ? "yyyy-MM-dd'T'HH:mm:ss" : "yyyy-MM-dd'T'HH:mm") !== value) return undefined;
  return local.toUTC().toISO({ suppressMilliseconds: true }) ?? undefined;
}

/** The `datetime-local` value of an instant in `zone`. */
export function instantToLocal(iso: string, zone = AMSTERDAM): string {
  return DateTime.fromISO(iso, { zone }).toFormat("yyyy-MM-dd'T'HH:mm");
}
