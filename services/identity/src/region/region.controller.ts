import { Controller } from '@nestjs/common';
import { Payload } from '@nestjs/microservices';
import { CreateRegion, GetRegion, ListRegions, SetRegionLicence } from '@kc/contracts';
import { Rpc, type RpcCall } from '@kc/messaging';
import { RegionLicenceService } from './region-licence.service';
import { toRegionResponse } from './region.responses';
import { RegionService } from './region.service';

@Controller()
export class RegionController {
  constructor(
    private readonly regions: RegionService,
    private readonly licences: RegionLicenceService,
  ) {}

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

  @Rpc(SetRegionLicence)
  setLicence(@Payload() { data, ctx }: RpcCall<typeof SetRegionLicence>) {
    return this.licences.set(ctx, data);
  }
}
