import { Module } from '@nestjs/common';
import { CommunityAccessModule } from '../community-access/community-access.module';
import { OccurrenceModule } from '../occurrence/occurrence.module';
import { RoomBookingModule } from '../room-booking/room-booking.module';
import { RsvpModule } from '../rsvp/rsvp.module';
import { ActivityController } from './activity.controller';
import { ActivityService } from './activity.service';

@Module({ imports: [CommunityAccessModule, RsvpModule, OccurrenceModule, RoomBookingModule], controllers: [ActivityController], providers: [ActivityService], exports: [ActivityService] })
export class ActivityModule {}
