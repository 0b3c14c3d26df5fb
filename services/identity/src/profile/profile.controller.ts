import { Controller } from '@nestjs/common';
import { Payload } from '@nestjs/microservices';
import { GetMyProfile, ListRegionPeople, UpdateMyProfile } from '@kc/contracts';
import { Rpc, type RpcCall } from '@kc/messaging';
import { ProfileService } from './profile.service';

@Controller()
export class ProfileController {
  constructor(private readonly profiles: ProfileService) {}

  @Rpc(GetMyProfile)
  mine(@Payload() { ctx }: RpcCall<typeof GetMyProfile>) {
    return this.profiles.mine(ctx);
  }

  @Rpc(UpdateMyProfile)
  update(@Payload() { data, ctx }: RpcCall<typeof UpdateMyProfile>) {
    return this.profiles.update(ctx, data);
  }

  @Rpc(ListRegionPeople)
  people(@Payload() { data, ctx }: RpcCall<typeof ListRegionPeople>) {
    return this.profiles.people(ctx, data);
  }
}
