import { Controller, Res } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import {
  AcceptInvitation, AnswerMembershipRequest, ChangeMemberRole, CommunityPlanInput, CreateInvitation, GetCommunityPlan, GetInvitation, InvitationToken, ListInvitations,
  ListMembershipRequests, RemoveMember, RevokeInvitation, SetCommunityPlan, UpdateCommunity,
  CreateCommunity, Empty, GetCommunity, GetConversation, Id, JoinCommunity, ListCommunities, ListConversations, ListMembers, StartConversation,
  type RequestMeta, type RequestOf,
} from '@kc/contracts';
import { RpcClient } from '@kc/messaging';
import { Meta } from '../http/edge-context';
import { Input, Route, type RouteInput } from '../http/route';

const StartConversationBody = StartConversation.request.omit({ communityId: true });
const ListConversationsQuery = ListConversations.request.omit({ communityId: true });
const ListMembersQuery = ListMembers.request.omit({ communityId: true });
const UpdateCommunityBody = UpdateCommunity.request.omit({ communityId: true });
const CreateInvitationBody = CreateInvitation.request.omit({ communityId: true });
const ChangeRoleBody = ChangeMemberRole.request.pick({ role: true });

@Controller()
export class CommunitiesController {
  constructor(private readonly rpc: RpcClient) {}

  @Route({ method: 'POST', path: 'communities', contract: CreateCommunity, body: CreateCommunity.request, auth: 'required', summary: 'Start een community in je eigen regio; je wordt de organisator' })
  create(@Input() { body }: RouteInput<never, never, RequestOf<typeof CreateCommunity>>, @Meta() meta: RequestMeta) {
    return this.rpc.send(CreateCommunity, body, meta);
  }

  @Route({ method: 'GET', path: 'communities', contract: ListCommunities, query: ListCommunities.request, auth: 'optional', summary: 'Communities van een regio: de openbare en die van jezelf' })
  list(@Input() { query }: RouteInput<never, RequestOf<typeof ListCommunities>>, @Meta() meta: RequestMeta) {
    return this.rpc.send(ListCommunities, query, meta);
  }

  @Route({ method: 'GET', path: 'communities/:id', contract: GetCommunity, params: { id: Id }, auth: 'optional', summary: 'Eén community, als je die mag zien' })
  get(@Input() { params }: RouteInput<{ id: string }>, @Meta() meta: RequestMeta) {
    return this.rpc.send(GetCommunity, { id: params.id }, meta);
  }

  @Route({ method: 'POST', path: 'communities/:id/members', contract: JoinCommunity, params: { id: Id }, body: Empty, auth: 'required', summary: 'Word lid van een community' })
  async join(@Input() { params }: RouteInput<{ id: string }>, @Meta() meta: RequestMeta, @Res({ passthrough: true }) reply: FastifyReply) {
    const answer = await this.rpc.send(JoinCommunity, { communityId: params.id }, meta);
    // A request to join (join mode `approval`) is accepted for later: 202.
    if (answer.status === 'requested') reply.status(202);
    return answer;
  }

  @Route({ method: 'PATCH', path: 'communities/:id', contract: UpdateCommunity, params: { id: Id }, body: UpdateCommunityBody, auth: 'required', summary: 'Wijzig hoe je lid wordt van een community (organisatoren): open, na goedkeuring of op uitnodiging' })
  update(@Input() { params, body }: RouteInput<{ id: string }, never, Omit<RequestOf<typeof UpdateCommunity>, 'communityId'>>, @Meta() meta: RequestMeta) {
    return this.rpc.send(UpdateCommunity, { ...body, communityId: params.id }, meta);
  }

  @Route({ method: 'GET', path: 'communities/:id/membership-requests', contract: ListMembershipRequests, params: { id: Id }, auth: 'required', summary: 'Open aanvragen om lid te worden (organisatoren en moderatoren)' })
  requests(@Input() { params }: RouteInput<{ id: string }>, @Meta() meta: RequestMeta) {
    return this.rpc.send(ListMembershipRequests, { communityId: params.id }, meta);
  }

