import { Controller } from '@nestjs/common';
import { Payload } from '@nestjs/microservices';
import { AddConversationTitle, CommunityTitles, DismissSuggestion, RemoveConversationTitle } from '@kc/contracts';
import { Rpc, type RpcCall } from '@kc/messaging';
import { CommunityTitlesReader } from './community-titles.reader';
import { ConversationTitleService } from './conversation-title.service';

@Controller()
export class ConversationTitleController {
  constructor(private readonly titles: ConversationTitleService, private readonly communityTitles: CommunityTitlesReader) {}

  @Rpc(AddConversationTitle)
  add(@Payload() { data, ctx }: RpcCall<typeof AddConversationTitle>) {
    return this.titles.add(ctx, data);
  }

  @Rpc(RemoveConversationTitle)
  remove(@Payload() { data, ctx }: RpcCall<typeof RemoveConversationTitle>) {
    return this.titles.remove(ctx, data);
  }

  @Rpc(DismissSuggestion)
  dismiss(@Payload() { data, ctx }: RpcCall<typeof DismissSuggestion>) {
    return this.titles.dismiss(ctx, data);
  }

  @Rpc(CommunityTitles)
  ofCommunity(@Payload() { data, ctx }: RpcCall<typeof CommunityTitles>) {
    return this.communityTitles.list(ctx, data);
  }
}
