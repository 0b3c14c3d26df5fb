import type { EntityManager } from '@mikro-orm/postgresql';
import {
  buildQueryTerms,
  chooseCompoundSplit,
  compoundSplitCandidates,
  conversationWords,
  JOINED_PAIR_WEIGHT,
  orTsQuery,
  SPLIT_PART_WEIGHT,
  usableLexeme,
  type QueryTerm,
} from './analysis';
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
/** Suggestions scoring below this share of the best one are left out. */
const RELATIVE_CUTOFF = 0.15;

type Row = Record<string, unknown>;

async function query<T extends Row>(em: EntityManager, sql: string, params: unknown[]): Promise<T[]> {
  return em.getConnection().execute<T[]>(sql, params, 'all', em.getTransactionContext());
}

/** word → `nl_unaccent` lexemes (stop words give none), in one round trip. */
async function analyse(em: EntityManager, texts: string[]): Promise<Map<string, string[]>> {
  if (texts.length === 0) return new Map();
  const rows = await query<{ text: string; lexemes: string[] }>(
    em,
    `SELECT w.text, coalesce(array(SELECT u.lexeme FROM unnest(to_tsvector('nl_unaccent', w.text)) u), '{}') AS lexemes
       FROM json_array_elements_text(?::json) AS w(text)`,
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
  const [region] = await query<{ doc_count: number; avg_title_len: number; avg_subjects_len: number; avg_summary_len: number }>(
    em,
    'SELECT doc_count, avg_title_len, avg_subjects_len, avg_summary_len FROM suggestion_region_stats WHERE region_id = ?',
    [regionId],
  );
  if (region) {
    const rows = await query<{ lexeme: string; df: number }>(
      em,
      'SELECT lexeme, df FROM suggestion_term_stats WHERE region_id = ? AND lexeme IN (SELECT json_array_elements_text(?::json))',
      [regionId, json],
    );
    return {
      stats: { docCount: Number(region.doc_count), avgLengths: [Number(region.avg_title_len), Number(region.avg_subjects_len), Number(region.avg_summary_len)] },
      df: new Map(rows.map((r) => [r.lexeme, Number(r.df)])),
    };
  }
  // Never refreshed (e.g. an import still running): count live, for the query's lexemes only.
  const [live] = await query<{ doc_count: string; t: number | null; s: number | null; d: number | null }>(
    em,
    `SELECT count(*) AS doc_count, avg(suggestion_lengths[1]) AS t, avg(suggestion_lengths[2]) AS s, avg(suggestion_lengths[3]) AS d
       FROM titles WHERE region_id = ?`,
    [regionId],
  );
  const rows = await query<{ lexeme: string; df: string }>(
    em,
    `SELECT u.lexeme, count(*) AS df FROM titles t, unnest(t.suggestion_document) u
      WHERE t.region_id = ? AND u.lexeme IN (SELECT json_array_elements_text(?::json)) GROUP BY u.lexeme`,
    [regionId, json],
  );
  return {
    stats: { docCount: Number(live?.doc_count ?? 0), avgLengths: [Number(live?.t ?? 1), Number(live?.s ?? 1), Number(live?.d ?? 1)] },
    df: new Map(rows.map((r) => [r.lexeme, Number(r.df)])),
  };
}

/**
 * The conversation's query terms, completed with Dutch compound handling against the
 * region's vocabulary: a compound the catalogue does not know is split into known parts
 * (`energiearmoede` → `energie` + `armoede`), two words the catalogue knows written together
 * are added (`zonne panelen` → `zonnepanelen`).
 */
async function queryTerms(em: EntityManager, input: SuggestInput): Promise<{ terms: Map<string, QueryTerm>; statistics: Statistics }> {
  const { words, joinedPairs } = conversationWords(input.title, input.body);
  const lexemesByWord = await analyse(em, [...new Set([...words.keys(), ...joinedPairs.keys()])]);
  const terms = buildQueryTerms(words, lexemesByWord);
  const joined = buildQueryTerms(joinedPairs, lexemesByWord);
  const lookup = new Set<string>([...terms.keys(), ...joined.keys()]);
  for (const lexeme of terms.keys()) for (const pair of compoundSplitCandidates(lexeme)) pair.forEach((p) => lookup.add(p));
  const stats = await statistics(em, input.regionId, [...lookup]);
  const known = (lexeme: string): boolean => (stats.df.get(lexeme) ?? 0) > 0;

  for (const term of [...terms.values()]) {
    if (known(term.lexeme)) continue;
    const split = chooseCompoundSplit(term.lexeme, known);
    if (!split) continue;
    for (const part of split) {
      const existing = terms.get(part);
      const weight = term.weight * SPLIT_PART_WEIGHT;
      if (existing) existing.weight = Math.max(existing.weight, weight);
      else terms.set(part, { lexeme: part, weight, surface: term.surface, inTitle: term.inTitle, origin: 'split' });
    }
  }
  for (const term of joined.values()) {
    if (terms.has(term.lexeme) || !known(term.lexeme)) continue;
    terms.set(term.lexeme, { ...term, weight: (term.weight / 2) * JOINED_PAIR_WEIGHT, origin: 'joined' });
  }
  for (const lexeme of [...terms.keys()]) if (!usableLexeme(lexeme)) terms.delete(lexeme);
  return { terms, statistics: stats };
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
  const { terms, statistics: st } = await queryTerms(em, input);
  const { stats, df } = st;
  if (stats.docCount === 0) return [];
  const present = [...terms.keys()].filter((l) => (df.get(l) ?? 0) > 0);
  if (present.length === 0) return [];
  const rare = present.filter((l) => (df.get(l) ?? 0) <= Math.max(COMMON_TERM_SHARE * stats.docCount, 20));
  const retrieval = rare.length > 0 ? rare : present;
  const idfOf = (lexeme: string): number => idf(df.get(lexeme) ?? 1, stats.docCount);

  const rows = await query<{ id: string; language: string | null; lengths: number[]; hits: Array<[string, string[]]> | null }>(
    em,
    `SELECT t.id, t.language, t.suggestion_lengths AS lengths,
            (SELECT json_agg(json_build_array(u.lexeme, u.weights)) FROM unnest(t.suggestion_document) u
              WHERE u.lexeme IN (SELECT json_array_elements_text(?::json))) AS hits
       FROM titles t
      WHERE t.region_id = ? AND t.suggestion_document @@ ?::tsquery`,
    [JSON.stringify(present), input.regionId, orTsQuery(retrieval)],
  );

  const candidates: Candidate[] = rows.map((row) => {
    const tf = new Map<string, FieldVector>((row.hits ?? []).map(([lexeme, weights]) => [lexeme, fieldTf(weights)]));
    const doc: CandidateDocument = { lengths: [row.lengths[0] ?? 0, row.lengths[1] ?? 0, row.lengths[2] ?? 0], tf, language: row.language };
    const { score, contributions } = bm25f(doc, terms.values(), idfOf, stats, params);
    return { ...doc, id: row.id, bm25f: score, contributions };
  });
  candidates.sort((a, b) => b.bm25f - a.bm25f || a.id.localeCompare(b.id));
  const top = candidates.slice(0, Math.max(RERANK_DEPTH, limit * 3));
  if (top.length === 0) return [];

  const details = await query<{ id: string; title: string; authors: string[] | null; year: number | null; isbn: string | null; subjects: string[] | null }>(
    em,
    'SELECT id, title, authors, year, isbn, subjects FROM titles WHERE region_id = ? AND id IN (SELECT json_array_elements_text(?::json)::uuid)',
    [input.regionId, JSON.stringify(top.map((c) => c.id))],
  );
  const byId = new Map(details.map((d) => [d.id, d]));
  const headingTexts = new Set<string>();
  const headingsOf = (subjects: string[] | null) => analyseHeadings(subjects ?? [], () => []);
  for (const d of details) for (const h of headingsOf(d.subjects)) for (const c of h.components) headingTexts.add(c.text);
  const componentLexemes = await analyse(em, [...headingTexts]);

  const ranked = top
    .filter((c) => byId.has(c.id))
    .map((c) => {
      const record = byId.get(c.id)!;
      const headings = analyseHeadings(record.subjects ?? [], (text) => (componentLexemes.get(text) ?? []).filter(usableLexeme));
      const matches = matchHeadings(headings, terms, idfOf);
      return { c, record, matches, score: combinedScore(c.bm25f, matches, c.language, params) };
    })
    .sort((a, b) => b.score - a.score || a.c.id.localeCompare(b.c.id));
  const best = ranked[0]?.score ?? 0;
  return ranked
    .filter((r) => r.score > 0 && r.score >= best * RELATIVE_CUTOFF)
    .slice(0, limit)
    .map(({ c, record, matches, score }) => ({
      titleId: record.id,
      title: record.title,
      authors: record.authors ?? [],
      year: record.year ?? null,
      isbn: record.isbn ?? null,
      subjects: record.subjects ?? [],
      reason: reasonText(matches, c.contributions, terms),
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
    await query(tx, "SELECT pg_advisory_xact_lock(hashtext('kc-suggestion-stats:' || ?))", [regionId]);
    await query(tx, 'DELETE FROM suggestion_term_stats WHERE region_id = ?', [regionId]);
    await query(
      tx,
      `INSERT INTO suggestion_term_stats (region_id, lexeme, df)
       SELECT t.region_id, u.lexeme, count(*) FROM titles t, unnest(t.suggestion_document) u
        WHERE t.region_id = ? GROUP BY t.region_id, u.lexeme`,
      [regionId],
    );
    await query(
      tx,
      `INSERT INTO suggestion_region_stats (region_id, doc_count, avg_title_len, avg_subjects_len, avg_summary_len, refreshed_at)
       SELECT ?::uuid, count(*), coalesce(avg(suggestion_lengths[1]), 0), coalesce(avg(suggestion_lengths[2]), 0),
              coalesce(avg(suggestion_lengths[3]), 0), now()
         FROM titles WHERE region_id = ?
       ON CONFLICT (region_id) DO UPDATE SET doc_count = EXCLUDED.doc_count, avg_title_len = EXCLUDED.avg_title_len,
         avg_subjects_len = EXCLUDED.avg_subjects_len, avg_summary_len = EXCLUDED.avg_summary_len, refreshed_at = now()`,
      [regionId, regionId],
    );
  });
}
