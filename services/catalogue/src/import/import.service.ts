import { EntityManager } from '@mikro-orm/postgresql';
import { Inject, Injectable } from '@nestjs/common';
import { hasStaffRole, requireAccount } from '@kc/auth';
import { StartImport, type RequestContext } from '@kc/contracts';
import { idempotent, requestFingerprint } from '@kc/messaging';
import { CATALOGUE_CONFIG, type CatalogueConfig } from '../config';
import { checkIso2709 } from '../marc/iso2709-reader';
import { sniffMarc, type SniffedFormat } from '../marc/marc-sniff';
import { checkMarcXml } from '../marc/marcxml-check';
import { CatalogueQueues } from '../queue/queues';
import { RegionService } from '../region/region.service';
import { CatalogueImport } from './import.entity';
import {
  fileNotMarc, fileNotWellFormedXml, fileUnreadableIso2709, importForbidden, importIdTaken, importNotFound, uploadNotFound,
} from './import.errors';
import { UploadStore } from './upload-store';

@Injectable()
export class ImportService {
  constructor(
    private readonly em: EntityManager,
    private readonly regions: RegionService,
    private readonly uploads: UploadStore,
    private readonly queues: CatalogueQueues,
    @Inject(CATALOGUE_CONFIG) private readonly config: CatalogueConfig,
  ) {}

  /**
   * Checks the uploaded object is MARC at all and, up to `CATALOGUE_IMPORT_SYNC_CHECK_MAX_BYTES`,
   * that it is readable as a whole (else 400, the object is removed and nothing is created;
   * larger files the worker checks before it imports anything), records the import as queued
   * and enqueues its job (job id = import id). A retry with the same import id returns the same
   * import and enqueues nothing new.
   */
  async start(ctx: RequestContext, input: { importId: string; objectName: string; region?: string }): Promise<CatalogueImport> {
    requireAccount(ctx);
    if (!ctx.isOperator && !hasStaffRole(ctx, 'library_admin')) throw importForbidden();
    const regionId = await this.regions.targetRegion(ctx, input.region);

    const existing = await this.em.fork().findOne(CatalogueImport, { id: input.importId });
    if (existing) {
      if (existing.regionId !== regionId) throw importIdTaken();
      await this.enqueue(existing);
      return existing;
    }

    const head = await this.uploads.head(input.objectName);
    if (!head) throw uploadNotFound();
    const format = sniffMarc(head);
    if (!format) {
      await this.uploads.delete(input.objectName);
      throw fileNotMarc();
    }
    await this.checkWhole(input.objectName, format);

    // Import id and object name are made per upload attempt: the request is the file and where it goes.
    const fingerprint = ctx.idempotencyKey
      ? requestFingerprint(StartImport.pattern, { format, regionId, file: await this.uploads.digest(input.objectName) })
      : undefined;
    const created = await idempotent(this.em, ctx, 'catalogue.import.start', async (em) => {
      const row = em.create(CatalogueImport, {
        id: input.importId, regionId, objectName: input.objectName, format,
        requestedBy: ctx.accountId, correlationId: ctx.correlationId,
      } as CatalogueImport);
      em.persist(row);
      return { id: row.id };
    }, { fingerprint });
    // A retry with the same Idempotency-Key answers with the first import; its own upload is not needed.
    if (created.id !== input.importId) await this.uploads.delete(input.objectName);
    const row = await this.em.fork().findOneOrFail(CatalogueImport, { id: created.id });
    // After the commit: a job never points at an import that does not exist. Should Redis be
    // unreachable here, the worker's sweeper enqueues queued imports later.
    await this.enqueue(row).catch(() => undefined);
    return row;
  }

  async get(ctx: RequestContext, id: string): Promise<CatalogueImport> {
    requireAccount(ctx);
    const row = await this.em.fork().findOne(CatalogueImport, { id });
    if (!row || !(ctx.isOperator || hasStaffRole(ctx, 'library_admin', row.regionId))) throw importNotFound();
    return row;
  }

  /**
   * File-level problems of a small upload, while the request waits: MARCXML that is not
   * well-formed, ISO 2709 of which not a single record can be read. Streamed, never whole in
   * memory. Per-record problems are not looked for here: the import reports and skips them.
   */
  private async checkWhole(objectName: string, format: SniffedFormat): Promise<void> {
    const size = await this.uploads.size(objectName);
    if (size === null) throw uploadNotFound();
    if (size > this.config.CATALOGUE_IMPORT_SYNC_CHECK_MAX_BYTES) return;
    const source = await this.uploads.open(objectName);
    if (!source) throw uploadNotFound();
    if (format === 'marcxml') {
      const problem = await checkMarcXml(source);
      if (!problem) return;
      await this.uploads.delete(objectName);
      throw fileNotWellFormedXml(problem);
    }
    const problem = await checkIso2709(source);
    if (!problem) return;
    await this.uploads.delete(objectName);
    throw fileUnreadableIso2709(problem);
  }

  private async enqueue(row: CatalogueImport): Promise<void> {
    if (row.status === 'queued' || row.status === 'running') await this.queues.enqueueImport({ importId: row.id, correlationId: row.correlationId });
  }
}
