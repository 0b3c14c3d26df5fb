// Suggestion quality on the demo catalogue: hit@3, precision@3 and MRR of the engine beside
// plain ts_rank over the labelled conversations, the figures the quality test asserts
// (services/catalogue/test/suggestion-engine.int-spec.ts; both use suggestion-quality.ts).
//
//   npm run bench -- suggestion-quality      → bench/results/suggestion-quality.json
import { TEST_DATABASE_URL_BASE, TestScope } from '@kc/testing';
import { openCatalogueDatabase } from '../services/catalogue/test/suggestion-engine.fixtures';
import { demoQualityReport, demoRegion } from '../services/catalogue/test/suggestion-quality';

export async function run(): Promise<object> {
  const scope = new TestScope('bench-suggestion-quality');
  const orm = await openCatalogueDatabase(TEST_DATABASE_URL_BASE, scope.dbName('catalogue'));
  try {
    const { regionId, sourceOf } = await demoRegion(orm);
    return (await demoQualityReport(orm, regionId, sourceOf)).report;
  } finally {
    await orm.close(true);
    await scope.dispose();
  }
}
