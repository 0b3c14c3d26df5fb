// Suggestion engine latency: p50/p95 of suggestTitles beside plain ts_rank (baseline), measured
// in the same run, on GENERATED catalogues of 10k and 100k titles (two regions in one database).
// Records are generated at run time from ../shared/data/brinkman-thesaurus-vocab.tsv (subject
// headings, ODC-By) and ../shared/data/kb-dissertations-brinkman.jsonl (titles, abstracts and
// subjects of KB dissertations: research data, read here, never copied into the repository).
// Queries: the labelled conversations of the suggestion evaluation set.
//
//   npm run bench -- suggestions
//   env: DATABASE_URL_BASE (default postgres://postgres@127.0.0.1:5432), SIZES=10000,100000, ROUNDS=3
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { dropDatabase } from '@kc/persistence';
import type { MappedTitle } from '../services/catalogue/src/marc/marc-mapping';
import { refreshTermStatistics, suggestTitles } from '../services/catalogue/src/suggestion/engine';
import { baselineSuggest, EVAL_SET, insertTitles, openCatalogueDatabase, type EvalConversation } from '../services/catalogue/test/suggestion-engine.fixtures';

const DATA = process.env.KC_SHARED_DATA ?? '../shared/data';

/** mulberry32: deterministic catalogue for a given seed */
function prng(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

interface Dissertation {
  title: string;
  abstract: string;
  keywords: string;
  lang_guess: string;
  brinkman_subjects: Array<{ label: string }>;
}

const FILLER = ['Een praktisch boek over', 'Overzicht van', 'Handboek voor wie meer wil weten over', 'Verhalen en achtergronden bij', 'Inleiding in', 'Nieuwe inzichten over'];
const CONNECT = ['en', 'in Nederland', 'voor beginners', 'in de praktijk', 'thuis en in de buurt', 'voor jong en oud'];

/** Realistic noisy records: dissertation records (several languages, long abstracts) and records built from Brinkman headings. */
export function generateCatalogue(size: number, seed: number): MappedTitle[] {
  const rand = prng(seed);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(rand() * list.length)];
  const vocab = readFileSync(`${DATA}/brinkman-thesaurus-vocab.tsv`, 'utf8').split('\n').map((l) => l.split('\t')[1]?.trim()).filter((l): l is string => !!l);
  const dissertations = readFileSync(`${DATA}/kb-dissertations-brinkman.jsonl`, 'utf8').split('\n').filter(Boolean).map((l) => JSON.parse(l) as Dissertation);
  const titles: MappedTitle[] = [];
  for (let i = 0; i < size; i++) {
    const sourceId = `gen-${seed}-${i}`;
    if (rand() < 0.4) {
      const d = pick(dissertations);
      titles.push({ sourceId, title: d.title.slice(0, 500), authors: [`Auteur ${i % 997}`], year: 1990 + Math.floor(rand() * 35), isbn: null, subjects: d.brinkman_subjects.map((s) => s.label), summary: (d.abstract || d.keywords).slice(0, 4000) || null, language: d.lang_guess === 'nl' ? 'dut' : d.lang_guess === 'en' ? 'eng' : d.lang_guess });
    } else {
      const subjects = Array.from({ length: 1 + Math.floor(rand() * 4) }, () => pick(vocab));
      const long = rand() < 0.03; // a few very long records that repeat common words
      const sentences = Array.from({ length: long ? 60 : 1 + Math.floor(rand() * 4) }, () => `${pick(FILLER)} ${pick(subjects)} ${pick(CONNECT)} ${long ? 'wonen huis energie buurt ouderen' : ''}.`);
      titles.push({ sourceId, title: `${pick(subjects).replace(/^./, (c) => c.toUpperCase())} ${pick(CONNECT)}`, authors: [`Auteur ${i % 997}`], year: 1980 + Math.floor(rand() * 45), isbn: null, subjects, summary: sentences.join(' '), language: 'dut' });
    }
  }
  return titles;
}

function percentile(sorted: number[], p: number): number {
  return Math.round(sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] * 100) / 100;
}

/** `npm run bench -- suggestions`: the runner writes the result to bench/results/suggestions.json. */
export async function run(): Promise<object> {
  const base = process.env.DATABASE_URL_BASE ?? 'postgres://postgres@127.0.0.1:5432';
  const sizes = (process.env.SIZES ?? '10000,100000').split(',').map(Number);
  const rounds = Number(process.env.ROUNDS ?? 3);
  const dbName = `kc_bench_suggestions_${process.pid}`;
  const orm = await openCatalogueDatabase(base, dbName);
  const conversations = (JSON.parse(readFileSync(EVAL_SET, 'utf8')) as { conversations: EvalConversation[] }).conversations;
  const results: unknown[] = [];
  try {
    const regions: Array<{ size: number; regionId: string; loadSeconds: number; refreshSeconds: number }> = [];
    for (const size of sizes) {
      const regionId = randomUUID();
      const t0 = performance.now();
      await insertTitles(orm.em.fork(), regionId, generateCatalogue(size, size));
      const t1 = performance.now();
      await refreshTermStatistics(orm.em.fork(), regionId);
      const t2 = performance.now();
      regions.push({ size, regionId, loadSeconds: Math.round((t1 - t0) / 100) / 10, refreshSeconds: Math.round((t2 - t1) / 100) / 10 });
    }
    await orm.em.getConnection().execute('ANALYZE titles');
    for (const { size, regionId, loadSeconds, refreshSeconds } of regions) {
      const engine: number[] = [];
      const baseline: number[] = [];
      // warm-up round, not measured
      for (const c of conversations) await suggestTitles(orm.em.fork(), { regionId, title: c.title, body: c.body }, 5);
      for (let r = 0; r < rounds; r++) {
        for (const c of conversations) {
          let t = performance.now();
          await suggestTitles(orm.em.fork(), { regionId, title: c.title, body: c.body }, 5);
          engine.push(performance.now() - t);
          t = performance.now();
          await baselineSuggest(orm.em.fork(), regionId, c.title, c.body, 5);
          baseline.push(performance.now() - t);
        }
      }
      engine.sort((a, b) => a - b);
      baseline.sort((a, b) => a - b);
      results.push({
        titlesInRegion: size,
        data: 'GENERATED catalogue (Brinkman headings + KB dissertation records, read from ../shared/data at run time)',
        queries: engine.length,
        engineMs: { p50: percentile(engine, 50), p95: percentile(engine, 95), max: percentile(engine, 100) },
        baselinePlainTsRankMs: { p50: percentile(baseline, 50), p95: percentile(baseline, 95), max: percentile(baseline, 100) },
        loadSeconds,
        refreshTermStatisticsSeconds: refreshSeconds,
      });
    }
  } finally {
    await orm.close(true);
    await dropDatabase(base, dbName);
  }
  return { postgres: '15 (local, 127.0.0.1)', totalTitlesInDatabase: sizes.reduce((a, b) => a + b, 0), results };
}
