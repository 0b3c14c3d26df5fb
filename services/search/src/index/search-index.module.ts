import { EntityManager } from '@mikro-orm/postgresql';
import { Global, Module, type DynamicModule, type OnApplicationShutdown } from '@nestjs/common';
import type { Logger } from 'pino';
import { searchIndexName, type SearchConfig } from '../config';
import { OpenSearchIndex } from './opensearch-search.index';
import { PostgresSearchIndex } from './postgres-search.index';
import { SEARCH_INDEX, type SearchIndex } from './search-index.port';

class ClosingOpenSearchIndex extends OpenSearchIndex implements OnApplicationShutdown {
  async onApplicationShutdown(): Promise<void> {
    await this.close();
  }
}

/** The one `SEARCH_INDEX` provider: OpenSearch when `OPENSEARCH_URL` is set, PostgreSQL full-text otherwise. */
@Global()
@Module({})
export class SearchIndexModule {
  static forConfig(config: SearchConfig, logger: Logger): DynamicModule {
    const provider = config.OPENSEARCH_URL
      ? {
          provide: SEARCH_INDEX,
          useFactory: (): SearchIndex => {
            const index = searchIndexName(config.KC_NAMESPACE);
            logger.info({ index }, 'zoekindex: OpenSearch');
            return new ClosingOpenSearchIndex({ url: config.OPENSEARCH_URL!, index, refreshOnWrite: config.OPENSEARCH_REFRESH_ON_WRITE });
          },
        }
      : {
          provide: SEARCH_INDEX,
          useFactory: (em: EntityManager): SearchIndex => {
            logger.info('zoekindex: PostgreSQL full-text (nl_unaccent)');
            return new PostgresSearchIndex(em);
          },
          inject: [EntityManager],
        };
    return { module: SearchIndexModule, providers: [provider], exports: [SEARCH_INDEX] };
  }
}
