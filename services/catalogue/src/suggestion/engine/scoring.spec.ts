import { analyseHeadings, bm25f, combinedScore, DEFAULT_PARAMS, fieldTf, headingEvidence, idf, languageFactor, matchHeadings, nameWritten, reasonText, type CandidateDocument, type CollectionStats, type ScoringTerm } from './scoring';

const stats: CollectionStats = { docCount: 10_000, avgLengths: [6, 4, 60] };
const term = (lexeme: string, weight = 1, surface = lexeme): ScoringTerm => ({ lexeme, weight, surface });
const dfs: Record<string, number> = { warmtepomp: 40, won: 3000, huis: 2500, energie: 1500, isolatie: 120, duurzam: 300 };
const idfOf = (l: string) => idf(dfs[l] ?? 1, stats.docCount);
const doc = (tf: Record<string, [number, number, number]>, lengths: [number, number, number], language: string | null = 'dut'): CandidateDocument => ({ tf: new Map(Object.entries(tf)), lengths, language });

describe('idf', () => {
  it('is higher for rarer terms, never negative, and treats unknown terms as rare', () => {
    expect(idf(40, 10_000)).toBeGreaterThan(idf(3000, 10_000));
    expect(idf(10_000, 10_000)).toBeGreaterThan(0);
    expect(idf(0, 10_000)).toBe(idf(1, 10_000));
  });
});

describe('fieldTf', () => {
  it('counts tsvector weight labels per field (A title, B subjects, C/D summary)', () => {
    expect(fieldTf(['A', 'B', 'D', 'D', 'C'])).toEqual([1, 1, 3]);
  });
});

describe('bm25f', () => {
  it('lets a focused title beat a long record that repeats common words', () => {
    const terms = [term('warmtepomp', 2.5), term('won'), term('huis'), term('energie')];
    const focused = doc({ warmtepomp: [1, 1, 2] }, [5, 3, 50]);
    const stuffed = doc({ won: [0, 0, 40], huis: [1, 0, 35], energie: [0, 0, 30], warmtepomp: [0, 0, 1] }, [6, 2, 1200]);
    expect(bm25f(focused, terms, idfOf, stats).score).toBeGreaterThan(bm25f(stuffed, terms, idfOf, stats).score);
  });

  it('counts summary repetition sublinearly: short sentences that each repeat a word do not beat naming it once', () => {
    // sixty filler sentences of ten words, each ending in the word: a higher density than the focused record's
    const terms = [term('won'), term('huis')];
    const focused = doc({ won: [1, 0, 1], huis: [0, 0, 1] }, [5, 3, 40]);
    const stuffed = doc({ won: [0, 0, 60], huis: [0, 0, 60] }, [4, 2, 600]);
    expect(bm25f(focused, terms, idfOf, stats).score).toBeGreaterThan(bm25f(stuffed, terms, idfOf, stats).score);
    const linear = { ...DEFAULT_PARAMS, sublinearTf: [false, false, false] as [boolean, boolean, boolean] };
    expect(bm25f(stuffed, terms, idfOf, stats).score).toBeLessThan(bm25f(stuffed, terms, idfOf, stats, linear).score);
  });

  it('weights a subject heading match above the same word in the summary', () => {
    const terms = [term('isolatie')];
    const inSubject = doc({ isolatie: [0, 1, 0] }, [5, 4, 60]);
    const inSummary = doc({ isolatie: [0, 0, 1] }, [5, 4, 60]);
    expect(bm25f(inSubject, terms, idfOf, stats).score).toBeGreaterThan(bm25f(inSummary, terms, idfOf, stats).score);
  });

  it('saturates repetition and normalises by field length', () => {
    const terms = [term('isolatie')];
    const once = bm25f(doc({ isolatie: [0, 0, 1] }, [5, 4, 60]), terms, idfOf, stats).score;
    const tenTimes = bm25f(doc({ isolatie: [0, 0, 10] }, [5, 4, 60]), terms, idfOf, stats).score;
    const longer = bm25f(doc({ isolatie: [0, 0, 1] }, [5, 4, 600]), terms, idfOf, stats).score;
    expect(tenTimes).toBeGreaterThan(once);
    expect(tenTimes).toBeLessThan(once * 3);
    expect(longer).toBeLessThan(once);
  });

  it('scales with the query weight (conversation title above body) and reports contributions', () => {
    const d = doc({ isolatie: [1, 0, 0] }, [5, 4, 60]);
    const { score: title, contributions } = bm25f(d, [term('isolatie', 2.5)], idfOf, stats);
    const { score: body } = bm25f(d, [term('isolatie', 1)], idfOf, stats);
    expect(title).toBeCloseTo(body * 2.5);
    expect(contributions.get('isolatie')).toBeCloseTo(title);
  });
});

