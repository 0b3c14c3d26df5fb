import { startService } from '@kc/messaging';
import { createLogger } from '@kc/observability';
import { CommunitiesModule } from './communities.module';
import { loadCommunitiesConfig } from './config';

async function main() {
  const config = loadCommunitiesConfig();
  const logger = createLogger('communities', config.LOG_LEVEL);
  await startService({
    service: 'communities',
    module: CommunitiesModule.forRoot(config, logger),
    logger,
    natsUrl: config.NATS_URL,
    namespace: config.KC_NAMESPACE,
    httpPort: config.COMMUNITIES_HTTP_PORT,
  });
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
