// Suggestion engine latency: p50/p95 of suggestTitles beside plain ts_rank (baseline), measured
// in the same run, on GENERATED catalogues of 10k and 100k titles (two regions in one database).
// Records are generated at run time (services/catalogue/test/generated-catalogue.ts, shared with
// the noisy-catalogue quality test) from the Brinkman vocabulary (subject headings, ODC-By:
// services/catalogue/data/brinkman/) and ../shared/data/kb-dissertations-brinkman.jsonl (titles, abstracts
// and subjects of KB dissertations: research data, read here, never copied into the repository).
// Queries: the labelled conversations of the suggestion evaluation set.
//
//   npm run bench -- suggestions
//   env: KC_SHARED_DATA (default ../shared/data), DATABASE_URL_BASE (default postgres://postgres@127.0.0.1:5432), SIZES=10000,100000, ROUNDS=3
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { dropDatabase } from '@kc/persistence';
import { sharedDataMissing } from '@kc/testing';
import { refreshTermStatistics, suggestTitles } from '../services/catalogue/src/suggestion/engine';
import { baselineSuggest, EVAL_SET, insertTitles, openCatalogueDatabase, type EvalConversation } from '../services/catalogue/test/suggestion-engine.fixtures';
import { DISSERTATIONS, generateCatalogue } from '../services/catalogue/test/generated-catalogue';

function percentile(sorted: number[], p: number): number {
  return Math.round(sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] * 100) / 100;
}

/** `npm run bench -- suggestions`: the runner writes the result to bench/results/suggestions.json. */
export async function run(): Promise<object> {
  const missing = sharedDataMissing(DISSERTATIONS);
  if (missing) throw new Error(`cannot generate the catalogues: ${missing}`);
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
