import type { ActivityScheduled, CollectionCreated, ContentRestored, CollectionUpdated, CommunityCreated, ContributionEdited, ContributionPosted, ConversationStarted, EventEnvelope, MediaAdded, MediaUpdated } from '@kc/contracts';
import type { DocumentVisibility, SearchDocument } from '../index/search-index.port';
import { toIndexText } from '../index/search-text';

/** What search knows of a community when one of its conversations or activities arrives. */
export interface CommunityFacts {
  regionId: string;
  visibility: DocumentVisibility;
  national: boolean;
}

export function communityDocument(event: EventEnvelope<typeof CommunityCreated>): SearchDocument {
  const { data } = event;
  return {
    type: 'community',
    id: data.communityId,
    regionId: data.regionId,
    national: data.scope === 'national',
    communityId: data.communityId,
    visibility: data.visibility,
    title: toIndexText(data.name, 500),
    body: toIndexText(data.description),
    updatedAt: new Date(event.occurredAt),
  };
}

export function conversationDocument(event: EventEnvelope<typeof ConversationStarted>, community: CommunityFacts | null): SearchDocument {
  const { data } = event;
  return {
    type: 'conversation',
    id: data.conversationId,
    ...placeOf(event.region, data.visibility, community),
    communityId: data.communityId,
    title: toIndexText(data.title, 500),
    body: toIndexText(data.body),
    updatedAt: new Date(event.occurredAt),
  };
}

/** A contribution (posted or edited): its text, found under its conversation's title. */
export function contributionDocument(event: EventEnvelope<typeof ContributionPosted> | EventEnvelope<typeof ContributionEdited>, community: CommunityFacts | null): SearchDocument {
  const { data } = event;
  return {
    type: 'contribution',
    id: data.contributionId,
    ...placeOf(event.region, data.visibility, community),
    communityId: data.communityId,
    title: '',
    body: toIndexText(data.body),
    conversation: { id: data.conversationId, title: toIndexText(data.conversationTitle, 500) },
    updatedAt: new Date(event.occurredAt),
  };
}

/** A media link (added, previewed or changed): its preview text, note and address, found under its conversation's title. */
export function mediaDocument(event: EventEnvelope<typeof MediaAdded> | EventEnvelope<typeof MediaUpdated>, community: CommunityFacts | null): SearchDocument {
  const { data } = event;
  return {
    type: 'media',
    id: data.mediaId,
    ...placeOf(event.region, data.visibility, community),
    communityId: data.communityId,
    title: toIndexText(data.title ?? '', 500),
    body: toIndexText([data.title, data.description, data.note, data.siteName, data.url].filter(Boolean).join('\n')),
    conversation: { id: data.conversationId, title: toIndexText(data.conversationTitle, 500) },
    updatedAt: new Date(event.occurredAt),
  };
}

/** A theme collection: its title, and in its body its description and every item's title and note, in order. */
export function collectionDocument(event: EventEnvelope<typeof CollectionCreated> | EventEnvelope<typeof CollectionUpdated>, community: CommunityFacts | null): SearchDocument {
  const { data } = event;
  return {
    type: 'collection',
    id: data.collectionId,
    ...placeOf(event.region, data.visibility, community),
    communityId: data.communityId,
    title: toIndexText(data.title, 500),
    body: toIndexText([data.description, ...data.items.flatMap((i) => [i.title, i.note])].filter(Boolean).join('\n')),
    updatedAt: new Date(event.occurredAt),
  };
}

/** Restored content, from the document its restored event carries (the same fields its own events give). */
export function restoredDocument(event: EventEnvelope<typeof ContentRestored>, community: CommunityFacts | null): SearchDocument {
  const { data } = event;
  const { document } = data;
  return {
    type: data.targetType,
    id: data.targetId,
    ...placeOf(event.region, document.visibility, community),
    communityId: data.communityId,
    title: toIndexText(document.title, 500),
    body: toIndexText(document.body),
    ...(document.conversation ? { conversation: { id: document.conversation.id, title: toIndexText(document.conversation.title, 500) } } : {}),
    updatedAt: new Date(event.occurredAt),
  };
}

export function activityDocument(event: EventEnvelope<typeof ActivityScheduled>, community: CommunityFacts | null): SearchDocument {
  const { data } = event;
  return {
    type: 'activity',
    id: data.activityId,
    ...placeOf(event.region, data.visibility, community),
    communityId: data.communityId,
    title: toIndexText(data.title, 500),
    body: toIndexText([data.description, data.location].filter(Boolean).join('\n')),
    updatedAt: new Date(event.occurredAt),
  };
}

/**
 * Region, scope and visibility of content inside a community: the community's region when search
 * knows the community (else the event's region), national when the community is, and the stricter
 * of the event's and the community's visibility: content of a members-only community is never public.
 */
function placeOf(eventRegion: string | null, visibility: DocumentVisibility, community: CommunityFacts | null) {
  return {
    regionId: community?.regionId ?? eventRegion,
    national: community?.national ?? false,
    visibility: community?.visibility === 'members' ? ('members' as const) : visibility,
  };
}
