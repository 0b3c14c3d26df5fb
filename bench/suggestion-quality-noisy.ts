// Suggestion quality in a noisy catalogue: the demo catalogue plus KC_NOISY_TITLES (default
// 5000) records generated from the Brinkman vocabulary and the KB dissertations (read from
// ../shared/data, never copied), the figures the noisy quality test asserts
// (services/catalogue/test/suggestion-engine-noisy.int-spec.ts; both use suggestion-quality.ts).
//
//   npm run bench -- suggestion-quality-noisy      → bench/results/suggestion-quality-noisy.json
import { sharedDataMissing, TEST_DATABASE_URL_BASE, TestScope } from '@kc/testing';
import { DISSERTATIONS } from '../services/catalogue/test/generated-catalogue';
import { openCatalogueDatabase } from '../services/catalogue/test/suggestion-engine.fixtures';
import { DEFAULT_NOISY_TITLES, evalConversations, feedbackQuality, noisyQualityReport, noisyRegion } from '../services/catalogue/test/suggestion-quality';

export async function run(): Promise<object> {
  const missing = sharedDataMissing(DISSERTATIONS);
  if (missing) throw new Error(`cannot generate the noisy catalogue: ${missing}`);
  const scope = new TestScope('bench-suggestion-quality-noisy');
  const orm = await openCatalogueDatabase(TEST_DATABASE_URL_BASE, scope.dbName('catalogue'));
  try {
    const region = await noisyRegion(orm, Number(process.env.KC_NOISY_TITLES ?? DEFAULT_NOISY_TITLES));
    const { report } = await noisyQualityReport(orm, region);
    const { runs: _runs, ...feedback } = await feedbackQuality(orm, region.regionId, region.sourceOf, evalConversations());
    return { ...report, feedback };
  } finally {
    await orm.close(true);
    await scope.dispose();
  }
}
