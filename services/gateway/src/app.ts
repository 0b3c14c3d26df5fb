import helmet from 'helmet';
import { RequestMethod } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import { DocumentBuilder, SwaggerModule, type OpenAPIObject } from '@nestjs/swagger';
import { PinoNestLogger } from '@kc/observability';
import type { Logger } from 'pino';
import type { GatewayConfig } from './config';
import { GatewayModule } from './gateway.module';
import { registerBodyParsers } from './http/body-parsers';
import { correlationIdOf } from './http/edge-context';
import { clientErrorHandler, frameworkErrorHandler } from './http/framework-errors';
import { describeRoutes } from './http/route';
import { registerWebUi } from './web/web-app';
import { webRoutes } from './web/web.module';

export const API_PREFIX = 'api/v1';

/**
 * Builds the gateway application (not listening yet): Fastify with the correlation id as
 * request id, strict body parsers, security headers, `/api/v1`, and the OpenAPI document at
 * `/api/docs` (UI) and `/api/docs-json`. Used by `main.ts` and by the tests.
 */
export async function createGatewayApp(config: GatewayConfig, logger: Logger): Promise<NestFastifyApplication> {
  const adapter = new FastifyAdapter({
    genReqId: correlationIdOf,
    requestIdHeader: false,
    trustProxy: config.TRUST_PROXY,
    bodyLimit: config.JSON_BODY_LIMIT_BYTES,
    logger: false,
    return503OnClosing: true,
    frameworkErrors: frameworkErrorHandler,
    clientErrorHandler,
  });
  const app = await NestFactory.create<NestFastifyApplication>(GatewayModule.forRoot(config, logger), adapter, {
    logger: new PinoNestLogger(logger),
    bufferLogs: false,
    bodyParser: false, // ours, below: bounded JSON and the raw catalogue upload streams
  });
  const fastify = app.getHttpAdapter().getInstance();
  fastify.addHook('onRequest', (req, reply, done) => {
    reply.header('x-correlation-id', req.id);
    done();
  });
  fastify.addHook('onResponse', (req, reply, done) => {
    logger.info({ correlationId: req.id, method: req.method, route: req.routeOptions?.url, status: reply.statusCode, ms: Math.round(reply.elapsedTime) }, 'http');
    done();
  });
  registerBodyParsers(fastify, config.JSON_BODY_LIMIT_BYTES);
  await registerWebUi(app, config.JSON_BODY_LIMIT_BYTES);
  // TLS ends at the ingress; forcing https sub-resources would break plain-http development.
  // Web pages replace this policy with their stricter own (web/layout/respond.ts). helmet's
  // middleware is made once: @fastify/helmet made it again (parsing the policy) for every request.
  const securityHeaders = helmet({ contentSecurityPolicy: { directives: { upgradeInsecureRequests: null } } });
  fastify.addHook('onRequest', (req, reply, done) => securityHeaders(req.raw, reply.raw, (error?: unknown) => done(error as Error | undefined)));
  app.setGlobalPrefix(API_PREFIX, {
    exclude: [{ path: 'health', method: RequestMethod.GET }, { path: 'metrics', method: RequestMethod.GET }, ...webRoutes()],
  });
  SwaggerModule.setup('api/docs', app, () => openApiDocument(app), {
    jsonDocumentUrl: 'api/docs-json',
    yamlDocumentUrl: 'api/docs-yaml',
    customSiteTitle: 'KennisCloud API',
  });
  app.enableShutdownHooks();
  return app;
}

/** Built when first asked for (`/api/docs…`), with the routes' descriptions (`describeRoutes`): an idle gateway holds neither. */
export function openApiDocument(app: NestFastifyApplication): OpenAPIObject {
  describeRoutes();
  const config = new DocumentBuilder()
    .setTitle('KennisCloud API')
    .setDescription(
      'De REST-API van KennisCloud, het kennisnetwerk van de openbare bibliotheken. JSON; ids zijn UUIDv7; tijden ISO 8601 in UTC. ' +
        'Fouten hebben altijd de vorm `{statusCode, error, message, code}`, met `message` in de taal van `Accept-Language` (standaard Nederlands). ' +
        'Lijsten zijn `{items, nextCursor}`. Onveilige verzoeken accepteren een `Idempotency-Key`-header; geef `x-correlation-id` mee om een verzoek te volgen.\n\n' +
        'The KennisCloud REST API. Errors are `{statusCode, error, message, code}` with `message` in the Accept-Language language (Dutch by default); lists are `{items, nextCursor}`.',
    )
    .setVersion('1')
    .setLicense('EUPL-1.2', 'https://interoperable-europe.ec.europa.eu/collection/eupl')
    .addBearerAuth({ type: 'http', scheme: 'bearer', bearerFormat: 'JWT' })
    .build();
  return SwaggerModule.createDocument(app, config);
}
