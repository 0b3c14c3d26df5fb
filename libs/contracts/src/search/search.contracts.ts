import { z } from 'zod';
import { Id, RegionSlug, listOf } from '../common';
import { defineRequest } from '../define';

export const SearchHitType = z.enum(['community', 'conversation', 'activity', 'contribution', 'media', 'collection']);
export const SearchHit = z.object({
  type: SearchHitType, id: Id, title: z.string(), snippet: z.string(), communityId: Id, score: z.number().optional(),
  /** The conversation a contribution or a media link belongs to (those only); `title` is then that conversation's title. */
  conversationId: Id.optional(),
});
export const SearchQuery = defineRequest({
  pattern: 'search.query', service: 'search',
  description: 'Full-text search over communities, conversations, contributions, media links, activities and theme collections (with their items) the caller may see.',
  request: z.object({
    q: z.string().trim().min(1).max(200),
    region: RegionSlug.optional(),
    types: z.array(SearchHitType).optional(),
    limit: z.coerce.number().int().min(1).max(50).default(20),
  }).strict(),
  response: listOf(SearchHit),
});
