import { Module } from '@nestjs/common';
import { CommunityAccessModule } from '../community-access/community-access.module';
import { RoomBookingModule } from '../room-booking/room-booking.module';
import { RsvpModule } from '../rsvp/rsvp.module';
import { OccurrenceController } from './occurrence.controller';
import { OccurrenceService } from './occurrence.service';

@Module({ imports: [CommunityAccessModule, RsvpModule, RoomBookingModule], controllers: [OccurrenceController], providers: [OccurrenceService], exports: [OccurrenceService] })
export class OccurrenceModule {}
