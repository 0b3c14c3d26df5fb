import { EntityManager } from '@mikro-orm/postgresql';
import { Injectable } from '@nestjs/common';
import { hasStaffRole, requireAccount } from '@kc/auth';
import type { RequestContext } from '@kc/contracts';
import { idempotent } from '@kc/messaging';
import { sniffMarc } from '../marc/marc-sniff';
import { CatalogueQueues } from '../queue/queues';
import { RegionService } from '../region/region.service';
import { CatalogueImport } from './import.entity';
import { fileNotMarc, importForbidden, importIdTaken, importNotFound, uploadNotFound } from './import.errors';
import { UploadStore } from './upload-store';

@Injectable()
export class ImportService {
  constructor(
    private readonly em: EntityManager,
    private readonly regions: RegionService,
    private readonly uploads: UploadStore,
    private readonly queues: CatalogueQueues,
  ) {}

  /**
   * Checks the uploaded object is MARC at all (else 400, the object is removed and nothing is
   * created), records the import as queued and enqueues its job (job id = import id). A retry
   * with the same import id returns the same import and enqueues nothing new.
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

    const created = await idempotent(this.em, ctx, 'catalogue.import.start', async (em) => {
      const row = em.create(CatalogueImport, {
        id: input.importId, regionId, objectName: input.objectName, format,
        requestedBy: ctx.accountId, correlationId: ctx.correlationId,
      } as CatalogueImport);
      em.persist(row);
      return { id: row.id };
    });
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

  private async enqueue(row: CatalogueImport): Promise<void> {
    if (row.status === 'queued' || row.status === 'running') await this.queues.enqueueImport({ importId: row.id, correlationId: row.correlationId });
  }
}
