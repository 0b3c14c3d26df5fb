import { buildSearchBody, searchIndexSettings, visibilityClause } from './opensearch.query';

describe('OpenSearch query', () => {
  it('analyses Dutch text: lowercase, ASCII folding, Dutch stop words and stemmer', () => {
    const { analyzer, filter } = searchIndexSettings().settings.analysis;
    expect(analyzer.kc_dutch.filter).toEqual(['lowercase', 'asciifolding', 'kc_dutch_stop', 'kc_dutch_stemmer']);
    expect(filter.kc_dutch_stop.stopwords).toBe('_dutch_');
    expect(filter.kc_dutch_stemmer.language).toBe('dutch');
  });

  it('filters an anonymous search to public documents only', () => {
    expect(visibilityClause({ publicRegionId: null, member: null })).toEqual({ bool: { filter: [{ term: { visibility: 'public' } }] } });
  });

  it('lets members see members-only content of their own region only', () => {
    const clause = visibilityClause({ publicRegionId: 'r1', member: { regionId: 'r1', communityIds: ['c1'] } });
    const member = clause.bool.should?.[1] as { bool: { filter: unknown[]; should: unknown[] } };
    expect(member.bool.filter).toEqual([{ terms: { communityId: ['c1'] } }]);
    expect(member.bool.should).toEqual([{ term: { visibility: 'public' } }, { term: { national: true } }, { term: { regionId: 'r1' } }]);
    const noRegion = visibilityClause({ publicRegionId: null, member: { regionId: null, communityIds: ['c1'] } });
    expect((noRegion.bool.should?.[1] as { bool: { should: unknown[] } }).bool.should).toEqual([{ term: { visibility: 'public' } }, { term: { national: true } }]);
  });

  it('bounds the size, filters types and highlights with plain marks', () => {
    const body = buildSearchBody({ text: 'duurzaam', limit: 7, types: ['activity'] }, { publicRegionId: null, member: null });
    expect(body.size).toBe(7);
    expect(body.query.bool.filter[0]).toEqual({ terms: { type: ['activity'] } });
    expect(body.highlight.pre_tags).toEqual(['«']);
    expect(body.highlight.post_tags).toEqual(['»']);
  });

  it('finds nothing of a hidden conversation', () => {
    const body = buildSearchBody({ text: 'duurzaam', limit: 7 }, { publicRegionId: null, member: null });
    expect(body.query.bool.must_not).toEqual([{ term: { conversationHidden: true } }]);
  });
});
