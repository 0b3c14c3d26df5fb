import { MikroORM } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';
import { Inject, Injectable } from '@nestjs/common';
import { ImportCompleted } from '@kc/contracts';
import { EventOutbox } from '@kc/messaging';
import { UnrecoverableError } from 'bullmq';
import type { Logger } from 'pino';
import { CATALOGUE_CONFIG, type CatalogueConfig } from '../config';
import { readIso2709 } from '../marc/iso2709-reader';
import { mapMarcRecord, type MappedTitle } from '../marc/marc-mapping';
import type { MarcReadResult } from '../marc/marc-record';
import { checkMarcXml, xmlProblemMessages } from '../marc/marcxml-check';
import { readMarcXml } from '../marc/marcxml-reader';
import { refreshTermStatistics } from '../suggestion/engine';
import { TitleService } from '../title/title.service';
import { CATALOGUE_LOGGER } from '../tokens';
import { CatalogueImport, MAX_STORED_ERRORS, type RecordError } from './import.entity';
import { UploadStore } from './upload-store';

/** The worker is shutting down: the import stops at a batch boundary and its job runs again later. */
export class ImportInterrupted extends Error {}

interface Progress {
  /** Bytes of the file read by the import pass so far. */
  bytesRead?: number;
  imported: number;
  failed: number;
  errors: RecordError[];
  errorCount: number;
}

/**
 * One import from start to end: streams the uploaded object through the MARC reader of its
 * format, maps each record and upserts titles in batches, each batch with the import's
 * progress in one transaction. A MARCXML file is first read once as a whole to check that it is
 * well-formed XML: one that is not fails without importing anything. Re-running it (a retry, a
 * restarted worker) is safe: titles are upserted by `(region_id, source_id)` and the counters
 * start again from zero.
 */
@Injectable()
export class ImportRunner {
  private stopping = false;

  constructor(
    private readonly orm: MikroORM,
    private readonly titles: TitleService,
    private readonly uploads: UploadStore,
    private readonly outbox: EventOutbox,
    @Inject(CATALOGUE_CONFIG) private readonly config: CatalogueConfig,
    @Inject(CATALOGUE_LOGGER) private readonly logger: Logger,
  ) {}

  /** Running imports stop at their next batch boundary (graceful shutdown). */
  requestStop(): void {
    this.stopping = true;
  }

  async run(importId: string): Promise<void> {
    const em = this.orm.em.fork() as EntityManager;
    const row = await em.findOne(CatalogueImport, { id: importId });
    if (!row) throw new UnrecoverableError(`import ${importId} does not exist`);
    if (row.status === 'completed' || row.status === 'failed') return; // done before (a duplicate run)

    await em.nativeUpdate(CatalogueImport, { id: importId }, {
      status: 'running', startedAt: row.startedAt ?? new Date(), attempts: row.attempts + 1,
      imported: 0, failed: 0, errors: [], errorCount: 0, updatedAt: new Date(),
    });

    const gone = () => this.finish(row, { imported: 0, failed: 0, errors: [], errorCount: 0 }, [],
      'Het geüploade bestand is niet meer beschikbaar; upload het opnieuw.');

    if (row.format === 'marcxml') {
      // The check pass: nothing is written until the whole document is known to be well-formed.
      const whole = await this.uploads.open(row.objectName);
      if (!whole) return gone();
      const problem = await checkMarcXml(this.interruptible(whole, importId));
      if (problem) {
        const message = xmlProblemMessages(problem).nl;
        await this.finish(row, { imported: 0, failed: 0, errors: [{ record: Math.max(problem.records, 1), message }], errorCount: 1 }, [], message);
        await this.uploads.delete(row.objectName);
        return;
      }
    }

    const [opened, size] = await Promise.all([this.uploads.open(row.objectName), this.uploads.size(row.objectName)]);
    if (!opened) return gone();
    await em.nativeUpdate(CatalogueImport, { id: importId }, { bytesTotal: size, bytesRead: 0 });
    const progress: Progress = { bytesRead: 0, imported: 0, failed: 0, errors: [], errorCount: 0 };
    const source = countBytes(opened, (n) => (progress.bytesRead = n));
    const reader: AsyncIterable<MarcReadResult> = row.format === 'marc21' ? readIso2709(source) : readMarcXml(source);
    let batch: MappedTitle[] = [];

    for await (const result of reader) {
      const mapped = result.kind === 'record' ? mapMarcRecord(result.record) : result.message;
      if (typeof mapped === 'string') {
        progress.failed++;
        progress.errorCount++;
        if (progress.errors.length < MAX_STORED_ERRORS) progress.errors.push({ record: result.n, message: mapped });
        continue;
      }
      batch.push(mapped);
      if (batch.length >= this.config.CATALOGUE_IMPORT_BATCH_SIZE) {
        await this.saveBatch(row, batch, progress);
        batch = [];
        if (this.stopping) throw new ImportInterrupted(`import ${importId} interrupted by shutdown after ${progress.imported} titles`);
      }
    }
    const nothingRead = progress.imported + batch.length === 0;
    await this.finish(row, progress, batch, nothingRead ? this.nothingReadMessage(progress) : null);
    await this.afterCompletion(row);
  }

