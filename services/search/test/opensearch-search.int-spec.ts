import { randomBytes } from 'node:crypto';
import { TestScope } from '@kc/testing';
import { searchIndexName } from '../src/config';
import { OpenSearchIndex } from '../src/index/opensearch-search.index';
import { searchIndexContract } from './search-index.contract';

const OPENSEARCH_URL = process.env.OPENSEARCH_URL;

if (!OPENSEARCH_URL) {
  console.warn('SKIPPED: OPENSEARCH_URL is not set: the OpenSearch adapter of SearchIndex is NOT tested in this run (set OPENSEARCH_URL=http://host:9200 to run it).');
}

(OPENSEARCH_URL ? describe : describe.skip)(
  OPENSEARCH_URL ? `SearchIndex contract: OpenSearch (${OPENSEARCH_URL})` : 'SearchIndex contract: OpenSearch — SKIPPED: OPENSEARCH_URL is not set',
  () => {
    const scope = new TestScope('search-index-opensearch');
    const created: OpenSearchIndex[] = [];

    afterAll(async () => {
      for (const index of created) {
        await index.dropIndex();
        await index.close();
      }
      await scope.dispose();
    });

    // A fresh index per test, named after the test namespace.
    searchIndexContract(async () => {
      const index = new OpenSearchIndex({
        url: OPENSEARCH_URL!,
        index: `${searchIndexName(scope.namespace)}-${randomBytes(3).toString('hex')}`,
        refreshOnWrite: true,
      });
      created.push(index);
      await index.ensureIndex();
      return index;
    });
  },
);
