import { Module, RequestMethod, type Type } from '@nestjs/common';
import { PATH_METADATA, METHOD_METADATA } from '@nestjs/common/constants';
import { ActivitiesPagesController } from './activities/activities.controller';
import { AuditPagesController } from './audit/audit.controller';
import { CohostsPagesController } from './cohosts/cohosts.controller';
import { BlocksPagesController } from './blocks/blocks.controller';
import { OrganisationsPagesController } from './organisations/organisations.controller';
import { ModerationPagesController } from './moderation/moderation.controller';
import { CommunityAuditPagesController } from './community-audit/community-audit.controller';
import { BookTablePagesController } from './book-table/book-table.controller';
import { ProfilePagesController } from './profile/profile.controller';
import { CatalogueUploadModule } from '../catalogue/catalogue-upload.module';
import { AuthController } from './auth/auth.controller';
import { CataloguePagesController } from './catalogue/catalogue.controller';
import { CollectionItemsPagesController } from './collections/collection-items.controller';
import { CollectionsPagesController } from './collections/collections.controller';
import { CommunitiesPagesController } from './communities/communities.controller';
import { ContributionsPagesController } from './conversations/contributions.controller';
import { ConversationTitlesPagesController } from './conversations/conversation-titles.controller';
import { MediaPagesController } from './conversations/media.controller';
import { ConversationsPagesController } from './conversations/conversations.controller';
import { SessionRenewal } from './auth/session-renewal';
import { SessionStore } from './auth/session.store';
import { SsoFlowStore } from './auth/sso-flow.store';
import { RegionOverview } from './regions/region-overview';
import { MyActivitiesPagesController } from './my-activities/my-activities.controller';
import { RegionCalendarPagesController } from './calendar/region-calendar.controller';
import { OperatorPagesController } from './operator/operator.controller';
import { RegionsPagesController } from './regions/regions.controller';
import { SearchPagesController } from './search/search.controller';
import { StaffPagesController } from './staff/staff.controller';
import { RegionSettingsPagesController } from './region-settings/region-settings.controller';
import { BranchesPagesController } from './branches/branches.controller';
import { UsagePagesController } from './usage/usage.controller';
import { MyDataPagesController } from './my-data/my-data.controller';
import { ConsentPagesController } from './auth/consent.controller';
import { AccountSessionsController } from './account-sessions/account-sessions.controller';
import { EmailPagesController } from './email/email.controller';
import { InvitationsPagesController } from './membership/invitations.controller';
import { MembersPagesController } from './membership/members.controller';
import { CommunityPlanPagesController } from './membership/plan.controller';
import { WebContextResolver, WebGuard } from './web-context';
import { WebErrorFilter } from './web-error.filter';

const WEB_CONTROLLERS: Type[] = [RegionsPagesController, AuthController, CommunitiesPagesController, ConversationsPagesController, ContributionsPagesController, ConversationTitlesPagesController, MediaPagesController, CollectionsPagesController, CollectionItemsPagesController, ActivitiesPagesController, CohostsPagesController, BlocksPagesController, OrganisationsPagesController, ModerationPagesController, CommunityAuditPagesController, BookTablePagesController, MyActivitiesPagesController, RegionCalendarPagesController, SearchPagesController, StaffPagesController, RegionSettingsPagesController, BranchesPagesController, CataloguePagesController, OperatorPagesController, AuditPagesController, ProfilePagesController, UsagePagesController, MyDataPagesController, AccountSessionsController, ConsentPagesController, EmailPagesController, MembersPagesController, InvitationsPagesController, CommunityPlanPagesController];

/**
 * The web UI (ADR 0005, 0010): server-rendered pages at the site's root, calling the services
 * through the same request contracts as `/api/v1`. No state of its own but sessions in Redis.
 */
@Module({
  imports: [CatalogueUploadModule],
  controllers: WEB_CONTROLLERS,
  providers: [SessionStore, SsoFlowStore, SessionRenewal, WebContextResolver, WebGuard, WebErrorFilter, RegionOverview],
})
export class WebModule {}

/** Every web route, so the API's global prefix (`/api/v1`) leaves them at the root. */
export function webRoutes(): { path: string; method: RequestMethod }[] {
  return WEB_CONTROLLERS.flatMap((controller) =>
    Object.getOwnPropertyNames(controller.prototype)
      .filter((name) => name !== 'constructor')
      .map((name) => controller.prototype[name] as unknown)
      .filter((handler): handler is object => typeof handler === 'function' && Reflect.hasMetadata(PATH_METADATA, handler))
      .map((handler) => ({ path: Reflect.getMetadata(PATH_METADATA, handler) as string, method: Reflect.getMetadata(METHOD_METADATA, handler) as RequestMethod })),
  );
}
