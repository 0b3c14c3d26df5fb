import { Controller } from '@nestjs/common';
import { Payload } from '@nestjs/microservices';
import { CancelRsvp, ListAttendees, MyActivities, Rsvp } from '@kc/contracts';
import { Rpc, type RpcCall } from '@kc/messaging';
import { RsvpService } from './rsvp.service';

@Controller()
export class RsvpController {
  constructor(private readonly rsvps: RsvpService) {}

  @Rpc(Rsvp)
  register(@Payload() { data, ctx, meta }: RpcCall<typeof Rsvp>) {
    return this.rsvps.register(ctx, meta, data.activityId, data.occurrenceStart);
  }

  @Rpc(CancelRsvp)
  cancel(@Payload() { data, ctx, meta }: RpcCall<typeof CancelRsvp>) {
    return this.rsvps.cancel(ctx, meta, data.activityId, data.occurrenceStart);
  }

  @Rpc(ListAttendees)
  attendees(@Payload() { data, ctx, meta }: RpcCall<typeof ListAttendees>) {
    return this.rsvps.attendees(ctx, meta, data.activityId, data.occurrenceStart);
  }

  @Rpc(MyActivities)
  mine(@Payload() { data, ctx }: RpcCall<typeof MyActivities>) {
    return this.rsvps.mine(ctx, data);
  }
}
