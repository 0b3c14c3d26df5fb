import { randomUUID } from 'node:crypto';
import type { MikroORM } from '@mikro-orm/postgresql';
import { TEST_DATABASE_URL_BASE, TestScope } from '@kc/testing';
import type { MappedTitle } from '../src/marc/marc-mapping';
import { refreshTermStatistics, suggestTitles } from '../src/suggestion/engine';
import { recordTokens } from '../src/suggestion/engine/analysis';
import { headingComponents } from '../src/suggestion/engine/evidence';
import { insertTitles, isDistractor, openCatalogueDatabase, readDemoCatalogue } from './suggestion-engine.fixtures';
import { DEMO_THRESHOLDS as THRESHOLDS, demoQualityReport, evalConversations, feedbackQuality, stuffedDemoInTop3 } from './suggestion-quality';

/**
 * The words and headings a reason names ("Past bij je onderwerp: a, b; sluit aan bij: c, d"),
 * each checked against the record: a heading (or one of its components), or a word of its
 * title, headings or summary.
 */
function namedInReason(reason: string): { headings: string[]; words: string[] } {
  const headings = /^Past bij je onderwerp: ([^;]+)/.exec(reason)?.[1].split(', ') ?? [];
  const words = /(?:^Sluit aan bij|; sluit aan bij): (.+)$/.exec(reason)?.[1].split(', ') ?? [];
  return { headings, words };
}

function reasonFitsRecord(reason: string, record: MappedTitle): boolean {
  const lower = (x: string) => x.toLocaleLowerCase('nl');
  const headings = new Set(record.subjects.flatMap((h) => [lower(h), ...headingComponents(h).map(lower)]));
  const words = new Set([record.title, ...record.subjects, record.summary ?? ''].flatMap((t) => recordTokens(t)));
  const { headings: named, words: namedWords } = namedInReason(reason);
  return named.every((h) => headings.has(h) || h.split(' ; ').every((c) => headings.has(c))) && namedWords.every((w) => words.has(w));
}

/**
 * Ranking quality on KennisCloud's own demo catalogue (deploy/seed/demo-catalogue.marcxml) and
 * labelled conversations, against plain ts_rank measured in the same run. Thresholds sit just
 * under what the engine achieves: a drop fails the build. The same figures are written to
 * bench/results/suggestion-quality.json by `npm run bench -- suggestion-quality`, never by a test.
 */

