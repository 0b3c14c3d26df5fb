import { Module } from '@nestjs/common';
import { CommunityAccessModule } from '../community-access/community-access.module';
import { OccurrenceModule } from '../occurrence/occurrence.module';
import { CalendarController } from './calendar.controller';
import { PersonalFeedService } from './personal-feed.service';
import { RegionCalendarService } from './region-calendar.service';

/** Calendars across communities: the region's (list and feed) and each person's own feed. */
@Module({ imports: [CommunityAccessModule, OccurrenceModule], controllers: [CalendarController], providers: [RegionCalendarService, PersonalFeedService] })
export class CalendarModule {}
