import { Controller } from '@nestjs/common';
import { Payload } from '@nestjs/microservices';
import { GetTitle, MatchTitles, notFound, SearchTitles } from '@kc/contracts';
import { Rpc, type RpcCall } from '@kc/messaging';
import { RegionService } from '../region/region.service';
import { toTitleResponse } from './title.responses';
import { TitleService } from './title.service';

const titleNotFound = () =>
  notFound('TITLE_NOT_FOUND', 'Deze titel staat niet in de collectie van deze regio.', 'This title is not in this region’s collection.');

@Controller()
export class TitleController {
  constructor(private readonly titles: TitleService, private readonly regions: RegionService) {}

  @Rpc(SearchTitles)
  async search(@Payload() { data, ctx }: RpcCall<typeof SearchTitles>) {
    const regionId = await this.regions.targetRegion(ctx, data.region);
    const rows = await this.titles.search(regionId, data.q, data.limit);
    return { items: rows.map(toTitleResponse), nextCursor: null };
  }

  /** For other services (no caller needed): a region's collection is public metadata. */
  @Rpc(GetTitle)
  async get(@Payload() { data }: RpcCall<typeof GetTitle>) {
    const row = await this.titles.get(data.regionId, data.id);
    if (!row) throw titleNotFound();
    return toTitleResponse(row);
  }

  /** For other services (the meetup book table): the suggestion engine over any text of a region. */
  @Rpc(MatchTitles)
  async match(@Payload() { data }: RpcCall<typeof MatchTitles>) {
    return { items: await this.titles.match(data) };
  }
}
