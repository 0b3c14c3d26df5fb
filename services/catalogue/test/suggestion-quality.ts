// The suggestion quality measurements, shared by the quality tests (which assert on them) and
// the benchmarks (`npm run bench -- suggestion-quality suggestion-quality-noisy`, which write
// them to bench/results/): one place computes the figures that both report.
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type { MikroORM } from '@mikro-orm/postgresql';
import { conversationLexemes, refreshTermStatistics, suggestTitles } from '../src/suggestion/engine';
import { DEFAULT_FEEDBACK, type FeedbackParams } from '../src/suggestion/engine/feedback';
import { generateCatalogue, isGeneratedRecord, isStuffedRecord } from './generated-catalogue';
import { baselineSuggest, EVAL_SET, insertTitles, isDistractor, quality, readDemoCatalogue, type EvalConversation } from './suggestion-engine.fixtures';

export const evalConversations = (): EvalConversation[] => (JSON.parse(readFileSync(EVAL_SET, 'utf8')) as { conversations: EvalConversation[] }).conversations;

export interface RankedRun {
  id: string;
  ranked: string[];
  relevant: string[];
  reasons: string[];
}

/** The top 5 of the engine and of plain ts_rank for every labelled conversation, as source ids. */
export async function rankEvalSet(orm: MikroORM, regionId: string, sourceOf: Map<string, string>, conversations: EvalConversation[]) {
  const engineRuns: RankedRun[] = [];
  const baselineRuns: RankedRun[] = [];
  for (const c of conversations) {
    const suggestions = await suggestTitles(orm.em.fork(), { regionId, title: c.title, body: c.body }, 5);
    engineRuns.push({ id: c.id, ranked: suggestions.map((s) => sourceOf.get(s.titleId)!), relevant: c.relevant, reasons: suggestions.map((s) => s.reason) });
    const baseline = await baselineSuggest(orm.em.fork(), regionId, c.title, c.body, 5);
    baselineRuns.push({ id: c.id, ranked: baseline.map((id) => sourceOf.get(id)!), relevant: c.relevant, reasons: [] });
  }
  return { engineRuns, baselineRuns, engine: quality(engineRuns), baseline: quality(baselineRuns) };
}

const missesOf = (runs: RankedRun[]) => runs.filter((r) => !r.ranked.slice(0, 3).some((id) => r.relevant.includes(id))).map((r) => ({ id: r.id, top3: r.ranked.slice(0, 3), relevant: r.relevant }));
/** conversations whose top `depth` holds a record `which` picks */
const countIn = (runs: RankedRun[], depth: number, which: (id: string) => boolean) => runs.filter((r) => r.ranked.slice(0, depth).some(which)).length;
/** conversations whose first suggestion is a generated long record repeating common words */
export const firstIsStuffed = (runs: RankedRun[]) => runs.filter((r) => r.ranked.length > 0 && isStuffedRecord(r.ranked[0])).map((r) => r.id);
const isStuffedDemo = (id: string) => id.startsWith('kcdemo-lg');
/** conversations whose top 3 holds a demo record stuffed with common words (kcdemo-lg*) */
export const stuffedDemoInTop3 = (runs: RankedRun[]) => countIn(runs, 3, isStuffedDemo);

export const DEMO_THRESHOLDS = { hitAt3: 0.97, precisionAt3: 0.57, mrr: 0.97 };

/** The demo catalogue in a region of its own; source id ↔ title id. */
export async function demoRegion(orm: MikroORM, regionId = randomUUID()) {
  const ids = await insertTitles(orm.em.fork(), regionId, await readDemoCatalogue());
  await refreshTermStatistics(orm.em.fork(), regionId);
  return { regionId, sourceOf: new Map([...ids].map(([source, id]) => [id, source])) };
}

