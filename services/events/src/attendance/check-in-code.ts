import { randomInt } from 'node:crypto';

/** Letters and digits that cannot be mistaken for one another on a sign at the door (no 0/O, 1/I/L). */
export const CHECK_IN_ALPHABET = 'ABCDEFGHJKMNPQRSTUVWXYZ23456789';
export const CHECK_IN_LENGTH = 6;

export const newCheckInCode = () => Array.from({ length: CHECK_IN_LENGTH }, () => CHECK_IN_ALPHABET[randomInt(CHECK_IN_ALPHABET.length)]).join('');

/** What a person typed, as the code is stored: capitals, no spaces or dashes. */
export const normaliseCheckInCode = (typed: string) => typed.toUpperCase().replace(/[\s-]/g, '');

const HOUR_MS = 3_600_000;
/** Attendance (by the organiser or a check-in) is open from an hour before the start to a week after the end. */
export function attendanceOpen(activity: { startsAt: Date; endsAt: Date }, now = Date.now()): boolean {
  return now >= activity.startsAt.getTime() - HOUR_MS && now <= activity.endsAt.getTime() + 7 * 24 * HOUR_MS;
}
