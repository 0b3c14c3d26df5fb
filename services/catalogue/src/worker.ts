import '@kc/observability/startup';
import { runService } from '@kc/messaging';
import { loadCatalogueConfig } from './config';
import { CatalogueWorkerModule } from './worker.module';

/** The catalogue worker process: BullMQ jobs (imports, suggestions); HTTP 3105 for /health and /metrics. */
runService({
  service: 'catalogue-worker',
  loadConfig: () => loadCatalogueConfig(),
  module: (config, logger) => CatalogueWorkerModule.forRoot(config, logger),
  httpPort: (config) => config.CATALOGUE_WORKER_HTTP_PORT,
});
