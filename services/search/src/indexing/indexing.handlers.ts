import type { EntityManager } from '@mikro-orm/core';
import { Inject, Injectable } from '@nestjs/common';
import {
  ActivityScheduled, CollectionCreated, ContentHidden, ContentRestored, CollectionDeleted, CollectionUpdated, CommunityCreated, ContributionDeleted, ContributionEdited, ContributionPosted, ConversationStarted, MediaAdded, MediaRemoved, MediaUpdated, MemberJoined,
  MemberLeft, RegionCreated, type EventEnvelope,
} from '@kc/contracts';
import { OnEvent } from '@kc/messaging';
import { SEARCH_INDEX, type SearchIndex } from '../index/search-index.port';
import { KnownCommunity, KnownRegion, Membership } from './directory.entities';
import { activityDocument, collectionDocument, communityDocument, contributionDocument, conversationDocument, mediaDocument, restoredDocument } from './indexing.mapping';
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
    const community = await em.findOne(KnownCommunity, { id: event.data.communityId });
    await this.upsertVisible(em, conversationDocument(event, community));
  }

  @OnEvent(ContributionPosted)
  async contributionPosted(event: EventEnvelope<typeof ContributionPosted>, em: EntityManager): Promise<void> {
    const community = await em.findOne(KnownCommunity, { id: event.data.communityId });
    await this.upsertVisible(em, contributionDocument(event, community));
  }

  /** A newer text replaces the older (the index keeps the latest `updatedAt`). */
  @OnEvent(ContributionEdited)
  async contributionEdited(event: EventEnvelope<typeof ContributionEdited>, em: EntityManager): Promise<void> {
    const community = await em.findOne(KnownCommunity, { id: event.data.communityId });
    await this.upsertVisible(em, contributionDocument(event, community));
  }

  /** A deleted text is gone from search too. */
  @OnEvent(ContributionDeleted)
  async contributionDeleted(event: EventEnvelope<typeof ContributionDeleted>): Promise<void> {
    await this.index.remove(event.data.contributionId);
  }

  @OnEvent(MediaAdded)
  async mediaAdded(event: EventEnvelope<typeof MediaAdded>, em: EntityManager): Promise<void> {
    const community = await em.findOne(KnownCommunity, { id: event.data.communityId });
    await this.upsertVisible(em, mediaDocument(event, community));
  }

  /** A fetched preview or a changed note replaces what was indexed (the index keeps the latest `updatedAt`). */
  @OnEvent(MediaUpdated)
  async mediaUpdated(event: EventEnvelope<typeof MediaUpdated>, em: EntityManager): Promise<void> {
    const community = await em.findOne(KnownCommunity, { id: event.data.communityId });
    await this.upsertVisible(em, mediaDocument(event, community));
  }

  @OnEvent(MediaRemoved)
  async mediaRemoved(event: EventEnvelope<typeof MediaRemoved>): Promise<void> {
    await this.index.remove(event.data.mediaId);
  }

  @OnEvent(CollectionCreated)
  async collectionCreated(event: EventEnvelope<typeof CollectionCreated>, em: EntityManager): Promise<void> {
    const community = await em.findOne(KnownCommunity, { id: event.data.communityId });
    await this.upsertVisible(em, collectionDocument(event, community));
  }

  /** The collection as it is now (its items included) replaces what was indexed; the index keeps the latest `updatedAt`. */
  @OnEvent(CollectionUpdated)
  async collectionUpdated(event: EventEnvelope<typeof CollectionUpdated>, em: EntityManager): Promise<void> {
    const community = await em.findOne(KnownCommunity, { id: event.data.communityId });
    await this.upsertVisible(em, collectionDocument(event, community));
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
    const community = await em.findOne(KnownCommunity, { id: event.data.communityId });
    await this.index.upsert(await this.withConversationState(em, restoredDocument(event, community)));
    if (targetType === 'conversation') await this.index.setConversationHidden(targetId, false);
  }

  @OnEvent(ActivityScheduled)
  async activityScheduled(event: EventEnvelope<typeof ActivityScheduled>, em: EntityManager): Promise<void> {
    const community = await em.findOne(KnownCommunity, { id: event.data.communityId });
    await this.index.upsert(activityDocument(event, community));
  }

  /** Content a moderator hid stays out, whatever later event arrives for it (an edit, a fetched preview). */
  private async upsertVisible(em: EntityManager, doc: SearchDocument): Promise<void> {
    if (await this.isHidden(em, doc.id)) return;
    await this.index.upsert(await this.withConversationState(em, doc));
  }

  /** A contribution or media link of a hidden conversation is indexed as hidden, so an edit or a new one does not surface. */
  private async withConversationState(em: EntityManager, doc: SearchDocument): Promise<SearchDocument> {
    return doc.conversation && (await this.isHidden(em, doc.conversation.id)) ? { ...doc, conversationHidden: true } : doc;
  }

  private async isHidden(em: EntityManager, id: string): Promise<boolean> {
    return (await em.getConnection().execute('SELECT 1 FROM search_hidden_content WHERE id = ?', [id])).length > 0;
  }
}
