import { randomUUID } from 'node:crypto';
import type { ActivityScheduled, ConversationStarted, EventEnvelope } from '@kc/contracts';
import { activityDocument, conversationDocument } from './indexing.mapping';

const envelope = <T>(type: string, region: string | null, data: T) => ({
  id: randomUUID(), type, version: 1, occurredAt: '2026-11-21T09:00:00.000Z', region, actor: null, correlationId: 'c', causationId: null, data,
});

describe('indexing mapping', () => {
  const communityId = randomUUID();
  const conversation = (visibility: 'public' | 'members', region: string | null) =>
    envelope('kc.communities.conversation.started.v1', region, {
      conversationId: randomUUID(), communityId, title: 'Zon <b>op</b> het dak', body: 'Tekst «met» tekens', visibility, revision: 0, authorId: randomUUID(),
    }) as EventEnvelope<typeof ConversationStarted>;

  it('takes region and visibility from the community when search knows it', () => {
    const doc = conversationDocument(conversation('public', 'event-region'), { regionId: 'community-region', visibility: 'members', national: false });
    expect(doc).toMatchObject({ type: 'conversation', regionId: 'community-region', visibility: 'members', national: false, communityId });
  });

  it('marks content of a national community as national, in the region it was started from', () => {
    const doc = conversationDocument(conversation('public', 'event-region'), { regionId: 'home-region', visibility: 'public', national: true });
    expect(doc).toMatchObject({ regionId: 'home-region', visibility: 'public', national: true });
    expect(conversationDocument(conversation('public', 'event-region'), null)).toMatchObject({ national: false });
  });

  it('falls back to the event region when the community is not known yet', () => {
    expect(conversationDocument(conversation('public', 'event-region'), null)).toMatchObject({ regionId: 'event-region', visibility: 'public' });
  });

  it('indexes text as typed, without highlight marks', () => {
    const doc = conversationDocument(conversation('public', null), null);
    expect(doc.title).toBe('Zon <b>op</b> het dak');
    expect(doc.body).toBe('Tekst "met" tekens');
    expect(doc.updatedAt.toISOString()).toBe('2026-11-21T09:00:00.000Z');
  });

  it('makes an activity searchable by its description and location', () => {
    const event = envelope('kc.events.activity.scheduled.v1', 'r', {
      activityId: randomUUID(), communityId, title: 'Repair café', description: 'Neem kapotte spullen mee.',
      startsAt: '2026-12-01T10:00:00+01:00', endsAt: '2026-12-01T12:00:00+01:00', timeZone: 'Europe/Amsterdam', mode: 'in_person',
      location: 'Bibliotheek Centrum', visibility: 'public',
    }) as EventEnvelope<typeof ActivityScheduled>;
    expect(activityDocument(event, null).body).toBe('Neem kapotte spullen mee. Bibliotheek Centrum');
  });
});
