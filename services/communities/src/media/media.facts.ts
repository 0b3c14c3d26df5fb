import type { EventData, MediaAdded, MediaKind, Visibility } from '@kc/contracts';

/** A media reference with its conversation's title and its community's place: what its events carry. */
export interface MediaFactsRow {
  id: string;
  conversationId: string;
  conversationTitle: string;
  communityId: string;
  regionId: string;
  visibility: Visibility;
  url: string;
  kind: MediaKind;
  title: string | null;
  description: string | null;
  siteName: string | null;
  note: string;
  addedBy: string;
}

export const MEDIA_FACTS_COLUMNS = `r.id, r.conversation_id AS "conversationId", v.title AS "conversationTitle", r.community_id AS "communityId",
       c.region_id AS "regionId", c.visibility, r.url, r.kind, r.title, r.description, r.site_name AS "siteName", r.note, r.added_by AS "addedBy"`;
export const MEDIA_FACTS_FROM = 'media_references r JOIN conversations v ON v.id = r.conversation_id JOIN communities c ON c.id = r.community_id';
export const MEDIA_FACTS_SQL = `SELECT ${MEDIA_FACTS_COLUMNS} FROM ${MEDIA_FACTS_FROM}`;

export const mediaFactsOf = (r: MediaFactsRow): EventData<typeof MediaAdded> => ({
  mediaId: r.id, conversationId: r.conversationId, conversationTitle: r.conversationTitle, communityId: r.communityId, visibility: r.visibility,
  url: r.url, kind: r.kind, title: r.title, description: r.description, siteName: r.siteName, note: r.note, addedBy: r.addedBy,
});
