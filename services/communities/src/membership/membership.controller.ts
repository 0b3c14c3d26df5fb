import { Controller } from '@nestjs/common';
import { Payload } from '@nestjs/microservices';
import {
  AcceptInvitation, AnswerMembershipRequest, ChangeMemberRole, CreateInvitation, GetCommunityPlan, GetInvitation, ListInvitations, ListMembershipRequests,
  RemoveMember, RevokeInvitation, SetCommunityPlan, UpdateCommunity,
} from '@kc/contracts';
import { Rpc, type RpcCall } from '@kc/messaging';
import { MembershipService } from './membership.service';
import { PlanService } from './plan.service';

@Controller()
export class MembershipController {
  constructor(
    private readonly membership: MembershipService,
    private readonly plans: PlanService,
  ) {}

  @Rpc(UpdateCommunity)
  update(@Payload() { data, ctx }: RpcCall<typeof UpdateCommunity>) {
    return this.membership.setJoinMode(ctx, data);
  }

  @Rpc(ListMembershipRequests)
  requests(@Payload() { data, ctx }: RpcCall<typeof ListMembershipRequests>) {
    return this.membership.requests(ctx, data.communityId);
  }

  @Rpc(AnswerMembershipRequest)
  answer(@Payload() { data, ctx }: RpcCall<typeof AnswerMembershipRequest>) {
    return this.membership.answer(ctx, data);
  }

  @Rpc(CreateInvitation)
  invite(@Payload() { data, ctx }: RpcCall<typeof CreateInvitation>) {
    return this.membership.createInvitation(ctx, data);
  }

  @Rpc(ListInvitations)
  invitations(@Payload() { data, ctx }: RpcCall<typeof ListInvitations>) {
    return this.membership.invitations(ctx, data.communityId);
  }

  @Rpc(RevokeInvitation)
  revoke(@Payload() { data, ctx }: RpcCall<typeof RevokeInvitation>) {
    return this.membership.revokeInvitation(ctx, data);
  }

  @Rpc(GetInvitation)
  invitation(@Payload() { data, ctx }: RpcCall<typeof GetInvitation>) {
    return this.membership.invitation(ctx, data.token);
  }

  @Rpc(AcceptInvitation)
  accept(@Payload() { data, ctx }: RpcCall<typeof AcceptInvitation>) {
    return this.membership.acceptInvitation(ctx, data.token);
  }

  @Rpc(ChangeMemberRole)
  role(@Payload() { data, ctx }: RpcCall<typeof ChangeMemberRole>) {
    return this.membership.changeRole(ctx, data);
  }

  @Rpc(RemoveMember)
  remove(@Payload() { data, ctx }: RpcCall<typeof RemoveMember>) {
    return this.membership.remove(ctx, data);
  }

  @Rpc(SetCommunityPlan)
  setPlan(@Payload() { data, ctx }: RpcCall<typeof SetCommunityPlan>) {
    return this.plans.set(ctx, data);
  }

  @Rpc(GetCommunityPlan)
  plan(@Payload() { data, ctx }: RpcCall<typeof GetCommunityPlan>) {
    return this.plans.get(ctx, data.communityId);
  }
}
