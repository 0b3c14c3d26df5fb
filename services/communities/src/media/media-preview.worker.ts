import { randomUUID } from 'node:crypto';
import { EntityManager } from '@mikro-orm/postgresql';
import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnModuleDestroy } from '@nestjs/common';
import { MediaUpdated } from '@kc/contracts';
import { EventOutbox } from '@kc/messaging';
import { sqlRows } from '@kc/persistence';
import { announceCollections, collectionsHoldingMedia } from '../collection/collection-announcements';
import { COMMUNITIES_CONFIG, type CommunitiesConfig } from '../config';
import { MEDIA_FACTS_SQL, mediaFactsOf, type MediaFactsRow } from './media.facts';
import { PreviewDescriber, type PreviewOutcome } from './media-preview';
import { SafeFetcher, systemResolver } from './safe-fetcher';

/** The describer the worker uses; tests may provide their own (e.g. with an injected resolver). */
export const PREVIEW_DESCRIBER = Symbol('kc:media-preview-describer');

export const previewDescriberFor = (config: CommunitiesConfig) =>
  new PreviewDescriber(
    new SafeFetcher({
      allowLoopback: config.MEDIA_PREVIEW_ALLOW_LOOPBACK_FOR_TESTS,
      timeoutMs: config.MEDIA_PREVIEW_TIMEOUT_MS,
      maxBytes: config.MEDIA_PREVIEW_MAX_BYTES,
      maxRedirects: config.MEDIA_PREVIEW_MAX_REDIRECTS,
    }),
    systemResolver,
  );

const BATCH = 4;

/**
 * A table whose rows are preview jobs: `id`, `url` and the preview columns of `media_references`
 * (kind, kind_chosen, title, description, site_name, image_url, preview, fetched_at,
 * next_fetch_at, attempts, lease_until, last_error). `announce` records, in the transaction
 * that wrote the outcome, the event that tells others.
 */
export interface PreviewJobs {
  table: string;
  announce(em: EntityManager, id: string): Promise<void>;
}

/**
 * Fetches link previews in the background (ADR 0022). The row is the job:
 * due when `next_fetch_at` has passed — at once for a new link, after a backoff for a retry, a
 * week after the last good fetch. A pass claims due rows with a lease (`FOR UPDATE SKIP LOCKED`,
 * so replicas share the work), fetches outside any transaction, and writes the outcome with a
 * `media.updated` event in one transaction. A worker that dies mid-fetch leaves a lease that
 * runs out: the row is due again, nothing is lost. Every replica polls; `wake()` starts a pass
 * right after a link was added.
 */