describe('subject headings', () => {
  const analyse = (text: string) =>
    ({ 'duurzame energie': ['duurzam', 'energie'], energiearmoede: ['energiearmoed'], ouderen: ['ouder'], huisvesting: ['huisvest'], tuinen: ['tuin'] })[text] ?? [];
  const query = new Map([
    ['duurzam', term('duurzam', 2.5, 'duurzame')],
    ['energie', term('energie', 1)],
    ['armoed', term('armoed', 1, 'armoede')],
    ['ouder', term('ouder', 1, 'ouderen')],
    ['huisvest', term('huisvest', 1, 'huisvesting')],
  ]);

  it('matches a heading only when all its lexemes are in the conversation', () => {
    const matches = matchHeadings(analyseHeadings(['duurzame energie', 'tuinen'], analyse), query, idfOf);
    expect(matches.map((m) => m.label)).toEqual(['duurzame energie']);
  });

  it('matches a compound heading from its parts (energie + armoede → energiearmoede)', () => {
    expect(matchHeadings(analyseHeadings(['energiearmoede'], analyse), query, idfOf).map((m) => m.label)).toEqual(['energiearmoede']);
  });

  it('splits Brinkman precoordinated headings and rewards a complete match', () => {
    const complete = matchHeadings(analyseHeadings(['ouderen ; huisvesting'], analyse), query, idfOf);
    const partial = matchHeadings(analyseHeadings(['ouderen ; tuinen'], analyse), query, idfOf);
    expect(complete[0].label).toBe('ouderen ; huisvesting');
    expect(partial[0].label).toBe('ouderen');
    expect(complete[0].evidence).toBeGreaterThan(partial[0].evidence);
    expect(matchHeadings(analyseHeadings(['Ouderen -- Huisvesting'], (t) => analyse(t.toLowerCase())), query, idfOf)[0].label).toBe('Ouderen -- Huisvesting');
  });

  it('matches a one-word capitalised heading (a name) only when the conversation writes the word', () => {
    const names = (text: string) => ({ wons: ['won'], wateringen: ['water'], ouderen: ['ouder'] })[text.toLowerCase()] ?? [];
    const q = new Map([['won', term('won', 1, 'wonen')], ['water', term('water', 1, 'water')], ['ouder', term('ouder', 1, 'oudere')]]);
    expect(matchHeadings(analyseHeadings(['Wons', 'Wateringen', 'Ouderen'], names), q, idfOf, new Set(['wonen', 'water', 'oudere'])).map((m) => m.label)).toEqual(['Ouderen']);
    expect(matchHeadings(analyseHeadings(['Wons'], names), q, idfOf, new Set(['wons'])).map((m) => m.label)).toEqual(['Wons']);
    expect(nameWritten('ouderen', new Set(['oud']))).toBe(true); // lower-case headings are matched by lexeme
    expect(nameWritten('Zuid-Holland', new Set(['zuid-holland']))).toBe(true);
    expect(nameWritten('Senioren', new Set(['senior']))).toBe(true);
    expect(nameWritten('Hel', new Set(['hele']))).toBe(false);
  });

  it('gives diminishing returns for more headings', () => {
    expect(headingEvidence([{ label: 'a', evidence: 4, strong: true }, { label: 'b', evidence: 4, strong: true }])).toBe(6);
  });
});

describe('combinedScore and language', () => {
  it('adds heading evidence and discounts records in other languages', () => {
    const matches = [{ label: 'isolatie', evidence: 5, strong: true }];
    expect(combinedScore(10, matches, 'dut')).toBeCloseTo(10 + DEFAULT_PARAMS.headingBoost * 5);
    expect(combinedScore(10, [], 'eng')).toBeLessThan(combinedScore(10, [], 'dut'));
    expect(languageFactor(null)).toBe(1);
    expect(languageFactor('NLD')).toBe(1);
  });
});

describe('subject headings and compound fragments', () => {
  const analyse = (text: string) => ({ isolatie: ['isolatie'], spouwmuren: ['spouwmur'], buurthuizen: ['buurthuiz'], 'jaren dertig': ['jar', 'dertig'] })[text] ?? [];
  const fragment = (lexeme: string, weight: number, origin: 'part' | 'split' | 'expansion', role: 'head' | 'modifier'): ScoringTerm => ({ lexeme, weight, surface: lexeme, origin, role });

  it('counts a heading matched by the head of a conversation compound as strong, by a modifier alone as weak', () => {
    const query = new Map([
      ['isolatie', fragment('isolatie', 0.6, 'split', 'head')],
      ['spouwmur', fragment('spouwmur', 0.35, 'split', 'modifier')],
    ]);
    const matches = matchHeadings(analyseHeadings(['isolatie', 'spouwmuren'], analyse), query, idfOf);
    expect(matches.map((m) => [m.label, m.strong])).toEqual(expect.arrayContaining([['isolatie', true], ['spouwmuren', false]]));
  });

  it('does not match headings through record compounds that merely start with a conversation word', () => {
    const query = new Map([['buurthuiz', fragment('buurthuiz', 0.4, 'expansion', 'modifier')]]);
    expect(matchHeadings(analyseHeadings(['buurthuizen'], analyse), query, idfOf)).toEqual([]);
  });
});

describe('reasonText', () => {
  const surfaces = new Map([['isoler', 'isoleren'], ['vloer', 'vloer'], ['spouwmur', 'spouwmuur'], ['isolatie', 'isolatie']]);
  it('names the matched headings, then the record words that matched most, as the record writes them', () => {
    const contributions = new Map([['isoler', 3], ['vloer', 1], ['spouwmur', 2], ['isolatie', 4]]);
    expect(reasonText([{ label: 'Isolatie', evidence: 3, strong: true }], contributions, surfaces)).toBe('Past bij je onderwerp: isolatie; sluit aan bij: isoleren, spouwmuur');
    expect(reasonText([{ label: 'Duurzame energie', evidence: 3, strong: true }, { label: 'isolatie', evidence: 2, strong: true }], new Map(), surfaces)).toBe('Past bij je onderwerp: duurzame energie, isolatie');
  });
  it('falls back to the record words, and never names a word the record does not have', () => {
    expect(reasonText([], new Map([['vloer', 1], ['isoler', 5], ['jaren-dertigwon', 9]]), surfaces)).toBe('Sluit aan bij: isoleren, vloer');
    expect(reasonText([], new Map([['jaren-dertigwon', 9]]), surfaces)).toBe('Mogelijk interessant voor dit gesprek');
  });
});
