import '@kc/observability/startup';
import { runService } from '@kc/messaging';
import { loadSearchConfig } from './config';
import { SearchModule } from './search.module';

runService({
  service: 'search',
  loadConfig: () => loadSearchConfig(),
  module: (config, logger) => SearchModule.forRoot(config, logger),
  httpPort: (config) => config.SEARCH_HTTP_PORT,
});
