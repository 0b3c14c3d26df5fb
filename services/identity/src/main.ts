import '@kc/observability/startup';
import { runService } from '@kc/messaging';
import { loadIdentityConfig } from './config';
import { IdentityModule } from './identity.module';

runService({
  service: 'identity',
  loadConfig: () => loadIdentityConfig(),
  module: (config, logger) => IdentityModule.forRoot(config, logger),
  httpPort: (config) => config.IDENTITY_HTTP_PORT,
});
