import { Module } from '@nestjs/common';
import { AccountModule } from '../account/account.module';
import { SessionController } from './session.controller';
import { LoginThrottle } from './login-throttle';
import { SessionService } from './session.service';

@Module({ imports: [AccountModule], controllers: [SessionController], providers: [SessionService, LoginThrottle] })
export class SessionModule {}
