import { Module } from '@nestjs/common';
import { AccountNameModule } from '../account-name/account-name.module';
import { CommunityModule } from '../community/community.module';
import { MembershipController } from './membership.controller';
import { MembershipService } from './membership.service';
import { PlanService } from './plan.service';

/** Join modes, requests to join, invitations, roles and the community plan. */
@Module({
  imports: [CommunityModule, AccountNameModule],
  controllers: [MembershipController],
  providers: [MembershipService, PlanService],
})
export class MembershipModule {}
