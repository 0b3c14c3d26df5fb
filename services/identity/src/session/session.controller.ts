import { Controller } from '@nestjs/common';
import { Payload } from '@nestjs/microservices';
import { ChangePassword, EndSession, GetJwks, ListSessions, Login, Logout, LogoutAll, RefreshSession } from '@kc/contracts';
import { Rpc, type RpcCall } from '@kc/messaging';
import { MySessionsService } from './my-sessions.service';
import { PasswordChangeService } from './password-change.service';
import { SessionService } from './session.service';

@Controller()
export class SessionController {
  constructor(
    private readonly sessions: SessionService,
    private readonly mine: MySessionsService,
    private readonly passwords: PasswordChangeService,
  ) {}

  @Rpc(Login)
  login(@Payload() { data }: RpcCall<typeof Login>) {
    return this.sessions.login(data);
  }

  @Rpc(RefreshSession)
  refresh(@Payload() { data, ctx }: RpcCall<typeof RefreshSession>) {
    return this.sessions.refresh(ctx, data);
  }

  @Rpc(Logout)
  logout(@Payload() { ctx }: RpcCall<typeof Logout>) {
    return this.mine.logout(ctx);
  }

  @Rpc(LogoutAll)
  logoutAll(@Payload() { ctx }: RpcCall<typeof LogoutAll>) {
    return this.mine.logoutAll(ctx);
  }

  @Rpc(ListSessions)
  list(@Payload() { ctx }: RpcCall<typeof ListSessions>) {
    return this.mine.list(ctx);
  }

  @Rpc(EndSession)
  end(@Payload() { data, ctx }: RpcCall<typeof EndSession>) {
    return this.mine.end(ctx, data);
  }

  @Rpc(ChangePassword)
  changePassword(@Payload() { data, ctx }: RpcCall<typeof ChangePassword>) {
    return this.passwords.change(ctx, data);
  }

  @Rpc(GetJwks)
  jwks() {
    return this.sessions.jwks();
  }
}
