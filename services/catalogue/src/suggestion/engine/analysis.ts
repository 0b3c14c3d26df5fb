/**
 * Pure text handling around PostgreSQL's `nl_unaccent` analysis: splitting a conversation into
 * words (PostgreSQL stems them) and turning stems into weighted query terms. Compounds are
 * in compounds.ts, match evidence in evidence.ts.
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

/** `'lexeme' | 'other'` for a `::tsquery` cast (no re-analysis of the already stemmed lexemes). */
export function orTsQuery(lexemes: Iterable<string>): string {
  return [...lexemes].map((l) => `'${l.replace(/\\/g, '').replace(/'/g, "''")}'`).join(' | ');
}
