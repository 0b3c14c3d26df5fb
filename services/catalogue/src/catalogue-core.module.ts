import { Global, Module, type DynamicModule } from '@nestjs/common';
import { serviceBackbone } from '@kc/messaging';
import type { Logger } from 'pino';
import { CATALOGUE_CONFIG, type CatalogueConfig } from './config';
import { CatalogueImport } from './import/import.entity';
import { UploadStore } from './import/upload-store';
import { catalogueMigrations } from './migrations';
import { CatalogueQueues } from './queue/queues';
import { CatalogueRegion } from './region/region.entity';
import { SuggestionRequest } from './suggestion/suggestion-request.entity';
import { Title } from './title/title.entity';
import { CATALOGUE_LOGGER } from './tokens';

export const CATALOGUE_ENTITIES = [CatalogueRegion, Title, CatalogueImport, SuggestionRequest];

/**
 * What the catalogue service and the catalogue worker share: the database `kc_catalogue`
 * (both may start first: migrations run under an advisory lock), messaging with the outbox
 * into the catalogue stream (the relays share rows through SKIP LOCKED), the BullMQ queues
 * and the upload bucket.
 */
@Global()
@Module({})
export class CatalogueCoreModule {
  static forRoot(config: CatalogueConfig, logger: Logger, clientName: 'catalogue' | 'catalogue-worker'): DynamicModule {
    return {
      module: CatalogueCoreModule,
      imports: [
        ...serviceBackbone(config, logger.child({ process: clientName }), { service: 'catalogue', database: 'catalogue', entities: CATALOGUE_ENTITIES, migrations: catalogueMigrations, produces: true }),
      ],
      providers: [
        { provide: CATALOGUE_CONFIG, useValue: config },
        { provide: CATALOGUE_LOGGER, useValue: logger },
        CatalogueQueues,
        UploadStore,
      ],
      exports: [CATALOGUE_CONFIG, CATALOGUE_LOGGER, CatalogueQueues, UploadStore],
    };
  }
}
