import { Module } from '@nestjs/common';
import { AccountNameModule } from '../account-name/account-name.module';
import { CommunityModule } from '../community/community.module';
import { RegionModule } from '../region/region.module';
import { CommunityPartnerService } from './community-partner.service';
import { OrganisationMemberService } from './organisation-member.service';
import { OrganisationController } from './organisation.controller';
import { OrganisationService } from './organisation.service';

/** Partner organisations: profiles, members with roles, and the communities they co-host (ADR 0037). */
@Module({
  imports: [CommunityModule, AccountNameModule, RegionModule],
  controllers: [OrganisationController],
  providers: [OrganisationService, OrganisationMemberService, CommunityPartnerService],
})
export class OrganisationModule {}
