import { Controller } from '@nestjs/common';
import { Payload } from '@nestjs/microservices';
import { AccountNames, BlockAccount, GetMe, RegisterAccount, UnblockAccount } from '@kc/contracts';
import { Rpc, type RpcCall } from '@kc/messaging';
import { AccountBlockService } from './account-block.service';
import { AccountService } from './account.service';

@Controller()
export class AccountController {
  constructor(
    private readonly accounts: AccountService,
    private readonly blocks: AccountBlockService,
  ) {}

  @Rpc(RegisterAccount)
  register(@Payload() { data, ctx }: RpcCall<typeof RegisterAccount>) {
    return this.accounts.register(ctx, data);
  }

  @Rpc(GetMe)
  me(@Payload() { ctx }: RpcCall<typeof GetMe>) {
    return this.accounts.me(ctx);
  }

  @Rpc(AccountNames)
  names(@Payload() { data }: RpcCall<typeof AccountNames>) {
    return this.accounts.names(data.ids);
  }

  @Rpc(BlockAccount)
  block(@Payload() { data, ctx }: RpcCall<typeof BlockAccount>) {
    return this.blocks.block(ctx, data);
  }

  @Rpc(UnblockAccount)
  unblock(@Payload() { data, ctx }: RpcCall<typeof UnblockAccount>) {
    return this.blocks.unblock(ctx, data);
  }
}
