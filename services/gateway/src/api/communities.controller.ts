import { Controller } from '@nestjs/common';
import {
  CreateCommunity, Empty, GetCommunity, GetConversation, Id, JoinCommunity, ListCommunities, ListConversations, ListMembers, StartConversation,
  type RequestMeta, type RequestOf,
} from '@kc/contracts';
import { RpcClient } from '@kc/messaging';
import { Meta } from '../http/edge-context';
import { Input, Route, type RouteInput } from '../http/route';

const StartConversationBody = StartConversation.request.omit({ communityId: true });
const ListConversationsQuery = ListConversations.request.omit({ communityId: true });
const ListMembersQuery = ListMembers.request.omit({ communityId: true });

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
  join(@Input() { params }: RouteInput<{ id: string }>, @Meta() meta: RequestMeta) {
    return this.rpc.send(JoinCommunity, { communityId: params.id }, meta);
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
