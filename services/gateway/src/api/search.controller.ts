import { Controller } from '@nestjs/common';
import { SearchQuery, type RequestMeta, type RequestOf } from '@kc/contracts';
import { RpcClient } from '@kc/messaging';
import { Meta } from '../http/edge-context';
import { Input, Route, type RouteInput } from '../http/route';

@Controller()
export class SearchController {
  constructor(private readonly rpc: RpcClient) {}

  @Route({ method: 'GET', path: 'search', contract: SearchQuery, query: SearchQuery.request, auth: 'optional', summary: 'Zoek in communities, gesprekken en activiteiten die je mag zien' })
  search(@Input() { query }: RouteInput<never, RequestOf<typeof SearchQuery>>, @Meta() meta: RequestMeta) {
    return this.rpc.send(SearchQuery, query, meta);
  }
}