  @Route({ method: 'POST', path: 'communities/:id/membership-requests/:accountId/approve', contract: AnswerMembershipRequest, params: { id: Id, accountId: Id }, status: 200, auth: 'required', summary: 'Keur een aanvraag goed: de persoon wordt lid' })
  approve(@Input() { params }: RouteInput<{ id: string; accountId: string }>, @Meta() meta: RequestMeta) {
    return this.rpc.send(AnswerMembershipRequest, { communityId: params.id, accountId: params.accountId, approve: true }, meta);
  }

  @Route({ method: 'POST', path: 'communities/:id/membership-requests/:accountId/reject', contract: AnswerMembershipRequest, params: { id: Id, accountId: Id }, status: 200, auth: 'required', summary: 'Wijs een aanvraag af' })
  reject(@Input() { params }: RouteInput<{ id: string; accountId: string }>, @Meta() meta: RequestMeta) {
    return this.rpc.send(AnswerMembershipRequest, { communityId: params.id, accountId: params.accountId, approve: false }, meta);
  }

  @Route({ method: 'POST', path: 'communities/:id/invitations', contract: CreateInvitation, params: { id: Id }, body: CreateInvitationBody, auth: 'required', summary: 'Maak een uitnodigingslink (organisatoren en moderatoren); alleen een hash van de code wordt bewaard' })
  invite(@Input() { params, body }: RouteInput<{ id: string }, never, Omit<RequestOf<typeof CreateInvitation>, 'communityId'>>, @Meta() meta: RequestMeta) {
    return this.rpc.send(CreateInvitation, { ...body, communityId: params.id }, meta);
  }

  @Route({ method: 'GET', path: 'communities/:id/invitations', contract: ListInvitations, params: { id: Id }, auth: 'required', summary: 'De geldige uitnodigingen van een community' })
  invitations(@Input() { params }: RouteInput<{ id: string }>, @Meta() meta: RequestMeta) {
    return this.rpc.send(ListInvitations, { communityId: params.id }, meta);
  }

  @Route({ method: 'DELETE', path: 'communities/:id/invitations/:invitationId', contract: RevokeInvitation, params: { id: Id, invitationId: Id }, auth: 'required', summary: 'Trek een uitnodiging in' })
  async revoke(@Input() { params }: RouteInput<{ id: string; invitationId: string }>, @Meta() meta: RequestMeta) {
    await this.rpc.send(RevokeInvitation, { communityId: params.id, invitationId: params.invitationId }, meta);
  }

  @Route({ method: 'GET', path: 'invitations/:token', contract: GetInvitation, params: { token: InvitationToken }, auth: 'optional', summary: 'Waar een uitnodigingslink naartoe leidt (wie de link heeft): de community en tot wanneer de link geldt; verlopen of ingetrokken is 410' })
  invitation(@Input() { params }: RouteInput<{ token: string }>, @Meta() meta: RequestMeta) {
    return this.rpc.send(GetInvitation, { token: params.token }, meta);
  }

  @Route({ method: 'POST', path: 'invitations/:token/accept', contract: AcceptInvitation, params: { token: InvitationToken }, auth: 'required', summary: 'Word lid met een uitnodiging; verlopen of ingetrokken is 410' })
  accept(@Input() { params }: RouteInput<{ token: string }>, @Meta() meta: RequestMeta) {
    return this.rpc.send(AcceptInvitation, { token: params.token }, meta);
  }

  @Route({ method: 'PUT', path: 'communities/:id/members/:accountId/role', contract: ChangeMemberRole, params: { id: Id, accountId: Id }, body: ChangeRoleBody, auth: 'required', summary: 'Geef een lid een andere rol (organisatoren); er blijft altijd een organisator' })
  role(@Input() { params, body }: RouteInput<{ id: string; accountId: string }, never, { role: RequestOf<typeof ChangeMemberRole>['role'] }>, @Meta() meta: RequestMeta) {
    return this.rpc.send(ChangeMemberRole, { communityId: params.id, accountId: params.accountId, role: body.role }, meta);
  }

