import '@kc/observability/startup';
import { runService } from '@kc/messaging';
import { loadCommunitiesConfig } from './config';
import { CommunitiesModule } from './communities.module';

runService({
  service: 'communities',
  loadConfig: () => loadCommunitiesConfig(),
  module: (config, logger) => CommunitiesModule.forRoot(config, logger),
  httpPort: (config) => config.COMMUNITIES_HTTP_PORT,
});
