import type { DomainError } from '@kc/contracts';
import type { ActivityMode } from './activity.entity';
import { invalidTimeRange, invalidTimeZone, locationRequired, onlineUrlRequired } from './activity.errors';

/** An IANA zone name (`Europe/Amsterdam`, `UTC`) that this runtime knows; offsets like `+01:00` are refused. */
export function isValidTimeZone(zone: string): boolean {
  if (!/^[A-Za-z][A-Za-z0-9_+-]*(\/[A-Za-z0-9_+-]+)*$/.test(zone)) return false;
  try {
    new Intl.DateTimeFormat('en', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

export interface ScheduleInput {
  startsAt: string;
  endsAt: string;
  timeZone: string;
  mode: ActivityMode;
  location?: string;
  onlineUrl?: string;
}

/** The first rule an activity breaks, or null: the checks the contract's schema cannot express. */
export function scheduleProblem(input: ScheduleInput): DomainError | null {
  if (!(new Date(input.endsAt).getTime() > new Date(input.startsAt).getTime())) return invalidTimeRange();
  if (!isValidTimeZone(input.timeZone)) return invalidTimeZone(input.timeZone);
  if ((input.mode === 'in_person' || input.mode === 'hybrid') && !input.location) return locationRequired();
  if ((input.mode === 'online' || input.mode === 'hybrid') && !input.onlineUrl) return onlineUrlRequired();
  return null;
}

/** Opaque keyset cursor over (startsAt, id). */
export const encodeActivityCursor = (startsAt: Date, id: string) => Buffer.from(JSON.stringify([startsAt.toISOString(), id])).toString('base64url');
export function decodeActivityCursor(cursor: string): { startsAt: Date; id: string } | null {
  try {
    const [startsAt, id] = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as unknown[];
    const date = new Date(String(startsAt));
    if (Number.isNaN(date.getTime()) || typeof id !== 'string' || !/^[0-9a-f-]{36}$/i.test(id)) return null;
    return { startsAt: date, id };
  } catch {
    return null;
  }
}
