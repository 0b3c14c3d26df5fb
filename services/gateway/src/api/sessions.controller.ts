import { Controller, Headers } from '@nestjs/common';
import {
  ChangePassword, Empty, EndSession, Id, ListSessions, Login, LoginCredentials, Logout, LogoutAll, RefreshSession, type RequestMeta, type RequestOf,
} from '@kc/contracts';
import { RpcClient } from '@kc/messaging';
import { describeDevice } from '../http/device';
import { Meta } from '../http/edge-context';
import { Input, Route, type RouteInput } from '../http/route';
import { AuthRateLimited } from '../rate-limit/rate-limit';

/** Signing in, staying signed in and signing out; a person's own sessions and password. Every write is limited like log-in. */
@Controller()
export class SessionsController {
  constructor(private readonly rpc: RpcClient) {}

  @AuthRateLimited()
  @Route({
    method: 'POST', path: 'auth/login', status: 200, contract: Login, body: LoginCredentials,
    summary: 'Log in met e-mailadres en wachtwoord: een access token (15 minuten) en een refresh token voor een nieuwe sessie',
  })
  login(@Input() { body }: RouteInput<never, never, RequestOf<typeof Login>>, @Headers('user-agent') userAgent: string | undefined, @Meta() meta: RequestMeta) {
    return this.rpc.send(Login, { ...body, device: describeDevice(userAgent) }, meta);
  }

  @AuthRateLimited()
  @Route({
    method: 'POST', path: 'auth/refresh', status: 200, contract: RefreshSession, body: RefreshSession.request,
    summary: 'Wissel een refresh token in voor een nieuw paar; een refresh token werkt één keer, een tweede keer beëindigt de hele sessie',
  })
  refresh(@Input() { body }: RouteInput<never, never, RequestOf<typeof RefreshSession>>, @Meta() meta: RequestMeta) {
    return this.rpc.send(RefreshSession, body, meta);
  }

  @AuthRateLimited()
  @Route({ method: 'POST', path: 'auth/logout', status: 204, contract: Logout, body: Empty, auth: 'required', summary: 'Log uit: beëindig de sessie van dit access token' })
  logout(@Input() _input: RouteInput, @Meta() meta: RequestMeta) {
    return this.rpc.send(Logout, {}, meta);
  }

  @AuthRateLimited()
  @Route({ method: 'POST', path: 'auth/logout-all', status: 200, contract: LogoutAll, body: Empty, auth: 'required', summary: 'Log overal uit: beëindig elke sessie van het account' })
  logoutAll(@Input() _input: RouteInput, @Meta() meta: RequestMeta) {
    return this.rpc.send(LogoutAll, {}, meta);
  }

  @Route({ method: 'GET', path: 'me/sessions', contract: ListSessions, auth: 'required', summary: 'De ingelogde apparaten (actieve sessies) van het account; de huidige is gemarkeerd' })
  list(@Input() _input: RouteInput, @Meta() meta: RequestMeta) {
    return this.rpc.send(ListSessions, {}, meta);
  }

  @AuthRateLimited()
  @Route({ method: 'DELETE', path: 'me/sessions/:id', contract: EndSession, params: { id: Id }, auth: 'required', summary: 'Log een apparaat uit (alleen een eigen sessie)' })
  end(@Input() { params }: RouteInput<{ id: string }>, @Meta() meta: RequestMeta) {
    return this.rpc.send(EndSession, { sessionId: params.id }, meta);
  }

  @AuthRateLimited()
  @Route({
    method: 'PUT', path: 'me/password', contract: ChangePassword, body: ChangePassword.request, auth: 'required',
    summary: 'Wijzig het wachtwoord (het huidige wordt gecontroleerd); alle andere sessies worden beëindigd',
  })
  changePassword(@Input() { body }: RouteInput<never, never, RequestOf<typeof ChangePassword>>, @Meta() meta: RequestMeta) {
    return this.rpc.send(ChangePassword, body, meta);
  }
}
