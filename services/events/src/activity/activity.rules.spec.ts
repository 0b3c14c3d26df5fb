import { decodeActivityCursor, encodeActivityCursor, isValidTimeZone, scheduleProblem } from './activity.rules';

const base = { startsAt: '2030-01-01T10:00:00Z', endsAt: '2030-01-01T12:00:00Z', timeZone: 'Europe/Amsterdam', mode: 'in_person' as const, location: 'Zaal 1' };

describe('activity rules', () => {
  it.each(['Europe/Amsterdam', 'UTC', 'America/Argentina/Buenos_Aires', 'Etc/GMT+1'])('accepts the zone %s', (zone) => expect(isValidTimeZone(zone)).toBe(true));
  it.each(['Mars/Olympus', '+01:00', '', '../etc', 'Europe/Amsterdam\n'])('refuses the zone %j', (zone) => expect(isValidTimeZone(zone)).toBe(false));

  it('checks time range, zone and what each mode needs', () => {
    expect(scheduleProblem(base)).toBeNull();
    expect(scheduleProblem({ ...base, endsAt: base.startsAt })?.code).toBe('INVALID_TIME_RANGE');
    expect(scheduleProblem({ ...base, location: undefined })?.code).toBe('LOCATION_REQUIRED');
    expect(scheduleProblem({ ...base, mode: 'online', location: undefined })?.code).toBe('ONLINE_URL_REQUIRED');
    expect(scheduleProblem({ ...base, mode: 'hybrid', onlineUrl: 'https://x.nl' })).toBeNull();
    expect(scheduleProblem({ ...base, mode: 'hybrid', location: undefined, onlineUrl: 'https://x.nl' })?.code).toBe('LOCATION_REQUIRED');
  });

  it('round-trips the cursor and refuses garbage', () => {
    const at = new Date('2030-01-01T10:00:00Z');
    expect(decodeActivityCursor(encodeActivityCursor(at, '01900000-0000-7000-8000-000000000001'))).toEqual({ startsAt: at, id: '01900000-0000-7000-8000-000000000001' });
    expect(decodeActivityCursor('kapot')).toBeNull();
    expect(decodeActivityCursor(Buffer.from('["x","y"]').toString('base64url'))).toBeNull();
  });
});
