import type { MikroORM } from '@mikro-orm/core';
import { Module, type DynamicModule, type OnModuleInit } from '@nestjs/common';
import type { Logger } from 'pino';
import { ensureDatabase, serviceDatabaseUrl } from './database';
import { DatabaseHealthIndicator } from './health';
import { mikroOrm } from './mikro-orm';
import { migrateWithLock, ormOptions, type MigrationEntry } from './orm';

export interface PersistenceSettings {
  databaseUrlBase: string;
  dbName: string;
  entities: Function[];
  migrations: MigrationEntry[];
  logger: Logger;
  /** Run pending migrations at start (under an advisory lock). Off when a separate migrate step runs them. */
  migrateOnStart?: boolean;
  /** Connections the service's pool may open (default 10), and how long one may stay idle (default 30 s). */
  poolMax?: number;
  poolIdleMs?: number;
}

class MigrationRunner implements OnModuleInit {
  constructor(private readonly orm: MikroORM, private readonly settings: PersistenceSettings) {}
  async onModuleInit(): Promise<void> {
    if (this.settings.migrateOnStart === false) return;
    const applied = await migrateWithLock(this.orm as never);
    if (applied.length) this.settings.logger.info({ migrations: applied }, 'migrations applied');
  }
}

/** The service's own PostgreSQL database (created if missing), MikroORM, migrations, health. */
@Module({})
export class PersistenceModule {
  static forService(settings: PersistenceSettings): DynamicModule {
    const { MikroORM: Orm } = mikroOrm.core();
    return {
      module: PersistenceModule,
      global: true,
      imports: [
        mikroOrm.nestjs().MikroOrmModule.forRootAsync({
          useFactory: async () => {
            await ensureDatabase(settings.databaseUrlBase, settings.dbName);
            return ormOptions({
              dbName: settings.dbName,
              clientUrl: serviceDatabaseUrl(settings.databaseUrlBase, settings.dbName),
              entities: settings.entities,
              migrations: settings.migrations,
              logger: settings.logger,
              poolMax: settings.poolMax,
              poolIdleMs: settings.poolIdleMs,
            });
          },
        }),
      ],
      providers: [
        { provide: MigrationRunner, useFactory: (orm: MikroORM) => new MigrationRunner(orm, settings), inject: [Orm] },
        { provide: DatabaseHealthIndicator, useFactory: (orm: MikroORM) => new DatabaseHealthIndicator(orm), inject: [Orm] },
      ],
      exports: [DatabaseHealthIndicator],
    };
  }
}
