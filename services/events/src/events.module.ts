import { EventsErasureModule } from './erasure/erasure.handlers';
import { Module, type DynamicModule } from '@nestjs/common';
import { AccessDirectory, AuthModule, operatorUsageModule, personalDataModule } from '@kc/auth';
import { EventsPersonalData, EventsUsage } from '@kc/contracts';
import { NatsClient, serviceHealthModule, serviceBackbone } from '@kc/messaging';
import { DatabaseHealthIndicator } from '@kc/persistence';
import type { Logger } from 'pino';
import { Activity } from './activity/activity.entity';
import { ActivityModule } from './activity/activity.module';
import { AttendanceModule } from './attendance/attendance.module';
import { BranchModule } from './branch/branch.module';
import { CalendarModule } from './calendar/calendar.module';
import { CohostModule } from './cohost/cohost.module';
import { PartnerModule } from './partner/partner.module';
import { RetentionModule } from './retention/retention.module';
import type { EventsConfig } from './config';
import { EVENTS_CONFIG } from './config';
import { eventsMigrations } from './migrations';
import { OccurrenceModule } from './occurrence/occurrence.module';
import { Rsvp } from './rsvp/rsvp.entity';
import { ReminderModule } from './reminder/reminder.module';
import { RsvpModule } from './rsvp/rsvp.module';

@Module({})
export class EventsModule {
  static forRoot(config: EventsConfig, logger: Logger): DynamicModule {
    return {
      module: EventsModule,
      global: true, // EVENTS_CONFIG for the aggregate modules
      imports: [
        ...serviceBackbone(config, logger, { service: 'events', database: 'events', entities: [Activity, Rsvp], migrations: eventsMigrations, produces: true }),
        AuthModule.forService(),
        serviceHealthModule('events', [DatabaseHealthIndicator, NatsClient, AccessDirectory]),
        ActivityModule,
        RsvpModule,
        CalendarModule,
        AttendanceModule,
        ReminderModule,
        OccurrenceModule,
        CohostModule,
        PartnerModule,
        BranchModule,
        RetentionModule,
        EventsErasureModule,
        operatorUsageModule(EventsUsage, [
          { table: 'activities', count: 'activities' },
          { table: 'rsvps', count: 'signUps', via: { table: 'activities', column: 'activity_id' } },
          { table: 'attendance', count: 'attendanceRecords', via: { table: 'activities', column: 'activity_id' } },
        ]),
        personalDataModule(EventsPersonalData, 'events', [
          { name: 'activitiesPlanned', table: 'activities', column: 'created_by' },
          { name: 'signUps', table: 'rsvps', column: 'account_id' },
          { name: 'attendance', table: 'attendance', column: 'account_id' },
          { name: 'cohostInvitationsSent', table: 'activity_cohosts', column: 'invited_by' },
          { name: 'partnerOrganisationsNamed', table: 'activity_partners', column: 'added_by' },
          { name: 'cohostInvitationsAnswered', table: 'activity_cohosts', column: 'answered_by' },
          // The feed's secret token stays out: the export says that the feed exists and since when.
          { name: 'calendarFeed', table: 'calendar_feeds', column: 'account_id', omit: ['token', 'token_hash'] },
        ]),
      ],
      providers: [{ provide: EVENTS_CONFIG, useValue: config }],
      exports: [EVENTS_CONFIG],
    };
  }
}
