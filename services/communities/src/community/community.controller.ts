import { Controller } from '@nestjs/common';
import { Payload } from '@nestjs/microservices';
import { CommunityAccess, CreateCommunity, GetCommunity, JoinCommunity, ListCommunities, ListMembers } from '@kc/contracts';
import { Rpc, type RpcCall } from '@kc/messaging';
import { CommunityService } from './community.service';
import { MemberDirectoryService } from './member-directory.service';

@Controller()
export class CommunityController {
  constructor(
    private readonly communities: CommunityService,
    private readonly members: MemberDirectoryService,
  ) {}

  @Rpc(ListMembers)
  listMembers(@Payload() { data, ctx }: RpcCall<typeof ListMembers>) {
    return this.members.list(ctx, data);
  }

  @Rpc(CreateCommunity)
  create(@Payload() { data, ctx }: RpcCall<typeof CreateCommunity>) {
    return this.communities.create(ctx, data);
  }

  @Rpc(GetCommunity)
  get(@Payload() { data, ctx }: RpcCall<typeof GetCommunity>) {
    return this.communities.get(ctx, data.id);
  }

  @Rpc(ListCommunities)
  list(@Payload() { data, ctx }: RpcCall<typeof ListCommunities>) {
    return this.communities.list(ctx, data);
  }

  @Rpc(JoinCommunity)
  join(@Payload() { data, ctx }: RpcCall<typeof JoinCommunity>) {
    return this.communities.join(ctx, data.communityId);
  }

  @Rpc(CommunityAccess)
  access(@Payload() { data, ctx }: RpcCall<typeof CommunityAccess>) {
    return this.communities.access(ctx, data.communityId);
  }
}
