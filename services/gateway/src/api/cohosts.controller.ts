import { Controller } from '@nestjs/common';
import { AnswerCohost, CohostInvitations, Id, InviteCohost, ListCohosts, RemoveCohost, type RequestMeta, type RequestOf } from '@kc/contracts';
import { RpcClient } from '@kc/messaging';
import { Meta } from '../http/edge-context';
import { Input, Route, type RouteInput } from '../http/route';

const InviteBody = InviteCohost.request.omit({ activityId: true });
const CohostParams = { id: Id, communityId: Id };
type CohostAddress = { id: string; communityId: string };

/** Communities that organise an activity together: invited by the host, accepted by the co-host. */
@Controller()
export class CohostsController {
  constructor(private readonly rpc: RpcClient) {}

  @Route({
    method: 'POST', path: 'activities/:id/cohosts', contract: InviteCohost, params: { id: Id }, body: InviteBody, auth: 'required',
    summary: 'Nodig een andere community van de regio uit om de activiteit mee te organiseren (organisator of communitybibliothecaris)',
  })
  invite(@Input() { params, body }: RouteInput<{ id: string }, never, Omit<RequestOf<typeof InviteCohost>, 'activityId'>>, @Meta() meta: RequestMeta) {
    return this.rpc.send(InviteCohost, { ...body, activityId: params.id }, meta);
  }

  @Route({ method: 'GET', path: 'activities/:id/cohosts', contract: ListCohosts, params: { id: Id }, auth: 'optional', summary: 'De communities die de activiteit mee organiseren' })
  list(@Input() { params }: RouteInput<{ id: string }>, @Meta() meta: RequestMeta) {
    return this.rpc.send(ListCohosts, { activityId: params.id }, meta);
  }

  @Route({
    method: 'POST', path: 'activities/:id/cohosts/:communityId/accept', status: 200, contract: AnswerCohost, params: CohostParams, auth: 'required',
    summary: 'Neem de uitnodiging aan om mee te organiseren (organisator van de uitgenodigde community of communitybibliothecaris)',
  })
  accept(@Input() { params }: RouteInput<CohostAddress>, @Meta() meta: RequestMeta) {
    return this.rpc.send(AnswerCohost, { activityId: params.id, communityId: params.communityId, accept: true }, meta);
  }

  @Route({
    method: 'POST', path: 'activities/:id/cohosts/:communityId/decline', status: 200, contract: AnswerCohost, params: CohostParams, auth: 'required',
    summary: 'Sla de uitnodiging af om mee te organiseren (organisator van de uitgenodigde community of communitybibliothecaris)',
  })
  decline(@Input() { params }: RouteInput<CohostAddress>, @Meta() meta: RequestMeta) {
    return this.rpc.send(AnswerCohost, { activityId: params.id, communityId: params.communityId, accept: false }, meta);
  }

  @Route({
    method: 'DELETE', path: 'activities/:id/cohosts/:communityId', contract: RemoveCohost, params: CohostParams, auth: 'required',
    summary: 'Haal een mede-organisator weg of trek de uitnodiging in (organisatoren van beide communities of communitybibliothecaris)',
  })
  async remove(@Input() { params }: RouteInput<CohostAddress>, @Meta() meta: RequestMeta): Promise<void> {
    await this.rpc.send(RemoveCohost, { activityId: params.id, communityId: params.communityId }, meta);
  }

  @Route({
    method: 'GET', path: 'communities/:id/cohost-invitations', contract: CohostInvitations, params: { id: Id }, auth: 'required',
    summary: 'Openstaande uitnodigingen om activiteiten mee te organiseren (organisator of communitybibliothecaris)',
  })
  invitations(@Input() { params }: RouteInput<{ id: string }>, @Meta() meta: RequestMeta) {
    return this.rpc.send(CohostInvitations, { communityId: params.id }, meta);
  }
}
