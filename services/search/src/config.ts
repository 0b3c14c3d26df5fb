import { z } from 'zod';
import { BaseConfigSchema, loadConfig } from '@kc/observability';

/** An empty variable counts as unset (compose files and k8s often pass `OPENSEARCH_URL=`). */
const optionalUrl = z.preprocess((v) => (v === '' ? undefined : v), z.url({ protocol: /^https?$/ }).optional());

export const SearchConfigSchema = BaseConfigSchema.extend({
  SEARCH_HTTP_PORT: z.coerce.number().int().min(0).max(65535).default(3106),
  /** When set, the index lives in OpenSearch; otherwise PostgreSQL full-text search (the embedded default). */
  OPENSEARCH_URL: optionalUrl,
  /** Make every write visible to search before it returns (tests, small installations). */
  OPENSEARCH_REFRESH_ON_WRITE: z.stringbool().default(false),
});
export type SearchConfig = z.infer<typeof SearchConfigSchema>;
export const SEARCH_CONFIG = Symbol('SEARCH_CONFIG');

export const loadSearchConfig = (env = process.env) => loadConfig('search', SearchConfigSchema, env);

/** The index name carries the namespace, so a test run (or a second environment) gets its own index. */
export const searchIndexName = (namespace: string) => (namespace ? `${namespace}-kc-search-documents` : 'kc-search-documents');
