import { Module } from '@nestjs/common';
import { AccountModule } from '../account/account.module';
import { LoginThrottle } from './login-throttle';
import { MySessionsService } from './my-sessions.service';
import { PasswordChangeService } from './password-change.service';
import { SessionController } from './session.controller';
import { SessionPruner } from './session-pruner';
import { SessionService } from './session.service';

@Module({ imports: [AccountModule], controllers: [SessionController], providers: [SessionService, MySessionsService, PasswordChangeService, LoginThrottle, SessionPruner], exports: [SessionService] })
export class SessionModule {}
