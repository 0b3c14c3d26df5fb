import { Inject, Injectable, type OnApplicationShutdown } from '@nestjs/common';
import { Queue, type ConnectionOptions, type JobsOptions } from 'bullmq';
import { z } from 'zod';
import { Id } from '@kc/contracts';
import type { HealthIndicator } from '@kc/observability';
import { CATALOGUE_CONFIG, type CatalogueConfig } from '../config';

/** Every BullMQ queue of the catalogue (STYLE.md: job names in enums). */
export enum CatalogueQueue {
  Import = 'catalogue-import',
  Suggest = 'catalogue-suggest',
}

/** Job payloads carry ids only (plus the correlation id); the row in PostgreSQL has the rest. */
export const ImportJobData = z.object({ importId: Id, correlationId: z.string().max(200).optional() }).strict();
export type ImportJobData = z.infer<typeof ImportJobData>;
export const SuggestJobData = z.object({ conversationId: Id, revision: z.number().int().nonnegative(), correlationId: z.string().max(200).optional() }).strict();
export type SuggestJobData = z.infer<typeof SuggestJobData>;

/** Deterministic job ids: the same import or conversation revision never becomes two jobs. */
export const importJobId = (importId: string) => importId;
export const suggestJobId = (conversationId: string, revision: number) => `suggest:${conversationId}:${revision}`;

/** `redis://[user:pass@]host:port[/db]` → ioredis options (BullMQ makes its own connections from them). */
export function redisConnection(url: string): ConnectionOptions {
  const u = new URL(url);
  const db = u.pathname.length > 1 ? Number(u.pathname.slice(1)) : 0;
  return {
    host: u.hostname,
    port: u.port ? Number(u.port) : 6379,
    db: Number.isFinite(db) ? db : 0,
    username: u.username ? decodeURIComponent(u.username) : undefined,
    password: u.password ? decodeURIComponent(u.password) : undefined,
    tls: u.protocol === 'rediss:' ? {} : undefined,
  };
}

export function defaultJobOptions(config: CatalogueConfig): JobsOptions {
  return {
    attempts: config.CATALOGUE_JOB_ATTEMPTS,
    backoff: { type: 'exponential', delay: config.CATALOGUE_JOB_BACKOFF_MS },
    removeOnComplete: { age: 7 * 24 * 3600, count: 10_000 },
    // Failed jobs stay visible (and retryable) until someone removes them.
    removeOnFail: false,
  };
}

/** The producer side of the queues, shared by the service (enqueues) and the worker (sweeper). */
@Injectable()
export class CatalogueQueues implements OnApplicationShutdown, HealthIndicator {
  readonly name = 'redis';
  readonly import: Queue<ImportJobData>;
  readonly suggest: Queue<SuggestJobData>;

  constructor(@Inject(CATALOGUE_CONFIG) config: CatalogueConfig) {
    const common = { connection: redisConnection(config.REDIS_URL), prefix: config.KC_QUEUE_PREFIX, defaultJobOptions: defaultJobOptions(config) };
    this.import = new Queue<ImportJobData>(CatalogueQueue.Import, common);
    this.suggest = new Queue<SuggestJobData>(CatalogueQueue.Suggest, common);
    // A queue without Redis rejects each add; the error surfaces there, not as an unhandled event.
    for (const q of [this.import, this.suggest]) q.on('error', () => undefined);
  }

  enqueueImport(data: ImportJobData) {
    return this.import.add('import', ImportJobData.parse(data), { jobId: importJobId(data.importId) });
  }

  /** `delayMs`: the debounce of a grown conversation (a newer revision enqueued meanwhile supersedes this one). */
  enqueueSuggest(data: SuggestJobData, delayMs = 0) {
    return this.suggest.add('suggest', SuggestJobData.parse(data), { jobId: suggestJobId(data.conversationId, data.revision), ...(delayMs > 0 ? { delay: delayMs } : {}) });
  }

  async check(): Promise<void> {
    const client = (await this.import.client) as unknown as { ping(): Promise<string> };
    await client.ping();
  }

  async onApplicationShutdown(): Promise<void> {
    await Promise.allSettled([this.import.close(), this.suggest.close()]);
  }
}
