/** Whether what a record matched is evidence enough to suggest it, and which matched parts say something. */
import { type QueryTerm, isFragment, MIN_CARRYING_WORD_IDF } from './analysis';
import { chooseCompoundSplit } from './compounds';

/**
 * Whether a record's matched lexemes (lexeme → occurrences in [title, subject headings,
 * summary]) are enough to suggest it: a specific conversation word (`idfOf(lexeme) ≥
 * MIN_CARRYING_WORD_IDF`) or the parts of one compound found together (the record says
 * `spouwmuur` and `isolatie` for `spouwmuurisolatie`), in the title or the subject headings; or,
 * in the summary only, such a word with at least one more specific word or fragment beside it.
 * A lone fragment is not enough, nor a common word, nor one word mentioned in passing in a long
 * summary.
 */
export function hasStrongTermMatch(matched: ReadonlyMap<string, readonly number[]>, query: ReadonlyMap<string, QueryTerm>, idfOf: (lexeme: string) => number): boolean {
  const parts = new Map<string, { roles: Set<string>; prominent: boolean }>();
  let summaryWords = 0;
  let summaryPieces = 0;
  for (const [lexeme, tf] of matched) {
    const term = query.get(lexeme);
    if (!term) continue;
    const prominent = (tf[0] ?? 0) > 0 || (tf[1] ?? 0) > 0;
    if (!isFragment(term)) {
      if (idfOf(lexeme) < MIN_CARRYING_WORD_IDF) continue;
      if (prominent) return true;
      summaryWords += 1;
      summaryPieces += 1;
      continue;
    }
    summaryPieces += 1;
    if (term.origin === 'expansion' || !term.compound) continue;
    const entry = parts.get(term.compound) ?? { roles: new Set<string>(), prominent: false };
    entry.roles.add(term.role ?? 'modifier');
    entry.prominent ||= prominent;
    parts.set(term.compound, entry);
    if (entry.roles.size === 2) {
      if (entry.prominent) return true;
      summaryWords += 1;
    }
  }
  return summaryWords > 0 && summaryPieces >= 2;
}

/**
 * A record that has a hyphenated compound whole (`jaren-dertigwoningen`) has its parts too, at
 * the same place (PostgreSQL indexes both): the parts' contributions would count the same words
 * twice. Returns the contributions without them.
 */
export function withoutRedundantParts(contributions: ReadonlyMap<string, number>, query: ReadonlyMap<string, QueryTerm>): Map<string, number> {
  const kept = new Map<string, number>();
  for (const [lexeme, contribution] of contributions) {
    const term = query.get(lexeme);
    if (term?.origin === 'part' && term.compound !== undefined && contributions.has(term.compound)) continue;
    kept.set(lexeme, contribution);
  }
  return kept;
}

/**
 * Whether a subject lexeme is covered by the query: directly, or as a compound of two query
 * lexemes (`energiearmoed` by `energie` + `armoed`).
 */
export function lexemeCoveredBy(lexeme: string, query: ReadonlySet<string>): boolean {
  if (query.has(lexeme)) return true;
  return chooseCompoundSplit(lexeme, (part) => query.has(part)) !== undefined;
}

/**
 * A subject heading split into its components: Brinkman writes precoordinated headings as
 * `ouderen ; huisvesting`, MARC imports sometimes as `Ouderen -- Huisvesting`.
 */
export function headingComponents(heading: string): string[] {
  return heading
    .split(/\s*;\s*|\s+--\s+|\s*\|\s*/u)
    .map((c) => c.trim())
    .filter((c) => c.length > 0);
}
