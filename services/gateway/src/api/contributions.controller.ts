import { Controller } from '@nestjs/common';
import {
  DeleteContribution, EditContribution, EditContributionBody, Id, ListContributions, ListContributionsQuery, PostContribution, PostContributionBody,
  ReactionKind, SetReaction, type RequestMeta, type RequestOf,
} from '@kc/contracts';
import { RpcClient } from '@kc/messaging';
import { Meta } from '../http/edge-context';
import { Input, Route, type RouteInput } from '../http/route';

type Params = { id: string };
type ReactionParams = { id: string; kind: RequestOf<typeof SetReaction>['kind'] };

/** Contributions (bijdragen) to conversations: the thread, replies, edits, deletions and reactions. */
@Controller()
export class ContributionsController {
  constructor(private readonly rpc: RpcClient) {}

  @Route({
    method: 'POST', path: 'conversations/:id/contributions', contract: PostContribution, params: { id: Id }, body: PostContributionBody, auth: 'required',
    summary: 'Draag bij aan een gesprek (alleen leden; Markdown); met parentId een reactie, met mentions noem je leden',
  })
  post(@Input() { params, body }: RouteInput<Params, never, RequestOf<typeof PostContribution>>, @Meta() meta: RequestMeta) {
    return this.rpc.send(PostContribution, { ...body, conversationId: params.id }, meta);
  }

  @Route({
    method: 'GET', path: 'conversations/:id/contributions', contract: ListContributions, params: { id: Id }, query: ListContributionsQuery, auth: 'optional',
    summary: 'De bijdragen van een gesprek, oudste draad eerst, elke reactie na haar bijdrage',
  })
  list(@Input() { params, query }: RouteInput<Params, RequestOf<typeof ListContributions>>, @Meta() meta: RequestMeta) {
    return this.rpc.send(ListContributions, { ...query, conversationId: params.id }, meta);
  }

  @Route({ method: 'PATCH', path: 'contributions/:id', contract: EditContribution, params: { id: Id }, body: EditContributionBody, auth: 'required', summary: 'Wijzig je bijdrage (alleen de schrijver); ze wordt als gewijzigd getoond' })
  edit(@Input() { params, body }: RouteInput<Params, never, { body: string }>, @Meta() meta: RequestMeta) {
    return this.rpc.send(EditContribution, { contributionId: params.id, body: body.body }, meta);
  }

  @Route({ method: 'DELETE', path: 'contributions/:id', contract: DeleteContribution, params: { id: Id }, auth: 'required', summary: 'Verwijder een bijdrage (de schrijver of een moderator); in het gesprek blijft een melding staan' })
  async delete(@Input() { params }: RouteInput<Params>, @Meta() meta: RequestMeta): Promise<void> {
    await this.rpc.send(DeleteContribution, { contributionId: params.id }, meta);
  }

  @Route({ method: 'PUT', path: 'contributions/:id/reactions/:kind', contract: SetReaction, params: { id: Id, kind: ReactionKind }, status: 204, auth: 'required', summary: 'Geef een reactie (nuttig, eens of inspirerend); nog eens geven verandert niets' })
  async react(@Input() { params }: RouteInput<ReactionParams>, @Meta() meta: RequestMeta): Promise<void> {
    await this.rpc.send(SetReaction, { contributionId: params.id, kind: params.kind, on: true }, meta);
  }

  @Route({ method: 'DELETE', path: 'contributions/:id/reactions/:kind', contract: SetReaction, params: { id: Id, kind: ReactionKind }, auth: 'required', summary: 'Neem je reactie terug; nog eens terugnemen verandert niets' })
  async unreact(@Input() { params }: RouteInput<ReactionParams>, @Meta() meta: RequestMeta): Promise<void> {
    await this.rpc.send(SetReaction, { contributionId: params.id, kind: params.kind, on: false }, meta);
  }
}
