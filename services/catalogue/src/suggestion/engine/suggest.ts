import type { EntityManager } from '@mikro-orm/postgresql';
import { sqlRows } from '@kc/persistence';
import {
  buildQueryTerms,
  conversationWords,
  EXPANSION_WEIGHT,
  foldDiacritics,
  isFragment,
  JOINED_PAIR_WEIGHT,
  MIN_FRAGMENT_LEXEME,
  occurrenceWeight,
  orTsQuery,
  recordTokens,
  surfacesByLexeme,
  usableLexeme,
  wholeWordLexemes,
  type QueryTerm,
} from './analysis';
import { addFragment, chooseWordSplit, compoundSplitCandidates, fragmentWeight, informativeFragment } from './compounds';
import { hasStrongTermMatch, withoutRedundantParts } from './evidence';
import { DEFAULT_FEEDBACK, describingLexemes, feedbackEvidence, withFeedback, type FeedbackParams } from './feedback';
import {
  analyseHeadings,
  bm25f,
  combinedScore,
  DEFAULT_PARAMS,
  fieldTf,
  idf,
  matchHeadings,
  reasonText,
  type Bm25fParams,
  type CandidateDocument,
  type CollectionStats,
  type FieldVector,
} from './scoring';

export interface SuggestInput {
  regionId: string;
  title: string;
  body: string;
  /** Let the region's additions and dismissals in similar conversations weigh in (default: yes). */
  useFeedback?: boolean;
  /** How (benchmarks compare settings). */
  feedback?: FeedbackParams;
}

export interface TitleSuggestion {
  titleId: string;
  title: string;
  authors: string[];
  year: number | null;
  isbn: string | null;
  subjects: string[];
  reason: string;
  score: number;
}

/** Candidates re-ranked with subject headings (the rest keep their BM25F order). */
const RERANK_DEPTH = 25;
/** A term in more than this share of the region's titles does not retrieve candidates alone. */
const COMMON_TERM_SHARE = 0.1;
/** Suggestions scoring below this share of the best one are left out (fewer, but relevant). */
const RELATIVE_CUTOFF = 0.2;
/** At most this many record compounds per conversation word (`tocht` → `tochtstrip`, `tochtvrij`). */
const EXPANSIONS_PER_WORD = 8;
/** … chosen among at most this many region lexemes that start with the word. */
const EXPANSION_SCAN = 64;

type Row = Record<string, unknown>;

/** Bind parameters on the transaction's connection (no client-side quoting of long texts). */
function query<T extends Row>(em: EntityManager, sql: string, params: unknown[]): Promise<T[]> {
  return sqlRows<T>(em, sql, params);
}

/** word → `nl_unaccent` lexemes (stop words give none), in one round trip. */
async function analyse(em: EntityManager, texts: string[]): Promise<Map<string, string[]>> {
  if (texts.length === 0) return new Map();
  const rows = await query<{ text: string; lexemes: string[] }>(
    em,
    `SELECT w.text, coalesce(array(SELECT u.lexeme FROM unnest(to_tsvector('nl_unaccent', w.text)) u), '{}') AS lexemes
       FROM json_array_elements_text($1::json) AS w(text)`,
    [JSON.stringify(texts)],
  );
  return new Map(rows.map((r) => [r.text, r.lexemes]));
}

interface Statistics {
  stats: CollectionStats;
  df: Map<string, number>;
}

