import { Global, Module, type DynamicModule } from '@nestjs/common';
import { APP_FILTER, APP_GUARD } from '@nestjs/core';
import { AuthModule } from '@kc/auth';
import { MessagingModule } from '@kc/messaging';
import { MetricsRegistry } from '@kc/observability';
import type { Logger } from 'pino';
import { AccountsController } from './api/accounts.controller';
import { SessionsController } from './api/sessions.controller';
import { EmailController } from './api/email.controller';
import { AuditController } from './api/audit.controller';
import { BookTableController } from './api/book-table.controller';
import { BranchesController } from './api/branches.controller';
import { ProfileController } from './api/profile.controller';
import { ActivitiesController } from './api/activities.controller';
import { AttendanceController } from './api/attendance.controller';
import { CohostsController } from './api/cohosts.controller';
import { BlocksController } from './api/blocks.controller';
import { OrganisationsController } from './api/organisations.controller';
import { CommunityAuditController } from './api/community-audit.controller';
import { ModerationController } from './api/moderation.controller';
import { CalendarsController } from './api/calendars.controller';
import { CatalogueController } from './api/catalogue.controller';
import { CollectionsController } from './api/collections.controller';
import { CommunitiesController } from './api/communities.controller';
import { ContributionsController } from './api/contributions.controller';
import { DataExportController } from './api/data-export.controller';
import { ErasureController } from './api/erasure.controller';
import { ConversationTitlesController } from './api/conversation-titles.controller';
import { MediaController } from './api/media.controller';
import { RegionsController } from './api/regions.controller';
import { SearchController } from './api/search.controller';
import { UsageController } from './api/usage.controller';
import { CatalogueUploadModule } from './catalogue/catalogue-upload.module';
import { GATEWAY_CONFIG, type GatewayConfig } from './config';
import { GATEWAY_LOGGER } from './gateway.tokens';
import { HealthController } from './health/health.controller';
import { EdgeContextGuard } from './http/edge-context';
import { ApiErrorFilter } from './http/error.filter';
import { GatewayThrottlerGuard } from './rate-limit/rate-limit';
import { RateLimitModule } from './rate-limit/rate-limit.module';
import { WebModule } from './web/web.module';

@Global()
@Module({})
class GatewayCoreModule {
  static forRoot(config: GatewayConfig, logger: Logger): DynamicModule {
    return {
      module: GatewayCoreModule,
      providers: [
        { provide: GATEWAY_CONFIG, useValue: config },
        { provide: GATEWAY_LOGGER, useValue: logger },
      ],
      exports: [GATEWAY_CONFIG, GATEWAY_LOGGER],
    };
  }
}

/**
 * The HTTP edge: REST `/api/v1` mapped 1:1 onto the request contracts (forwarded over NATS
 * request/reply), the catalogue upload into the object store, `/health`. No
 * database; rate-limit counters and web sessions in Redis; the web UI (WebModule) at the root.
 * Guards run in order: authenticate, then rate limit.
 */
@Module({})
export class GatewayModule {
  static forRoot(config: GatewayConfig, logger: Logger): DynamicModule {
    return {
      module: GatewayModule,
      imports: [
        GatewayCoreModule.forRoot(config, logger),
        MessagingModule.forService(
          { service: 'gateway', natsUrl: config.NATS_URL, namespace: config.KC_NAMESPACE, produces: false, rpcTimeoutMs: config.RPC_TIMEOUT_MS },
          logger,
        ),
        AuthModule.forService(),
        RateLimitModule.forRoot(config, logger),
        CatalogueUploadModule,
        WebModule,
      ],
      controllers: [
        HealthController,
        RegionsController,
        AccountsController,
        SessionsController,
        EmailController,
        CommunitiesController,
        ContributionsController,
        ConversationTitlesController,
        MediaController,
        CollectionsController,
        ActivitiesController,
        BookTableController,
        CalendarsController,
        AttendanceController,
        CohostsController,
        BlocksController,
        OrganisationsController,
        CommunityAuditController,
        ModerationController,
        SearchController,
        CatalogueController,
        AuditController,
        ProfileController,
        UsageController,
        DataExportController,
        ErasureController,
        BranchesController,
      ],
      providers: [
        MetricsRegistry,
        { provide: APP_FILTER, useClass: ApiErrorFilter },
        { provide: APP_GUARD, useClass: EdgeContextGuard },
        { provide: APP_GUARD, useClass: GatewayThrottlerGuard },
      ],
    };
  }
}
