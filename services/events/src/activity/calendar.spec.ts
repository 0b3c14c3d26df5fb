import ICAL from 'ical.js';
import { Activity } from './activity.entity';
import { communityCalendar, vtimezone } from './calendar';

const activity = (overrides: Partial<Activity>) =>
  Object.assign(new Activity({
    communityId: '01900000-0000-7000-8000-000000000001', regionId: '01900000-0000-7000-8000-000000000002', visibility: 'public',
    title: 'Lezing', description: '', startsAt: new Date('2030-10-26T22:00:00Z'), endsAt: new Date('2030-10-27T02:00:00Z'),
    timeZone: 'Europe/Amsterdam', mode: 'in_person', location: 'Vestiging Noord', onlineUrl: null, capacity: null,
    createdBy: '01900000-0000-7000-8000-000000000003',
  }), overrides);

describe('iCalendar', () => {
  const read = (ics: string) => {
    const calendar = new ICAL.Component(ICAL.parse(ics));
    for (const zone of calendar.getAllSubcomponents('vtimezone')) ICAL.TimezoneService.register(zone);
    return calendar.getAllSubcomponents('vevent').map((c) => new ICAL.Event(c));
  };

  it('describes Europe/Amsterdam’s DST changes in a VTIMEZONE named after the zone asked for', () => {
    const text = vtimezone('Europe/Amsterdam')!;
    // The library answers the link with its target (Europe/Brussels); the TZID must be ours.
    expect(text).toMatch(/^BEGIN:VTIMEZONE\r\nTZID:Europe\/Amsterdam\r\n/);
    expect(text).toMatch(/BEGIN:DAYLIGHT\r\n(.+\r\n)*?TZOFFSETFROM:\+0100\r\nTZOFFSETTO:\+0200\r\n(.+\r\n)*?RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU\r\nEND:DAYLIGHT/);
    expect(text).toMatch(/BEGIN:STANDARD\r\n(.+\r\n)*?TZOFFSETFROM:\+0200\r\nTZOFFSETTO:\+0100\r\n(.+\r\n)*?RRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU\r\nEND:STANDARD/);
    expect(text).toMatch(/END:VTIMEZONE$/);
    expect(vtimezone('Mars/Olympus_Mons')).toBeNull();
  });

  it('keeps the instant across a DST change when read back by ical.js', () => {
    const ics = communityCalendar({ communityName: 'Leesclub', domain: 'kenniscloud.nl', activities: [activity({})] });
    const calendar = new ICAL.Component(ICAL.parse(ics));
    for (const zone of calendar.getAllSubcomponents('vtimezone')) ICAL.TimezoneService.register(zone);
    const event = new ICAL.Event(calendar.getFirstSubcomponent('vevent')!);
    // 00:00 summer time to 03:00 winter time: four hours, across the change back.
    expect(ics).toContain('DTSTART;TZID=Europe/Amsterdam:20301027T000000');
    expect(ics).toContain('DTEND;TZID=Europe/Amsterdam:20301027T030000');
    expect(event.startDate.toJSDate().toISOString()).toBe('2030-10-26T22:00:00.000Z');
    expect(event.endDate.toJSDate().toISOString()).toBe('2030-10-27T02:00:00.000Z');
    expect(ics).not.toContain('URL:');
  });

  it('renders activities in Asia/Kathmandu and Europe/Amsterdam, one reaching to 9999, without walking the span (regression: event loop frozen for minutes)', () => {
    const extreme = activity({
      id: '01900000-0000-7000-8000-00000000000a', title: 'Lang', timeZone: 'Asia/Kathmandu',
      startsAt: new Date('2026-01-01T00:00:00.027Z'), endsAt: new Date('9999-12-31T23:59:59Z'),
    });
    const kathmandu = activity({ id: '01900000-0000-7000-8000-00000000000e', title: 'Trektocht', timeZone: 'Asia/Kathmandu', startsAt: new Date('2030-05-01T03:15:00Z'), endsAt: new Date('2030-05-03T03:15:00Z') });
    const amsterdam = activity({ id: '01900000-0000-7000-8000-00000000000b', startsAt: new Date('2030-03-31T00:30:00Z'), endsAt: new Date('2030-03-31T01:30:00Z') });
    const ics = communityCalendar({ communityName: 'Leesclub', domain: 'kenniscloud.nl', activities: [extreme, kathmandu, amsterdam] });

    expect(ics).toContain('BEGIN:VTIMEZONE\r\nTZID:Asia/Kathmandu\r\n');
    expect(ics).toContain('BEGIN:VTIMEZONE\r\nTZID:Europe/Amsterdam\r\n');
    expect(ics).toContain('TZOFFSETTO:+0545');
    expect(ics.match(/BEGIN:(STANDARD|DAYLIGHT)/g)!.length).toBeLessThanOrEqual(6); // one definition per zone, not one per transition
    // 03:15 UTC is 09:00 in Kathmandu; 00:30 UTC on 31 March 2030 is 01:30 CET, 01:30 UTC is 03:30 CEST.
    expect(ics).toContain('DTSTART;TZID=Asia/Kathmandu:20300501T090000');
    expect(ics).toContain('DTEND;TZID=Asia/Kathmandu:20300503T090000');
    expect(ics).toContain('DTSTART;TZID=Europe/Amsterdam:20300331T013000');
    expect(ics).toContain('DTEND;TZID=Europe/Amsterdam:20300331T033000');
    // Its end is in the year 10000 in Kathmandu, which RFC 5545 cannot write: the extreme one is written in UTC.
    expect(ics).toContain('DTSTART;TZID=Etc/UTC:20260101T000000');
    expect(ics).toContain('DTEND;TZID=Etc/UTC:99991231T235959');

    const byUid = new Map(read(ics).map((e) => [e.uid, e]));
    const instants = (id: string) => {
      const e = byUid.get(`${id}@kenniscloud.nl`)!;
      return [e.startDate.zone!.tzid, e.startDate.toJSDate().toISOString(), e.endDate.toJSDate().toISOString()];
    };
    expect(instants('01900000-0000-7000-8000-00000000000a')).toEqual(['Etc/UTC', '2026-01-01T00:00:00.000Z', '9999-12-31T23:59:59.000Z']);
    expect(instants('01900000-0000-7000-8000-00000000000e')).toEqual(['Asia/Kathmandu', '2030-05-01T03:15:00.000Z', '2030-05-03T03:15:00.000Z']);
    expect(instants('01900000-0000-7000-8000-00000000000b')).toEqual(['Europe/Amsterdam', '2030-03-31T00:30:00.000Z', '2030-03-31T01:30:00.000Z']);
  });

  it('writes an activity in Etc/UTC where the bundled rules disagree with the runtime’s, keeping the instant', () => {
    // Ambiguous local time: 02:30 happens twice on 27 October 2030 in Amsterdam; 01:30 UTC is the second (CET) one,
    // which a client would read as the first (CEST). Africa/Casablanca: the library lacks the +01 rule the runtime has.
    const second = activity({ id: '01900000-0000-7000-8000-00000000000c', startsAt: new Date('2030-10-27T01:30:00Z'), endsAt: new Date('2030-10-27T03:00:00Z') });
    const casablanca = activity({ id: '01900000-0000-7000-8000-00000000000d', timeZone: 'Africa/Casablanca', startsAt: new Date('2030-07-01T10:00:00Z'), endsAt: new Date('2030-07-01T12:00:00Z') });
    const ics = communityCalendar({ communityName: 'Leesclub', domain: 'kenniscloud.nl', activities: [second, casablanca] });
    expect(ics).toContain('DTSTART;TZID=Etc/UTC:20301027T013000');
    expect(ics).toContain('BEGIN:VTIMEZONE\r\nTZID:Etc/UTC\r\n');
    const byUid = new Map(read(ics).map((e) => [e.uid, e]));
    expect(byUid.get('01900000-0000-7000-8000-00000000000c@kenniscloud.nl')!.startDate.toJSDate().toISOString()).toBe('2030-10-27T01:30:00.000Z');
    expect(byUid.get('01900000-0000-7000-8000-00000000000d@kenniscloud.nl')!.startDate.toJSDate().toISOString()).toBe('2030-07-01T10:00:00.000Z');
  });
});
