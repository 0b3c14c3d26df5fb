import '@kc/observability/startup';
import { createLogger } from '@kc/observability';
import { createGatewayApp } from './app';
import { loadGatewayConfig } from './config';

async function main() {
  const config = loadGatewayConfig();
  const logger = createLogger('gateway', config.LOG_LEVEL);
  const app = await createGatewayApp(config, logger);
  await app.listen(config.PORT, config.GATEWAY_HOST);
  logger.info({ port: config.PORT }, 'gateway ready');
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
