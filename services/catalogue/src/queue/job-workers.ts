import { Inject, Injectable, type OnApplicationBootstrap, type OnModuleDestroy } from '@nestjs/common';
import type { Worker } from 'bullmq';
import type { HealthIndicator } from '@kc/observability';
import type { Logger } from 'pino';
import { CATALOGUE_CONFIG, type CatalogueConfig } from '../config';
import { ImportProcessor } from '../import/import.processor';
import { SuggestionProcessor } from '../suggestion/suggestion.processor';
import { CATALOGUE_LOGGER } from '../tokens';
import { startJobWorker } from './job-worker';
import { CatalogueQueue, ImportJobData, SuggestJobData } from './queues';

/**
 * The worker's BullMQ consumers. They start after the application is up and stop first on
 * shutdown (before the database and NATS close): running imports stop at their next batch
 * boundary and go back to the queue, running suggestion jobs finish, then `close()` returns.
 */
@Injectable()
export class JobWorkers implements OnApplicationBootstrap, OnModuleDestroy, HealthIndicator {
  readonly name = 'queue-workers';
  private workers: Worker[] = [];

  constructor(
    private readonly imports: ImportProcessor,
    private readonly suggestions: SuggestionProcessor,
    @Inject(CATALOGUE_CONFIG) private readonly config: CatalogueConfig,
    @Inject(CATALOGUE_LOGGER) private readonly logger: Logger,
  ) {}

  onApplicationBootstrap(): void {
    this.workers = [
      startJobWorker(CatalogueQueue.Import, ImportJobData, this.imports, this.config, this.config.CATALOGUE_IMPORT_CONCURRENCY, this.logger),
      startJobWorker(CatalogueQueue.Suggest, SuggestJobData, this.suggestions, this.config, this.config.CATALOGUE_SUGGEST_CONCURRENCY, this.logger),
    ];
  }

  async onModuleDestroy(): Promise<void> {
    this.imports.stop();
    await Promise.all(this.workers.map((w) => w.close()));
  }

  async check(): Promise<void> {
    for (const w of this.workers) if (!w.isRunning()) throw new Error(`worker ${w.name} is not running`);
  }
}
