import { Controller } from '@nestjs/common';
import { BlockMember, Id, ListBlocks, UnblockMember, type RequestMeta, type RequestOf } from '@kc/contracts';
import { RpcClient } from '@kc/messaging';
import { Meta } from '../http/edge-context';
import { Input, Route, type RouteInput } from '../http/route';

const BlockBody = BlockMember.request.omit({ communityId: true });

/** Blocking people in a community: organisers, moderators and the region's community librarians. */
@Controller()
export class BlocksController {
  constructor(private readonly rpc: RpcClient) {}

  @Route({
    method: 'POST', path: 'communities/:id/blocks', status: 200, contract: BlockMember, params: { id: Id }, body: BlockBody, auth: 'required',
    summary: 'Blokkeer iemand in de community: een lid gaat er meteen uit en kan niet opnieuw lid worden, posten of reageren (organisatoren, moderatoren, communitybibliothecarissen)',
  })
  block(@Input() { params, body }: RouteInput<{ id: string }, never, Omit<RequestOf<typeof BlockMember>, 'communityId'>>, @Meta() meta: RequestMeta) {
    return this.rpc.send(BlockMember, { ...body, communityId: params.id }, meta);
  }

  @Route({ method: 'DELETE', path: 'communities/:id/blocks/:accountId', contract: UnblockMember, params: { id: Id, accountId: Id }, auth: 'required', summary: 'Hef een blokkade op' })
  async unblock(@Input() { params }: RouteInput<{ id: string; accountId: string }>, @Meta() meta: RequestMeta): Promise<void> {
    await this.rpc.send(UnblockMember, { communityId: params.id, accountId: params.accountId }, meta);
  }

  @Route({ method: 'GET', path: 'communities/:id/blocks', contract: ListBlocks, params: { id: Id }, auth: 'required', summary: 'Wie in de community geblokkeerd is, met de reden (organisatoren, moderatoren, communitybibliothecarissen)' })
  list(@Input() { params }: RouteInput<{ id: string }>, @Meta() meta: RequestMeta) {
    return this.rpc.send(ListBlocks, { communityId: params.id }, meta);
  }
}