async function statistics(em: EntityManager, regionId: string, lexemes: string[]): Promise<Statistics> {
  const json = JSON.stringify(lexemes);
  // The region's figures and the query lexemes' document frequencies in one round trip.
  const [region] = await query<{ doc_count: number; avg_title_len: number; avg_subjects_len: number; avg_summary_len: number; df: Record<string, number> }>(
    em,
    `SELECT r.doc_count, r.avg_title_len, r.avg_subjects_len, r.avg_summary_len,
            (SELECT coalesce(json_object_agg(s.lexeme, s.df), '{}'::json) FROM suggestion_term_stats s
              WHERE s.region_id = r.region_id AND s.lexeme IN (SELECT json_array_elements_text($2::json))) AS df
       FROM suggestion_region_stats r WHERE r.region_id = $1`,
    [regionId, json],
  );
  if (region) {
    return {
      stats: { docCount: Number(region.doc_count), avgLengths: [Number(region.avg_title_len), Number(region.avg_subjects_len), Number(region.avg_summary_len)] },
      df: new Map(Object.entries(region.df).map(([lexeme, df]) => [lexeme, Number(df)])),
    };
  }
  // Never refreshed (e.g. an import still running): count live, for the query's lexemes only.
  const [live] = await query<{ doc_count: string; t: number | null; s: number | null; d: number | null }>(
    em,
    `SELECT count(*) AS doc_count, avg(suggestion_lengths[1]) AS t, avg(suggestion_lengths[2]) AS s, avg(suggestion_lengths[3]) AS d
       FROM titles WHERE region_id = $1`,
    [regionId],
  );
  const rows = await query<{ lexeme: string; df: string }>(
    em,
    `SELECT u.lexeme, count(*) AS df FROM titles t, unnest(t.suggestion_document) u
      WHERE t.region_id = $1 AND u.lexeme IN (SELECT json_array_elements_text($2::json)) GROUP BY u.lexeme`,
    [regionId, json],
  );
  return {
    stats: { docCount: Number(live?.doc_count ?? 0), avgLengths: [Number(live?.t ?? 1), Number(live?.s ?? 1), Number(live?.d ?? 1)] },
    df: new Map(rows.map((r) => [r.lexeme, Number(r.df)])),
  };
}

/**
 * Record compounds that start with a conversation word and go on with a word the region knows
 * (`tocht` → `tochtstrip`, `tochtvrij`): record-side decompounding on the statistics table's
 * primary key (a range scan per word). Returns word lexeme → compounds with their df.
 */
async function recordCompounds(em: EntityManager, regionId: string, lexemes: string[]): Promise<Map<string, Array<{ lexeme: string; df: number }>>> {
  const found = new Map<string, Array<{ lexeme: string; df: number }>>();
  if (lexemes.length === 0) return found;
  const rows = await query<{ prefix: string; lexeme: string; df: number }>(
    em,
    `SELECT p.prefix, s.lexeme, s.df
       FROM json_array_elements_text($1::json) AS p(prefix)
       CROSS JOIN LATERAL (
         SELECT s.lexeme, s.df FROM (
           -- the first compounds in lexeme order: a bounded scan even for a prolific word
           SELECT s.region_id, s.lexeme, s.df FROM suggestion_term_stats s
            WHERE s.region_id = $2 AND s.lexeme > p.prefix AND s.lexeme < p.prefix || chr(1114111)
              AND starts_with(s.lexeme, p.prefix) AND length(s.lexeme) >= length(p.prefix) + 3 AND strpos(s.lexeme, '-') = 0
            ORDER BY s.lexeme LIMIT ${EXPANSION_SCAN}) s
          WHERE EXISTS (SELECT 1 FROM suggestion_term_stats r
                         WHERE r.region_id = s.region_id AND length(r.lexeme) >= 3 AND r.lexeme IN (
                           substr(s.lexeme, length(p.prefix) + 1),
                           CASE WHEN substr(s.lexeme, length(p.prefix) + 1, 1) IN ('s', 'e', 'n') THEN substr(s.lexeme, length(p.prefix) + 2) END,
                           CASE WHEN substr(s.lexeme, length(p.prefix) + 1, 2) = 'en' THEN substr(s.lexeme, length(p.prefix) + 3) END))
          ORDER BY s.df DESC, s.lexeme
          LIMIT ${EXPANSIONS_PER_WORD}) s`,
    [JSON.stringify(lexemes), regionId],
  );
  for (const r of rows) {
    const list = found.get(r.prefix) ?? [];
    list.push({ lexeme: r.lexeme, df: Number(r.df) });
    found.set(r.prefix, list);
  }
  return found;
}

