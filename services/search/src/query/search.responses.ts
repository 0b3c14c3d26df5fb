import type { SearchIndexHit } from '../index/search-index.port';

export const toSearchHitResponse = (hit: SearchIndexHit) => ({
  type: hit.type, id: hit.id, title: hit.title, snippet: hit.snippet, communityId: hit.communityId,
  ...(hit.conversationId ? { conversationId: hit.conversationId } : {}),
});
