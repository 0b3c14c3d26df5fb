import { Module } from '@nestjs/common';
import { AccountModule } from '../account/account.module';
import { SessionController } from './session.controller';
import { SessionService } from './session.service';

@Module({ imports: [AccountModule], controllers: [SessionController], providers: [SessionService] })
export class SessionModule {}
