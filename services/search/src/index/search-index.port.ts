import type { HealthIndicator } from '@kc/observability';

export type SearchDocumentType = 'community' | 'conversation' | 'activity' | 'contribution' | 'media' | 'collection';
export type DocumentVisibility = 'public' | 'members';

/** One searchable thing, as the index keeps it. Built only from domain events. */
export interface SearchDocument {
  type: SearchDocumentType;
  id: string;
  /** The library region it belongs to (a national community's: the region it was started from); null when unknown. */
  regionId: string | null;
  /**
   * Of a national community: public, it is found from every region; members-only, its members
   * find it from whatever region they are in.
   */
  national?: boolean;
  /** The community it belongs to (a community document: its own id). */
  communityId: string;
  visibility: DocumentVisibility;
  title: string;
  body: string;
  /**
   * A contribution's (or media link's) conversation: linked from the hit and named as its title (the
   * contribution's own `title` is empty, so the conversation's words do not rank its every reply).
   */
  conversation?: { id: string; title: string };
  /**
   * Its conversation is hidden by a moderator: the document stays in the index (so restoring the
   * conversation brings it back without its source sending it again) but no search finds it.
   */
  conversationHidden?: boolean;
  /** When the source changed; an upsert never replaces a newer version with an older one. */
  updatedAt: Date;
}

/**
 * Who may see what, decided by the search service before it asks the index: a document is
 * visible when it is public and in `publicRegionId` (null: any region) or national, or when it
 * belongs to one of `member.communityIds` and is public, national or in `member.regionId`.
 * Members-only content of another region's regional community is never visible, even to a member.
 */
export interface VisibilityFilter {
  publicRegionId: string | null;
  member: { regionId: string | null; communityIds: string[] } | null;
}

export interface SearchRequest {
  text: string;
  limit: number;
  types?: SearchDocumentType[];
}

export interface SearchIndexHit {
  type: SearchDocumentType;
  id: string;
  communityId: string;
  title: string;
  /** The conversation of a contribution or a media link. */
  conversationId?: string;
  /** Plain text; matched words are marked «like this». */
  snippet: string;
  score: number;
}

/** The port: the service talks to the index only through this (PostgreSQL or OpenSearch behind it). */
export interface SearchIndex extends HealthIndicator {
  /** Inserts or replaces by id (idempotent; an older `updatedAt` never overwrites a newer one). */
  upsert(doc: SearchDocument): Promise<void>;
  /** Removes by id; removing what is not there is fine. */
  remove(id: string): Promise<void>;
  /**
   * Hides (or shows again) every document of a conversation (its contributions and media links):
   * a hidden one is found by nobody, and stays hidden through later upserts that say so. Idempotent.
   */
  setConversationHidden(conversationId: string, hidden: boolean): Promise<void>;
  /** Renames a conversation where its documents (contributions, media links) show its title. Idempotent. */
  retitleConversation(conversationId: string, title: string): Promise<void>;
  search(request: SearchRequest, filter: VisibilityFilter): Promise<SearchIndexHit[]>;
}

export const SEARCH_INDEX = Symbol('kc:search-index');

/** The marks around matched words in a snippet: plain characters, not HTML. */
export const HIGHLIGHT_START = '«';
export const HIGHLIGHT_STOP = '»';