/** Quality on the demo catalogue (bench/results/suggestion-quality.json). */
export async function demoQualityReport(orm: MikroORM, regionId: string, sourceOf: Map<string, string>) {
  const conversations = evalConversations();
  const runs = await rankEvalSet(orm, regionId, sourceOf, conversations);
  const trapIds = new Set(conversations.filter((c) => c.traps).map((c) => c.id));
  const report = {
    data: 'KennisCloud demo catalogue (deploy/seed/demo-catalogue.marcxml, own fictional records) and services/catalogue/test/fixtures/suggestion-eval/conversations.json (labelled by us)',
    conversations: conversations.length,
    k: 3,
    engine: runs.engine,
    baselinePlainTsRank: runs.baseline,
    thresholds: DEMO_THRESHOLDS,
    stuffedInTop3: { engine: stuffedDemoInTop3(runs.engineRuns), baselinePlainTsRank: stuffedDemoInTop3(runs.baselineRuns) },
    // suggestions (of at most 5) that are novels or other distractors, over the conversations
    // whose compounds share a part with one (traps)
    distractorsSuggestedInTrapConversations: runs.engineRuns.filter((r) => trapIds.has(r.id)).reduce((n, r) => n + r.ranked.filter(isDistractor).length, 0),
    misses: missesOf(runs.engineRuns),
    examples: runs.engineRuns
      .filter((r, i) => i < 5 || r.id === 'c33')
      .map((r) => ({ id: r.id, top3: r.ranked.slice(0, 3), reasons: r.reasons.slice(0, 3) })),
  };
  return { report, ...runs };
}

export const DEFAULT_NOISY_TITLES = 5000;
export const NOISY_SEED = 5000;
/** hit@3 and MRR hold at any N; precision@3 falls as N grows (see the noisy quality test). */
export const noisyThresholds = (titles: number) => ({ hitAt3: 0.97, precisionAt3: titles === DEFAULT_NOISY_TITLES ? 0.56 : 0.5, mrr: 0.97 });

/** The demo catalogue plus `titles` generated records in one region. */
export async function noisyRegion(orm: MikroORM, titles: number, regionId = randomUUID()) {
  const generated = generateCatalogue(titles, NOISY_SEED);
  const ids = await insertTitles(orm.em.fork(), regionId, [...(await readDemoCatalogue()), ...generated]);
  await refreshTermStatistics(orm.em.fork(), regionId);
  await orm.em.getConnection().execute('ANALYZE titles');
  return { regionId, titles, stuffedCount: generated.filter((t) => isStuffedRecord(t.sourceId)).length, sourceOf: new Map([...ids].map(([source, id]) => [id, source])) };
}

/** Quality in the noisy catalogue (bench/results/suggestion-quality-noisy.json). */
export async function noisyQualityReport(orm: MikroORM, region: Awaited<ReturnType<typeof noisyRegion>>) {
  const conversations = evalConversations();
  const runs = await rankEvalSet(orm, region.regionId, region.sourceOf, conversations);
  const report = {
    data: 'KennisCloud demo catalogue (deploy/seed/demo-catalogue.marcxml) plus generated noisy records; labels: services/catalogue/test/fixtures/suggestion-eval/conversations.json',
    generatedData: 'generated from the Brinkman vocabulary and KB dissertations, not a real library catalogue (services/catalogue/test/generated-catalogue.ts; the dissertations read from ../shared/data at run time)',
    titlesInRegion: region.sourceOf.size,
    generatedTitles: region.titles,
    generatedStuffedTitles: region.stuffedCount,
    seed: NOISY_SEED,
    conversations: conversations.length,
    k: 3,
    engine: runs.engine,
    baselinePlainTsRank: runs.baseline,
    thresholds: noisyThresholds(region.titles),
    // conversations whose first suggestion / top 3 holds a generated long record repeating common words (gen-long-*)
    stuffedFirst: { engine: firstIsStuffed(runs.engineRuns).length, baselinePlainTsRank: firstIsStuffed(runs.baselineRuns).length },
    stuffedInTop3: { engine: countIn(runs.engineRuns, 3, isStuffedRecord), baselinePlainTsRank: countIn(runs.baselineRuns, 3, isStuffedRecord) },
    // conversations whose top 3 holds any generated record (never labelled relevant)
    generatedInTop3: { engine: countIn(runs.engineRuns, 3, isGeneratedRecord), baselinePlainTsRank: countIn(runs.baselineRuns, 3, isGeneratedRecord) },
    misses: missesOf(runs.engineRuns),
  };
  return { report, ...runs };
}

