import {
  buildQueryTerms,
  conversationWords,
  foldDiacritics,
  MIN_FRAGMENT_IDF,
  occurrenceWeight,
  orTsQuery,
  recordTokens,
  surfacesByLexeme,
  wholeWordLexemes,
  type QueryTerm,
} from './analysis';
import { addFragment, chooseCompoundSplit, chooseWordSplit, fragmentWeight, informativeFragment } from './compounds';
import { hasStrongTermMatch, headingComponents, lexemeCoveredBy, withoutRedundantParts } from './evidence';

describe('conversationWords', () => {
  it('keeps content words with title/body counts and drops chat words', () => {
    const { words } = conversationWords('Warmtepomp in oud huis?', 'Hoi allemaal, wie heeft tips over een warmtepomp? Groetjes');
    expect(words.get('warmtepomp')).toEqual({ title: 1, body: 1 });
    expect(words.has('hoi')).toBe(false);
    expect(words.has('tips')).toBe(false);
    expect(words.has('groetjes')).toBe(false);
  });

  it('writes hyphenated words together too and collects adjacent pairs', () => {
    const { words, joinedPairs } = conversationWords('Energie-armoede', 'zonne panelen op het dak');
    expect(words.has('energie-armoede')).toBe(true);
    expect(words.has('energiearmoede')).toBe(true);
    expect(joinedPairs.has('zonnepanelen')).toBe(true);
  });

  it('ignores URLs, e-mail addresses and bare numbers', () => {
    const { words } = conversationWords('', 'zie https://example.org/warmtepomp of mail a@b.nl, 2024');
    expect([...words.keys()]).toEqual(['zie', 'mail']);
  });

  it('treats stop words the same with or without diacritics', () => {
    expect(foldDiacritics('ideeën')).toBe('ideeen');
    expect(conversationWords('', 'ideeën idee').words.size).toBe(0);
  });
});

describe('buildQueryTerms', () => {
  it('weights title terms above body terms and merges words with the same lexeme', () => {
    const { words } = conversationWords('Zonnepanelen', 'een zonnepaneel en isoleren');
    const terms = buildQueryTerms(words, new Map([['zonnepanelen', ['zonnepanel']], ['zonnepaneel', ['zonnepanel']], ['isoleren', ['isoler']]]));
    expect(terms.get('zonnepanel')!.weight).toBeGreaterThan(terms.get('isoler')!.weight);
    expect(terms.get('zonnepanel')!.inTitle).toBe(true);
    expect(occurrenceWeight({ title: 0, body: 4 })).toBeLessThan(4);
  });
});

describe('Dutch compounds', () => {
  const vocab = new Set(['energie', 'armoed', 'woning', 'isolatie', 'dorp', 'belang']);
  const known = (l: string) => vocab.has(l);
  it('splits a compound into known parts, with linking elements', () => {
    expect(chooseCompoundSplit('energiearmoed', known)).toEqual(['energie', 'armoed']);
    expect(chooseCompoundSplit('woningisolatie', known)).toEqual(['woning', 'isolatie']);
    expect(chooseCompoundSplit('dorpsbelang', known)).toEqual(['dorp', 'belang']);
    expect(chooseCompoundSplit('warmtepomp', known)).toBeUndefined();
  });
  it('covers a subject lexeme directly or as a compound of query lexemes', () => {
    expect(lexemeCoveredBy('energiearmoed', new Set(['energie', 'armoed']))).toBe(true);
    expect(lexemeCoveredBy('energiearmoed', new Set(['energie']))).toBe(false);
  });
  it('splits Brinkman and MARC subdivided headings into components', () => {
    expect(headingComponents('ouderen ; huisvesting')).toEqual(['ouderen', 'huisvesting']);
    expect(headingComponents('Ouderen -- Huisvesting -- Nederland')).toEqual(['Ouderen', 'Huisvesting', 'Nederland']);
  });
});

describe('orTsQuery', () => {
  it('quotes lexemes for a ::tsquery cast', () => {
    expect(orTsQuery(["warmtepomp", "o'neil"])).toBe("'warmtepomp' | 'o''neil'");
  });
});

