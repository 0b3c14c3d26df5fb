import { z } from 'zod';
import { BaseConfigSchema, loadConfig } from '@kc/observability';

export const CatalogueConfigSchema = BaseConfigSchema.extend({
  CATALOGUE_HTTP_PORT: z.coerce.number().int().min(0).max(65535).default(3104),
  CATALOGUE_WORKER_HTTP_PORT: z.coerce.number().int().min(0).max(65535).default(3105),
  /** BullMQ key prefix in Redis: one per environment (tests pass their own). */
  KC_QUEUE_PREFIX: z.string().regex(/^[a-zA-Z0-9:_-]+$/).default('kc'),
  /** Attempts per job before it is kept as failed (the first run counts). */
  CATALOGUE_JOB_ATTEMPTS: z.coerce.number().int().min(1).max(50).default(6),
  /** First retry delay; doubles every attempt (exponential backoff). */
  CATALOGUE_JOB_BACKOFF_MS: z.coerce.number().int().min(10).max(600_000).default(2000),
  CATALOGUE_IMPORT_CONCURRENCY: z.coerce.number().int().min(1).max(16).default(1),
  /**
   * A conversation that grew (ConversationGrew) is suggested for after this pause: contributions
   * that follow each other quickly make newer revisions, and only the newest is computed.
   */
  CATALOGUE_SUGGEST_DEBOUNCE_MS: z.coerce.number().int().min(0).max(600_000).default(10_000),
  CATALOGUE_SUGGEST_CONCURRENCY: z.coerce.number().int().min(1).max(64).default(4),
  /** Records upserted per transaction during an import. */
  CATALOGUE_IMPORT_BATCH_SIZE: z.coerce.number().int().min(1).max(5000).default(500),
  /**
   * MARCXML (and ISO 2709) uploads up to this size are checked as a whole while the upload
   * request waits (a broken file is a 400 and nothing is created); larger files are checked by
   * the worker before it imports anything. Keep it well inside the gateway's RPC timeout
   * (5 MB take well under a second); 0 checks everything in the worker.
   */
  CATALOGUE_IMPORT_SYNC_CHECK_MAX_BYTES: z.coerce.number().int().min(0).max(100 * 1024 * 1024).default(5 * 1024 * 1024),
  /**
   * A job's lock, renewed every half of it while the job runs: a worker that died (kill -9)
   * leaves its jobs active until the lock lapses, and BullMQ then hands them to a living
   * worker within half of it again.
   */
  CATALOGUE_JOB_LOCK_MS: z.coerce.number().int().min(1000).max(600_000).default(10_000),
  /** How often the worker looks for pending work that lost its job (e.g. Redis lost its data). */
  CATALOGUE_SWEEP_INTERVAL_MS: z.coerce.number().int().min(100).max(3_600_000).default(30_000),
  /** Pending work older than this without progress is enqueued again (same job id: no duplicates). */
  CATALOGUE_SWEEP_AFTER_MS: z.coerce.number().int().min(0).max(86_400_000).default(60_000),
  /** Fresh jobs the sweeper gives a suggestion request whose job failed unrecorded, before the request is marked failed. */
  CATALOGUE_SWEEP_MAX_RETRIES: z.coerce.number().int().min(0).max(20).default(2),
});
export type CatalogueConfig = z.infer<typeof CatalogueConfigSchema>;
export const CATALOGUE_CONFIG = Symbol('CATALOGUE_CONFIG');

export const loadCatalogueConfig = (env = process.env) => loadConfig('catalogue', CatalogueConfigSchema, env);
