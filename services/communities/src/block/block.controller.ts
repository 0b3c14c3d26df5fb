import { Controller } from '@nestjs/common';
import { Payload } from '@nestjs/microservices';
import { BlockMember, ListBlocks, UnblockMember } from '@kc/contracts';
import { Rpc, type RpcCall } from '@kc/messaging';
import { BlockService } from './block.service';

@Controller()
export class BlockController {
  constructor(private readonly blocks: BlockService) {}

  @Rpc(BlockMember)
  block(@Payload() { data, ctx }: RpcCall<typeof BlockMember>) {
    return this.blocks.block(ctx, data);
  }

  @Rpc(UnblockMember)
  unblock(@Payload() { data, ctx }: RpcCall<typeof UnblockMember>) {
    return this.blocks.unblock(ctx, data);
  }

  @Rpc(ListBlocks)
  list(@Payload() { data, ctx }: RpcCall<typeof ListBlocks>) {
    return this.blocks.list(ctx, data.communityId);
  }
}
