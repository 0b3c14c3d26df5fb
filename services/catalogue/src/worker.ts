import { startService } from '@kc/messaging';
import { createLogger } from '@kc/observability';
import { loadCatalogueConfig } from './config';
import { CatalogueWorkerModule } from './worker.module';

/** The catalogue worker process: BullMQ jobs (imports, suggestions); HTTP 3105 for /health and /metrics. */
async function main() {
  const config = loadCatalogueConfig();
  const logger = createLogger('catalogue-worker', config.LOG_LEVEL);
  await startService({
    service: 'catalogue-worker',
    module: CatalogueWorkerModule.forRoot(config, logger),
    logger,
    natsUrl: config.NATS_URL,
    namespace: config.KC_NAMESPACE,
    httpPort: config.CATALOGUE_WORKER_HTTP_PORT,
  });
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
