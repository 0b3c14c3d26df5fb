import { Controller } from '@nestjs/common';
import { Payload } from '@nestjs/microservices';
import { CancelActivity, CommunityCalendar, GetActivity, ListActivities, ScheduleActivity, UpdateActivity } from '@kc/contracts';
import { Rpc, type RpcCall } from '@kc/messaging';
import { ActivityService } from './activity.service';

@Controller()
export class ActivityController {
  constructor(private readonly activities: ActivityService) {}

  @Rpc(ScheduleActivity)
  schedule(@Payload() { data, ctx, meta }: RpcCall<typeof ScheduleActivity>) {
    return this.activities.schedule(ctx, meta, data);
  }

  @Rpc(ListActivities)
  list(@Payload() { data, meta }: RpcCall<typeof ListActivities>) {
    return this.activities.list(meta, data);
  }

  @Rpc(GetActivity)
  get(@Payload() { data, ctx, meta }: RpcCall<typeof GetActivity>) {
    return this.activities.get(ctx, meta, data.id);
  }

  @Rpc(UpdateActivity)
  update(@Payload() { data, ctx, meta }: RpcCall<typeof UpdateActivity>) {
    return this.activities.update(ctx, meta, data);
  }

  @Rpc(CancelActivity)
  cancel(@Payload() { data, ctx, meta }: RpcCall<typeof CancelActivity>) {
    return this.activities.cancel(ctx, meta, data);
  }

  @Rpc(CommunityCalendar)
  calendar(@Payload() { data, meta }: RpcCall<typeof CommunityCalendar>) {
    return this.activities.calendar(meta, data.communityId);
  }
}