/**
 * The conversation's query terms, completed with Dutch compound handling against the region's
 * vocabulary. Conversation words (a hyphenated word whole) and two adjacent words the region
 * knows as one compound (`zonne panelen` → `zonnepanelen`) are full terms. Fragments are weak
 * terms, used only when informative (`informativeFragment`): the parts of hyphenated words,
 * the parts of written compounds (`spouwmuurisolatie` → `spouwmuur` + `isolatie`, whether or not
 * the region knows the whole) and the region's compounds that start with a conversation word
 * (`tocht` → `tochtstrip`).
 */
async function queryTerms(em: EntityManager, input: SuggestInput): Promise<{ terms: Map<string, QueryTerm>; statistics: Statistics; written: Set<string> }> {
  const { words, joinedPairs, hyphenParts } = conversationWords(input.title, input.body);
  const splitTexts = new Set<string>();
  for (const word of words.keys()) for (const pair of compoundSplitCandidates(word)) pair.forEach((p) => splitTexts.add(p));
  const lexemesByWord = await analyse(em, [...new Set([...words.keys(), ...joinedPairs.keys(), ...hyphenParts.keys(), ...splitTexts])]);
  const lexemeOf = (text: string): string | undefined => {
    const lexemes = (lexemesByWord.get(text) ?? []).filter(usableLexeme);
    return lexemes.length === 1 ? lexemes[0] : undefined;
  };
  const terms = buildQueryTerms(words, lexemesByWord);
  const joined = buildQueryTerms(joinedPairs, lexemesByWord);
  const lookup = new Set<string>([...terms.keys(), ...joined.keys()]);
  for (const part of hyphenParts.keys()) for (const l of lexemesByWord.get(part) ?? []) lookup.add(l);
  for (const text of splitTexts) {
    const l = lexemeOf(text);
    if (l) lookup.add(l);
  }
  const stats = await statistics(em, input.regionId, [...lookup]);
  const known = (lexeme: string): boolean => (stats.df.get(lexeme) ?? 0) > 0;
  const informative = (lexeme: string, df = stats.df.get(lexeme) ?? 0): boolean => df > 0 && informativeFragment(lexeme, idf(df, stats.stats.docCount));
  // a conversation word the region does not know is rare by definition
  const informativeWord = (lexeme: string): boolean => informativeFragment(lexeme, idf(Math.max(stats.df.get(lexeme) ?? 0, 1), stats.stats.docCount));

  for (const term of joined.values()) {
    if (terms.has(term.lexeme) || !known(term.lexeme)) continue;
    terms.set(term.lexeme, { ...term, weight: (term.weight / 2) * JOINED_PAIR_WEIGHT, origin: 'joined' });
  }
  // Parts of hyphenated words (`jaren-dertigwoning` → `jaren`, `dertigwoning`).
  for (const [part, source] of hyphenParts) {
    const compound = buildQueryTerms(new Map([[source.compound, source]]), lexemesByWord).values().next().value;
    for (const lexeme of lexemesByWord.get(part) ?? []) {
      if (!informative(lexeme)) continue;
      addFragment(terms, {
        lexeme,
        weight: fragmentWeight(occurrenceWeight(source), source.role),
        surface: part,
        inTitle: source.title > 0,
        origin: 'part',
        compound: compound?.lexeme ?? source.compound,
        role: source.role,
      });
    }
  }
  // Parts of written compounds (`spouwmuurisolatie` → `spouwmuur` + `isolatie`).
  for (const [word, occurrences] of words) {
    const split = chooseWordSplit(word, lexemeOf, known);
    if (!split) continue;
    const compound = (lexemesByWord.get(word) ?? [])[0] ?? word;
    const parts = [
      { lexeme: split.modifier, surface: split.modifierText, role: 'modifier' as const },
      { lexeme: split.head, surface: split.headText, role: 'head' as const },
    ];
    for (const part of parts) {
      if (part.lexeme === compound || !informative(part.lexeme)) continue;
      addFragment(terms, { ...part, weight: fragmentWeight(occurrenceWeight(occurrences), part.role), inTitle: occurrences.title > 0, origin: 'split', compound });
    }
  }
  // The region's compounds that start with a conversation word (`tocht` → `tochtstrip`).
  const expandable = [...terms.values()].filter((t) => !isFragment(t) && !t.lexeme.includes('-') && t.lexeme.length >= MIN_FRAGMENT_LEXEME + 1 && informativeWord(t.lexeme));
  const compounds = await recordCompounds(em, input.regionId, expandable.map((t) => t.lexeme));
  for (const word of expandable) {
    for (const { lexeme, df } of compounds.get(word.lexeme) ?? []) {
      if (!informative(lexeme, df)) continue;
      stats.df.set(lexeme, df);
      addFragment(terms, { lexeme, weight: word.weight * EXPANSION_WEIGHT, surface: word.surface, inTitle: word.inTitle, origin: 'expansion', compound: lexeme, role: 'modifier' });
    }
  }
  for (const lexeme of [...terms.keys()]) if (!usableLexeme(lexeme)) terms.delete(lexeme);
  return { terms, statistics: stats, written: new Set([...words.keys()].map(foldDiacritics)) };
}

