import { Controller } from '@nestjs/common';
import { EraseAccount, EraseMe, GetErasure, Id, type RequestMeta, type RequestOf } from '@kc/contracts';
import { RpcClient } from '@kc/messaging';
import { Meta } from '../http/edge-context';
import { Input, Route, type RouteInput } from '../http/route';
import { AuthRateLimited } from '../rate-limit/rate-limit';

const EraseAccountBody = EraseAccount.request.omit({ accountId: true });
type EraseAccountBody = Omit<RequestOf<typeof EraseAccount>, 'accountId'>;

/** Erasure of an account in every service (GDPR art. 17), and its ledger. */
@Controller()
export class ErasureController {
  constructor(private readonly rpc: RpcClient) {}

  // The password confirms it: rate-limited like a sign-in, so it cannot be used to guess one.
  @AuthRateLimited()
  @Route({
    method: 'DELETE', path: 'me', contract: EraseMe, body: EraseMe.request, status: 202, auth: 'required',
    summary: 'Wis je account en alles wat elke dienst over je bewaart; je bijdragen blijven als ‘Oud-deelnemer’ (anonymise) of worden verwijderd (delete)',
  })
  eraseMe(@Input() { body }: RouteInput<never, never, RequestOf<typeof EraseMe>>, @Meta() meta: RequestMeta) {
    return this.rpc.send(EraseMe, body, meta);
  }

  @Route({
    method: 'POST', path: 'accounts/:id/erase', contract: EraseAccount, params: { id: Id }, body: EraseAccountBody, status: 202, auth: 'required',
    summary: 'Wis een account in elke dienst (alleen de landelijke beheerder, met een reden)',
  })
  eraseAccount(@Input() { params, body }: RouteInput<{ id: string }, never, EraseAccountBody>, @Meta() meta: RequestMeta) {
    return this.rpc.send(EraseAccount, { ...body, accountId: params.id }, meta);
  }

  @Route({
    method: 'GET', path: 'operator/erasures/:id', contract: GetErasure, params: { id: Id }, auth: 'required',
    summary: 'Het grootboek van een verwijdering: welke dienst wanneer bevestigde (alleen de landelijke beheerder)',
  })
  get(@Input() { params }: RouteInput<{ id: string }>, @Meta() meta: RequestMeta) {
    return this.rpc.send(GetErasure, { id: params.id }, meta);
  }
}
