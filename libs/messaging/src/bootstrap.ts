import type { INestApplication, Type } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { MicroserviceOptions } from '@nestjs/microservices';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import { createLogger, PinoNestLogger, type BaseConfig } from '@kc/observability';
import type { Logger } from 'pino';
import { NatsRpcServer } from './rpc/rpc-transport';

export interface ServiceBootstrap {
  service: string;
  module: Type<unknown> | ReturnType<() => unknown>;
  logger: Logger;
  /** HTTP port for /health and /metrics. */
  httpPort: number;
  host?: string;
}

/**
 * Starts a back-end service: a small Fastify server for `/health` and `/metrics`, and the NATS
 * request/reply transport on the process's one connection (queue group = the process's name,
 * so replicas share the load). SIGTERM and SIGINT shut it down gracefully: requests in hand are
 * answered, consumers drain, the outbox flushes, connections close.
 */
export async function startService(options: ServiceBootstrap): Promise<INestApplication> {
  const app = await NestFactory.create<NestFastifyApplication>(options.module as Type<unknown>, new FastifyAdapter(), {
    logger: new PinoNestLogger(options.logger),
    bufferLogs: false,
  });
  app.connectMicroservice<MicroserviceOptions>(
    { strategy: app.get(NatsRpcServer, { strict: false }).servingAs(options.service) },
    { inheritAppConfig: true },
  );
  app.enableShutdownHooks();
  await app.init(); // migrations and consumers first: no request is answered before the schema is current
  await app.startAllMicroservices();
  await app.listen(options.httpPort, options.host ?? '127.0.0.1');
  const address = app.getHttpServer().address() as { port?: number } | null;
  options.logger.info({ port: address?.port ?? options.httpPort }, `${options.service} ready`);
  return app;
}

export interface RunServiceOptions<C extends BaseConfig> {
  service: string;
  loadConfig: () => C;
  module: (config: C, logger: Logger) => unknown;
  httpPort: (config: C) => number;
}

/** The whole `main.ts` of a back-end service: validated config, logger, start; exit 1 with the reason on failure. */
export function runService<C extends BaseConfig>(options: RunServiceOptions<C>): void {
  const start = async () => {
    const config = options.loadConfig();
    const logger = createLogger(options.service, config.LOG_LEVEL);
    await startService({
      service: options.service,
      module: options.module(config, logger),
      logger,
      httpPort: options.httpPort(config),
      host: config.KC_HTTP_HOST,
    });
  };
  start().catch((error) => {
    console.error(`[${options.service}] kon niet starten / failed to start:`, error instanceof Error ? error.message : error);
    if (error instanceof Error && error.stack && !error.message.includes('ongeldige configuratie')) console.error(error.stack);
    process.exit(1);
  });
}
