import { Controller } from '@nestjs/common';
import {
  AddActivityPartner, ListActivityPartners, ListOrganisationActivities, RemoveActivityPartner,
  AddCommunityPartner, AddOrganisationMember, AddOrganisationMemberBody, ChangeOrganisationMemberRole, CreateOrganisation, GetOrganisation, Id, ListCommunityPartners,
  ListOrganisations, OrganisationRole, RemoveCommunityPartner, RemoveOrganisationMember, UpdateOrganisation, UpdateOrganisationBody,
  type RequestMeta, type RequestOf,
} from '@kc/contracts';
import { RpcClient } from '@kc/messaging';
import { z } from 'zod';
import { Meta } from '../http/edge-context';
import { Input, Route, type RouteInput } from '../http/route';

const RoleBody = z.object({ role: OrganisationRole }).strict();
const PartnerBody = z.object({ organisationId: Id }).strict();
const OrganisationActivitiesQuery = ListOrganisationActivities.request.omit({ organisationId: true });

/** Partner organisations (ADR 0037): profiles, members with roles, and the communities they co-host. */
@Controller()
export class OrganisationsController {
  constructor(private readonly rpc: RpcClient) {}

  @Route({
    method: 'POST', path: 'organisations', contract: CreateOrganisation, body: CreateOrganisation.request, auth: 'required',
    summary: 'Maak een partnerorganisatie aan (bibliotheekbeheerders voor hun regio, of de landelijke beheerder); je wordt de eerste beheerder',
  })
  create(@Input() { body }: RouteInput<never, never, RequestOf<typeof CreateOrganisation>>, @Meta() meta: RequestMeta) {
    return this.rpc.send(CreateOrganisation, body, meta);
  }

  @Route({ method: 'GET', path: 'organisations', contract: ListOrganisations, query: ListOrganisations.request, auth: 'optional', summary: 'De organisaties van een regio en de landelijke, op naam' })
  list(@Input() { query }: RouteInput<never, RequestOf<typeof ListOrganisations>>, @Meta() meta: RequestMeta) {
    return this.rpc.send(ListOrganisations, query, meta);
  }

  @Route({ method: 'GET', path: 'organisations/:id', contract: GetOrganisation, params: { id: Id }, auth: 'optional', summary: 'Het profiel van een organisatie, met de communities waaraan ze meewerkt' })
  get(@Input() { params }: RouteInput<{ id: string }>, @Meta() meta: RequestMeta) {
    return this.rpc.send(GetOrganisation, { id: params.id }, meta);
  }

  @Route({
    method: 'GET', path: 'organisations/:id/activities', contract: ListOrganisationActivities, params: { id: Id }, query: OrganisationActivitiesQuery, auth: 'optional',
    summary: 'De komende activiteiten waaraan een organisatie meewerkt (die van besloten communities alleen voor wie ze mag zien)',
  })
  activities(@Input() { params, query }: RouteInput<{ id: string }, Omit<RequestOf<typeof ListOrganisationActivities>, 'organisationId'>>, @Meta() meta: RequestMeta) {
    return this.rpc.send(ListOrganisationActivities, { ...query, organisationId: params.id }, meta);
  }

  @Route({ method: 'PATCH', path: 'organisations/:id', contract: UpdateOrganisation, params: { id: Id }, body: UpdateOrganisationBody, auth: 'required', summary: 'Wijzig het profiel van een organisatie (haar beheerders, bibliotheekbeheerders van de regio)' })
  update(@Input() { params, body }: RouteInput<{ id: string }, never, z.infer<typeof UpdateOrganisationBody>>, @Meta() meta: RequestMeta) {
    return this.rpc.send(UpdateOrganisation, { ...body, id: params.id }, meta);
  }

  @Route({ method: 'POST', path: 'organisations/:id/members', contract: AddOrganisationMember, params: { id: Id }, body: AddOrganisationMemberBody, auth: 'required', summary: 'Voeg iemand uit de regio toe aan een organisatie, als beheerder of lid' })
  addMember(@Input() { params, body }: RouteInput<{ id: string }, never, z.infer<typeof AddOrganisationMemberBody>>, @Meta() meta: RequestMeta) {
    return this.rpc.send(AddOrganisationMember, { ...body, organisationId: params.id }, meta);
  }

