import { Controller } from '@nestjs/common';
import { Payload } from '@nestjs/microservices';
import { SearchQuery } from '@kc/contracts';
import { Rpc, type RpcCall } from '@kc/messaging';
import { toSearchHitResponse } from './search.responses';
import { SearchService } from './search.service';

@Controller()
export class SearchController {
  constructor(private readonly searches: SearchService) {}

  @Rpc(SearchQuery)
  async query(@Payload() { data, ctx }: RpcCall<typeof SearchQuery>) {
    const hits = await this.searches.search(ctx, data);
    return { items: hits.map(toSearchHitResponse), nextCursor: null };
  }
}
