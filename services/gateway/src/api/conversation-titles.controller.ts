import { Controller } from '@nestjs/common';
import {
  AddConversationTitle, AddConversationTitleBody, DismissSuggestion, DismissSuggestionBody, Id, RemoveConversationTitle, type RequestMeta, type RequestOf,
} from '@kc/contracts';
import { RpcClient } from '@kc/messaging';
import { Meta } from '../http/edge-context';
import { Input, Route, type RouteInput } from '../http/route';

type TitleParams = { id: string; titleId: string };

/** Library titles in conversations: members add them (from the suggestions or the catalogue), take them off, or find a suggestion not fitting. */
@Controller()
export class ConversationTitlesController {
  constructor(private readonly rpc: RpcClient) {}

  @Route({
    method: 'POST', path: 'conversations/:id/titles', contract: AddConversationTitle, params: { id: Id }, body: AddConversationTitleBody, auth: 'required',
    summary: 'Voeg een bibliotheektitel uit de collectie van de regio toe aan een gesprek (alleen leden)',
  })
  add(@Input() { params, body }: RouteInput<{ id: string }, never, { titleId: string }>, @Meta() meta: RequestMeta) {
    return this.rpc.send(AddConversationTitle, { conversationId: params.id, titleId: body.titleId }, meta);
  }

  @Route({
    method: 'DELETE', path: 'conversations/:id/titles/:titleId', contract: RemoveConversationTitle, params: { id: Id, titleId: Id }, auth: 'required',
    summary: 'Haal een bibliotheektitel weg uit een gesprek (wie haar toevoegde, of een moderator)',
  })
  async remove(@Input() { params }: RouteInput<TitleParams>, @Meta() meta: RequestMeta): Promise<void> {
    await this.rpc.send(RemoveConversationTitle, { conversationId: params.id, titleId: params.titleId }, meta);
  }

  @Route({
    method: 'POST', path: 'conversations/:id/suggestions/:titleId/dismiss', contract: DismissSuggestion, params: { id: Id, titleId: Id }, body: DismissSuggestionBody, status: 204,
    auth: 'required', summary: 'Markeer een voorgestelde titel als niet passend (alleen leden); ze wordt bij dit gesprek nooit meer voorgesteld',
  })
  async dismiss(@Input() { params, body }: RouteInput<TitleParams, never, RequestOf<typeof DismissSuggestion>>, @Meta() meta: RequestMeta): Promise<void> {
    await this.rpc.send(DismissSuggestion, { conversationId: params.id, titleId: params.titleId, ...(body.reason ? { reason: body.reason } : {}) }, meta);
  }
}
