import { Module } from '@nestjs/common';
import { CommunityAccessModule } from '../community-access/community-access.module';
import { RsvpController } from './rsvp.controller';
import { RsvpService } from './rsvp.service';
import { Waitlist } from './waitlist';

@Module({ imports: [CommunityAccessModule], controllers: [RsvpController], providers: [RsvpService, Waitlist], exports: [Waitlist] })
export class RsvpModule {}
