import { Controller } from '@nestjs/common';
import { Payload } from '@nestjs/microservices';
import { SendEmailVerification, VerifyEmail } from '@kc/contracts';
import { Rpc, type RpcCall } from '@kc/messaging';
import { EmailVerificationService } from './email-verification.service';

@Controller()
export class EmailVerificationController {
  constructor(private readonly verification: EmailVerificationService) {}

  @Rpc(VerifyEmail)
  verify(@Payload() { data, ctx }: RpcCall<typeof VerifyEmail>) {
    return this.verification.verify(ctx, data);
  }

  @Rpc(SendEmailVerification)
  resend(@Payload() { ctx }: RpcCall<typeof SendEmailVerification>) {
    return this.verification.resend(ctx);
  }
}
