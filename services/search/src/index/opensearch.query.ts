import type { SearchDocument, SearchDocumentType, SearchRequest, VisibilityFilter } from './search-index.port';
import { HIGHLIGHT_START, HIGHLIGHT_STOP } from './search-index.port';

const ALL_TYPES: SearchDocumentType[] = ['community', 'conversation', 'activity', 'contribution', 'media', 'collection'];

/**
 * Index settings: a Dutch analyzer (lowercase, ASCII folding, Dutch stop words, Dutch
 * stemmer) for ranking, and a folded-only sub-field for fuzzy (typo) matching.
 */
export function searchIndexSettings() {
  return {
    settings: {
      analysis: {
        filter: {
          kc_dutch_stop: { type: 'stop', stopwords: '_dutch_' },
          kc_dutch_stemmer: { type: 'stemmer', language: 'dutch' },
        },
        analyzer: {
          kc_dutch: { type: 'custom', tokenizer: 'standard', filter: ['lowercase', 'asciifolding', 'kc_dutch_stop', 'kc_dutch_stemmer'] },
          kc_folded: { type: 'custom', tokenizer: 'standard', filter: ['lowercase', 'asciifolding'] },
        },
      },
    },
    mappings: {
      dynamic: 'strict',
      properties: {
        type: { type: 'keyword' },
        id: { type: 'keyword' },
        regionId: { type: 'keyword' },
        communityId: { type: 'keyword' },
        visibility: { type: 'keyword' },
        title: { type: 'text', analyzer: 'kc_dutch', fields: { folded: { type: 'text', analyzer: 'kc_folded' } } },
        body: { type: 'text', analyzer: 'kc_dutch', fields: { folded: { type: 'text', analyzer: 'kc_folded' } } },
        updatedAt: { type: 'date' },
        conversationId: { type: 'keyword' },
        conversationTitle: { type: 'keyword', index: false },
        conversationHidden: { type: 'boolean' },
        national: { type: 'boolean' },
      },
    },
  };
}

export function toIndexedDocument(doc: SearchDocument) {
  const { conversation, ...rest } = doc;
  return { ...rest, updatedAt: doc.updatedAt.toISOString(), ...(conversation ? { conversationId: conversation.id, conversationTitle: conversation.title } : {}) };
}

/** The visibility rule of {@link VisibilityFilter} as an OpenSearch filter. */
export function visibilityClause(filter: VisibilityFilter) {
  const publicClause = {
    bool: {
      filter: [{ term: { visibility: 'public' } }],
      ...(filter.publicRegionId
        ? {
          should: [{ term: { regionId: filter.publicRegionId } }, { bool: { must_not: [{ exists: { field: 'regionId' } }] } }, { term: { national: true } }],
          minimum_should_match: 1,
        }
        : {}),
    },
  };
  const ids = filter.member?.communityIds ?? [];
  if (!ids.length) return publicClause;
  const memberRegion = filter.member?.regionId;
  const memberClause = {
    bool: {
      filter: [{ terms: { communityId: ids } }],
      should: [{ term: { visibility: 'public' } }, { term: { national: true } }, ...(memberRegion ? [{ term: { regionId: memberRegion } }] : [])],
      minimum_should_match: 1,
    },
  };
  return { bool: { should: [publicClause, memberClause], minimum_should_match: 1 } };
}

/**
 * The query: every word (Dutch analysis) ranks first, any word next, a fuzzy match on the
 * folded text catches typos; title weighs more than body; filters decide visibility.
 */
export function buildSearchBody(request: SearchRequest, filter: VisibilityFilter) {
  return {
    size: request.limit,
    track_total_hits: false,
    _source: ['type', 'id', 'communityId', 'title', 'body', 'conversationId', 'conversationTitle'],
    query: {
      bool: {
        filter: [{ terms: { type: request.types?.length ? request.types : ALL_TYPES } }, visibilityClause(filter)],
        must_not: [{ term: { conversationHidden: true } }],
        should: [
          { multi_match: { query: request.text, fields: ['title^3', 'body'], type: 'best_fields', operator: 'and', boost: 4 } },
          { multi_match: { query: request.text, fields: ['title^3', 'body'], type: 'best_fields', operator: 'or', boost: 1 } },
          {
            multi_match: {
              query: request.text, fields: ['title.folded^3', 'body.folded'], fuzziness: 'AUTO', prefix_length: 1, max_expansions: 20, boost: 0.2,
            },
          },
        ],
        minimum_should_match: 1,
      },
    },
    sort: [{ _score: 'desc' }, { updatedAt: 'desc' }, { id: 'asc' }],
    highlight: {
      pre_tags: [HIGHLIGHT_START],
      post_tags: [HIGHLIGHT_STOP],
      encoder: 'default',
      fields: {
        body: { fragment_size: 160, number_of_fragments: 2, no_match_size: 200 },
        'body.folded': { fragment_size: 160, number_of_fragments: 2 },
      },
    },
  };
}
