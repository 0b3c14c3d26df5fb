import { startService } from '@kc/messaging';
import { createLogger } from '@kc/observability';
import { loadIdentityConfig } from './config';
import { IdentityModule } from './identity.module';

async function main() {
  const config = loadIdentityConfig();
  const logger = createLogger('identity', config.LOG_LEVEL);
  await startService({
    service: 'identity',
    module: IdentityModule.forRoot(config, logger),
    logger,
    natsUrl: config.NATS_URL,
    namespace: config.KC_NAMESPACE,
    httpPort: config.IDENTITY_HTTP_PORT,
  });
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
