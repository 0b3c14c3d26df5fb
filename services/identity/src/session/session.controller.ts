import { Controller } from '@nestjs/common';
import { Payload } from '@nestjs/microservices';
import { GetJwks, Login } from '@kc/contracts';
import { Rpc, type RpcCall } from '@kc/messaging';
import { SessionService } from './session.service';

@Controller()
export class SessionController {
  constructor(private readonly sessions: SessionService) {}

  @Rpc(Login)
  login(@Payload() { data }: RpcCall<typeof Login>) {
    return this.sessions.login(data);
  }

  @Rpc(GetJwks)
  jwks() {
    return this.sessions.jwks();
  }
}
