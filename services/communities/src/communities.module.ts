import { Module, type DynamicModule } from '@nestjs/common';
import { AccessDirectory, AuthModule, operatorUsageModule } from '@kc/auth';
import { CommunitiesUsage } from '@kc/contracts';
import { NatsClient, serviceHealthModule, serviceBackbone } from '@kc/messaging';
import { DatabaseHealthIndicator } from '@kc/persistence';
import type { Logger } from 'pino';
import { Community, Membership } from './community/community.entity';
import { CommunityModule } from './community/community.module';
import type { CommunitiesConfig } from './config';
import { COMMUNITIES_CONFIG } from './config';
import { Conversation } from './conversation/conversation.entity';
import { ContributionModule } from './contribution/contribution.module';
import { ConversationTitleModule } from './conversation-title/conversation-title.module';
import { ConversationModule } from './conversation/conversation.module';
import { MediaModule } from './media/media.module';
import { communitiesMigrations } from './migrations';
import { RegionProjection } from './region/region.entity';
import { RegionModule } from './region/region.module';

@Module({})
export class CommunitiesModule {
  static forRoot(config: CommunitiesConfig, logger: Logger): DynamicModule {
    return {
      module: CommunitiesModule,
      imports: [
        ...serviceBackbone(config, logger, { service: 'communities', database: 'communities', entities: [RegionProjection, Community, Membership, Conversation], migrations: communitiesMigrations, produces: true }),
        AuthModule.forService(),
        serviceHealthModule('communities', [DatabaseHealthIndicator, NatsClient, AccessDirectory]),
        RegionModule,
        CommunityModule,
        ConversationModule,
        ContributionModule,
        ConversationTitleModule,
        operatorUsageModule(CommunitiesUsage, [
          { table: 'communities', count: 'communities' },
          { table: 'memberships', count: 'members', via: { table: 'communities', column: 'community_id' } },
          { table: 'conversations', count: 'conversations' },
          { table: 'contributions', count: 'contributions' },
        ]),
        MediaModule.forRoot(config),
      ],
      providers: [{ provide: COMMUNITIES_CONFIG, useValue: config }],
      exports: [COMMUNITIES_CONFIG],
    };
  }
}
