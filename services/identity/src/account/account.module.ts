import { Module } from '@nestjs/common';
import { EmailVerificationModule } from '../email-verification/email-verification.module';
import { RegionModule } from '../region/region.module';
import { ConsentController, ConsentService } from '../consent/consent';
import { AccountBlockService } from './account-block.service';
import { AccountController } from './account.controller';
import { AccountService } from './account.service';
import { OperatorBootstrap } from './operator-bootstrap';
import { PasswordHasher } from './password-hasher';

@Module({
  imports: [RegionModule, EmailVerificationModule],
  controllers: [AccountController, ConsentController],
  providers: [ConsentService, AccountService, AccountBlockService, PasswordHasher, OperatorBootstrap],
  exports: [AccountService, PasswordHasher],
})
export class AccountModule {}
