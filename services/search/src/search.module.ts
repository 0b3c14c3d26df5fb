import { SearchErasureModule } from './indexing/erasure.handlers';
import { Module, type DynamicModule } from '@nestjs/common';
import { AccessDirectory, AuthModule, personalDataModule } from '@kc/auth';
import { SearchPersonalData } from '@kc/contracts';
import { NatsClient, serviceHealthModule, serviceBackbone } from '@kc/messaging';
import { DatabaseHealthIndicator } from '@kc/persistence';
import type { Logger } from 'pino';
import { SEARCH_CONFIG, type SearchConfig } from './config';
import { SearchIndexModule } from './index/search-index.module';
import { SEARCH_INDEX } from './index/search-index.port';
import { searchEntities } from './indexing/directory.entities';
import { IndexingModule } from './indexing/indexing.module';
import { searchMigrations } from './migrations';
import { QueryModule } from './query/query.module';

/**
 * Search: an index fed only by domain events (identity, communities, events), answering
 * `search.query` with what the caller may see.
 */
@Module({})
export class SearchModule {
  static forRoot(config: SearchConfig, logger: Logger): DynamicModule {
    return {
      module: SearchModule,
      imports: [
        ...serviceBackbone(config, logger, { service: 'search', database: 'search', entities: searchEntities, migrations: searchMigrations, produces: true }),
        AuthModule.forService(),
        SearchIndexModule.forConfig(config, logger),
        serviceHealthModule('search', [DatabaseHealthIndicator, NatsClient, AccessDirectory, SEARCH_INDEX]),
        IndexingModule,
        QueryModule,
        SearchErasureModule,
        personalDataModule(SearchPersonalData, 'search', [{ name: 'memberships', table: 'search_memberships', column: 'account_id' }],
          'De zoekindex bewaart kopieën van openbare en besloten teksten zonder auteur, en per account de communities waarvan het lid is (om besloten resultaten te tonen).'),
      ],
      providers: [{ provide: SEARCH_CONFIG, useValue: config }],
      exports: [SEARCH_CONFIG],
    };
  }
}
