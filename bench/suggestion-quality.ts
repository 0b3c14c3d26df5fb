// Suggestion quality on the demo catalogue: hit@3, precision@3 and MRR of the engine beside
// plain ts_rank over the labelled conversations, the figures the quality test asserts, and the
// engine with the region's feedback (additions and dismissals, cross-validated)
// (services/catalogue/test/suggestion-engine.int-spec.ts; both use suggestion-quality.ts).
//
//   npm run bench -- suggestion-quality      → bench/results/suggestion-quality.json
import { TEST_DATABASE_URL_BASE, TestScope } from '@kc/testing';
import { openCatalogueDatabase } from '../services/catalogue/test/suggestion-engine.fixtures';
import { demoQualityReport, demoRegion, evalConversations, feedbackQuality } from '../services/catalogue/test/suggestion-quality';

export async function run(): Promise<object> {
  const scope = new TestScope('bench-suggestion-quality');
  const orm = await openCatalogueDatabase(TEST_DATABASE_URL_BASE, scope.dbName('catalogue'));
  try {
    const { regionId, sourceOf } = await demoRegion(orm);
    const { report } = await demoQualityReport(orm, regionId, sourceOf);
    const { runs: _runs, ...feedback } = await feedbackQuality(orm, regionId, sourceOf, evalConversations());
    // Beside the plain engine and plain ts_rank of the same run: the engine learning from feedback.
    return { ...report, feedback };
  } finally {
    await orm.close(true);
    await scope.dispose();
  }
}
