import { Module } from '@nestjs/common';
import { CommunityAccessModule } from '../community-access/community-access.module';
import { RsvpModule } from '../rsvp/rsvp.module';
import { AttendanceController } from './attendance.controller';
import { AttendanceService } from './attendance.service';

@Module({ imports: [CommunityAccessModule, RsvpModule], controllers: [AttendanceController], providers: [AttendanceService] })
export class AttendanceModule {}
