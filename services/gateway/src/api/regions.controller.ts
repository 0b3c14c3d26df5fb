import { Controller } from '@nestjs/common';
import { CreateRegion, GrantStaffRole, ListRegions, RegionSlug, type RequestMeta, type RequestOf } from '@kc/contracts';
import { RpcClient } from '@kc/messaging';
import { Meta } from '../http/edge-context';
import { Input, Route, type RouteInput } from '../http/route';

const GrantStaffRoleBody = GrantStaffRole.request.omit({ region: true });

@Controller()
export class RegionsController {
  constructor(private readonly rpc: RpcClient) {}

  @Route({ method: 'POST', path: 'regions', contract: CreateRegion, body: CreateRegion.request, auth: 'required', summary: 'Licentieer een nieuwe regio (alleen de landelijke beheerder)' })
  create(@Input() { body }: RouteInput<never, never, RequestOf<typeof CreateRegion>>, @Meta() meta: RequestMeta) {
    return this.rpc.send(CreateRegion, body, meta);
  }

  @Route({ method: 'GET', path: 'regions', contract: ListRegions, summary: 'Alle gelicentieerde regio’s' })
  list(@Input() _input: RouteInput, @Meta() meta: RequestMeta) {
    return this.rpc.send(ListRegions, {}, meta);
  }

  @Route({
    method: 'POST', path: 'regions/:slug/staff', contract: GrantStaffRole, params: { slug: RegionSlug }, body: GrantStaffRoleBody, auth: 'required',
    summary: 'Geef een account een medewerkersrol in een regio (beheerder of bibliotheekbeheerder van die regio)',
  })
  grantStaffRole(@Input() { params, body }: RouteInput<{ slug: string }, never, Omit<RequestOf<typeof GrantStaffRole>, 'region'>>, @Meta() meta: RequestMeta) {
    return this.rpc.send(GrantStaffRole, { ...body, region: params.slug }, meta);
  }
}
