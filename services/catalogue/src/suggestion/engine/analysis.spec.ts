import { buildQueryTerms, chooseCompoundSplit, conversationWords, foldDiacritics, headingComponents, lexemeCoveredBy, occurrenceWeight, orTsQuery } from './analysis';

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