  @Route({ method: 'DELETE', path: 'communities/:id/members/:accountId', contract: RemoveMember, params: { id: Id, accountId: Id }, auth: 'required', summary: 'Verwijder een lid (organisatoren, moderatoren) of verlaat de community (jezelf)' })
  async remove(@Input() { params }: RouteInput<{ id: string; accountId: string }>, @Meta() meta: RequestMeta) {
    await this.rpc.send(RemoveMember, { communityId: params.id, accountId: params.accountId }, meta);
  }

  @Route({ method: 'PUT', path: 'communities/:id/plan', contract: SetCommunityPlan, params: { id: Id }, body: CommunityPlanInput, auth: 'required', summary: 'Schrijf het communityplan: doelen, doelgroep, voorwaarden, aanpak (organisatoren en community-bibliothecarissen)' })
  setPlan(@Input() { params, body }: RouteInput<{ id: string }, never, Omit<RequestOf<typeof SetCommunityPlan>, 'communityId'>>, @Meta() meta: RequestMeta) {
    return this.rpc.send(SetCommunityPlan, { ...body, communityId: params.id }, meta);
  }

  @Route({ method: 'GET', path: 'communities/:id/plan', contract: GetCommunityPlan, params: { id: Id }, auth: 'required', summary: 'Het communityplan (leden en community-bibliothecarissen)' })
  plan(@Input() { params }: RouteInput<{ id: string }>, @Meta() meta: RequestMeta) {
    return this.rpc.send(GetCommunityPlan, { communityId: params.id }, meta);
  }

  @Route({
    method: 'GET', path: 'communities/:id/members', contract: ListMembers, params: { id: Id }, query: ListMembersQuery, auth: 'required',
    summary: 'De leden van een community met hun naam (voor leden en community-bibliothecarissen): wie je in een bijdrage kunt noemen',
  })
  members(@Input() { params, query }: RouteInput<{ id: string }, Omit<RequestOf<typeof ListMembers>, 'communityId'>>, @Meta() meta: RequestMeta) {
    return this.rpc.send(ListMembers, { ...query, communityId: params.id }, meta);
  }

  @Route({
    method: 'POST', path: 'communities/:id/conversations', contract: StartConversation, params: { id: Id }, body: StartConversationBody, auth: 'required',
    summary: 'Start een gesprek in een community (alleen leden); het platform stelt er bibliotheektitels bij voor',
  })
  startConversation(@Input() { params, body }: RouteInput<{ id: string }, never, Omit<RequestOf<typeof StartConversation>, 'communityId'>>, @Meta() meta: RequestMeta) {
    return this.rpc.send(StartConversation, { ...body, communityId: params.id }, meta);
  }

  @Route({ method: 'GET', path: 'communities/:id/conversations', contract: ListConversations, params: { id: Id }, query: ListConversationsQuery, auth: 'optional', summary: 'De gesprekken van een community, nieuwste eerst' })
  listConversations(@Input() { params, query }: RouteInput<{ id: string }, Omit<RequestOf<typeof ListConversations>, 'communityId'>>, @Meta() meta: RequestMeta) {
    return this.rpc.send(ListConversations, { ...query, communityId: params.id }, meta);
  }

  @Route({ method: 'GET', path: 'conversations/:id', contract: GetConversation, params: { id: Id }, auth: 'optional', summary: 'Een gesprek met de voorgestelde bibliotheektitels, beste eerst' })
  conversation(@Input() { params }: RouteInput<{ id: string }>, @Meta() meta: RequestMeta) {
    return this.rpc.send(GetConversation, { id: params.id }, meta);
  }
}
