import { Module, type DynamicModule } from '@nestjs/common';
import { AccessDirectory, AuthModule, operatorUsageModule, personalDataModule } from '@kc/auth';
import { CataloguePersonalData, CatalogueUsage } from '@kc/contracts';
import { NatsClient, serviceHealthModule } from '@kc/messaging';
import { DatabaseHealthIndicator } from '@kc/persistence';
import type { Logger } from 'pino';
import { CatalogueCoreModule } from './catalogue-core.module';
import type { CatalogueConfig } from './config';
import { ImportController } from './import/import.controller';
import { ImportService } from './import/import.service';
import { CatalogueQueues } from './queue/queues';
import { RegionHandlers } from './region/region.handlers';
import { RegionModule } from './region/region.module';
import { CatalogueErasureHandlers } from './suggestion/erasure.handlers';
import { FeedbackHandlers } from './suggestion/feedback.handlers';
import { SuggestionHandlers } from './suggestion/suggestion.handlers';
import { ThesaurusModule } from './thesaurus/thesaurus.module';
import { TitleModule } from './title/title.module';

/**
 * The catalogue service: imports (StartImport, GetImport), title search (SearchTitles), the
 * Brinkman thesaurus (SuggestBrinkmanTerms), the regions projection and the intake of
 * conversations for suggestions. The heavy work runs in the catalogue worker
 * ({@link CatalogueWorkerModule}).
 */
@Module({})
export class CatalogueModule {
  static forRoot(config: CatalogueConfig, logger: Logger): DynamicModule {
    return {
      module: CatalogueModule,
      imports: [
        CatalogueCoreModule.forRoot(config, logger, 'catalogue'),
        AuthModule.forService(),
        serviceHealthModule('catalogue', [DatabaseHealthIndicator, NatsClient, AccessDirectory, CatalogueQueues]),
        RegionModule,
        TitleModule,
        ThesaurusModule,
        operatorUsageModule(CatalogueUsage, [
          { table: 'titles', count: 'titles' },
          { table: 'catalogue_imports', count: 'imports' },
          { table: 'suggestion_requests', count: 'suggestionRequests' },
        ]),
        personalDataModule(CataloguePersonalData, 'catalogue', [], 'De catalogus bewaart niets op naam: titels, imports en suggesties zonder wie ze vroeg; de tekst van gesprekken voor suggesties staat bij communities.'),
      ],
      controllers: [ImportController],
      providers: [ImportService, RegionHandlers, SuggestionHandlers, FeedbackHandlers, CatalogueErasureHandlers],
    };
  }
}
