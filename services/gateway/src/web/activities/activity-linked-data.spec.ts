import { activityLinkedData, linkedDataJson } from './activity-linked-data';

const activity = {
  id: '0190a000-0000-7000-8000-000000000001', communityId: '0190a000-0000-7000-8000-000000000002',
  title: 'Repaircafé', description: 'Samen repareren.', startsAt: '2025-07-01T17:30:00.000Z', endsAt: '2025-07-01T19:30:00.000Z', timeZone: 'Europe/Amsterdam',
  mode: 'hybrid' as const, location: 'Bibliotheek Tilburg, Koningsplein 1', onlineUrl: 'https://meet.example.org/repair', capacity: 20, attendeeCount: 5, waitlistCount: 0,
  cancelledAt: null, cancelReason: null, recurrence: null, place: null,
};
const community = { id: activity.communityId, name: 'Repaircafé Tilburg' };

describe('activityLinkedData', () => {
  it('describes a hybrid activity as a schema.org Event with a place, a virtual location, its organiser and local dates with offsets', () => {
    const data = activityLinkedData(activity, community, 'https://kenniscloud.example');
    expect(data).toMatchObject({
      '@context': 'https://schema.org', '@type': 'Event', name: 'Repaircafé',
      url: `https://kenniscloud.example/activiteiten/${activity.id}`,
      startDate: '2025-07-01T19:30:00+02:00', endDate: '2025-07-01T21:30:00+02:00',
      eventAttendanceMode: 'https://schema.org/MixedEventAttendanceMode', eventStatus: 'https://schema.org/EventScheduled',
      location: [{ '@type': 'Place', name: 'Bibliotheek Tilburg, Koningsplein 1' }, { '@type': 'VirtualLocation', url: 'https://meet.example.org/repair' }],
      organizer: { '@type': 'Organization', name: 'Repaircafé Tilburg', url: `https://kenniscloud.example/community/${community.id}` },
      maximumAttendeeCapacity: 20, remainingAttendeeCapacity: 15,
    });
  });

  it('names partner organisations as contributors, linking their pages; the community stays the organiser', () => {
    const partners = [{ organisationId: '0190a000-0000-7000-8000-000000000003', name: 'Omroep Brabant' }];
    const data = activityLinkedData(activity, community, 'https://kenniscloud.example', partners);
    expect(data.contributor).toEqual([{ '@type': 'Organization', name: 'Omroep Brabant', url: `https://kenniscloud.example/organisaties/${partners[0]!.organisationId}` }]);
    expect(data.organizer).toMatchObject({ name: 'Repaircafé Tilburg' });
    expect(activityLinkedData(activity, community, 'https://kenniscloud.example')).not.toHaveProperty('contributor');
  });

  it('gives an activity in a library room the branch’s postal address', () => {
    const place = { branchId: activity.id, branchName: 'Bibliotheek Centrum', roomId: activity.communityId, roomName: 'Zaal 1', address: 'Stationsweg 1', postcode: '5038 AB', city: 'Tilburg' };
    const data = activityLinkedData({ ...activity, mode: 'in_person', onlineUrl: null, place }, community, 'https://kenniscloud.example');
    expect(data.location).toEqual({
      '@type': 'Place', name: 'Bibliotheek Centrum, Zaal 1',
      address: { '@type': 'PostalAddress', streetAddress: 'Stationsweg 1', postalCode: '5038 AB', addressLocality: 'Tilburg', addressCountry: 'NL' },
    });
  });

  it('says when an activity is cancelled, and uses winter time in winter', () => {
    const data = activityLinkedData({ ...activity, mode: 'online', location: null, capacity: null, startsAt: '2025-12-10T18:30:00.000Z', endsAt: '2025-12-10T20:00:00.000Z', cancelledAt: '2025-12-01T10:00:00.000Z' }, community, 'http://localhost:3000');
    expect(data).toMatchObject({ eventStatus: 'https://schema.org/EventCancelled', eventAttendanceMode: 'https://schema.org/OnlineEventAttendanceMode', startDate: '2025-12-10T19:30:00+01:00', location: { '@type': 'VirtualLocation' } });
    expect(data).not.toHaveProperty('maximumAttendeeCapacity');
  });

  it('cannot be ended early by what a resident wrote', () => {
    const json = linkedDataJson(activityLinkedData({ ...activity, title: '</script><script>alert(1)</script> & co' }, community, 'https://x.example'));
    expect(json).not.toMatch(/[<>&]/);
    expect(JSON.parse(json).name).toBe('</script><script>alert(1)</script> & co');
  });
});
