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
  /** the parts of hyphenated words (`jaren-dertigwoning` → `jaren`, `dertigwoning`), as fragments */
  hyphenParts: Map<string, FragmentSource>;
}

/** A fragment of a conversation compound: where it came from and which part it is. */
export interface FragmentSource extends WordOccurrences {
  /** the compound as the resident wrote it */
  compound: string;
  /** Dutch compounds are head-final: the last part names the kind (`spouwmuurisolatie` is isolatie) */
  role: 'head' | 'modifier';
}

/**
 * How a term was found. `word`: a word of the conversation (a hyphenated word whole); `joined`:
 * two adjacent words the region knows as one compound. Fragments, weak evidence only: `part`
 * (a part of a hyphenated word), `split` (a part of a compound split against the region's
 * vocabulary), `expansion` (a compound of the region's records that starts with a conversation
 * word: `tocht` → `tochtstrips`).
 */
export type TermOrigin = 'word' | 'joined' | 'part' | 'split' | 'expansion';

export interface QueryTerm {
  lexeme: string;
  /** query weight: conversation title terms count above body terms */
  weight: number;
  /** the word the resident wrote */
  surface: string;
  inTitle: boolean;
  /** how the term was found */
  origin: TermOrigin;
  /** fragments: the compound's lexeme (parts of one compound found together count as the compound) */
  compound?: string;
  /** fragments: head (last part) or modifier of the compound; an expansion's word is a modifier */
  role?: 'head' | 'modifier';
}

/** Whether a term is a fragment of a compound (weak evidence; never carries a title alone). */
export function isFragment(term: Pick<QueryTerm, 'origin'>): boolean {
  return term.origin === 'part' || term.origin === 'split' || term.origin === 'expansion';
}

export const TITLE_TERM_WEIGHT = 2.5;
export const BODY_TERM_WEIGHT = 1;
/** a compound split into parts: its head (last part) carries this share of the compound's weight */
export const HEAD_PART_WEIGHT = 0.6;
/** … and a modifier part this share (`jaren` in `jaren-dertigwoning` says little) */
export const MODIFIER_PART_WEIGHT = 0.35;
/** a record compound that starts with a conversation word (`tocht` → `tochtstrip`) */
export const EXPANSION_WEIGHT = 0.4;
/** a fragment shorter than this (as a lexeme) is never used: `jar`, `won`, `dak` in compounds */
export const MIN_FRAGMENT_LEXEME = 4;
/**
 * A fragment is used only when it is rare enough in the region: idf at least this (≈ in fewer
 * than 5 % of the region's titles). Common parts (`jaren`, `huis`, `wonen`) find everything.
 */
export const MIN_FRAGMENT_IDF = Math.log(1 + 19);
/**
 * A conversation word brings a title in on its own only when it is this specific (as rare as an
 * informative fragment): `samen`, `wonen`, `huis` in a long summary are no reason.
 */
export const MIN_CARRYING_WORD_IDF = MIN_FRAGMENT_IDF;
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
  onze jullie jij je u mijn mn ik zelf ook nog al erg heel veel meer jaar jaren
  zoek zoeken zoekt zoekende lijkt denk denken vind vinden hier daar dit dat deze die
  ok oke ja nee maar want dus of plus via over bij naar zoals`.split(/\s+/),
);

const WORD = /[\p{L}\p{N}]+(?:[-'’][\p{L}\p{N}]+)*/gu;
/** Clitics written with an apostrophe: dropped whole (`zo'n` is not `zon`). */
const CLITICS: ReadonlySet<string> = new Set(["zo'n", "z'n", "m'n", "d'r", "'t", "'s", "'n", "d'rin"]);

/** Folds diacritics the way `unaccent` does for the letters Dutch uses (é → e, ë → e). */
export function foldDiacritics(word: string): string {
  return word.normalize('NFD').replace(/\p{M}+/gu, '');
}

/** A chat word that says nothing about the subject (see `CONVERSATION_STOP_WORDS`). */
export function isStopWord(word: string): boolean {
  return CONVERSATION_STOP_WORDS.has(foldDiacritics(word));
}