const word = (lexeme: string, weight = 1): QueryTerm => ({ lexeme, weight, surface: lexeme, inTitle: false, origin: 'word' });
const part = (lexeme: string, compound: string, role: 'head' | 'modifier', origin: 'part' | 'split' | 'expansion' = 'split'): QueryTerm => ({ lexeme, weight: 0.5, surface: lexeme, inTitle: false, origin, compound, role });

describe('compound fragments', () => {
  it('keeps the parts of a hyphenated word apart as fragments, head last, without chat words', () => {
    const { words, hyphenParts } = conversationWords('Hoe isoleer ik een jaren-dertigwoning?', 'energie-armoede');
    expect(words.has('jaren-dertigwoning')).toBe(true);
    expect(hyphenParts.has('jaren')).toBe(false); // `jaren` is a chat word (`jaar`, `jaren`)
    expect(hyphenParts.get('dertigwoning')).toMatchObject({ compound: 'jaren-dertigwoning', role: 'head', title: 1 });
    expect(hyphenParts.get('energie')).toMatchObject({ compound: 'energie-armoede', role: 'modifier', body: 1 });
  });

  it('gives a hyphenated word only its whole lexeme as a word term (PostgreSQL adds the parts)', () => {
    const { words } = conversationWords('jaren-dertigwoning', '');
    const terms = buildQueryTerms(words, new Map([['jaren-dertigwoning', ['jaren-dertigwon', 'jar', 'dertigwon']], ['jarendertigwoning', ['jarendertigwon']]]));
    expect([...terms.keys()].sort()).toEqual(['jaren-dertigwon', 'jarendertigwon']);
  });

  it("drops clitics instead of gluing them into words (zo'n is not zon)", () => {
    expect([...conversationWords('', "zo'n straatactie").words.keys()]).toEqual(['straatactie']);
  });

  it('splits a written compound into parts analysed on their own, head longest', () => {
    const lexemes: Record<string, string> = { spouwmuur: 'spouwmur', isolatie: 'isolatie', spouw: 'spouw', muurisolatie: 'muurisolatie' };
    const known = new Set(['spouwmur', 'isolatie']);
    expect(chooseWordSplit('spouwmuurisolatie', (t) => lexemes[t], (l) => known.has(l))).toEqual({ modifier: 'spouwmur', head: 'isolatie', modifierText: 'spouwmuur', headText: 'isolatie' });
    expect(chooseWordSplit('energie-armoede', () => 'x', () => true)).toBeUndefined();
    expect(chooseWordSplit('goedkoop', (t) => t, (l) => l === 'goed' || l === 'koop')).toBeUndefined(); // `goed` is a chat word
  });

  it('uses a fragment only when it is a content lexeme of some length and rare in the region', () => {
    expect(informativeFragment('jar', 6)).toBe(false);
    expect(informativeFragment('isolatie', MIN_FRAGMENT_IDF + 0.1)).toBe(true);
    expect(informativeFragment('woning', MIN_FRAGMENT_IDF - 0.1)).toBe(false);
    expect(informativeFragment('jaren-dertigwon', 6)).toBe(false);
    expect(fragmentWeight(1, 'head')).toBeGreaterThan(fragmentWeight(1, 'modifier'));
    expect(fragmentWeight(1, 'head')).toBeLessThan(1);
  });

  it('never lets a fragment replace a conversation word of the same lexeme', () => {
    const terms = new Map([['isolatie', word('isolatie')]]);
    addFragment(terms, part('isolatie', 'spouwmuurisolatie', 'head'));
    expect(terms.get('isolatie')!.origin).toBe('word');
    addFragment(terms, part('spouwmur', 'spouwmuurisolatie', 'modifier'));
    addFragment(terms, { ...part('spouwmur', 'spouwmuurisolatie', 'modifier'), weight: 0.1 });
    expect(terms.get('spouwmur')!.weight).toBe(0.5);
  });
});