/**
 * lexeme → the word the record writes it as (title first, then subject headings, then summary),
 * for the given lexemes. Only words that begin like one of them are analysed (a stem keeps the
 * word's first letters), so a long summary costs little.
 */
async function recordSurfaces(em: EntityManager, records: Array<{ title: string; subjects: string[] | null; summary: string | null; lexemes: Iterable<string> }>): Promise<Array<Map<string, string>>> {
  const tokenLists = records.map((r) => {
    const starts = new Set([...r.lexemes].map((l) => l.slice(0, 3)));
    return [r.title, ...(r.subjects ?? []), r.summary ?? ''].flatMap((text) => recordTokens(text)).filter((t) => starts.has(foldDiacritics(t).slice(0, 3)));
  });
  const lexemes = await analyse(em, [...new Set(tokenLists.flat())]);
  return tokenLists.map((tokens) => surfacesByLexeme(tokens, (token) => lexemes.get(token) ?? []));
}

/** At most this many titles come in through feedback alone. */
const MAX_ADMITTED = 20;
/** From this much positive evidence the reason says that members chose it before. */
const FEEDBACK_REASON = 0.25;
const FEEDBACK_REASON_TEXT = 'eerder toegevoegd bij vergelijkbare gesprekken';

/** The region's feedback that shares a lexeme with the conversation (GIN index on the lexemes), as evidence per title. */
async function regionFeedback(em: EntityManager, regionId: string, lexemes: Set<string>, params: FeedbackParams): Promise<Map<string, number>> {
  if (lexemes.size === 0) return new Map();
  const rows = await query<{ titleId: string; signal: 1 | -1; lexemes: string[] }>(
    em,
    'SELECT title_id::text AS "titleId", signal, lexemes FROM suggestion_feedback WHERE region_id = $1 AND lexemes && $2::text[]',
    [regionId, [...lexemes]],
  );
  return feedbackEvidence(rows, lexemes, params);
}

/** What describes a conversation in the feedback given there (its weightiest words), from its title and text. */
export async function conversationLexemes(em: EntityManager, input: SuggestInput): Promise<string[]> {
  const { terms, statistics: { stats, df } } = await queryTerms(em, input);
  return describingLexemes(terms.values(), (lexeme) => idf(Math.max(df.get(lexeme) ?? 0, 1), stats.docCount), (input.feedback ?? DEFAULT_FEEDBACK).lexemes);
}

interface Candidate extends CandidateDocument {
  id: string;
  bm25f: number;
  contributions: Map<string, number>;
}

/**
 * Ranks the region's catalogue against a conversation: candidates retrieved with a GIN-indexed
 * tsquery (OR of the conversation's lexemes, the very common ones left out when rarer ones
 * exist), scored with BM25F over title, subject headings and summary with the region's
 * document frequencies, the best re-ranked with subject-heading evidence. Best first.
 */
