import { startService } from '@kc/messaging';
import { createLogger } from '@kc/observability';
import { loadSearchConfig } from './config';
import { SearchModule } from './search.module';

async function main() {
  const config = loadSearchConfig();
  const logger = createLogger('search', config.LOG_LEVEL);
  await startService({
    service: 'search',
    module: SearchModule.forRoot(config, logger),
    logger,
    natsUrl: config.NATS_URL,
    namespace: config.KC_NAMESPACE,
    httpPort: config.SEARCH_HTTP_PORT,
  });
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