function tokensOf(text: string): string[] {
  const cleaned = text
    .replace(/https?:\/\/\S+/giu, ' ')
    .replace(/\S+@\S+\.\S+/gu, ' ');
  return [...cleaned.toLowerCase().matchAll(WORD)]
    .map((m) => m[0].replace(/’/g, "'"))
    .filter((w) => !CLITICS.has(w))
    .map((w) => w.replace(/'/g, ''))
    .filter((w) => /\p{L}/u.test(w) && w.length >= 2);
}

function wordsOf(text: string): string[] {
  return tokensOf(text).filter((w) => !isStopWord(w));
}

/**
 * The words of a catalogue record as written (lower-cased, stop words kept: PostgreSQL drops
 * them), hyphenated words whole and in parts, for naming matched words in a reason.
 */
export function recordTokens(text: string): string[] {
  const tokens: string[] = [];
  for (const token of tokensOf(text)) {
    tokens.push(token);
    if (token.includes('-')) tokens.push(...token.split('-').filter((p) => p.length >= 2));
  }
  return tokens;
}

/**
 * The lexemes of a text the way the conversation side makes them: per word, a hyphenated word
 * only whole (`zonne-energie`, not also `zonn` and `energie`), so a heading `zonne-energie` is
 * matched by the conversation's `zonne-energie` and not required to match its parts as well.
 * `lexemesOf` returns what `nl_unaccent` made of one word.
 */
export function wholeWordLexemes(text: string, lexemesOf: (token: string) => readonly string[]): string[] {
  const lexemes = new Set<string>();
  for (const token of tokensOf(text)) {
    for (const lexeme of lexemesOf(token)) if (!token.includes('-') || lexeme.includes('-')) lexemes.add(lexeme);
  }
  return [...lexemes];
}

/**
 * Which record word a lexeme came from: PostgreSQL indexes a hyphenated word whole (its lexeme
 * keeps the hyphen) and in parts, so a lexeme with a hyphen belongs to the whole word and one
 * without to a plain word or a part. `lexemesOf` returns what `nl_unaccent` made of a token.
 * The first occurrence wins (pass the title first, then subject headings, then the summary).
 */
export function surfacesByLexeme(tokens: readonly string[], lexemesOf: (token: string) => readonly string[]): Map<string, string> {
  const surfaces = new Map<string, string>();
  for (const token of tokens) {
    for (const lexeme of lexemesOf(token)) {
      if (lexeme.includes('-') !== token.includes('-') || surfaces.has(lexeme)) continue;
      surfaces.set(lexeme, token);
    }
  }
  return surfaces;
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
  const hyphenParts = new Map<string, FragmentSource>();
  for (const [field, text] of [['title', title], ['body', body]] as const) {
    const list = wordsOf(text);
    list.forEach((word, i) => {
      bump(words, word, field);
      if (word.includes('-')) {
        bump(words, word.replace(/-/g, ''), field);
        const parts = word.split('-');
        parts.forEach((part, p) => {
          if (part.length < 2 || isStopWord(part)) return;
          const role = p === parts.length - 1 ? 'head' : 'modifier';
          const entry = hyphenParts.get(part) ?? { title: 0, body: 0, compound: word, role };
          entry[field] += 1;
          if (role === 'head') entry.role = 'head';
          hyphenParts.set(part, entry);
        });
      }
      const next = list[i + 1];
      if (next && !word.includes('-') && !next.includes('-')) bump(joinedPairs, word + next, field);
    });
  }
  return { words, joinedPairs, hyphenParts };
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
      // PostgreSQL also indexes a hyphenated word's parts: those are fragments (`hyphenParts`).
      if (word.includes('-') && !lexeme.includes('-')) continue;
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

/** `'lexeme' | 'other'` for a `::tsquery` cast (no re-analysis of the already stemmed lexemes). */
export function orTsQuery(lexemes: Iterable<string>): string {
  return [...lexemes].map((l) => `'${l.replace(/\\/g, '').replace(/'/g, "''")}'`).join(' | ');
}
