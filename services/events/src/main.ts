import { startService } from '@kc/messaging';
import { createLogger } from '@kc/observability';
import { loadEventsConfig } from './config';
import { EventsModule } from './events.module';

async function main() {
  const config = loadEventsConfig();
  const logger = createLogger('events', config.LOG_LEVEL);
  await startService({
    service: 'events',
    module: EventsModule.forRoot(config, logger),
    logger,
    natsUrl: config.NATS_URL,
    namespace: config.KC_NAMESPACE,
    httpPort: config.EVENTS_HTTP_PORT,
  });
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
