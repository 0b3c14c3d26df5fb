import { Controller } from '@nestjs/common';
import { AddMedia, AddMediaBody, ChangeMedia, ChangeMediaBody, Id, RemoveMedia, type RequestMeta, type RequestOf } from '@kc/contracts';
import { RpcClient } from '@kc/messaging';
import { Meta } from '../http/edge-context';
import { Input, Route, type RouteInput } from '../http/route';

type Params = { id: string };

/** Videos, articles, websites and podcasts members point to in conversations; the server fetches their previews. */
@Controller()
export class MediaController {
  constructor(private readonly rpc: RpcClient) {}

  @Route({
    method: 'POST', path: 'conversations/:id/media', contract: AddMedia, params: { id: Id }, body: AddMediaBody, auth: 'required',
    summary: 'Wijs in een gesprek naar een video, artikel, website of podcast (alleen leden); de server haalt het voorbeeld op. Een adres van een intern netwerk is 400 MEDIA_URL_NOT_ALLOWED',
  })
  add(@Input() { params, body }: RouteInput<Params, never, RequestOf<typeof AddMedia>>, @Meta() meta: RequestMeta) {
    return this.rpc.send(AddMedia, { ...body, conversationId: params.id }, meta);
  }

  @Route({
    method: 'PATCH', path: 'media/:id', contract: ChangeMedia, params: { id: Id }, body: ChangeMediaBody, auth: 'required',
    summary: 'Wijzig het soort (video, article, website, podcast) of de toelichting van een link (alleen wie haar toevoegde)',
  })
  change(@Input() { params, body }: RouteInput<Params, never, { kind?: RequestOf<typeof ChangeMedia>['kind']; note?: string }>, @Meta() meta: RequestMeta) {
    return this.rpc.send(ChangeMedia, { ...body, mediaId: params.id }, meta);
  }

  @Route({ method: 'DELETE', path: 'media/:id', contract: RemoveMedia, params: { id: Id }, auth: 'required', summary: 'Haal een link weg uit een gesprek (wie haar toevoegde, of een moderator)' })
  async remove(@Input() { params }: RouteInput<Params>, @Meta() meta: RequestMeta): Promise<void> {
    await this.rpc.send(RemoveMedia, { mediaId: params.id }, meta);
  }
}
