import { Controller } from '@nestjs/common';
import { Payload } from '@nestjs/microservices';
import { ConfirmPasswordReset, RequestPasswordReset } from '@kc/contracts';
import { Rpc, type RpcCall } from '@kc/messaging';
import { PasswordResetService } from './password-reset.service';

@Controller()
export class PasswordResetController {
  constructor(private readonly resets: PasswordResetService) {}

  @Rpc(RequestPasswordReset)
  request(@Payload() { data, ctx }: RpcCall<typeof RequestPasswordReset>) {
    return this.resets.request(ctx, data);
  }

  @Rpc(ConfirmPasswordReset)
  confirm(@Payload() { data, ctx }: RpcCall<typeof ConfirmPasswordReset>) {
    return this.resets.confirm(ctx, data);
  }
}
