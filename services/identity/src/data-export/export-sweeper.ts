import { MikroORM } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';
import { Injectable, Logger, type OnApplicationBootstrap, type OnModuleDestroy } from '@nestjs/common';
import { PeriodicPass, sqlRows } from '@kc/persistence';

const HOUR_MS = 3_600_000;

/**
 * An export is kept for a week; after that its document (everything about a person) is deleted.
 * The row stays without it, so asking for it says 410 "expired" rather than "never existed".
 */
@Injectable()
export class ExportSweeper implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly passes = new PeriodicPass('expired export sweep', () => this.forgetExpired(), new Logger(ExportSweeper.name));

  constructor(private readonly orm: MikroORM) {}

  onApplicationBootstrap(): void {
    this.passes.start(HOUR_MS);
  }

  onModuleDestroy(): Promise<void> {
    return this.passes.stop();
  }

  /** Deletes the documents of expired exports; returns how many. */
  async forgetExpired(): Promise<number> {
    const rows = await sqlRows(this.orm.em.fork() as EntityManager, 'UPDATE data_exports SET document = NULL WHERE expires_at <= now() AND document IS NOT NULL RETURNING id');
    return rows.length;
  }
}
