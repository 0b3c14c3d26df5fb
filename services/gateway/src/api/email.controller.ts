import { Controller } from '@nestjs/common';
import { ConfirmPasswordReset, Empty, RequestPasswordReset, SendEmailVerification, VerifyEmail, type RequestMeta, type RequestOf } from '@kc/contracts';
import { RpcClient } from '@kc/messaging';
import { Meta } from '../http/edge-context';
import { Input, Route, type RouteInput } from '../http/route';
import { AuthRateLimited } from '../rate-limit/rate-limit';

/** The links in identity's mails: confirming an address, and a new password for a forgotten one. Limited like log-in. */
@Controller()
export class EmailController {
  constructor(private readonly rpc: RpcClient) {}

  @AuthRateLimited()
  @Route({ method: 'POST', path: 'auth/verify-email', status: 204, contract: VerifyEmail, body: VerifyEmail.request, summary: 'Bevestig een e-mailadres met de code uit de bevestigingsmail (48 uur geldig, één keer)' })
  verify(@Input() { body }: RouteInput<never, never, RequestOf<typeof VerifyEmail>>, @Meta() meta: RequestMeta) {
    return this.rpc.send(VerifyEmail, body, meta);
  }

  @AuthRateLimited()
  @Route({ method: 'POST', path: 'me/email-verification', status: 202, contract: SendEmailVerification, body: Empty, auth: 'required', summary: 'Stuur de bevestigingsmail opnieuw (een paar keer per uur)' })
  resend(@Input() _input: RouteInput, @Meta() meta: RequestMeta) {
    return this.rpc.send(SendEmailVerification, {}, meta);
  }

  @AuthRateLimited()
  @Route({
    method: 'POST', path: 'auth/password-reset', status: 202, contract: RequestPasswordReset, body: RequestPasswordReset.request,
    summary: 'Vraag een e-mail met een link voor een nieuw wachtwoord; het antwoord is altijd hetzelfde, ook als er geen account met dit adres is',
  })
  requestReset(@Input() { body }: RouteInput<never, never, RequestOf<typeof RequestPasswordReset>>, @Meta() meta: RequestMeta) {
    return this.rpc.send(RequestPasswordReset, body, meta);
  }

  @AuthRateLimited()
  @Route({
    method: 'POST', path: 'auth/password-reset/confirm', status: 204, contract: ConfirmPasswordReset, body: ConfirmPasswordReset.request,
    summary: 'Kies een nieuw wachtwoord met de code uit de e-mail (1 uur geldig, één keer); alle sessies van het account worden beëindigd',
  })
  confirmReset(@Input() { body }: RouteInput<never, never, RequestOf<typeof ConfirmPasswordReset>>, @Meta() meta: RequestMeta) {
    return this.rpc.send(ConfirmPasswordReset, body, meta);
  }
}
