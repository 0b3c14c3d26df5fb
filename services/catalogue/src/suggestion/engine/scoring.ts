/**
 * Pure relevance scoring: BM25F over the title, subject headings and summary of a catalogue
 * record, subject-heading evidence and the Dutch reason text. No I/O: `suggest.ts` feeds it
 * what PostgreSQL analysed and counted.
 */
import { foldDiacritics, isFragment, type TermOrigin } from './analysis';
import { chooseCompoundSplit } from './compounds';
import { headingComponents, lexemeCoveredBy } from './evidence';

/** [title, subjects, summary] */
export type FieldVector = [number, number, number];

export interface Bm25fParams {
  k1: number;
  /** how much one occurrence in each field counts */
  fieldWeights: FieldVector;
  /** length normalisation per field (0 = none, 1 = full) */
  b: FieldVector;
  /**
   * per field, whether repetition counts sublinearly (1 + ln tf) before length normalisation:
   * a summary that repeats a word sixty times is not sixty times about it (keyword stuffing)
   */
  sublinearTf: [boolean, boolean, boolean];
  /** weight of subject-heading evidence relative to the BM25F score */
  headingBoost: number;
  /** multiplier for records not in Dutch (conversations are Dutch) */
  otherLanguageFactor: number;
}

export const DEFAULT_PARAMS: Bm25fParams = {
  k1: 1.2,
  fieldWeights: [3, 4, 1],
  b: [0.5, 0.3, 0.75],
  sublinearTf: [false, false, true],
  headingBoost: 0.6,
  otherLanguageFactor: 0.75,
};

export interface CollectionStats {
  docCount: number;
  avgLengths: FieldVector;
}

export interface ScoringTerm {
  lexeme: string;
  weight: number;
  surface: string;
  /** how the conversation produced the term (default: a word of the conversation) */
  origin?: TermOrigin;
  role?: 'head' | 'modifier';
}

/** A heading lexeme matched by this term says what the conversation is about (not a modifier fragment). */
function strongForHeading(term: ScoringTerm): boolean {
  if (!term.origin || !isFragment({ origin: term.origin })) return true;
  return term.origin !== 'expansion' && term.role === 'head';
}

export interface CandidateDocument {
  lengths: FieldVector;
  /** lexeme → occurrences per field, only for query lexemes */
  tf: Map<string, FieldVector>;
  language: string | null;
}

/** Robertson–Spärck Jones idf as in BM25, never negative; an unknown term counts as rare. */
export function idf(df: number, docCount: number): number {
  const n = Math.max(docCount, 1);
  const d = Math.min(Math.max(df, 1), n);
  return Math.log(1 + (n - d + 0.5) / (d + 0.5));
}

/** Field occurrences from a tsvector entry's weight labels (A title, B subjects, C/D summary). */
export function fieldTf(weights: readonly string[]): FieldVector {
  const tf: FieldVector = [0, 0, 0];
  for (const w of weights) {
    if (w === 'A') tf[0] += 1;
    else if (w === 'B') tf[1] += 1;
    else tf[2] += 1;
  }
  return tf;
}

/**
 * BM25F (Robertson, Zaragoza & Taylor 2004, "simple BM25F"): per-field length-normalised term
 * frequencies are weighted and summed into one pseudo-frequency, which saturates once (k1),
 * then is multiplied by idf and the query weight. A long record that repeats a common word
 * gains little: repetition in the summary counts logarithmically (`sublinearTf`), its length
 * divides the frequency, the saturation caps it and a common word has a low idf. (Length
 * normalisation alone does not stop stuffing: a record of short sentences that each repeat the
 * word has a higher density of it than a focused record that names it once.)
 */