export abstract class PreviewJobWorker implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger(this.constructor.name);
  private timer?: NodeJS.Timeout;
  private running?: Promise<void>;
  private again = false;
  private stopped = false;

  protected constructor(
    private readonly em: EntityManager,
    private readonly describer: PreviewDescriber,
    private readonly config: CommunitiesConfig,
    private readonly jobs: PreviewJobs,
  ) {}

  onApplicationBootstrap(): void {
    this.timer = setInterval(() => this.wake(), this.config.MEDIA_PREVIEW_POLL_MS);
    this.timer.unref();
    this.wake();
  }

  async onModuleDestroy(): Promise<void> {
    this.stopped = true;
    clearInterval(this.timer);
    await this.running;
  }

  /** Starts a pass now (or one more after the running pass). */
  wake(): void {
    if (this.stopped) return;
    if (this.running) {
      this.again = true;
      return;
    }
    this.running = this.drain()
      .then(() => undefined)
      .catch((error) => this.logger.warn(`media preview pass failed: ${(error as Error).message}`))
      .finally(() => {
        this.running = undefined;
        if (this.again) {
          this.again = false;
          this.wake();
        }
      });
  }

  /** Passes until nothing is due; returns how many previews were attempted. */
  async drain(): Promise<number> {
    let total = 0;
    for (;;) {
      if (this.stopped) return total;
      const claimed = await this.claim();
      if (claimed.length === 0) return total;
      await Promise.all(claimed.map((row) => this.process(row)));
      total += claimed.length;
    }
  }

  private async claim(): Promise<{ id: string; url: string; attempts: number }[]> {
    const leaseSeconds = Math.ceil((this.config.MEDIA_PREVIEW_TIMEOUT_MS * 3) / 1000) + 30;
    return sqlRows(
      this.em.fork(),
      `UPDATE ${this.jobs.table} SET lease_until = now() + make_interval(secs => $1), attempts = attempts + 1
        WHERE id IN (SELECT id FROM ${this.jobs.table}
                      WHERE next_fetch_at <= now() AND (lease_until IS NULL OR lease_until < now())
                      ORDER BY next_fetch_at LIMIT $2 FOR UPDATE SKIP LOCKED)
        RETURNING id, url, attempts`,
      [leaseSeconds, BATCH],
    );
  }

  private async process(row: { id: string; url: string; attempts: number }): Promise<void> {
    let outcome: PreviewOutcome;
    try {
      outcome = await this.describer.describe(row.url);
    } catch (error) {
      this.logger.warn(`media preview ${row.id} failed unexpectedly: ${(error as Error).message}`);
      outcome = { ok: false, reason: 'NETWORK', permanent: false, kind: null };
    }
    await this.record(row, outcome);
  }

  private async record(row: { id: string; attempts: number }, outcome: PreviewOutcome): Promise<void> {
    const refresh = this.config.MEDIA_PREVIEW_REFRESH_HOURS * 3600;
    await this.em.fork().transactional(async (em) => {
      const [current] = await sqlRows<{ preview: string }>(em, `SELECT preview FROM ${this.jobs.table} WHERE id = $1 FOR UPDATE`, [row.id]);
      if (!current) return; // removed meanwhile
      if (outcome.ok) {
        const p = outcome.preview;
        await sqlRows(
          em,
          `UPDATE ${this.jobs.table} SET title = $2, description = $3, site_name = $4, image_url = $5,
                  kind = CASE WHEN kind_chosen THEN kind ELSE $6 END, preview = 'ready', fetched_at = now(),
                  next_fetch_at = now() + make_interval(secs => $7), attempts = 0, lease_until = NULL, last_error = NULL
            WHERE id = $1`,
          [row.id, p.title, p.description, p.siteName, p.imageUrl, p.kind, refresh],
        );
      } else {
        const giveUp = outcome.permanent || row.attempts >= this.config.MEDIA_PREVIEW_ATTEMPTS;
        // A refresh that fails keeps the preview it had; a first fetch that gives up is `failed`, and is tried again after the refresh age.
        const backoff = giveUp ? refresh : Math.min(30 * 4 ** (row.attempts - 1), 3600);
        await sqlRows(
          em,
          `UPDATE ${this.jobs.table} SET preview = CASE WHEN $3 AND preview = 'pending' THEN 'failed' ELSE preview END,
                  kind = CASE WHEN kind_chosen OR $5::text IS NULL THEN kind ELSE $5 END,
                  next_fetch_at = now() + make_interval(secs => $2), attempts = CASE WHEN $3 THEN 0 ELSE attempts END,
                  lease_until = NULL, last_error = $4
            WHERE id = $1`,
          [row.id, backoff, giveUp, outcome.reason, outcome.kind],
        );
        if (!giveUp) return;
      }
      await this.jobs.announce(em, row.id);
    });
  }
}

/** The previews of media references in conversations (`media.updated` tells search). */
@Injectable()
export class MediaPreviewWorker extends PreviewJobWorker {
  constructor(em: EntityManager, outbox: EventOutbox, @Inject(PREVIEW_DESCRIBER) describer: PreviewDescriber, @Inject(COMMUNITIES_CONFIG) config: CommunitiesConfig) {
    super(em, describer, config, {
      table: 'media_references',
      async announce(em, id) {
        const [facts] = await sqlRows<MediaFactsRow>(em, `${MEDIA_FACTS_SQL} WHERE r.id = $1`, [id]);
        const origin = { actor: null, correlationId: randomUUID() };
        await outbox.record(em, MediaUpdated, mediaFactsOf(facts!), { ...origin, region: facts!.regionId });
        // Collections show a media reference by its preview's title: search learns it too.
        await announceCollections(em, outbox, await collectionsHoldingMedia(em, id), origin);
      },
    });
  }
}
