import { Controller } from '@nestjs/common';
import { Payload } from '@nestjs/microservices';
import { AddActivityPartner, ListActivityPartners, ListOrganisationActivities, RemoveActivityPartner } from '@kc/contracts';
import { Rpc, type RpcCall } from '@kc/messaging';
import { PartnerService } from './partner.service';

@Controller()
export class PartnerController {
  constructor(private readonly partners: PartnerService) {}

  @Rpc(AddActivityPartner)
  add(@Payload() { data, ctx, meta }: RpcCall<typeof AddActivityPartner>) {
    return this.partners.add(ctx, meta, data);
  }

  @Rpc(RemoveActivityPartner)
  remove(@Payload() { data, ctx, meta }: RpcCall<typeof RemoveActivityPartner>) {
    return this.partners.remove(ctx, meta, data);
  }

  @Rpc(ListActivityPartners)
  list(@Payload() { data, meta }: RpcCall<typeof ListActivityPartners>) {
    return this.partners.list(meta, data.activityId);
  }

  @Rpc(ListOrganisationActivities)
  activities(@Payload() { data, ctx, meta }: RpcCall<typeof ListOrganisationActivities>) {
    return this.partners.activitiesOf(ctx, meta, data);
  }
}
