import { Global, Module, type DynamicModule } from '@nestjs/common';
import { MessagingModule } from '@kc/messaging';
import { PersistenceModule } from '@kc/persistence';
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
    const dbName = `${config.KC_DB_PREFIX}catalogue`;
    return {
      module: CatalogueCoreModule,
      imports: [
        PersistenceModule.forService({ databaseUrlBase: config.DATABASE_URL_BASE, dbName, entities: CATALOGUE_ENTITIES, migrations: catalogueMigrations, logger }),
        MessagingModule.forService(
          {
            service: 'catalogue',
            natsUrl: config.NATS_URL,
            namespace: config.KC_NAMESPACE,
            databaseUrl: `${config.DATABASE_URL_BASE}/${dbName}`,
            produces: true,
            rpcTimeoutMs: config.RPC_TIMEOUT_MS,
          },
          logger.child({ process: clientName }),
        ),
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
