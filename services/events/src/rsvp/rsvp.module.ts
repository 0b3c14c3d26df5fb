import { Module } from '@nestjs/common';
import { CommunityAccessModule } from '../community-access/community-access.module';
import { RsvpController } from './rsvp.controller';
import { RsvpService } from './rsvp.service';

@Module({ imports: [CommunityAccessModule], controllers: [RsvpController], providers: [RsvpService] })
export class RsvpModule {}
