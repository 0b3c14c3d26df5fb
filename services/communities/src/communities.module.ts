import { Module, type DynamicModule } from '@nestjs/common';
import { AccessDirectory, AuthModule, operatorUsageModule, personalDataModule } from '@kc/auth';
import { CommunitiesPersonalData, CommunitiesUsage } from '@kc/contracts';
import { NatsClient, serviceHealthModule, serviceBackbone } from '@kc/messaging';
import { DatabaseHealthIndicator } from '@kc/persistence';
import type { Logger } from 'pino';
import { Community, Membership } from './community/community.entity';
import { CommunityModule } from './community/community.module';
import type { CommunitiesConfig } from './config';
import { COMMUNITIES_CONFIG } from './config';
import { Conversation } from './conversation/conversation.entity';
import { CommunitiesErasureModule } from './erasure/erasure.handlers';
import { CollectionModule } from './collection/collection.module';
import { ContributionModule } from './contribution/contribution.module';
import { ConversationTitleModule } from './conversation-title/conversation-title.module';
import { ConversationModule } from './conversation/conversation.module';
import { MediaModule } from './media/media.module';
import { MembershipModule } from './membership/membership.module';
import { BlockModule } from './block/block.module';
import { CommunityAuditModule } from './audit/community-audit.module';
import { ReportModule } from './report/report.module';
import { OrganisationModule } from './organisation/organisation.module';
import { PostingLimitModule } from './posting-limit/posting-limit.module';
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
        MembershipModule,
        BlockModule,
        CommunityAuditModule,
        ReportModule,
        OrganisationModule,
        PostingLimitModule.forRoot(config),
        ConversationModule,
        ContributionModule,
        ConversationTitleModule,
        operatorUsageModule(CommunitiesUsage, [
          { table: 'communities', count: 'communities' },
          { table: 'memberships', count: 'members', via: { table: 'communities', column: 'community_id' } },
          { table: 'conversations', count: 'conversations' },
          { table: 'contributions', count: 'contributions' },
          { table: 'media_references', count: 'media' },
          { table: 'collections', count: 'collections' },
        ]),
        MediaModule.forRoot(config),
        CollectionModule.forRoot(config),
        CommunitiesErasureModule,
        personalDataModule(CommunitiesPersonalData, 'communities', [
          { name: 'communitiesStarted', table: 'communities', column: 'organiser_id' },
          { name: 'memberships', table: 'memberships', column: 'account_id' },
          { name: 'conversations', table: 'conversations', column: 'author_id' },
          { name: 'contributions', table: 'contributions', column: 'author_id' },
          { name: 'reactions', table: 'contribution_reactions', column: 'account_id' },
          { name: 'mentionsOfMe', table: 'contribution_mentions', column: 'account_id' },
          { name: 'titlesAdded', table: 'conversation_titles', column: 'added_by' },
          { name: 'suggestionsDismissed', table: 'conversation_dismissals', column: 'dismissed_by' },
          { name: 'mediaAdded', table: 'media_references', column: 'added_by' },
          { name: 'collectionsStarted', table: 'collections', column: 'created_by' },
          { name: 'collectionItemsAdded', table: 'collection_items', column: 'added_by' },
          { name: 'blocksOfMe', table: 'community_blocks', column: 'account_id' },
          { name: 'blocksMade', table: 'community_blocks', column: 'blocked_by' },
          { name: 'reportsMade', table: 'reports', column: 'reporter_id' },
          { name: 'moderationActions', table: 'community_audit', column: 'actor_id' },
          { name: 'organisationMemberships', table: 'organisation_members', column: 'account_id' },
          { name: 'organisationsCreated', table: 'organisations', column: 'created_by' },
          { name: 'partnersNamed', table: 'community_partners', column: 'added_by' },
        ]),
      ],
      providers: [{ provide: COMMUNITIES_CONFIG, useValue: config }],
      exports: [COMMUNITIES_CONFIG],
    };
  }
}
