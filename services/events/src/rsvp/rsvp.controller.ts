import { Controller } from '@nestjs/common';
import { Payload } from '@nestjs/microservices';
import { Rsvp } from '@kc/contracts';
import { Rpc, type RpcCall } from '@kc/messaging';
import { RsvpService } from './rsvp.service';

@Controller()
export class RsvpController {
  constructor(private readonly rsvps: RsvpService) {}

  @Rpc(Rsvp)
  register(@Payload() { data, ctx, meta }: RpcCall<typeof Rsvp>) {
    return this.rsvps.register(ctx, meta, data.activityId);
  }
}