describe('hasStrongTermMatch', () => {
  const query = new Map<string, QueryTerm>([
    ['isoler', word('isoler')],
    ['ventilatie', word('ventilatie')],
    ['won', word('won')],
    ['spouwmur', part('spouwmur', 'spouwmuurisolatie', 'modifier')],
    ['isolatie', part('isolatie', 'spouwmuurisolatie', 'head')],
    ['dertigwon', part('dertigwon', 'jaren-dertigwon', 'head', 'part')],
    ['tochtstrip', part('tochtstrip', 'tochtstrip', 'modifier', 'expansion')],
  ]);
  const idfOf = (l: string) => (l === 'won' ? 0.5 : 4);
  const tf = (entries: Record<string, number[]>) => new Map(Object.entries(entries));
  it('needs a specific conversation word, or a compound\'s parts together, in the title or headings', () => {
    expect(hasStrongTermMatch(tf({ isoler: [1, 0, 0] }), query, idfOf)).toBe(true);
    expect(hasStrongTermMatch(tf({ spouwmur: [1, 0, 0], isolatie: [0, 1, 0] }), query, idfOf)).toBe(true);
  });
  it('is not met by a lone fragment or a common word', () => {
    expect(hasStrongTermMatch(tf({ dertigwon: [1, 0, 0] }), query, idfOf)).toBe(false);
    expect(hasStrongTermMatch(tf({ tochtstrip: [1, 0, 0], isolatie: [0, 1, 0] }), query, idfOf)).toBe(false);
    expect(hasStrongTermMatch(tf({ won: [1, 1, 3] }), query, idfOf)).toBe(false);
  });
  it('in the summary only, needs a specific word with more evidence beside it', () => {
    expect(hasStrongTermMatch(tf({ isoler: [0, 0, 1] }), query, idfOf)).toBe(false);
    expect(hasStrongTermMatch(tf({ isoler: [0, 0, 1], isolatie: [0, 0, 1] }), query, idfOf)).toBe(true);
    expect(hasStrongTermMatch(tf({ isoler: [0, 0, 1], ventilatie: [0, 0, 2] }), query, idfOf)).toBe(true);
  });
});

describe('withoutRedundantParts', () => {
  it('drops the parts of a hyphenated compound the record has whole', () => {
    const query = new Map<string, QueryTerm>([['jaren-dertigwon', word('jaren-dertigwon')], ['dertigwon', part('dertigwon', 'jaren-dertigwon', 'head', 'part')]]);
    expect([...withoutRedundantParts(new Map([['jaren-dertigwon', 5], ['dertigwon', 2]]), query).keys()]).toEqual(['jaren-dertigwon']);
    expect([...withoutRedundantParts(new Map([['dertigwon', 2]]), query).keys()]).toEqual(['dertigwon']);
  });
});

describe('record words for reasons', () => {
  const analysed: Record<string, string[]> = {
    'jaren-dertigwoningen': ['jaren-dertigwon', 'jar', 'dertigwon'],
    jaren: ['jar'],
    dertigwoningen: ['dertigwon'],
    isoleren: ['isoler'],
    isoleer: ['isoler'],
    'zonne-energie': ['zonne-energie', 'zonn', 'energie'],
  };
  it('maps a lexeme to the record word it came from, a hyphenated one whole or by part', () => {
    const tokens = recordTokens('Isoleren en jaren-dertigwoningen. Hoe isoleer je?');
    expect(tokens).toEqual(['isoleren', 'en', 'jaren-dertigwoningen', 'jaren', 'dertigwoningen', 'hoe', 'isoleer', 'je']);
    const surfaces = surfacesByLexeme(tokens, (t) => analysed[t] ?? []);
    expect(surfaces.get('isoler')).toBe('isoleren');
    expect(surfaces.get('jaren-dertigwon')).toBe('jaren-dertigwoningen');
    expect(surfaces.get('jar')).toBe('jaren');
    expect(surfaces.get('dertigwon')).toBe('dertigwoningen');
  });
  it('gives a heading with a hyphenated word its whole lexeme only', () => {
    expect(wholeWordLexemes('zonne-energie', (t) => analysed[t] ?? [])).toEqual(['zonne-energie']);
  });
});