  /** The chunks of a check pass, which has no batch boundaries: a shutdown stops it between two chunks. */
  private async *interruptible(source: AsyncIterable<Uint8Array>, importId: string): AsyncGenerator<Uint8Array> {
    for await (const chunk of source) {
      if (this.stopping) throw new ImportInterrupted(`import ${importId} interrupted by shutdown while checking the file`);
      yield chunk;
    }
  }

  /** The job failed for good: the import is marked failed (visible with its reason) and ImportCompleted says so. */
  async markFailed(importId: string, reason: string): Promise<void> {
    const em = this.orm.em.fork() as EntityManager;
    const row = await em.findOne(CatalogueImport, { id: importId });
    if (!row || row.status === 'completed' || row.status === 'failed') return;
    await this.finish(row, { imported: row.imported, failed: row.failed, errors: row.errors, errorCount: row.errorCount }, [],
      `De import is mislukt: ${reason}`);
  }

  /** Records a failed attempt that will be retried (the job's own record in BullMQ has the stack). */
  async recordAttemptError(importId: string, reason: string): Promise<void> {
    await (this.orm.em.fork() as EntityManager).nativeUpdate(CatalogueImport, { id: importId }, { lastError: reason.slice(0, 2000), updatedAt: new Date() });
  }

  private nothingReadMessage(progress: Progress): string {
    return progress.errorCount
      ? `Er kon geen enkel record uit het bestand worden gelezen (${progress.errorCount} fout(en)); zie de foutenlijst.`
      : 'Het bestand bevat geen MARC-records.';
  }

  private async saveBatch(row: CatalogueImport, batch: MappedTitle[], progress: Progress): Promise<void> {
    await this.orm.em.fork().transactional(async (tx) => {
      await this.titles.upsertBatch(tx as EntityManager, row.regionId, batch);
      progress.imported += batch.length;
      await this.writeProgress(tx as EntityManager, row.id, progress);
    });
  }

  private async writeProgress(em: EntityManager, id: string, progress: Progress, extra: string = '', params: unknown[] = []): Promise<void> {
    await em.execute(
      `UPDATE catalogue_imports SET imported = ?, failed = ?, errors = ?::jsonb, error_count = ?, bytes_read = coalesce(?, bytes_read), updated_at = now()${extra} WHERE id = ?`,
      [progress.imported, progress.failed, JSON.stringify(progress.errors), progress.errorCount, progress.bytesRead ?? null, ...params, id],
    );
  }

  /** The last batch, the final status and ImportCompleted in one transaction. */
  private async finish(row: CatalogueImport, progress: Progress, batch: MappedTitle[], failure: string | null): Promise<void> {
    const status = failure ? 'failed' : 'completed';
    await this.orm.em.fork().transactional(async (tx) => {
      const em = tx as EntityManager;
      if (batch.length) {
        await this.titles.upsertBatch(em, row.regionId, batch);
        progress.imported += batch.length;
      }
      await this.writeProgress(em, row.id, progress, ', status = ?, last_error = ?, finished_at = now()', [status, failure]);
      await this.outbox.record(em, ImportCompleted, { importId: row.id, status, imported: progress.imported, failed: progress.failed }, {
        region: row.regionId, actor: row.requestedBy, correlationId: row.correlationId, causationId: null,
      });
    });
    this.logger.info({ importId: row.id, status, imported: progress.imported, failed: progress.failed }, 'catalogue import finished');
  }

  /** Best effort after the commit: the engine's statistics and the uploaded object. */
  private async afterCompletion(row: CatalogueImport): Promise<void> {
    try {
      await this.orm.em.fork().transactional((tx) => refreshTermStatistics(tx as EntityManager, row.regionId));
    } catch (error) {
      this.logger.warn({ err: error, importId: row.id }, 'refreshing the suggestion term statistics failed');
    }
    await this.uploads.delete(row.objectName);
  }
}

/** The chunks as they pass, with the running byte count reported after each. */
async function* countBytes(source: AsyncIterable<Uint8Array>, onCount: (bytes: number) => void): AsyncGenerator<Uint8Array> {
  let bytes = 0;
  for await (const chunk of source) {
    bytes += chunk.byteLength;
    onCount(bytes);
    yield chunk;
  }
}
