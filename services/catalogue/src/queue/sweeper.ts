import type { EntityManager } from '@mikro-orm/postgresql';
import { MikroORM } from '@mikro-orm/core';
import { Inject, Injectable, type OnApplicationBootstrap, type OnModuleDestroy } from '@nestjs/common';
import type { Logger } from 'pino';
import { CATALOGUE_CONFIG, type CatalogueConfig } from '../config';
import { CATALOGUE_LOGGER } from '../tokens';
import { CatalogueQueues } from './queues';

/**
 * PostgreSQL is the record of what must happen, Redis only the means: every interval the
 * worker enqueues again the suggestion requests and imports that are still unfinished after
 * `CATALOGUE_SWEEP_AFTER_MS` (Redis lost its data, an enqueue failed after a commit). Job ids
 * are deterministic, so a job that still exists is not duplicated.
 */
@Injectable()
export class QueueSweeper implements OnApplicationBootstrap, OnModuleDestroy {
  private timer?: NodeJS.Timeout;
  private running?: Promise<void>;

  constructor(
    private readonly orm: MikroORM,
    private readonly queues: CatalogueQueues,
    @Inject(CATALOGUE_CONFIG) private readonly config: CatalogueConfig,
    @Inject(CATALOGUE_LOGGER) private readonly logger: Logger,
  ) {}

  onApplicationBootstrap(): void {
    this.timer = setInterval(() => {
      this.running ??= this.sweep()
        .then(() => undefined)
        .catch((error) => this.logger.warn({ err: error }, 'queue sweep failed'))
        .finally(() => (this.running = undefined));
    }, this.config.CATALOGUE_SWEEP_INTERVAL_MS);
    this.timer.unref();
  }

  async onModuleDestroy(): Promise<void> {
    clearInterval(this.timer);
    await this.running;
  }

  /** One pass; returns how many jobs were (re-)enqueued. */
  async sweep(): Promise<number> {
    const db = this.orm.em.fork() as EntityManager;
    const age = this.config.CATALOGUE_SWEEP_AFTER_MS;
    const requests = await db.execute<{ conversation_id: string; revision: number; correlation_id: string }[]>(
      `SELECT conversation_id, revision, correlation_id FROM suggestion_requests
        WHERE status = 'pending' AND updated_at < now() - make_interval(secs => ?) ORDER BY updated_at LIMIT 1000`,
      [age / 1000],
    );
    for (const r of requests) await this.queues.enqueueSuggest({ conversationId: r.conversation_id, revision: r.revision, correlationId: r.correlation_id });
    const imports = await db.execute<{ id: string; correlation_id: string }[]>(
      `SELECT id, correlation_id FROM catalogue_imports
        WHERE status IN ('queued', 'running') AND updated_at < now() - make_interval(secs => ?) ORDER BY updated_at LIMIT 100`,
      [age / 1000],
    );
    for (const i of imports) await this.queues.enqueueImport({ importId: i.id, correlationId: i.correlation_id });
    const total = requests.length + imports.length;
    if (total) this.logger.info({ suggestions: requests.length, imports: imports.length }, 'sweeper enqueued unfinished work');
    return total;
  }
}
