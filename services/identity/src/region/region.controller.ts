import { Controller } from '@nestjs/common';
import { Payload } from '@nestjs/microservices';
import { CreateRegion, GetRegion, ListRegions } from '@kc/contracts';
import { Rpc, type RpcCall } from '@kc/messaging';
import { toRegionResponse } from './region.responses';
import { RegionService } from './region.service';

@Controller()
export class RegionController {
  constructor(private readonly regions: RegionService) {}

  @Rpc(CreateRegion)
  async create(@Payload() { data, ctx }: RpcCall<typeof CreateRegion>) {
    const region = await this.regions.create(ctx, data);
    return { id: region.id, slug: region.slug, name: region.name };
  }

  @Rpc(ListRegions)
  async list() {
    return { items: (await this.regions.list()).map(toRegionResponse), nextCursor: null };
  }

  @Rpc(GetRegion)
  async get(@Payload() { data }: RpcCall<typeof GetRegion>) {
    return toRegionResponse(await this.regions.get(data));
  }
}