export async function suggestTitles(em: EntityManager, input: SuggestInput, limit = 5, params: Bm25fParams = DEFAULT_PARAMS): Promise<TitleSuggestion[]> {
  if (limit <= 0) return [];
  const { terms, statistics: st, written } = await queryTerms(em, input);
  const { stats, df } = st;
  if (stats.docCount === 0) return [];
  const present = [...terms.keys()].filter((l) => (df.get(l) ?? 0) > 0);
  if (present.length === 0) return [];
  const rare = present.filter((l) => (df.get(l) ?? 0) <= Math.max(COMMON_TERM_SHARE * stats.docCount, 20));
  const retrieval = rare.length > 0 ? rare : present;
  const idfOf = (lexeme: string): number => idf(df.get(lexeme) ?? 1, stats.docCount);
  const fb = input.feedback ?? DEFAULT_FEEDBACK;
  const evidence = input.useFeedback === false ? new Map<string, number>() : await regionFeedback(em, input.regionId, new Set(describingLexemes(terms.values(), idfOf, Number.MAX_SAFE_INTEGER)), fb);
  // Titles members added in similar conversations are candidates even when the text retrieves them not.
  const admitted = [...evidence].filter(([, e]) => e >= fb.admits).sort((a, b) => b[1] - a[1]).slice(0, MAX_ADMITTED).map(([id]) => id);

  const rows = await query<{ id: string; language: string | null; lengths: number[]; hits: Array<[string, string[]]> | null }>(
    em,
    `SELECT t.id, t.language, t.suggestion_lengths AS lengths,
            (SELECT json_agg(json_build_array(u.lexeme, u.weights)) FROM unnest(t.suggestion_document) u
              WHERE u.lexeme IN (SELECT json_array_elements_text($1::json))) AS hits
       FROM titles t
      WHERE t.region_id = $2 AND (t.suggestion_document @@ $3::tsquery OR t.id = ANY($4::uuid[]))`,
    [JSON.stringify(present), input.regionId, orTsQuery(retrieval), admitted],
  );

  const candidates: Candidate[] = rows.map((row) => {
    const tf = new Map<string, FieldVector>((row.hits ?? []).map(([lexeme, weights]) => [lexeme, fieldTf(weights)]));
    const doc: CandidateDocument = { lengths: [row.lengths[0] ?? 0, row.lengths[1] ?? 0, row.lengths[2] ?? 0], tf, language: row.language };
    const contributions = withoutRedundantParts(bm25f(doc, terms.values(), idfOf, stats, params).contributions, terms);
    const score = [...contributions.values()].reduce((sum, c) => sum + c, 0);
    return { ...doc, id: row.id, bm25f: score, contributions };
  });
  candidates.sort((a, b) => b.bm25f - a.bm25f || a.id.localeCompare(b.id));
  const depth = Math.max(RERANK_DEPTH, limit * 3);
  const top = [...candidates.slice(0, depth), ...candidates.slice(depth).filter((c) => admitted.includes(c.id))];
  if (top.length === 0) return [];

  const details = await query<{ id: string; title: string; authors: string[] | null; year: number | null; isbn: string | null; subjects: string[] | null; summary: string | null }>(
    em,
    'SELECT id, title, authors, year, isbn, subjects, summary FROM titles WHERE region_id = $1 AND id IN (SELECT json_array_elements_text($2::json)::uuid)',
    [input.regionId, JSON.stringify(top.map((c) => c.id))],
  );
  const byId = new Map(details.map((d) => [d.id, d]));
  const headingTokens = new Set<string>();
  for (const d of details) for (const subject of d.subjects ?? []) recordTokens(subject).forEach((t) => headingTokens.add(t));
  const tokenLexemes = await analyse(em, [...headingTokens]);
  const componentLexemes = (text: string): string[] => wholeWordLexemes(text, (token) => tokenLexemes.get(token) ?? []).filter(usableLexeme);

  const evidence_ = (id: string) => evidence.get(id) ?? 0;
  const scored = top
    .filter((c) => byId.has(c.id))
    .map((c) => {
      const record = byId.get(c.id)!;
      const headings = analyseHeadings(record.subjects ?? [], componentLexemes);
      const matches = matchHeadings(headings, terms, idfOf, written);
      // Fragments alone never bring a title in: it needs a conversation word, a compound's
      // parts together, or a subject heading the conversation names.
      const evidence = hasStrongTermMatch(new Map([...c.contributions.keys()].map((l) => [l, c.tf.get(l) ?? [0, 0, 0]])), terms, idfOf) || matches.some((m) => m.strong);
      return { c, record, matches, evidence, feedback: evidence_(c.id), score: combinedScore(c.bm25f, matches, c.language, params) };
    });
  const bestPlain = Math.max(0, ...scored.filter((r) => r.evidence && r.score > 0).map((r) => r.score));
  const ranked = scored
    .filter((r) => (r.evidence && r.score > 0) || r.feedback >= fb.admits)
    .map((r) => ({ ...r, score: r.feedback === 0 ? r.score : withFeedback(r.score, r.feedback, bestPlain, fb) }))
    .filter((r) => r.score > 0)
    .sort((a, b) => b.score - a.score || a.c.id.localeCompare(b.c.id));
  const best = ranked[0]?.score ?? 0;
  const chosen = ranked.filter((r) => r.score >= best * RELATIVE_CUTOFF).slice(0, limit);
  const surfaces = await recordSurfaces(em, chosen.map((r) => ({ ...r.record, lexemes: r.c.contributions.keys() })));
  return chosen.map(({ c, record, matches, score, feedback }, i) => ({
    titleId: record.id,
    title: record.title,
    authors: record.authors ?? [],
    year: record.year ?? null,
    isbn: record.isbn ?? null,
    subjects: record.subjects ?? [],
    reason: feedback >= FEEDBACK_REASON ? `${reasonText(matches, c.contributions, surfaces[i])}; ${FEEDBACK_REASON_TEXT}` : reasonText(matches, c.contributions, surfaces[i]),
    score: Math.round(score * 1000) / 1000,
  }));
}

