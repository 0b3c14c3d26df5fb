import { Controller } from '@nestjs/common';
import { Payload } from '@nestjs/microservices';
import { GetConversation, ListConversations, StartConversation } from '@kc/contracts';
import { Rpc, type RpcCall } from '@kc/messaging';
import { ConversationService } from './conversation.service';

@Controller()
export class ConversationController {
  constructor(private readonly conversations: ConversationService) {}

  @Rpc(StartConversation)
  start(@Payload() { data, ctx }: RpcCall<typeof StartConversation>) {
    return this.conversations.start(ctx, data);
  }

  @Rpc(GetConversation)
  get(@Payload() { data, ctx }: RpcCall<typeof GetConversation>) {
    return this.conversations.get(ctx, data.id);
  }

  @Rpc(ListConversations)
  list(@Payload() { data, ctx }: RpcCall<typeof ListConversations>) {
    return this.conversations.list(ctx, data);
  }
}
