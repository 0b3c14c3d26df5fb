import type { EntityManager } from '@mikro-orm/postgresql';
import { MikroORM } from '@mikro-orm/core';
import { Inject, Injectable, type OnApplicationBootstrap, type OnModuleDestroy } from '@nestjs/common';
import type { Job, Queue } from 'bullmq';
import type { Logger } from 'pino';
import { CATALOGUE_CONFIG, type CatalogueConfig } from '../config';
import { SuggestionService } from '../suggestion/suggestion.service';
import { CATALOGUE_LOGGER } from '../tokens';
import { CatalogueQueues, importJobId, suggestJobId } from './queues';

interface PendingRequest {
  conversation_id: string;
  revision: number;
  correlation_id: string;
  attempts: number;
}

type Requeue = 'enqueued' | 'in-queue' | 'gave-up';

/**
 * PostgreSQL is the record of what must happen, Redis only the means: every interval the
 * worker looks at the suggestion requests and imports still unfinished after
 * `CATALOGUE_SWEEP_AFTER_MS` and gives each a job that can run (ADR 0011):
 * - no job (Redis lost its data, an enqueue failed after a commit): add it;
 * - a job that is waiting, delayed or running: leave it;
 * - a job that failed (or completed) while the row is still unfinished — its outcome was never
 *   recorded (the database was away then, a stalled job, an invalid payload): job ids are
 *   deterministic, so that job would block re-adding; remove it and add a fresh one.
 * A suggestion request that has used `CATALOGUE_JOB_ATTEMPTS × (1 + CATALOGUE_SWEEP_MAX_RETRIES)`
 * attempts and whose job failed again is marked `failed` with the job's error: never `pending`
 * for ever, visible, and retried when someone sets it back to `pending`.
 */
@Injectable()
export class QueueSweeper implements OnApplicationBootstrap, OnModuleDestroy {
  private timer?: NodeJS.Timeout;
  private running?: Promise<void>;

  constructor(
    private readonly orm: MikroORM,
    private readonly queues: CatalogueQueues,
    private readonly suggestions: SuggestionService,
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
    const age = this.config.CATALOGUE_SWEEP_AFTER_MS / 1000;
    const requests = await db.execute<PendingRequest[]>(
      `SELECT conversation_id, revision, correlation_id, attempts FROM suggestion_requests
        WHERE status = 'pending' AND updated_at < now() - make_interval(secs => ?) ORDER BY updated_at LIMIT 1000`,
      [age],
    );
    let suggestions = 0;
    let gaveUp = 0;
    for (const r of requests) {
      const outcome = await this.requeueSuggestion(r);
      if (outcome === 'enqueued') suggestions++;
      if (outcome === 'gave-up') gaveUp++;
    }
    const imports = await db.execute<{ id: string; correlation_id: string }[]>(
      `SELECT id, correlation_id FROM catalogue_imports
        WHERE status IN ('queued', 'running') AND updated_at < now() - make_interval(secs => ?) ORDER BY updated_at LIMIT 100`,
      [age],
    );
    let importJobs = 0;
    for (const i of imports) {
      const outcome = await this.requeue(this.queues.import, importJobId(i.id), () => this.queues.enqueueImport({ importId: i.id, correlationId: i.correlation_id }));
      if (outcome === 'enqueued') importJobs++;
    }
    if (suggestions || importJobs || gaveUp) this.logger.info({ suggestions, imports: importJobs, suggestionsFailed: gaveUp }, 'sweeper enqueued unfinished work');
    return suggestions + importJobs;
  }

  private async requeueSuggestion(r: PendingRequest): Promise<Requeue> {
    const limit = this.config.CATALOGUE_JOB_ATTEMPTS * (1 + this.config.CATALOGUE_SWEEP_MAX_RETRIES);
    const data = { conversationId: r.conversation_id, revision: r.revision, correlationId: r.correlation_id };
    return this.requeue(this.queues.suggest, suggestJobId(r.conversation_id, r.revision), () => this.queues.enqueueSuggest(data), async (failed) => {
      if (r.attempts < limit) return false;
      const reason = `${failed.failedReason ?? 'job failed'} (opgegeven na ${r.attempts} pogingen / given up after ${r.attempts} attempts)`;
      await this.suggestions.recordFailure(r.conversation_id, r.revision, reason, true);
      await failed.remove().catch(() => undefined);
      return true;
    });
  }

  /** Makes sure a job that can run exists for `jobId`; `giveUp` may end a row whose job failed instead. */
  private async requeue(queue: Queue, jobId: string, add: () => Promise<unknown>, giveUp?: (failed: Job) => Promise<boolean>): Promise<Requeue> {
    const job = (await queue.getJob(jobId)) as Job | undefined;
    if (job) {
      const state = await job.getState();
      if (state !== 'failed' && state !== 'completed' && state !== 'unknown') return 'in-queue';
      if (state === 'failed' && giveUp && (await giveUp(job))) return 'gave-up';
      // A locked (just picked up) job refuses removal: it is running, leave it to its worker.
      if (state !== 'unknown' && !(await job.remove().then(() => true, () => false))) return 'in-queue';
    }
    await add();
    return 'enqueued';
  }
}
