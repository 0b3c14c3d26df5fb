/** Dutch compounds: splitting a written compound into modifier and head, and how much its parts may count. */
import { type QueryTerm, isFragment, isStopWord, MIN_FRAGMENT_IDF, MIN_FRAGMENT_LEXEME, HEAD_PART_WEIGHT, MODIFIER_PART_WEIGHT } from './analysis';

const LINKING_ELEMENTS = ['', 's', 'e', 'en', 'n'];
const MIN_PART = 3;

/**
 * Ways to read a (stemmed) compound as two known parts: `energiearmoed` → `energie` +
 * `armoed`, `woningisolatie` → `woning` + `isolatie`, `dorpsbelang` → `dorp` (+s) + `belang`.
 * Returns [left, right] pairs; the caller keeps the ones its vocabulary knows.
 */
export function compoundSplitCandidates(lexeme: string): Array<[string, string]> {
  const pairs: Array<[string, string]> = [];
  if (lexeme.includes('-') || lexeme.length < MIN_PART * 2) return pairs;
  for (let cut = MIN_PART; cut <= lexeme.length - MIN_PART; cut++) {
    const right = lexeme.slice(cut);
    const head = lexeme.slice(0, cut);
    for (const link of LINKING_ELEMENTS) {
      if (!head.endsWith(link)) continue;
      const left = head.slice(0, head.length - link.length);
      if (left.length >= MIN_PART) pairs.push([left, right]);
    }
  }
  return pairs;
}

/**
 * The best split whose parts are both known (`known` tells): the one with the longest right
 * part (Dutch compounds are head-final: the right part carries the meaning).
 */
export function chooseCompoundSplit(lexeme: string, known: (lexeme: string) => boolean): [string, string] | undefined {
  let best: [string, string] | undefined;
  for (const [left, right] of compoundSplitCandidates(lexeme)) {
    if (!known(left) || !known(right)) continue;
    if (!best || right.length > best[1].length || (right.length === best[1].length && left.length > best[0].length)) best = [left, right];
  }
  return best;
}

/** A written compound read as modifier + head, with the lexemes of both parts. */
export interface WordSplit {
  modifier: string;
  head: string;
  modifierText: string;
  headText: string;
}

/**
 * Splits a written compound (`spouwmuurisolatie`) into a modifier and a head the region knows,
 * each analysed on its own (`spouwmuur` → `spouwmur`, `isolatie` → `isolatie`): splitting the
 * compound's stem instead would miss that the left part stems differently on its own.
 * `lexemeOf` gives the single lexeme PostgreSQL made of a text (none for stop words); the split
 * with the longest head wins (Dutch compounds are head-final). Hyphenated words are not split
 * here (their parts are `hyphenParts`).
 */
export function chooseWordSplit(word: string, lexemeOf: (text: string) => string | undefined, known: (lexeme: string) => boolean): WordSplit | undefined {
  let best: WordSplit | undefined;
  if (word.includes('-')) return undefined;
  for (const [modifierText, headText] of compoundSplitCandidates(word)) {
    if (isStopWord(modifierText) || isStopWord(headText)) continue;
    const modifier = lexemeOf(modifierText);
    const head = lexemeOf(headText);
    if (!modifier || !head || !known(modifier) || !known(head)) continue;
    if (!best || headText.length > best.headText.length || (headText.length === best.headText.length && modifierText.length > best.modifierText.length)) {
      best = { modifier, head, modifierText, headText };
    }
  }
  return best;
}

/**
 * Whether a fragment is worth using as (weak) evidence: a content lexeme of reasonable length,
 * rare enough in the region (`idfValue`). `jaren`/`jar`, `woning`/`won`, `huis` are not.
 */
export function informativeFragment(lexeme: string, idfValue: number): boolean {
  return lexeme.length >= MIN_FRAGMENT_LEXEME && !lexeme.includes('-') && /\p{L}/u.test(lexeme) && idfValue >= MIN_FRAGMENT_IDF;
}

/**
 * The weight of a fragment from its compound's weight: a head says what the compound is, a
 * modifier only what kind.
 */
export function fragmentWeight(compoundWeight: number, role: 'head' | 'modifier'): number {
  return compoundWeight * (role === 'head' ? HEAD_PART_WEIGHT : MODIFIER_PART_WEIGHT);
}

/**
 * Adds a fragment term, unless the lexeme is already a term: a word of the conversation stays
 * a word (full weight), a fragment found twice keeps its higher weight.
 */
export function addFragment(terms: Map<string, QueryTerm>, fragment: QueryTerm): void {
  const existing = terms.get(fragment.lexeme);
  if (!existing) terms.set(fragment.lexeme, fragment);
  else if (isFragment(existing) && fragment.weight > existing.weight) terms.set(fragment.lexeme, { ...fragment, inTitle: existing.inTitle || fragment.inTitle });
}
