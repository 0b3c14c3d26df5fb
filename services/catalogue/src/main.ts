import '@kc/observability/startup';
import { runService } from '@kc/messaging';
import { loadCatalogueConfig } from './config';
import { CatalogueModule } from './catalogue.module';

runService({
  service: 'catalogue',
  loadConfig: () => loadCatalogueConfig(),
  module: (config, logger) => CatalogueModule.forRoot(config, logger),
  httpPort: (config) => config.CATALOGUE_HTTP_PORT,
});
