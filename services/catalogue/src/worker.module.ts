import { Controller, Module, type DynamicModule } from '@nestjs/common';
import { MessagePattern } from '@nestjs/microservices';
import { CatalogueWorkerHealth } from '@kc/contracts';
import { NatsClient } from '@kc/messaging';
import { HealthModule, HealthService } from '@kc/observability';
import { DatabaseHealthIndicator } from '@kc/persistence';
import type { Logger } from 'pino';
import { CatalogueCoreModule } from './catalogue-core.module';
import type { CatalogueConfig } from './config';
import { ImportRunner } from './import/import-runner';
import { ImportProcessor } from './import/import.processor';
import { JobWorkers } from './queue/job-workers';
import { CatalogueQueues } from './queue/queues';
import { QueueSweeper } from './queue/sweeper';
import { SuggestionProcessor } from './suggestion/suggestion.processor';
import { SuggestionService } from './suggestion/suggestion.service';
import { TitleService } from './title/title.service';

/** `catalogue-worker.health` over NATS, beside HTTP `/health`. */
@Controller()
class WorkerHealthController {
  constructor(private readonly health: HealthService) {}

  @MessagePattern(CatalogueWorkerHealth.pattern)
  async ping() {
    return { service: 'catalogue-worker', ...(await this.health.report()) };
  }
}

/** Job processing lives here; global so the health module sees the workers. */
@Module({})
class CatalogueJobsModule {
  static register(): DynamicModule {
    return {
      module: CatalogueJobsModule,
      global: true,
      providers: [TitleService, ImportRunner, ImportProcessor, SuggestionService, SuggestionProcessor, JobWorkers, QueueSweeper],
      exports: [JobWorkers, QueueSweeper],
    };
  }
}

/**
 * The catalogue worker: BullMQ consumers for imports and suggestions, the sweeper that
 * re-enqueues unfinished work, and its health (HTTP and NATS). No request handlers and no
 * event consumers: the catalogue service takes those.
 */
@Module({})
export class CatalogueWorkerModule {
  static forRoot(config: CatalogueConfig, logger: Logger): DynamicModule {
    return {
      module: CatalogueWorkerModule,
      imports: [
        CatalogueCoreModule.forRoot(config, logger, 'catalogue-worker'),
        CatalogueJobsModule.register(),
        HealthModule.forIndicators([DatabaseHealthIndicator, NatsClient, CatalogueQueues, JobWorkers], [WorkerHealthController]),
      ],
    };
  }
}
