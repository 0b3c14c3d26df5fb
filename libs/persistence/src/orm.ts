import type { Constructor, Options } from '@mikro-orm/core';
import type { Migration } from '@mikro-orm/migrations';
import type { MikroORM, PostgreSqlDriver } from '@mikro-orm/postgresql';
import type { Logger } from 'pino';
import { mikroOrm } from './mikro-orm';

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
  /** An idle pooled connection is closed after this long (default 30 s). */
  poolIdleMs?: number;
}

/** MikroORM defaults shared by every service. */
export function ormOptions(settings: OrmSettings): Options<PostgreSqlDriver> {
  return {
    driver: mikroOrm.postgresql().PostgreSqlDriver,
    clientUrl: settings.clientUrl,
    dbName: settings.dbName,
    entities: settings.entities,
    discovery: { disableDynamicFileAccess: true, requireEntitiesArray: true },
    extensions: [mikroOrm.migrations().Migrator],
    migrations: { migrationsList: settings.migrations, transactional: true, allOrNothing: true, snapshot: false },
    pool: { min: 0, max: settings.poolMax ?? 10, idleTimeoutMillis: settings.poolIdleMs ?? 30_000 },
    forceUtcTimezone: true,
    allowGlobalContext: false,
    debug: false,
    logger: (message) => settings.logger?.debug({ orm: true }, message),
    // knex writes its own warnings (`Connection Error: …` for every pooled connection a
    // PostgreSQL restart ends) with console.log; they go through the service's logger instead.
    driverOptions: { log: knexLog(settings.logger) },
  };
}

function knexLog(logger: Logger | undefined) {
  const at = (level: 'debug' | 'warn' | 'error') => (message: unknown) => logger?.[level]({ orm: 'knex' }, String(message));
  return { debug: at('debug'), warn: at('warn'), error: at('error'), deprecate: (method: string, alternative: string) => logger?.warn({ orm: 'knex' }, `${method} is deprecated, use ${alternative}`) };
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
