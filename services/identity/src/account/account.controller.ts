import { Controller } from '@nestjs/common';
import { Payload } from '@nestjs/microservices';
import { GetMe, RegisterAccount } from '@kc/contracts';
import { Rpc, type RpcCall } from '@kc/messaging';
import { AccountService } from './account.service';

@Controller()
export class AccountController {
  constructor(private readonly accounts: AccountService) {}

  @Rpc(RegisterAccount)
  register(@Payload() { data, ctx }: RpcCall<typeof RegisterAccount>) {
    return this.accounts.register(ctx, data);
  }

  @Rpc(GetMe)
  me(@Payload() { ctx }: RpcCall<typeof GetMe>) {
    return this.accounts.me(ctx);
  }
}
