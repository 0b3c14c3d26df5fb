import { Catch, Inject, type ArgumentsHost, type ExceptionFilter } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Logger } from 'pino';
import { GATEWAY_CONFIG, type GatewayConfig } from '../config';
import { GATEWAY_LOGGER } from '../gateway.tokens';
import { retryAfterOf, toErrorResponse } from './error-response';
import { languageOf } from './language';
import { isApiPath } from '../web/web-app';
import { renderWebError } from '../web/web-error.filter';

/**
 * The one place where anything thrown while handling an HTTP request (a service's
 * DomainError, an edge validation error, a Fastify parser error, an unknown route, a rate
 * limit, a bug) becomes `{statusCode, error, message, code}` in the caller's language.
 * Unexpected errors are logged with their stack and the correlation id.
 */
@Catch()
export class ApiErrorFilter implements ExceptionFilter {
  constructor(
    @Inject(GATEWAY_CONFIG) private readonly config: GatewayConfig,
    @Inject(GATEWAY_LOGGER) private readonly logger: Logger,
  ) {}

  catch(exception: unknown, host: ArgumentsHost): void {
    const http = host.switchToHttp();
    const req = http.getRequest<FastifyRequest>();
    const reply = http.getResponse<FastifyReply>();
    // Outside the API (an unknown page, a form body that could not be read) a person reads the answer.
    if (!isApiPath(req.url) && req.url !== '/health') return renderWebError(exception, req, reply, this.logger, this.config.JSON_BODY_LIMIT_BYTES);
    const { body, unexpected } = toErrorResponse(exception, languageOf(req.headers['accept-language']), {
      method: req.method,
      url: req.url,
      jsonBodyLimitBytes: this.config.JSON_BODY_LIMIT_BYTES,
    });
    const where = { correlationId: req.id, method: req.method, route: req.routeOptions?.url, status: body.statusCode, code: body.code };
    if (unexpected) this.logger.error({ ...where, err: exception }, 'unexpected error');
    else if (body.statusCode >= 500) this.logger.warn(where, body.code);
    if (reply.sent) return;
    const retryAfter = retryAfterOf(exception);
    if (retryAfter !== undefined) reply.header('Retry-After', retryAfter);
    reply.header('x-correlation-id', req.id).header('content-type', 'application/json; charset=utf-8').status(body.statusCode).send(body);
  }
}
