import { Module, type DynamicModule } from '@nestjs/common';
import { AuthModule } from '@kc/auth';
import { MessagingModule, NatsClient, serviceHealthModule } from '@kc/messaging';
import { DatabaseHealthIndicator, PersistenceModule } from '@kc/persistence';
import type { Logger } from 'pino';
import { Community, Membership } from './community/community.entity';
import { CommunityModule } from './community/community.module';
import type { CommunitiesConfig } from './config';
import { COMMUNITIES_CONFIG } from './config';
import { Conversation } from './conversation/conversation.entity';
import { ConversationModule } from './conversation/conversation.module';
import { communitiesMigrations } from './migrations';
import { RegionProjection } from './region/region.entity';
import { RegionModule } from './region/region.module';

@Module({})
export class CommunitiesModule {
  static forRoot(config: CommunitiesConfig, logger: Logger): DynamicModule {
    const dbName = `${config.KC_DB_PREFIX}communities`;
    return {
      module: CommunitiesModule,
      imports: [
        PersistenceModule.forService({
          databaseUrlBase: config.DATABASE_URL_BASE,
          dbName,
          entities: [RegionProjection, Community, Membership, Conversation],
          migrations: communitiesMigrations,
          logger,
        }),
        MessagingModule.forService(
          {
            service: 'communities',
            natsUrl: config.NATS_URL,
            namespace: config.KC_NAMESPACE,
            databaseUrl: `${config.DATABASE_URL_BASE}/${dbName}`,
            produces: true,
            rpcTimeoutMs: config.RPC_TIMEOUT_MS,
          },
          logger,
        ),
        AuthModule.forService(),
        serviceHealthModule('communities', [DatabaseHealthIndicator, NatsClient]),
        RegionModule,
        CommunityModule,
        ConversationModule,
      ],
      providers: [{ provide: COMMUNITIES_CONFIG, useValue: config }],
      exports: [COMMUNITIES_CONFIG],
    };
  }
}
