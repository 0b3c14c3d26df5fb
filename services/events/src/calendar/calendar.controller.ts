import { Controller } from '@nestjs/common';
import { Payload } from '@nestjs/microservices';
import { GetCalendarFeed, PersonalCalendar, RegionActivities, RegionCalendar, RotateCalendarFeed } from '@kc/contracts';
import { Rpc, type RpcCall } from '@kc/messaging';
import { PersonalFeedService } from './personal-feed.service';
import { RegionCalendarService } from './region-calendar.service';

@Controller()
export class CalendarController {
  constructor(
    private readonly regions: RegionCalendarService,
    private readonly personal: PersonalFeedService,
  ) {}

  @Rpc(RegionActivities)
  region(@Payload() { data, ctx, meta }: RpcCall<typeof RegionActivities>) {
    return this.regions.list(ctx, meta, data);
  }

  @Rpc(RegionCalendar)
  regionFeed(@Payload() { data }: RpcCall<typeof RegionCalendar>) {
    return this.regions.feed(data.region);
  }

  @Rpc(GetCalendarFeed)
  token(@Payload() { ctx }: RpcCall<typeof GetCalendarFeed>) {
    return this.personal.token(ctx);
  }

  @Rpc(RotateCalendarFeed)
  rotate(@Payload() { ctx }: RpcCall<typeof RotateCalendarFeed>) {
    return this.personal.rotate(ctx);
  }

  @Rpc(PersonalCalendar)
  personalFeed(@Payload() { data }: RpcCall<typeof PersonalCalendar>) {
    return this.personal.feed(data.token);
  }
}
