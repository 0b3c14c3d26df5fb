import { Module, type DynamicModule } from '@nestjs/common';
import { AuthModule } from '@kc/auth';
import { MessagingModule, NatsClient, serviceHealthModule } from '@kc/messaging';
import { DatabaseHealthIndicator, PersistenceModule } from '@kc/persistence';
import type { Logger } from 'pino';
import { Activity } from './activity/activity.entity';
import { ActivityModule } from './activity/activity.module';
import type { EventsConfig } from './config';
import { EVENTS_CONFIG } from './config';
import { eventsMigrations } from './migrations';
import { Rsvp } from './rsvp/rsvp.entity';
import { RsvpModule } from './rsvp/rsvp.module';

@Module({})
export class EventsModule {
  static forRoot(config: EventsConfig, logger: Logger): DynamicModule {
    const dbName = `${config.KC_DB_PREFIX}events`;
    return {
      module: EventsModule,
      global: true, // EVENTS_CONFIG for the aggregate modules
      imports: [
        PersistenceModule.forService({
          databaseUrlBase: config.DATABASE_URL_BASE,
          dbName,
          entities: [Activity, Rsvp],
          migrations: eventsMigrations,
          logger,
        }),
        MessagingModule.forService(
          {
            service: 'events',
            natsUrl: config.NATS_URL,
            namespace: config.KC_NAMESPACE,
            databaseUrl: `${config.DATABASE_URL_BASE}/${dbName}`,
            produces: true,
            rpcTimeoutMs: config.RPC_TIMEOUT_MS,
          },
          logger,
        ),
        AuthModule.forService(),
        serviceHealthModule('events', [DatabaseHealthIndicator, NatsClient]),
        ActivityModule,
        RsvpModule,
      ],
      providers: [{ provide: EVENTS_CONFIG, useValue: config }],
      exports: [EVENTS_CONFIG],
    };
  }
}
