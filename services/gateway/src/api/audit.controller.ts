import { Controller } from '@nestjs/common';
import { AuditPageQuery, ListOperatorAudit, ListRegionAudit, RegionSlug, type RequestMeta, type RequestOf } from '@kc/contracts';
import { RpcClient } from '@kc/messaging';
import { Meta } from '../http/edge-context';
import { Input, Route, type RouteInput } from '../http/route';

type Page = Omit<RequestOf<typeof ListRegionAudit>, 'region'>;
const OperatorAuditQuery = ListOperatorAudit.request;

/** The audit log (identity decides who may read it, from the access directory). */
@Controller()
export class AuditController {
  constructor(private readonly rpc: RpcClient) {}

  @Route({
    method: 'GET', path: 'regions/:slug/audit', contract: ListRegionAudit, params: { slug: RegionSlug }, query: AuditPageQuery, auth: 'required',
    summary: 'Het logboek van een regio, nieuwste eerst: rollen, blokkades, licentie en geblokkeerde inlogpogingen (bibliotheekbeheerders van die regio of de landelijke beheerder)',
  })
  region(@Input() { params, query }: RouteInput<{ slug: string }, Page>, @Meta() meta: RequestMeta) {
    return this.rpc.send(ListRegionAudit, { ...query, region: params.slug }, meta);
  }

  @Route({
    method: 'GET', path: 'operator/audit', contract: ListOperatorAudit, query: OperatorAuditQuery, auth: 'required',
    summary: 'Het logboek van het hele platform, nieuwste eerst, desgewenst van één regio (alleen de landelijke beheerder)',
  })
  operator(@Input() { query }: RouteInput<never, RequestOf<typeof ListOperatorAudit>>, @Meta() meta: RequestMeta) {
    return this.rpc.send(ListOperatorAudit, query, meta);
  }
}
