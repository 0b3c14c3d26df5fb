/**
 * Pure text handling around PostgreSQL's `nl_unaccent` analysis: splitting a conversation into
 * words (PostgreSQL stems them), turning stems into weighted query terms, and the Dutch
 * compound tricks (`energiearmoede` ↔ `energie-armoede` ↔ `energie armoede`).
 */

/** Where a word occurred in the conversation. */
export interface WordOccurrences {
  title: number;
  body: number;
}

export interface ConversationWords {
  /** lower-cased word → occurrences in the title and in the body */
  words: Map<string, WordOccurrences>;
  /** adjacent word pairs written together (`zonne panelen` → `zonnepanelen`), for compound lookup */
  joinedPairs: Map<string, WordOccurrences>;
}

export interface QueryTerm {
  lexeme: string;
  /** query weight: conversation title terms count above body terms */
  weight: number;
  /** the word the resident wrote (for the reason text) */
  surface: string;
  inTitle: boolean;
  /** how the term was found */
  origin: 'word' | 'split' | 'joined';
}

export const TITLE_TERM_WEIGHT = 2.5;
export const BODY_TERM_WEIGHT = 1;
/** a compound split into parts: each part carries this share of the compound's weight */
export const SPLIT_PART_WEIGHT = 0.7;
/** two words written together: the joined compound carries this share */
export const JOINED_PAIR_WEIGHT = 0.8;

/**
 * Conversational words PostgreSQL's Dutch stop list keeps but that say nothing about the
 * subject of a conversation ("hoi allemaal, wie heeft tips?"). Compared after unaccenting.
 */
export const CONVERSATION_STOP_WORDS: ReadonlySet<string> = new Set(
  `hoi hallo hai hey beste allemaal iedereen groetjes groet gr dank bedankt alvast vriendelijke
  graag iemand weet weten tips tip vraag vragen vraagje idee ideeen ervaring ervaringen advies
  wil wilt willen zou zouden kan kun kunt kunnen moet moeten mag mogen ga gaat gaan doe doen
  wie wat waar hoe welke waarom wanneer ben bent is zijn heb hebt heeft hebben had echt beetje
  gewoon mensen goed goede leuk leuke fijn mooi zo nou even toch eigenlijk misschien soms
  boek boeken boekje lezen lees bieb bibliotheek titel titels aanraden aanrader iets wij we ons
  onze jullie jij je u mijn mn ik zelf ook nog al erg heel veel meer jaar
  zoek zoeken zoekt zoekende lijkt denk denken vind vinden hier daar dit dat deze die
  ok oke ja nee maar want dus of plus via over bij naar`.split(/\s+/),
);

const WORD = /[\p{L}\p{N}]+(?:[-'’][\p{L}\p{N}]+)*/gu;

/** Folds diacritics the way `unaccent` does for the letters Dutch uses (é → e, ë → e). */
export function foldDiacritics(word: string): string {
  return word.normalize('NFD').replace(/\p{M}+/gu, '');
}

function isStopWord(word: string): boolean {
  return CONVERSATION_STOP_WORDS.has(foldDiacritics(word));
}

function wordsOf(text: string): string[] {
  const cleaned = text
    .replace(/https?:\/\/\S+/giu, ' ')
    .replace(/\S+@\S+\.\S+/gu, ' ');
  return [...cleaned.toLowerCase().matchAll(WORD)]
    .map((m) => m[0].replace(/[’']/g, ''))
    .filter((w) => /\p{L}/u.test(w) && w.length >= 2 && !isStopWord(w));
}

function bump(map: Map<string, WordOccurrences>, word: string, field: keyof WordOccurrences): void {
  const entry = map.get(word) ?? { title: 0, body: 0 };
  entry[field] += 1;
  map.set(word, entry);
}

/**
 * The conversation's content words with where they occurred. A hyphenated word is kept whole
 * (PostgreSQL indexes it whole and in parts) and also written together (`energie-armoede` →
 * `energiearmoede`), because catalogues spell compounds both ways.
 */
export function conversationWords(title: string, body: string): ConversationWords {
  const words = new Map<string, WordOccurrences>();
  const joinedPairs = new Map<string, WordOccurrences>();
  for (const [field, text] of [['title', title], ['body', body]] as const) {
    const list = wordsOf(text);
    list.forEach((word, i) => {
      bump(words, word, field);
      if (word.includes('-')) bump(words, word.replace(/-/g, ''), field);
      const next = list[i + 1];
      if (next && !word.includes('-') && !next.includes('-')) bump(joinedPairs, word + next, field);
    });
  }
  return { words, joinedPairs };
}

/** Query weight of a term from its occurrences: title above body, repetition saturates. */
export function occurrenceWeight(o: WordOccurrences): number {
  const title = o.title > 0 ? TITLE_TERM_WEIGHT * (1 + Math.log(o.title)) : 0;
  const body = o.body > 0 ? BODY_TERM_WEIGHT * (1 + Math.log(o.body)) : 0;
  return title + body;
}

/** A lexeme is useful for retrieval when it has a letter and is not a one-letter leftover. */
export function usableLexeme(lexeme: string): boolean {
  return lexeme.length >= 2 && /\p{L}/u.test(lexeme);
}

/**
 * Query terms from the conversation words and their `nl_unaccent` lexemes (as PostgreSQL
 * returned them, word → lexemes). A lexeme reached by several words sums their weights.
 */
export function buildQueryTerms(words: Map<string, WordOccurrences>, lexemesByWord: Map<string, string[]>): Map<string, QueryTerm> {
  const terms = new Map<string, QueryTerm>();
  for (const [word, occurrences] of words) {
    for (const lexeme of lexemesByWord.get(word) ?? []) {
      if (!usableLexeme(lexeme)) continue;
      const weight = occurrenceWeight(occurrences);
      const existing = terms.get(lexeme);
      if (existing) {
        existing.weight += weight;
        existing.inTitle ||= occurrences.title > 0;
        if (!existing.surface.includes('-') && word.includes('-')) continue;
        if (word.length < existing.surface.length) existing.surface = word;
      } else {
        terms.set(lexeme, { lexeme, weight, surface: word, inTitle: occurrences.title > 0, origin: 'word' });
      }
    }
  }
  return terms;
}

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

/** `'lexeme' | 'other'` for a `::tsquery` cast (no re-analysis of the already stemmed lexemes). */
export function orTsQuery(lexemes: Iterable<string>): string {
  return [...lexemes].map((l) => `'${l.replace(/\\/g, '').replace(/'/g, "''")}'`).join(' | ');
}
