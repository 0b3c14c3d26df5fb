import { Controller } from '@nestjs/common';
import { Payload } from '@nestjs/microservices';
import { DeleteContribution, EditContribution, GetContribution, ListContributions, PostContribution, SetReaction } from '@kc/contracts';
import { Rpc, type RpcCall } from '@kc/messaging';
import { ContributionThreadService } from './contribution-thread.service';
import { ContributionService } from './contribution.service';
import { ReactionService } from './reaction.service';

@Controller()
export class ContributionController {
  constructor(
    private readonly contributions: ContributionService,
    private readonly thread: ContributionThreadService,
    private readonly reactions: ReactionService,
  ) {}

  @Rpc(PostContribution)
  post(@Payload() { data, ctx }: RpcCall<typeof PostContribution>) {
    return this.contributions.post(ctx, data);
  }

  @Rpc(ListContributions)
  list(@Payload() { data, ctx }: RpcCall<typeof ListContributions>) {
    return this.thread.list(ctx, data);
  }

  @Rpc(GetContribution)
  get(@Payload() { data, ctx }: RpcCall<typeof GetContribution>) {
    return this.thread.get(ctx, data.contributionId);
  }

  @Rpc(EditContribution)
  edit(@Payload() { data, ctx }: RpcCall<typeof EditContribution>) {
    return this.contributions.edit(ctx, data);
  }

  @Rpc(DeleteContribution)
  delete(@Payload() { data, ctx }: RpcCall<typeof DeleteContribution>) {
    return this.contributions.delete(ctx, data.contributionId);
  }

  @Rpc(SetReaction)
  react(@Payload() { data, ctx }: RpcCall<typeof SetReaction>) {
    return this.reactions.set(ctx, data);
  }
}