describe('suggestion engine (real PostgreSQL, demo catalogue)', () => {
  const scope = new TestScope('suggestion-engine');
  let orm: MikroORM;
  const regionA = randomUUID();
  const regionB = randomUUID();
  let idsA: Map<string, string>;
  let idsB: Map<string, string>;
  let sourceOf: Map<string, string>;
  let recordOf: Map<string, MappedTitle>;
  const conversations = evalConversations();

  beforeAll(async () => {
    orm = await openCatalogueDatabase(TEST_DATABASE_URL_BASE, scope.dbName('catalogue'));
    const titles = await readDemoCatalogue();
    recordOf = new Map(titles.map((t) => [t.sourceId, t]));
    const em = orm.em.fork();
    idsA = await insertTitles(em, regionA, titles);
    // Region B: the same catalogue plus a title that fits conversation c01 better than anything.
    idsB = await insertTitles(em, regionB, [
      ...titles,
      { sourceId: 'b-only', title: 'Warmtepomp in een jaren 30 woning', authors: [], year: 2024, isbn: null, subjects: ['warmtepompen', 'isolatie', 'oude woningen'], summary: 'Van het gas af met een warmtepomp in een oud huis.', language: 'dut' },
    ]);
    sourceOf = new Map([...idsA, ...idsB].map(([source, id]) => [id, source]));
    await refreshTermStatistics(em, regionA);
    await refreshTermStatistics(em, regionB);
  });
  afterAll(async () => {
    await orm?.close(true);
    await scope.dispose();
  });

  it('ranks the labelled conversations above thresholds and beats plain ts_rank', async () => {
    const { report, engine, baseline, engineRuns, baselineRuns } = await demoQualityReport(orm, regionA, sourceOf);
    console.log(JSON.stringify({ engine, baselinePlainTsRank: baseline, stuffedInTop3: report.stuffedInTop3, misses: report.misses }, null, 2));

    expect(engine.hitAtK).toBeGreaterThanOrEqual(THRESHOLDS.hitAt3);
    expect(engine.precisionAtK).toBeGreaterThanOrEqual(THRESHOLDS.precisionAt3);
    expect(engine.mrr).toBeGreaterThanOrEqual(THRESHOLDS.mrr);
    // On this small catalogue plain ts_rank also finds something relevant in the top 3 for
    // every conversation (hit@3 saturates); the engine must match it there and beat it on
    // precision@3 and MRR.
    expect(engine.hitAtK).toBeGreaterThanOrEqual(baseline.hitAtK);
    expect(engine.precisionAtK).toBeGreaterThan(baseline.precisionAtK);
    expect(engine.mrr).toBeGreaterThan(baseline.mrr);
    expect(stuffedDemoInTop3(engineRuns)).toBeLessThan(stuffedDemoInTop3(baselineRuns));
  });

  it('learns from feedback without losing ground: cross-validated, additions and dismissals of other conversations never make the ranking worse', async () => {
    const { withoutFeedback, withFeedback, feedbackRows } = await feedbackQuality(orm, regionA, sourceOf, conversations);
    console.log(JSON.stringify({ feedbackRows, withoutFeedback, withFeedback }));
    expect(feedbackRows).toBeGreaterThan(conversations.length);
    expect(withFeedback.hitAtK).toBeGreaterThanOrEqual(Math.max(THRESHOLDS.hitAt3, withoutFeedback.hitAtK));
    expect(withFeedback.precisionAtK).toBeGreaterThanOrEqual(Math.max(THRESHOLDS.precisionAt3, withoutFeedback.precisionAtK));
    expect(withFeedback.mrr).toBeGreaterThanOrEqual(Math.max(THRESHOLDS.mrr, withoutFeedback.mrr));
    expect(Number((await orm.em.getConnection().execute('SELECT count(*) AS n FROM suggestion_feedback'))[0].n)).toBe(0);
  });

  it('never suggests a novel or other distractor through a compound fragment', async () => {
    const traps = conversations.filter((c) => c.traps);
    expect(traps.length).toBeGreaterThanOrEqual(4);
    for (const c of traps) {
      const suggestions = await suggestTitles(orm.em.fork(), { regionId: regionA, title: c.title, body: c.body }, 5);
      const sources = suggestions.map((s) => sourceOf.get(s.titleId)!);
      expect({ id: c.id, distractors: sources.filter(isDistractor) }).toEqual({ id: c.id, distractors: [] });
      expect(sources.slice(0, 3).some((id) => c.relevant.includes(id))).toBe(true);
    }
    // The demo conversation (deploy/local/seed.ts): the isolation titles lead, for the words
    // and headings they share with it, and not for the fragment `jaren`.
    const demo = conversations.find((c) => c.id === 'c33')!;
    const suggestions = await suggestTitles(orm.em.fork(), { regionId: regionA, title: demo.title, body: demo.body }, 5);
    expect(suggestions.slice(0, 2).map((s) => sourceOf.get(s.titleId))).toEqual(['kcdemo-is01', 'kcdemo-is02']);
    expect(suggestions[0].reason).toMatch(/^Past bij je onderwerp: isolatie/);
    expect(suggestions.map((s) => s.title)).not.toContain('Het jaar van de storm : roman');
  });

  it('names in a reason only words and headings the record has', async () => {
    for (const c of conversations) {
      for (const s of await suggestTitles(orm.em.fork(), { regionId: regionA, title: c.title, body: c.body }, 5)) {
        const record = recordOf.get(sourceOf.get(s.titleId)!)!;
        expect({ id: c.id, title: s.title, reason: s.reason, fits: reasonFitsRecord(s.reason, record) }).toEqual({ id: c.id, title: s.title, reason: s.reason, fits: true });
      }
    }
  });

  it('gives a short Dutch reason naming the matched subject', async () => {
    const [first] = await suggestTitles(orm.em.fork(), { regionId: regionA, title: 'Zonnepanelen', body: 'Wat levert zonne-energie op?' });
    expect(first.reason).toMatch(/^Past bij je onderwerp: .*zonne/);
    expect(first).toMatchObject({ title: expect.any(String), authors: expect.any(Array), subjects: expect.arrayContaining(['zonne-energie']) });
  });

  it('never suggests titles of another region', async () => {
    const idsOfA = new Set(idsA.values());
    for (const c of conversations) {
      const suggestions = await suggestTitles(orm.em.fork(), { regionId: regionA, title: c.title, body: c.body }, 10);
      for (const s of suggestions) expect(idsOfA.has(s.titleId)).toBe(true);
    }
    const inB = await suggestTitles(orm.em.fork(), { regionId: regionB, title: conversations[0].title, body: conversations[0].body });
    expect(inB[0].titleId).toBe(idsB.get('b-only'));
    const unknownRegion = await suggestTitles(orm.em.fork(), { regionId: randomUUID(), title: conversations[0].title, body: conversations[0].body });
    expect(unknownRegion).toEqual([]);
  });

  it('does not let a long record stuffed with common words beat the focused title', async () => {
    const ranked = await suggestTitles(orm.em.fork(), { regionId: regionA, title: 'Isolatie van de woning', body: 'Wij willen energie besparen met isolatie, wonen in een oud huis in de buurt. Subsidie van de gemeente?' }, 10);
    const sources = ranked.map((s) => sourceOf.get(s.titleId)!);
    expect(sources[0]).toMatch(/^kcdemo-is0/);
    for (const stuffed of ['kcdemo-lg01', 'kcdemo-lg02', 'kcdemo-lg03']) {
      const at = sources.indexOf(stuffed);
      if (at >= 0) expect(at).toBeGreaterThan(sources.indexOf('kcdemo-is01'));
    }
    // Across the evaluation set, a stuffed record is never the first suggestion. (It can still
    // reach a top 3 when it repeats a specific word of the conversation in a long summary.)
    for (const c of conversations) {
      const [first] = await suggestTitles(orm.em.fork(), { regionId: regionA, title: c.title, body: c.body }, 1);
      expect(sourceOf.get(first.titleId)).not.toMatch(/^kcdemo-lg/);
    }
  });

  it('finds titles before the statistics were ever refreshed (live counts)', async () => {
    const regionC = randomUUID();
    const em = orm.em.fork();
    const ids = await insertTitles(em, regionC, (await readDemoCatalogue()).slice(0, 40));
    const suggestions = await suggestTitles(orm.em.fork(), { regionId: regionC, title: 'warmtepomp', body: 'van het gas af' });
    expect(suggestions.length).toBeGreaterThan(0);
    expect(sourceOf.get(suggestions[0].titleId) ?? [...ids].find(([, id]) => id === suggestions[0].titleId)?.[0]).toMatch(/^kcdemo-wp/);
  });
});
