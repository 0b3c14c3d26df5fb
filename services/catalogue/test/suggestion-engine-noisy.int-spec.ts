import { randomUUID } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import type { MikroORM } from '@mikro-orm/postgresql';
import { TEST_DATABASE_URL_BASE, TestScope } from '@kc/testing';
import { refreshTermStatistics, suggestTitles } from '../src/suggestion/engine';
import { generateCatalogue, isGeneratedRecord, isStuffedRecord } from './generated-catalogue';
import { baselineSuggest, EVAL_SET, insertTitles, openCatalogueDatabase, quality, readDemoCatalogue, type EvalConversation } from './suggestion-engine.fixtures';

/**
 * Ranking quality in a noisy catalogue: the demo catalogue (deploy/seed/demo-catalogue.marcxml)
 * plus N records generated at run time from the Brinkman vocabulary and KB dissertations
 * (generated-catalogue.ts: thousands of titles, long abstracts, several languages, ~3 % of the
 * heading-built records long and repeating common words). The labelled conversations keep
 * their labels (demo records); a generated record in a top 3 counts as not relevant, even when
 * a dissertation happens to be on the subject. Engine and plain ts_rank measured in the same
 * run; thresholds sit just under what the engine achieves at the default N.
 *
 * KC_NOISY_TITLES raises N (default 5000). hit@3 and MRR thresholds hold at any N; precision@3
 * falls as N grows because more generated records are on the conversation's subject (unlabelled:
 * `Warmtepompen voor jong en oud`, `Klimaatveranderingen in Nederland`), so at another N only a
 * floor is asserted (measured: 0.526 at 20,000 and 50,000 generated titles).
 */
const DEFAULT_NOISY_TITLES = 5000;
const NOISY_TITLES = Number(process.env.KC_NOISY_TITLES ?? DEFAULT_NOISY_TITLES);
const SEED = 5000;
const THRESHOLDS = { hitAt3: 0.97, precisionAt3: NOISY_TITLES === DEFAULT_NOISY_TITLES ? 0.56 : 0.5, mrr: 0.97 };

describe('suggestion engine (real PostgreSQL, demo catalogue in a noisy generated catalogue)', () => {
  const scope = new TestScope('suggestion-engine-noisy');
  let orm: MikroORM;
  const regionId = randomUUID();
  let sourceOf: Map<string, string>;
  let stuffedCount = 0;
  const conversations = (JSON.parse(readFileSync(EVAL_SET, 'utf8')) as { conversations: EvalConversation[] }).conversations;

  beforeAll(async () => {
    orm = await openCatalogueDatabase(TEST_DATABASE_URL_BASE, scope.dbName('catalogue'));
    const generated = generateCatalogue(NOISY_TITLES, SEED);
    stuffedCount = generated.filter((t) => isStuffedRecord(t.sourceId)).length;
    const em = orm.em.fork();
    const ids = await insertTitles(em, regionId, [...(await readDemoCatalogue()), ...generated]);
    sourceOf = new Map([...ids].map(([source, id]) => [id, source]));
    await refreshTermStatistics(em, regionId);
    await em.getConnection().execute('ANALYZE titles');
  });
  afterAll(async () => {
    await orm?.close(true);
    await scope.dispose();
  });

  it('keeps quality above thresholds, beats plain ts_rank and never puts a stuffed record first', async () => {
    const engineRuns: Array<{ id: string; ranked: string[]; relevant: string[] }> = [];
    const baselineRuns: Array<{ id: string; ranked: string[]; relevant: string[] }> = [];
    for (const c of conversations) {
      const suggestions = await suggestTitles(orm.em.fork(), { regionId, title: c.title, body: c.body }, 5);
      engineRuns.push({ id: c.id, ranked: suggestions.map((s) => sourceOf.get(s.titleId)!), relevant: c.relevant });
      const baseline = await baselineSuggest(orm.em.fork(), regionId, c.title, c.body, 5);
      baselineRuns.push({ id: c.id, ranked: baseline.map((id) => sourceOf.get(id)!), relevant: c.relevant });
    }
    const engine = quality(engineRuns);
    const baseline = quality(baselineRuns);
    const count = (runs: Array<{ ranked: string[] }>, depth: number, which: (id: string) => boolean) => runs.filter((r) => r.ranked.slice(0, depth).some(which)).length;
    const firstIsStuffed = (runs: Array<{ id: string; ranked: string[] }>) => runs.filter((r) => r.ranked.length > 0 && isStuffedRecord(r.ranked[0])).map((r) => r.id);
    const misses = engineRuns.filter((r) => !r.ranked.slice(0, 3).some((id) => r.relevant.includes(id))).map((r) => ({ id: r.id, top3: r.ranked.slice(0, 3), relevant: r.relevant }));
    const report = {
      data: 'KennisCloud demo catalogue (deploy/seed/demo-catalogue.marcxml) plus generated noisy records; labels: services/catalogue/test/fixtures/suggestion-eval/conversations.json',
      generatedData: 'generated from the Brinkman vocabulary and KB dissertations, not a real library catalogue (services/catalogue/test/generated-catalogue.ts, read from ../shared/data at run time)',
      titlesInRegion: sourceOf.size,
      generatedTitles: NOISY_TITLES,
      generatedStuffedTitles: stuffedCount,
      seed: SEED,
      conversations: conversations.length,
      k: 3,
      engine,
      baselinePlainTsRank: baseline,
      thresholds: THRESHOLDS,
      // conversations whose first suggestion / top 3 holds a generated long record repeating common words (gen-long-*)
      stuffedFirst: { engine: firstIsStuffed(engineRuns).length, baselinePlainTsRank: firstIsStuffed(baselineRuns).length },
      stuffedInTop3: { engine: count(engineRuns, 3, isStuffedRecord), baselinePlainTsRank: count(baselineRuns, 3, isStuffedRecord) },
      // conversations whose top 3 holds any generated record (never labelled relevant)
      generatedInTop3: { engine: count(engineRuns, 3, isGeneratedRecord), baselinePlainTsRank: count(baselineRuns, 3, isGeneratedRecord) },
      misses,
    };
    mkdirSync('bench/results', { recursive: true });
    writeFileSync('bench/results/suggestion-quality-noisy.json', `${JSON.stringify(report, null, 2)}\n`);
    console.log(JSON.stringify({ ...report, data: undefined, top3: engineRuns.map((r) => `${r.id}: ${r.ranked.slice(0, 3).join(' ')}`), baselineTop3: baselineRuns.map((r) => `${r.id}: ${r.ranked.slice(0, 3).join(' ')}`) }, null, 2));

    expect(firstIsStuffed(engineRuns)).toEqual([]);
    expect(engine.hitAtK).toBeGreaterThanOrEqual(THRESHOLDS.hitAt3);
    expect(engine.precisionAtK).toBeGreaterThanOrEqual(THRESHOLDS.precisionAt3);
    expect(engine.mrr).toBeGreaterThanOrEqual(THRESHOLDS.mrr);
    expect(engine.hitAtK).toBeGreaterThanOrEqual(baseline.hitAtK);
    expect(engine.precisionAtK).toBeGreaterThan(baseline.precisionAtK);
    expect(engine.mrr).toBeGreaterThan(baseline.mrr);
  });
});
