import type { EntityManager } from '@mikro-orm/postgresql';
import { Inject, Injectable } from '@nestjs/common';
import {
  ActivityScheduled, CollectionCreated, ContentHidden, ContentRestored, CollectionDeleted, CollectionUpdated, CommunityCreated, ContributionDeleted, ContributionEdited, ContributionPosted, ConversationStarted, MediaAdded, MediaRemoved, MediaUpdated, MemberJoined,
  MemberLeft, RegionCreated, type EventEnvelope,
} from '@kc/contracts';
import { OnEvent } from '@kc/messaging';
import { sqlRows } from '@kc/persistence';
import { SEARCH_INDEX, type SearchIndex } from '../index/search-index.port';
import { KnownCommunity, KnownRegion, Membership } from './directory.entities';
import { activityDocument, collectionDocument, communityDocument, contributionDocument, conversationDocument, mediaDocument, restoredDocument, type CommunityFacts } from './indexing.mapping';
import type { SearchDocument } from '../index/search-index.port';

/**
 * The only way into the index: domain events. Every handler is an upsert, so a redelivered
 * event changes nothing (the inbox already skips it; this holds without the inbox too).
 */
@Injectable()
export class IndexingHandlers {
  constructor(@Inject(SEARCH_INDEX) private readonly index: SearchIndex) {}

  @OnEvent(RegionCreated)
  async regionCreated(event: EventEnvelope<typeof RegionCreated>, em: EntityManager): Promise<void> {
    await em.upsert(KnownRegion, { id: event.data.regionId, slug: event.data.slug, name: event.data.name });
  }

  @OnEvent(CommunityCreated)
  async communityCreated(event: EventEnvelope<typeof CommunityCreated>, em: EntityManager): Promise<void> {
    const { communityId, regionId, visibility, scope } = event.data;
    await em.upsert(KnownCommunity, { id: communityId, regionId, visibility, national: scope === 'national' });
    await this.index.upsert(communityDocument(event));
  }

  @OnEvent(MemberJoined)
  async memberJoined(event: EventEnvelope<typeof MemberJoined>, em: EntityManager): Promise<void> {
    const { accountId, communityId, role } = event.data;
    await em.upsert(Membership, { accountId, communityId, role });
  }

  /** A member who left or was removed no longer finds the community's members-only content. */
  @OnEvent(MemberLeft)
  async memberLeft(event: EventEnvelope<typeof MemberLeft>, em: EntityManager): Promise<void> {
    await em.nativeDelete(Membership, { accountId: event.data.accountId, communityId: event.data.communityId });
  }

  @OnEvent(ConversationStarted)
  async conversationStarted(event: EventEnvelope<typeof ConversationStarted>, em: EntityManager): Promise<void> {
    const { communityId, conversationId } = event.data;
    await this.upsertVisible(em, { communityId, documentId: conversationId }, (community) => conversationDocument(event, community));
  }

  @OnEvent(ContributionPosted)
  async contributionPosted(event: EventEnvelope<typeof ContributionPosted>, em: EntityManager): Promise<void> {
    const { communityId, contributionId, conversationId } = event.data;
    await this.upsertVisible(em, { communityId, documentId: contributionId, conversationId }, (community) => contributionDocument(event, community));
  }

  /** A newer text replaces the older (the index keeps the latest `updatedAt`). */
  @OnEvent(ContributionEdited)
  async contributionEdited(event: EventEnvelope<typeof ContributionEdited>, em: EntityManager): Promise<void> {
    const { communityId, contributionId, conversationId } = event.data;
    await this.upsertVisible(em, { communityId, documentId: contributionId, conversationId }, (community) => contributionDocument(event, community));
  }

  /** A deleted text is gone from search too. */
  @OnEvent(ContributionDeleted)
  async contributionDeleted(event: EventEnvelope<typeof ContributionDeleted>): Promise<void> {
    await this.index.remove(event.data.contributionId);
  }

  @OnEvent(MediaAdded)
  async mediaAdded(event: EventEnvelope<typeof MediaAdded>, em: EntityManager): Promise<void> {
    const { communityId, mediaId, conversationId } = event.data;
    await this.upsertVisible(em, { communityId, documentId: mediaId, conversationId }, (community) => mediaDocument(event, community));
  }

  /** A fetched preview or a changed note replaces what was indexed (the index keeps the latest `updatedAt`). */
  @OnEvent(MediaUpdated)
  async mediaUpdated(event: EventEnvelope<typeof MediaUpdated>, em: EntityManager): Promise<void> {
    const { communityId, mediaId, conversationId } = event.data;
    await this.upsertVisible(em, { communityId, documentId: mediaId, conversationId }, (community) => mediaDocument(event, community));
  }

