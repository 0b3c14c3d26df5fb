import { Controller } from '@nestjs/common';
import { Payload } from '@nestjs/microservices';
import { SearchTitles } from '@kc/contracts';
import { Rpc, type RpcCall } from '@kc/messaging';
import { RegionService } from '../region/region.service';
import { toTitleResponse } from './title.responses';
import { TitleService } from './title.service';

@Controller()
export class TitleController {
  constructor(private readonly titles: TitleService, private readonly regions: RegionService) {}

  @Rpc(SearchTitles)
  async search(@Payload() { data, ctx }: RpcCall<typeof SearchTitles>) {
    const regionId = await this.regions.targetRegion(ctx, data.region);
    const rows = await this.titles.search(regionId, data.q, data.limit);
    return { items: rows.map(toTitleResponse), nextCursor: null };
  }
}