export function bm25f(
  doc: CandidateDocument,
  terms: Iterable<ScoringTerm>,
  idfOf: (lexeme: string) => number,
  stats: CollectionStats,
  params: Bm25fParams = DEFAULT_PARAMS,
): { score: number; contributions: Map<string, number> } {
  const contributions = new Map<string, number>();
  let score = 0;
  for (const term of terms) {
    const tf = doc.tf.get(term.lexeme);
    if (!tf) continue;
    let pseudo = 0;
    for (let f = 0; f < 3; f++) {
      if (tf[f] === 0) continue;
      const avg = stats.avgLengths[f] > 0 ? stats.avgLengths[f] : 1;
      const norm = 1 - params.b[f] + params.b[f] * (doc.lengths[f] / avg);
      const count = params.sublinearTf[f] ? 1 + Math.log(tf[f]) : tf[f];
      pseudo += (params.fieldWeights[f] * count) / Math.max(norm, 1e-6);
    }
    if (pseudo === 0) continue;
    const contribution = term.weight * idfOf(term.lexeme) * (pseudo / (params.k1 + pseudo));
    contributions.set(term.lexeme, contribution);
    score += contribution;
  }
  return { score, contributions };
}

export interface AnalysedHeading {
  label: string;
  /** the heading's components (see `headingComponents`) with their lexemes */
  components: Array<{ text: string; lexemes: string[] }>;
}

export interface HeadingMatch {
  /** the heading, or its matched components when only some matched */
  label: string;
  evidence: number;
  /**
   * Whether the match rests on a conversation word, the head of a conversation compound
   * (`isolatie` for `spouwmuurisolatie`) or a compound made of two query lexemes; a match on a
   * modifier fragment alone (`jaren` of `jaren-dertigwoning`) is not.
   */
  strong: boolean;
}

/** Splits headings into components; `analyse` returns the lexemes PostgreSQL made of a text. */
export function analyseHeadings(headings: readonly string[], analyse: (text: string) => string[]): AnalysedHeading[] {
  return headings.map((label) => ({
    label,
    components: headingComponents(label).map((text) => ({ text, lexemes: analyse(text) })),
  }));
}

/** Letters a conversation word may add to or lack from a capitalised one-word heading (`oudere` for `Ouderen`). */
const NAME_INFLECTION = 2;

/**
 * Whether a one-word capitalised heading component (a name: `Wons`, `Wateringen`, `Hel`; or a
 * heading a MARC import capitalised: `Ouderen`) is written in the conversation: the same word,
 * or one that differs from it by an ending of at most two letters. Stemming alone would let
 * `wonen` name the village Wons and `water` the town Wateringen: in a catalogue with thousands
 * of place-name headings those collisions crowd out the titles the conversation is about.
 * Other components are matched by their lexemes.
 */
export function nameWritten(component: string, written: ReadonlySet<string>): boolean {
  const text = component.trim();
  if (!/^\p{Lu}/u.test(text) || /\s/u.test(text)) return true;
  const name = foldDiacritics(text.toLocaleLowerCase('nl'));
  for (const word of written) {
    if (word === name) return true;
    const [shorter, longer] = word.length < name.length ? [word, name] : [name, word];
    if (longer.startsWith(shorter) && longer.length - shorter.length <= NAME_INFLECTION && shorter.length >= 4) return true;
  }
  return false;
}

/**
 * Subject headings the conversation names: a component counts when every one of its lexemes
 * is in the query (directly or as a compound of two query lexemes) and, for a one-word
 * capitalised component, the conversation writes the word (`nameWritten`; `written`: the
 * conversation's words, lower-cased and folded, when known). Evidence of a component is the
 * mean of idf × query weight over its lexemes; a precoordinated heading whose components all
 * match (`ouderen ; huisvesting`) counts half as much again.
 */