  @OnEvent(MediaRemoved)
  async mediaRemoved(event: EventEnvelope<typeof MediaRemoved>): Promise<void> {
    await this.index.remove(event.data.mediaId);
  }

  @OnEvent(CollectionCreated)
  async collectionCreated(event: EventEnvelope<typeof CollectionCreated>, em: EntityManager): Promise<void> {
    const { communityId, collectionId } = event.data;
    await this.upsertVisible(em, { communityId, documentId: collectionId }, (community) => collectionDocument(event, community));
  }

  /** The collection as it is now (its items included) replaces what was indexed; the index keeps the latest `updatedAt`. */
  @OnEvent(CollectionUpdated)
  async collectionUpdated(event: EventEnvelope<typeof CollectionUpdated>, em: EntityManager): Promise<void> {
    const { communityId, collectionId } = event.data;
    await this.upsertVisible(em, { communityId, documentId: collectionId }, (community) => collectionDocument(event, community));
  }

  @OnEvent(CollectionDeleted)
  async collectionDeleted(event: EventEnvelope<typeof CollectionDeleted>): Promise<void> {
    await this.index.remove(event.data.collectionId);
  }

  /**
   * Hidden by a moderator: out of the index at once, and kept out until restored. A hidden
   * conversation takes its contributions and media links with it (kept in the index, found by nobody).
   */
  @OnEvent(ContentHidden)
  async contentHidden(event: EventEnvelope<typeof ContentHidden>, em: EntityManager): Promise<void> {
    const { targetId, targetType } = event.data;
    await em.getConnection().execute('INSERT INTO search_hidden_content (id) VALUES (?) ON CONFLICT DO NOTHING', [targetId]);
    await this.index.remove(targetId);
    if (targetType === 'conversation') await this.index.setConversationHidden(targetId, true);
  }

  /** Restored: indexed again from the event's document; a restored conversation brings back its contributions and media links. */
  @OnEvent(ContentRestored)
  async contentRestored(event: EventEnvelope<typeof ContentRestored>, em: EntityManager): Promise<void> {
    const { targetId, targetType } = event.data;
    await em.getConnection().execute('DELETE FROM search_hidden_content WHERE id = ?', [targetId]);
    const { community, conversationHidden } = await this.placementOf(em, { communityId: event.data.communityId, documentId: targetId, conversationId: event.data.document.conversation?.id });
    const document = restoredDocument(event, community);
    await this.index.upsert(conversationHidden ? { ...document, conversationHidden: true } : document);
    if (targetType === 'conversation') await this.index.setConversationHidden(targetId, false);
  }

  @OnEvent(ActivityScheduled)
  async activityScheduled(event: EventEnvelope<typeof ActivityScheduled>, em: EntityManager): Promise<void> {
    const { community } = await this.placementOf(em, { communityId: event.data.communityId, documentId: event.data.activityId });
    await this.index.upsert(activityDocument(event, community));
  }

  /**
   * Content a moderator hid stays out, whatever later event arrives for it (an edit, a fetched
   * preview); a contribution or media link of a hidden conversation is indexed as hidden, so an
   * edit or a new one does not surface.
   */
  private async upsertVisible(em: EntityManager, ids: DocumentIds, document: (community: CommunityFacts | null) => SearchDocument): Promise<void> {
    const { community, hidden, conversationHidden } = await this.placementOf(em, ids);
    if (hidden) return;
    const built = document(community);
    await this.index.upsert(conversationHidden ? { ...built, conversationHidden: true } : built);
  }

  /** What indexing needs beside the event, in one statement: what search knows of the community, and whether the document or its conversation is hidden. */
  private async placementOf(em: EntityManager, { communityId, documentId, conversationId }: DocumentIds): Promise<Placement> {
    const [row] = await sqlRows<PlacementRow>(
      em,
      `SELECT c.region_id AS "regionId", c.visibility, c.national,
              EXISTS (SELECT 1 FROM search_hidden_content WHERE id = $2) AS hidden,
              EXISTS (SELECT 1 FROM search_hidden_content WHERE id = $3) AS "conversationHidden"
         FROM (VALUES (1)) AS one LEFT JOIN search_communities c ON c.id = $1`,
      [communityId, documentId, conversationId ?? null],
    );
    const { regionId, visibility, national, hidden, conversationHidden } = row!;
    return { community: regionId && visibility ? { regionId, visibility, national: national ?? false } : null, hidden, conversationHidden };
  }
}

interface DocumentIds {
  communityId: string;
  documentId: string;
  conversationId?: string;
}

interface Placement {
  community: CommunityFacts | null;
  hidden: boolean;
  conversationHidden: boolean;
}

interface PlacementRow {
  regionId: string | null;
  visibility: CommunityFacts['visibility'] | null;
  national: boolean | null;
  hidden: boolean;
  conversationHidden: boolean;
}
