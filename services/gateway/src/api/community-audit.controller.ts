import { Controller } from '@nestjs/common';
import { Id, ListCommunityAudit, type RequestMeta, type RequestOf } from '@kc/contracts';
import { RpcClient } from '@kc/messaging';
import { Meta } from '../http/edge-context';
import { Input, Route, type RouteInput } from '../http/route';

const AuditQuery = ListCommunityAudit.request.omit({ communityId: true });

@Controller()
export class CommunityAuditController {
  constructor(private readonly rpc: RpcClient) {}

  @Route({
    method: 'GET', path: 'communities/:id/audit', contract: ListCommunityAudit, params: { id: Id }, query: AuditQuery, auth: 'required',
    summary: 'Het logboek van de community: elke moderatie- en rolactie met wie, wat, wanneer en waarom (organisatoren, moderatoren, communitybibliothecarissen)',
  })
  list(@Input() { params, query }: RouteInput<{ id: string }, Omit<RequestOf<typeof ListCommunityAudit>, 'communityId'>>, @Meta() meta: RequestMeta) {
    return this.rpc.send(ListCommunityAudit, { ...query, communityId: params.id }, meta);
  }
}
