import { Controller } from '@nestjs/common';
import { Payload } from '@nestjs/microservices';
import { AnswerCohost, CohostInvitations, InviteCohost, ListCohosts, RemoveCohost } from '@kc/contracts';
import { Rpc, type RpcCall } from '@kc/messaging';
import { CohostService } from './cohost.service';

@Controller()
export class CohostController {
  constructor(private readonly cohosts: CohostService) {}

  @Rpc(InviteCohost)
  invite(@Payload() { data, ctx, meta }: RpcCall<typeof InviteCohost>) {
    return this.cohosts.invite(ctx, meta, data);
  }

  @Rpc(AnswerCohost)
  answer(@Payload() { data, ctx, meta }: RpcCall<typeof AnswerCohost>) {
    return this.cohosts.answer(ctx, meta, data);
  }

  @Rpc(RemoveCohost)
  remove(@Payload() { data, ctx, meta }: RpcCall<typeof RemoveCohost>) {
    return this.cohosts.remove(ctx, meta, data);
  }

  @Rpc(ListCohosts)
  list(@Payload() { data, ctx, meta }: RpcCall<typeof ListCohosts>) {
    return this.cohosts.list(ctx, meta, data.activityId);
  }

  @Rpc(CohostInvitations)
  invitations(@Payload() { data, ctx, meta }: RpcCall<typeof CohostInvitations>) {
    return this.cohosts.invitations(ctx, meta, data.communityId);
  }
}
