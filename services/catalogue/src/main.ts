import { startService } from '@kc/messaging';
import { createLogger } from '@kc/observability';
import { CatalogueModule } from './catalogue.module';
import { loadCatalogueConfig } from './config';

async function main() {
  const config = loadCatalogueConfig();
  const logger = createLogger('catalogue', config.LOG_LEVEL);
  await startService({
    service: 'catalogue',
    module: CatalogueModule.forRoot(config, logger),
    logger,
    natsUrl: config.NATS_URL,
    namespace: config.KC_NAMESPACE,
    httpPort: config.CATALOGUE_HTTP_PORT,
  });
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
