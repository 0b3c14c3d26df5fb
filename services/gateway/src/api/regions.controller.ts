import { Controller } from '@nestjs/common';
import {
  CreateRegion, GetRegionRetention, SetRegionRetention, GetRegionSso, RegionSsoSettings, SetRegionSso, GrantStaffRole, GrantStaffRoleBody, Id, ListRegions, ListStaffRoles, RegionSlug, RevokeStaffRole, SetRegionLicence, StaffRole,
  type RequestMeta, type RequestOf,
} from '@kc/contracts';
import { RpcClient } from '@kc/messaging';
import { Meta } from '../http/edge-context';
import { Input, Route, type RouteInput } from '../http/route';

const LicenceBody = SetRegionLicence.request.omit({ region: true });
const RetentionBody = SetRegionRetention.request.omit({ region: true });
/** Why the role is taken away (optional): it goes into the audit log. */
const RevokeQuery = RevokeStaffRole.request.pick({ reason: true }).strict();

type StaffRoleParams = { slug: string; accountId: string; role: RequestOf<typeof RevokeStaffRole>['role'] };

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
    summary: 'Geef een account (id of e-mailadres) een medewerkersrol in een regio (landelijke beheerder of bibliotheekbeheerder van die regio); geldt meteen',
  })
  grantStaffRole(@Input() { params, body }: RouteInput<{ slug: string }, never, Omit<RequestOf<typeof GrantStaffRole>, 'region'>>, @Meta() meta: RequestMeta) {
    return this.rpc.send(GrantStaffRole, { ...body, region: params.slug }, meta);
  }

  @Route({
    method: 'GET', path: 'regions/:slug/staff', contract: ListStaffRoles, params: { slug: RegionSlug }, auth: 'required',
    summary: 'De medewerkers van een regio met hun rollen (landelijke beheerder of bibliotheekbeheerder van die regio)',
  })
  listStaff(@Input() { params }: RouteInput<{ slug: string }>, @Meta() meta: RequestMeta) {
    return this.rpc.send(ListStaffRoles, { region: params.slug }, meta);
  }

  @Route({
    method: 'DELETE', path: 'regions/:slug/staff/:accountId/:role', contract: RevokeStaffRole, params: { slug: RegionSlug, accountId: Id, role: StaffRole }, query: RevokeQuery, auth: 'required',
    summary: 'Trek een medewerkersrol in (landelijke beheerder of bibliotheekbeheerder van die regio); geldt meteen in elke dienst',
  })
  async revokeStaffRole(@Input() { params, query }: RouteInput<StaffRoleParams, { reason?: string }>, @Meta() meta: RequestMeta): Promise<void> {
    await this.rpc.send(RevokeStaffRole, { region: params.slug, accountId: params.accountId, role: params.role, reason: query.reason }, meta);
  }

  @Route({
    method: 'PUT', path: 'regions/:slug/licence', contract: SetRegionLicence, params: { slug: RegionSlug }, body: LicenceBody, auth: 'required',
    summary: 'Schort de licentie van een regio op of herstel haar (alleen de landelijke beheerder); een opgeschorte regio is binnen een seconde alleen-lezen',
  })
  setLicence(@Input() { params, body }: RouteInput<{ slug: string }, never, Omit<RequestOf<typeof SetRegionLicence>, 'region'>>, @Meta() meta: RequestMeta) {
    return this.rpc.send(SetRegionLicence, { ...body, region: params.slug }, meta);
  }

  @Route({
    method: 'GET', path: 'regions/:slug/retention', contract: GetRegionRetention, params: { slug: RegionSlug }, auth: 'required',
    summary: 'Hoe lang de regio accounts bewaart waarop niemand meer inlogt (bibliotheekbeheerders van de regio en de landelijke beheerder)',
  })
  retention(@Input() { params }: RouteInput<{ slug: string }>, @Meta() meta: RequestMeta) {
    return this.rpc.send(GetRegionRetention, { region: params.slug }, meta);
  }

  @Route({
    method: 'PUT', path: 'regions/:slug/retention', contract: SetRegionRetention, params: { slug: RegionSlug }, body: RetentionBody, auth: 'required',
    summary: 'Stel in na hoeveel maanden zonder inloggen een account wordt gewist (6–120, standaard 24); eerst komt een waarschuwing per e-mail',
  })
  setRetention(@Input() { params, body }: RouteInput<{ slug: string }, never, Omit<RequestOf<typeof SetRegionRetention>, 'region'>>, @Meta() meta: RequestMeta) {
    return this.rpc.send(SetRegionRetention, { ...body, region: params.slug }, meta);
  }

  @Route({
    method: 'GET', path: 'regions/:slug/sso', contract: GetRegionSso, params: { slug: RegionSlug }, auth: 'required',
    summary: 'Inloggen via de bibliotheek (OpenID Connect) voor medewerkers van de regio, zonder het client secret (bibliotheekbeheerders van de regio en de landelijke beheerder)',
  })
  sso(@Input() { params }: RouteInput<{ slug: string }>, @Meta() meta: RequestMeta) {
    return this.rpc.send(GetRegionSso, { region: params.slug }, meta);
  }

  @Route({
    method: 'PUT', path: 'regions/:slug/sso', contract: SetRegionSso, params: { slug: RegionSlug }, body: RegionSsoSettings, auth: 'required',
    summary: 'Stel de identity provider (OpenID Connect) van de regio in: issuer (https), client id en secret, aan of uit; de gegevens van de provider worden eerst opgehaald',
  })
  setSso(@Input() { params, body }: RouteInput<{ slug: string }, never, RequestOf<typeof SetRegionSso>>, @Meta() meta: RequestMeta) {
    return this.rpc.send(SetRegionSso, { ...body, region: params.slug }, meta);
  }
}