/**
 * Rebuilds the region's document frequencies and average field lengths (after each import).
 * Serialised per region with an advisory lock, so two imports finishing together do not
 * interleave their rebuilds.
 */
export async function refreshTermStatistics(em: EntityManager, regionId: string): Promise<void> {
  await em.transactional(async (tx) => {
    await query(tx, "SELECT pg_advisory_xact_lock(hashtext('kc-suggestion-stats:' || $1))", [regionId]);
    await query(tx, 'DELETE FROM suggestion_term_stats WHERE region_id = $1', [regionId]);
    await query(
      tx,
      `INSERT INTO suggestion_term_stats (region_id, lexeme, df)
       SELECT t.region_id, u.lexeme, count(*) FROM titles t, unnest(t.suggestion_document) u
        WHERE t.region_id = $1 GROUP BY t.region_id, u.lexeme`,
      [regionId],
    );
    await query(
      tx,
      `INSERT INTO suggestion_region_stats (region_id, doc_count, avg_title_len, avg_subjects_len, avg_summary_len, refreshed_at)
       SELECT $1::uuid, count(*), coalesce(avg(suggestion_lengths[1]), 0), coalesce(avg(suggestion_lengths[2]), 0),
              coalesce(avg(suggestion_lengths[3]), 0), now()
         FROM titles WHERE region_id = $2
       ON CONFLICT (region_id) DO UPDATE SET doc_count = EXCLUDED.doc_count, avg_title_len = EXCLUDED.avg_title_len,
         avg_subjects_len = EXCLUDED.avg_subjects_len, avg_summary_len = EXCLUDED.avg_summary_len, refreshed_at = now()`,
      [regionId, regionId],
    );
  });
}
