import type { Constructor, Options } from '@mikro-orm/core';
import type { Migration } from '@mikro-orm/migrations';
import { Migrator } from '@mikro-orm/migrations';
import { PostgreSqlDriver, type MikroORM } from '@mikro-orm/postgresql';
import type { Logger } from 'pino';

export interface MigrationEntry {
  name: string;
  class: Constructor<Migration>;
}

export interface OrmSettings {
  /** e.g. `kc_communities` */
  dbName: string;
  clientUrl: string;
  entities: Function[];
  /** Class migrations in order; the messaging tables come first (see `messagingMigrations`). */
  migrations: MigrationEntry[];
  logger?: Logger;
  poolMax?: number;
}

/** MikroORM defaults shared by every service. */
export function ormOptions(settings: OrmSettings): Options<PostgreSqlDriver> {
  return {
    driver: PostgreSqlDriver,
    clientUrl: settings.clientUrl,
    dbName: settings.dbName,
    entities: settings.entities,
    discovery: { disableDynamicFileAccess: true, requireEntitiesArray: true },
    extensions: [Migrator],
    migrations: { migrationsList: settings.migrations, transactional: true, allOrNothing: true, snapshot: false },
    pool: { min: 0, max: settings.poolMax ?? 10 },
    forceUtcTimezone: true,
    allowGlobalContext: false,
    debug: false,
    logger: (message) => settings.logger?.debug({ orm: true }, message),
  };
}

/**
 * Runs pending migrations under a PostgreSQL advisory lock, so replicas that start together
 * never race (STYLE.md: no migrations in onModuleInit without a lock).
 */
export async function migrateWithLock(orm: MikroORM): Promise<string[]> {
  const knex = orm.em.getConnection().getKnex();
  const lockKey = 0x6b63; // "kc"
  return knex.transaction(async (trx) => {
    await trx.raw('SELECT pg_advisory_xact_lock(?)', [lockKey]);
    const applied = await orm.getMigrator().up();
    return applied.map((m) => m.name);
  });
}
