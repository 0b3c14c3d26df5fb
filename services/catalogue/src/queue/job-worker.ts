import { DelayedError, UnrecoverableError, Worker, type Job } from 'bullmq';
import type { Logger } from 'pino';
import type { ZodType } from 'zod';
import { withCorrelation } from '@kc/observability';
import type { CatalogueConfig } from '../config';
import { redisConnection, type CatalogueQueue } from './queues';

export interface JobHandler<T> {
  /** Does the work; throw to retry (exponential backoff), UnrecoverableError to fail at once. */
  process(data: T, job: Job<T>): Promise<void>;
  /** Called after a failed attempt; `final` when no retry follows. Record it where an operator sees it. */
  onFailure(data: T, error: Error, final: boolean): Promise<void>;
}

/** Thrown by a handler to put its job back in the queue without spending an attempt (shutdown). */
export class RequeueJob extends Error {}

/**
 * A BullMQ worker for one queue: validates the payload (an invalid one is a permanent
 * failure), runs the handler in the job's correlation id, records failures, and on
 * `close()` waits for the jobs in hand.
 */
export function startJobWorker<T>(
  queue: CatalogueQueue,
  schema: ZodType<T>,
  handler: JobHandler<T>,
  config: CatalogueConfig,
  concurrency: number,
  logger: Logger,
): Worker {
  const worker = new Worker(
    queue,
    async (job: Job, token?: string) => {
      const parsed = schema.safeParse(job.data);
      if (!parsed.success) throw new UnrecoverableError(`invalid ${queue} job payload: ${parsed.error.message}`);
      const data = parsed.data;
      const correlationId = (job.data as { correlationId?: string }).correlationId ?? `job:${job.id}`;
      await withCorrelation(correlationId, async () => {
        try {
          await handler.process(data, job as Job<T>);
        } catch (error) {
          if (error instanceof RequeueJob) {
            await job.moveToDelayed(Date.now() + 100, token);
            throw new DelayedError();
          }
          const final = error instanceof UnrecoverableError || job.attemptsMade + 1 >= (job.opts.attempts ?? 1);
          logger.warn({ err: error, queue, jobId: job.id, attempt: job.attemptsMade + 1, final }, final ? 'job failed for good' : 'job failed; will retry');
          await handler.onFailure(data, error as Error, final).catch((e) => logger.error({ err: e, jobId: job.id }, 'could not record a job failure'));
          throw error;
        }
      });
    },
    {
      connection: redisConnection(config.REDIS_URL),
      prefix: config.KC_QUEUE_PREFIX,
      concurrency,
      autorun: true,
      lockDuration: config.CATALOGUE_JOB_LOCK_MS,
      stalledInterval: Math.floor(config.CATALOGUE_JOB_LOCK_MS / 2),
    },
  );
  worker.on('error', (error) => logger.warn({ err: error, queue }, 'queue worker error'));
  return worker;
}
