import { Controller } from '@nestjs/common';
import {
  AddCollectionItem, AddCollectionItemBody, ChangeCollectionItem, ChangeCollectionItemBody, CreateCollection, CreateCollectionBody, DeleteCollection,
  GetCollection, Id, ListCollections, RegionCollections, RegionSlug, RemoveCollectionItem, UpdateCollection, UpdateCollectionBody,
  type RequestMeta, type RequestOf,
} from '@kc/contracts';
import { RpcClient } from '@kc/messaging';
import { Meta } from '../http/edge-context';
import { Input, Route, type RouteInput } from '../http/route';

const ListCollectionsQuery = ListCollections.request.omit({ communityId: true });
const RegionCollectionsQuery = RegionCollections.request.omit({ region: true });
type Params = { id: string };
type ItemParams = { id: string; itemId: string };

/** Theme collections (themacollecties): what a community curates around its expertise, in its own order. */
@Controller()
export class CollectionsController {
  constructor(private readonly rpc: RpcClient) {}

  @Route({
    method: 'POST', path: 'communities/:id/collections', contract: CreateCollection, params: { id: Id }, body: CreateCollectionBody, auth: 'required',
    summary: 'Begin een themacollectie in een community (leden); de beschrijving is Markdown',
  })
  create(@Input() { params, body }: RouteInput<Params, never, Omit<RequestOf<typeof CreateCollection>, 'communityId'>>, @Meta() meta: RequestMeta) {
    return this.rpc.send(CreateCollection, { ...body, communityId: params.id }, meta);
  }

  @Route({
    method: 'GET', path: 'communities/:id/collections', contract: ListCollections, params: { id: Id }, query: ListCollectionsQuery, auth: 'optional',
    summary: 'De themacollecties van een community, nieuwste eerst',
  })
  list(@Input() { params, query }: RouteInput<Params, Omit<RequestOf<typeof ListCollections>, 'communityId'>>, @Meta() meta: RequestMeta) {
    return this.rpc.send(ListCollections, { ...query, communityId: params.id }, meta);
  }

  @Route({
    method: 'GET', path: 'regions/:slug/collections', contract: RegionCollections, params: { slug: RegionSlug }, query: RegionCollectionsQuery, auth: 'optional',
    summary: 'De themacollecties van de openbare communities van een regio, nieuwste eerst',
  })
  ofRegion(@Input() { params, query }: RouteInput<{ slug: string }, Omit<RequestOf<typeof RegionCollections>, 'region'>>, @Meta() meta: RequestMeta) {
    return this.rpc.send(RegionCollections, { ...query, region: params.slug }, meta);
  }

  @Route({ method: 'GET', path: 'collections/:id', contract: GetCollection, params: { id: Id }, auth: 'optional', summary: 'Eén themacollectie met haar onderdelen op volgorde, als je haar community mag zien' })
  get(@Input() { params }: RouteInput<Params>, @Meta() meta: RequestMeta) {
    return this.rpc.send(GetCollection, { id: params.id }, meta);
  }

  @Route({
    method: 'PATCH', path: 'collections/:id', contract: UpdateCollection, params: { id: Id }, body: UpdateCollectionBody, auth: 'required',
    summary: 'Wijzig de titel of beschrijving van een themacollectie (wie haar maakte, organisatoren, moderatoren)',
  })
  update(@Input() { params, body }: RouteInput<Params, never, { title?: string; description?: string }>, @Meta() meta: RequestMeta) {
    return this.rpc.send(UpdateCollection, { ...body, collectionId: params.id }, meta);
  }

  @Route({ method: 'DELETE', path: 'collections/:id', contract: DeleteCollection, params: { id: Id }, auth: 'required', summary: 'Verwijder een themacollectie met haar onderdelen (wie haar maakte, organisatoren, moderatoren)' })
  async remove(@Input() { params }: RouteInput<Params>, @Meta() meta: RequestMeta): Promise<void> {
    await this.rpc.send(DeleteCollection, { collectionId: params.id }, meta);
  }

  @Route({
    method: 'POST', path: 'collections/:id/items', contract: AddCollectionItem, params: { id: Id }, body: AddCollectionItemBody, auth: 'required',
    summary: 'Voeg achteraan een onderdeel toe: een bibliotheektitel van de regio, een link, gesprek of activiteit van de community, of een webadres (de server haalt het voorbeeld op; een adres van een intern netwerk is 400 MEDIA_URL_NOT_ALLOWED)',
  })
  addItem(@Input() { params, body }: RouteInput<Params, never, Omit<RequestOf<typeof AddCollectionItem>, 'collectionId'>>, @Meta() meta: RequestMeta) {
    return this.rpc.send(AddCollectionItem, { ...body, collectionId: params.id }, meta);
  }

  @Route({
    method: 'PATCH', path: 'collections/:id/items/:itemId', contract: ChangeCollectionItem, params: { id: Id, itemId: Id }, body: ChangeCollectionItemBody, auth: 'required',
    summary: 'Wijzig de toelichting van een onderdeel of zet het op een andere plaats (de andere schuiven op)',
  })
  changeItem(@Input() { params, body }: RouteInput<ItemParams, never, { note?: string; position?: number }>, @Meta() meta: RequestMeta) {
    return this.rpc.send(ChangeCollectionItem, { ...body, collectionId: params.id, itemId: params.itemId }, meta);
  }

  @Route({ method: 'DELETE', path: 'collections/:id/items/:itemId', contract: RemoveCollectionItem, params: { id: Id, itemId: Id }, auth: 'required', summary: 'Haal een onderdeel uit een themacollectie' })
  async removeItem(@Input() { params }: RouteInput<ItemParams>, @Meta() meta: RequestMeta): Promise<void> {
    await this.rpc.send(RemoveCollectionItem, { collectionId: params.id, itemId: params.itemId }, meta);
  }
}
