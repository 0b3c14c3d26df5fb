import '@kc/observability/startup';
import { runService } from '@kc/messaging';
import { loadEventsConfig } from './config';
import { EventsModule } from './events.module';

runService({
  service: 'events',
  loadConfig: () => loadEventsConfig(),
  module: (config, logger) => EventsModule.forRoot(config, logger),
  httpPort: (config) => config.EVENTS_HTTP_PORT,
});