export function matchHeadings(
  headings: readonly AnalysedHeading[],
  fullQuery: ReadonlyMap<string, ScoringTerm>,
  idfOf: (lexeme: string) => number,
  written?: ReadonlySet<string>,
): HeadingMatch[] {
  // A record compound that merely starts with a conversation word (`buurt` → `buurthuizen`) is
  // no evidence that the record's subject is the conversation's.
  const query = new Map([...fullQuery].filter(([, t]) => t.origin !== 'expansion'));
  const queryLexemes = new Set(query.keys());
  const termValue = (lexeme: string): number => {
    const direct = query.get(lexeme);
    if (direct) return direct.weight * idfOf(lexeme);
    const split = chooseCompoundSplit(lexeme, (part) => queryLexemes.has(part));
    if (!split) return 0;
    return Math.min(...split.map((part) => query.get(part)!.weight * idfOf(part)));
  };
  const strongLexeme = (lexeme: string): boolean => {
    const direct = query.get(lexeme);
    return direct ? strongForHeading(direct) : true; // covered as a compound of two query lexemes
  };
  const matches: HeadingMatch[] = [];
  for (const heading of headings) {
    const usable = heading.components.filter((c) => c.lexemes.length > 0);
    const covered = usable.filter((c) => c.lexemes.every((l) => lexemeCoveredBy(l, queryLexemes)) && (!written || nameWritten(c.text, written)));
    if (covered.length === 0) continue;
    let evidence = 0;
    for (const c of covered) evidence += c.lexemes.reduce((sum, l) => sum + termValue(l), 0) / c.lexemes.length;
    const complete = covered.length === usable.length;
    if (complete && usable.length > 1) evidence *= 1.5;
    const strong = covered.some((c) => c.lexemes.some(strongLexeme));
    matches.push({ label: complete ? heading.label : covered.map((c) => c.text).join(' ; '), evidence, strong });
  }
  return matches.sort((a, b) => b.evidence - a.evidence);
}

/** Heading evidence with diminishing returns: the best heading counts fully, the next half, … */
export function headingEvidence(matches: readonly HeadingMatch[]): number {
  return matches.reduce((sum, m, i) => sum + m.evidence * 0.5 ** i, 0);
}

const DUTCH = new Set(['dut', 'nld', 'nl', 'vls']);

export function languageFactor(language: string | null, params: Bm25fParams = DEFAULT_PARAMS): number {
  if (!language) return 1;
  return DUTCH.has(language.trim().toLowerCase()) ? 1 : params.otherLanguageFactor;
}

export function combinedScore(bm25fScore: number, matches: readonly HeadingMatch[], language: string | null, params: Bm25fParams = DEFAULT_PARAMS): number {
  return (bm25fScore + params.headingBoost * headingEvidence(matches)) * languageFactor(language, params);
}

/**
 * A short Dutch reason naming what the record itself says: the matched subject headings ("Past
 * bij je onderwerp: isolatie, oude woningen"), then the record's words that matched most, as
 * the record writes them ("Sluit aan bij: spouwmuur, vloer"); `surfaces` maps a lexeme to its
 * word in the record (`recordSurfaces`). A lexeme the record does not show as a word (never
 * expected) is left out rather than named in the resident's spelling.
 */
export function reasonText(matches: readonly HeadingMatch[], contributions: ReadonlyMap<string, number>, surfaces: ReadonlyMap<string, string>, max = 3): string {
  const labels = [...new Set(matches.map((m) => m.label.toLocaleLowerCase('nl')))].slice(0, max);
  const named = new Set(labels.flatMap((l) => l.split(/[\s;,]+/u)));
  const words = [...contributions.entries()]
    .sort((a, b) => b[1] - a[1])
    .map(([lexeme]) => surfaces.get(lexeme))
    .filter((w): w is string => w !== undefined && !named.has(w));
  const unique = [...new Set(words)].slice(0, Math.max(0, max - labels.length));
  if (labels.length > 0 && unique.length > 0) return `Past bij je onderwerp: ${labels.join(', ')}; sluit aan bij: ${unique.join(', ')}`;
  if (labels.length > 0) return `Past bij je onderwerp: ${labels.join(', ')}`;
  if (unique.length > 0) return `Sluit aan bij: ${unique.join(', ')}`;
  return 'Mogelijk interessant voor dit gesprek';
}