  @Route({ method: 'PUT', path: 'organisations/:id/members/:accountId/role', status: 200, contract: ChangeOrganisationMemberRole, params: { id: Id, accountId: Id }, body: RoleBody, auth: 'required', summary: 'Wijzig de rol van een lid; de laatste beheerder blijft beheerder' })
  changeRole(@Input() { params, body }: RouteInput<{ id: string; accountId: string }, never, z.infer<typeof RoleBody>>, @Meta() meta: RequestMeta) {
    return this.rpc.send(ChangeOrganisationMemberRole, { organisationId: params.id, accountId: params.accountId, role: body.role }, meta);
  }

  @Route({ method: 'DELETE', path: 'organisations/:id/members/:accountId', contract: RemoveOrganisationMember, params: { id: Id, accountId: Id }, auth: 'required', summary: 'Haal iemand uit een organisatie (of verlaat haar zelf)' })
  async removeMember(@Input() { params }: RouteInput<{ id: string; accountId: string }>, @Meta() meta: RequestMeta): Promise<void> {
    await this.rpc.send(RemoveOrganisationMember, { organisationId: params.id, accountId: params.accountId }, meta);
  }

  @Route({ method: 'POST', path: 'communities/:id/partners', status: 201, contract: AddCommunityPartner, params: { id: Id }, body: PartnerBody, auth: 'required', summary: 'Noem een organisatie partner van de community (organisatoren): "In samenwerking met …"' })
  addPartner(@Input() { params, body }: RouteInput<{ id: string }, never, z.infer<typeof PartnerBody>>, @Meta() meta: RequestMeta) {
    return this.rpc.send(AddCommunityPartner, { communityId: params.id, organisationId: body.organisationId }, meta);
  }

  @Route({ method: 'DELETE', path: 'communities/:id/partners/:organisationId', contract: RemoveCommunityPartner, params: { id: Id, organisationId: Id }, auth: 'required', summary: 'Beëindig een samenwerking (organisatoren of beheerders van de organisatie)' })
  async removePartner(@Input() { params }: RouteInput<{ id: string; organisationId: string }>, @Meta() meta: RequestMeta): Promise<void> {
    await this.rpc.send(RemoveCommunityPartner, { communityId: params.id, organisationId: params.organisationId }, meta);
  }

  @Route({ method: 'GET', path: 'communities/:id/partners', contract: ListCommunityPartners, params: { id: Id }, auth: 'optional', summary: 'De organisaties die aan een community meewerken' })
  listPartners(@Input() { params }: RouteInput<{ id: string }>, @Meta() meta: RequestMeta) {
    return this.rpc.send(ListCommunityPartners, { communityId: params.id }, meta);
  }

  @Route({ method: 'POST', path: 'activities/:id/partner-organisations', status: 201, contract: AddActivityPartner, params: { id: Id }, body: PartnerBody, auth: 'required', summary: 'Noem een organisatie partner van een activiteit (organisatoren van de community): "In samenwerking met …"' })
  addActivityPartner(@Input() { params, body }: RouteInput<{ id: string }, never, z.infer<typeof PartnerBody>>, @Meta() meta: RequestMeta) {
    return this.rpc.send(AddActivityPartner, { activityId: params.id, organisationId: body.organisationId }, meta);
  }

  @Route({ method: 'DELETE', path: 'activities/:id/partner-organisations/:organisationId', contract: RemoveActivityPartner, params: { id: Id, organisationId: Id }, auth: 'required', summary: 'Beëindig de samenwerking met een organisatie voor een activiteit' })
  async removeActivityPartner(@Input() { params }: RouteInput<{ id: string; organisationId: string }>, @Meta() meta: RequestMeta): Promise<void> {
    await this.rpc.send(RemoveActivityPartner, { activityId: params.id, organisationId: params.organisationId }, meta);
  }

  @Route({ method: 'GET', path: 'activities/:id/partner-organisations', contract: ListActivityPartners, params: { id: Id }, auth: 'optional', summary: 'De organisaties die aan een activiteit meewerken' })
  listActivityPartners(@Input() { params }: RouteInput<{ id: string }>, @Meta() meta: RequestMeta) {
    return this.rpc.send(ListActivityPartners, { activityId: params.id }, meta);
  }
}