export const FEEDBACK_FOLDS = 5;

/**
 * Suggestions that learn, measured by cross-validation over the labelled conversations: in each
 * of FEEDBACK_FOLDS folds the other conversations give feedback as members would (they add the
 * fitting titles, all those labelled relevant, and dismiss the suggested ones that do not fit),
 * and the fold's conversations are ranked with and without that feedback. No conversation is
 * ever ranked with feedback of its own.
 */
export async function feedbackQuality(orm: MikroORM, regionId: string, sourceOf: Map<string, string>, conversations: EvalConversation[], folds = FEEDBACK_FOLDS, feedback: FeedbackParams = DEFAULT_FEEDBACK) {
  const titleOf = new Map([...sourceOf].map(([id, source]) => [source, id]));
  const without: RankedRun[] = [];
  const withFeedback: RankedRun[] = [];
  let rows = 0;
  const connection = orm.em.getConnection();
  try {
    for (let fold = 0; fold < folds; fold++) {
      await connection.execute('DELETE FROM suggestion_feedback WHERE region_id = ?', [regionId]);
      for (const c of conversations.filter((_, i) => i % folds !== fold)) {
        const suggested = await suggestTitles(orm.em.fork(), { regionId, title: c.title, body: c.body, useFeedback: false }, 5);
        const lexemes = await conversationLexemes(orm.em.fork(), { regionId, title: c.title, body: c.body, feedback });
        const signals = new Map<string, 1 | -1>();
        for (const s of suggested) if (!c.relevant.includes(sourceOf.get(s.titleId)!)) signals.set(s.titleId, -1);
        for (const source of c.relevant) if (titleOf.has(source)) signals.set(titleOf.get(source)!, 1);
        const conversationId = randomUUID();
        for (const [titleId, signal] of signals) {
          await connection.execute(
            'INSERT INTO suggestion_feedback (region_id, conversation_id, title_id, signal, lexemes) VALUES (?, ?, ?, ?, ARRAY(SELECT json_array_elements_text(?::json)))',
            [regionId, conversationId, titleId, signal, JSON.stringify(lexemes)],
          );
          rows += 1;
        }
      }
      for (const c of conversations.filter((_, i) => i % folds === fold)) {
        for (const [useFeedback, runs] of [[false, without], [true, withFeedback]] as const) {
          const suggestions = await suggestTitles(orm.em.fork(), { regionId, title: c.title, body: c.body, useFeedback, feedback }, 5);
          runs.push({ id: c.id, ranked: suggestions.map((s) => sourceOf.get(s.titleId)!), relevant: c.relevant, reasons: suggestions.map((s) => s.reason) });
        }
      }
    }
  } finally {
    await connection.execute('DELETE FROM suggestion_feedback WHERE region_id = ?', [regionId]);
  }
  const changed = withFeedback.filter((r, i) => r.ranked.slice(0, 3).join() !== without[i]!.ranked.slice(0, 3).join()).map((r) => r.id);
  return {
    method: `${folds}-fold cross-validation: the other folds' conversations add their relevant titles and dismiss the suggested ones that are not; no conversation sees its own feedback`,
    folds,
    params: feedback,
    feedbackRows: rows,
    withoutFeedback: quality(without),
    withFeedback: quality(withFeedback),
    top3ChangedIn: changed,
    misses: { withoutFeedback: missesOf(without), withFeedback: missesOf(withFeedback) },
    runs: { without, withFeedback },
  };
}
