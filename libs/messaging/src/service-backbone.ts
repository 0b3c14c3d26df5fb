import type { DynamicModule } from '@nestjs/common';
import type { ServiceName } from '@kc/contracts';
import type { BaseConfig } from '@kc/observability';
import { PersistenceModule, serviceDatabaseUrl, type MigrationEntry } from '@kc/persistence';
import type { Logger } from 'pino';
import { MessagingModule } from './messaging.module';

export interface ServiceBackboneOptions {
  service: ServiceName;
  /** Database name without prefix: `communities` → `${KC_DB_PREFIX}communities`. */
  database: string;
  entities: Function[];
  migrations: MigrationEntry[];
  /** Publishes events (own stream and outbox relay). */
  produces: boolean;
}

/**
 * What every back-end service stands on: its own database (created if missing, migrated under
 * a lock) and its messaging (JetStream stream, outbox relay, consumers, request/reply client),
 * both configured from the shared base config.
 */
export function serviceBackbone(config: BaseConfig, logger: Logger, options: ServiceBackboneOptions): DynamicModule[] {
  const dbName = `${config.KC_DB_PREFIX}${options.database}`;
  return [
    PersistenceModule.forService({ databaseUrlBase: config.DATABASE_URL_BASE, dbName, entities: options.entities, migrations: options.migrations, logger, poolMax: config.DATABASE_POOL_MAX, poolIdleMs: config.DATABASE_POOL_IDLE_MS }),
    MessagingModule.forService(
      {
        service: options.service,
        natsUrl: config.NATS_URL,
        namespace: config.KC_NAMESPACE,
        databaseUrl: serviceDatabaseUrl(config.DATABASE_URL_BASE, dbName),
        produces: options.produces,
        rpcTimeoutMs: config.RPC_TIMEOUT_MS,
        retention: { inboxHours: config.KC_INBOX_RETENTION_HOURS, idempotencyHours: config.KC_IDEMPOTENCY_RETENTION_HOURS },
      },
      logger,
    ),
  ];
}
