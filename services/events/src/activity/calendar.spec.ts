import ICAL from 'ical.js';
import { DateTime } from 'luxon';
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
  it('describes Europe/Amsterdam’s DST changes in a VTIMEZONE', () => {
    const text = vtimezone('Europe/Amsterdam', DateTime.fromISO('2030-01-01T00:00:00Z'), DateTime.fromISO('2030-12-31T00:00:00Z'));
    expect(text).toContain('BEGIN:DAYLIGHT\r\nDTSTART:20300331T020000\r\nTZOFFSETFROM:+0100\r\nTZOFFSETTO:+0200');
    expect(text).toContain('BEGIN:STANDARD\r\nDTSTART:20301027T030000\r\nTZOFFSETFROM:+0200\r\nTZOFFSETTO:+0100');
  });

  it('keeps the instant across a DST change when read back by ical.js', () => {
    const ics = communityCalendar({ communityName: 'Leesclub', domain: 'kenniscloud.nl', activities: [activity({})], now: new Date('2030-01-01T00:00:00Z') });
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
});
