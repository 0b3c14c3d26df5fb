import { Module, type DynamicModule } from '@nestjs/common';
import { AuthModule, KEY_SOURCE } from '@kc/auth';
import { MessagingModule, NatsClient, serviceHealthModule } from '@kc/messaging';

import { DatabaseHealthIndicator, PersistenceModule } from '@kc/persistence';
import type { Logger } from 'pino';
import type { IdentityConfig } from './config';
import { IDENTITY_CONFIG } from './config';
import { identityMigrations } from './migrations';
import { Region } from './region/region.entity';
import { RegionModule } from './region/region.module';

@Module({})
export class IdentityModule {
  static forRoot(config: IdentityConfig, logger: Logger): DynamicModule {
    const dbName = `${config.KC_DB_PREFIX}identity`;
    return {
      module: IdentityModule,
      imports: [
        PersistenceModule.forService({
          databaseUrlBase: config.DATABASE_URL_BASE,
          dbName,
          entities: [Region],
          migrations: identityMigrations,
          logger,
        }),
        MessagingModule.forService(
          {
            service: 'identity',
            natsUrl: config.NATS_URL,
            namespace: config.KC_NAMESPACE,
            databaseUrl: `${config.DATABASE_URL_BASE}/${dbName}`,
            produces: true,
            rpcTimeoutMs: config.RPC_TIMEOUT_MS,
          },
          logger,
        ),
        // TODO(identity): replace with the service's own signing keys.
        AuthModule.forService({ provide: KEY_SOURCE, useValue: { publicKey: async () => undefined } }),
        serviceHealthModule('identity', [DatabaseHealthIndicator, NatsClient]),
        RegionModule,
      ],
      providers: [{ provide: IDENTITY_CONFIG, useValue: config }],
      exports: [IDENTITY_CONFIG],
    };
  }
}
