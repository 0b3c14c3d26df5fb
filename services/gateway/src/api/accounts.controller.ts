import { Controller } from '@nestjs/common';
import { AcceptTerms, BlockAccount, GetMe, Id, RegisterAccount, UnblockAccount, type RequestMeta, type RequestOf } from '@kc/contracts';
import { RpcClient } from '@kc/messaging';
import { Meta } from '../http/edge-context';
import { Input, Route, type RouteInput } from '../http/route';
import { AuthRateLimited } from '../rate-limit/rate-limit';

/** Why the operator blocks or unblocks (optional): it goes into the audit log. */
const BlockBody = BlockAccount.request.omit({ accountId: true });
type BlockBody = Omit<RequestOf<typeof BlockAccount>, 'accountId'>;

@Controller()
export class AccountsController {
  constructor(private readonly rpc: RpcClient) {}

  @AuthRateLimited()
  @Route({ method: 'POST', path: 'auth/register', contract: RegisterAccount, body: RegisterAccount.request, summary: 'Registreer een account als inwoner van een regio' })
  register(@Input() { body }: RouteInput<never, never, RequestOf<typeof RegisterAccount>>, @Meta() meta: RequestMeta) {
    return this.rpc.send(RegisterAccount, body, meta);
  }

  @Route({
    method: 'POST', path: 'me/consent', status: 200, contract: AcceptTerms, body: AcceptTerms.request, auth: 'required',
    summary: 'Ga akkoord met de huidige gebruiksvoorwaarden en privacyverklaring (gevraagd bij het inloggen als er een nieuwe versie is)',
  })
  consent(@Input() { body }: RouteInput<never, never, RequestOf<typeof AcceptTerms>>, @Meta() meta: RequestMeta) {
    return this.rpc.send(AcceptTerms, body, meta);
  }

  @Route({ method: 'GET', path: 'me', contract: GetMe, auth: 'required', summary: 'Het account van de ingelogde gebruiker' })
  me(@Input() _input: RouteInput, @Meta() meta: RequestMeta) {
    return this.rpc.send(GetMe, {}, meta);
  }

  @Route({
    method: 'POST', path: 'accounts/:id/block', status: 200, contract: BlockAccount, params: { id: Id }, body: BlockBody, auth: 'required',
    summary: 'Blokkeer een account (alleen de landelijke beheerder): inloggen kan niet meer en bestaande tokens worden overal meteen geweigerd',
  })
  block(@Input() { params, body }: RouteInput<{ id: string }, never, BlockBody>, @Meta() meta: RequestMeta) {
    return this.rpc.send(BlockAccount, { ...body, accountId: params.id }, meta);
  }

  @Route({ method: 'POST', path: 'accounts/:id/unblock', status: 200, contract: UnblockAccount, params: { id: Id }, body: BlockBody, auth: 'required', summary: 'Hef de blokkade van een account op (alleen de landelijke beheerder)' })
  unblock(@Input() { params, body }: RouteInput<{ id: string }, never, BlockBody>, @Meta() meta: RequestMeta) {
    return this.rpc.send(UnblockAccount, { ...body, accountId: params.id }, meta);
  }
}
