import { STATUS_CODES } from 'node:http';
import { HttpException } from '@nestjs/common';
import { DomainError } from '@kc/contracts';
import { EdgeErrors } from './edge-errors';
import type { Lang } from './language';

/** The one error shape of the API (DESIGN.md "API conventions"). */
export interface ErrorBody {
  statusCode: number;
  error: string;
  message: string;
  code: string;
  /** Only for `VALIDATION_FAILED`: which fields are wrong. */
  details?: unknown;
}

export interface ErrorContext {
  method: string;
  url: string;
  jsonBodyLimitBytes: number;
}

/**
 * Turns anything thrown while handling a request into the API's error shape. `unexpected`
 * marks what the caller did not cause (it is logged with the correlation id).
 */
export function toErrorResponse(exception: unknown, lang: Lang, ctx: ErrorContext): { body: ErrorBody; unexpected: boolean } {
  const { error, unexpected } = classify(exception, ctx);
  const body: ErrorBody = {
    statusCode: error.statusCode,
    error: STATUS_CODES[error.statusCode] ?? 'Error',
    message: error.messages[lang],
    code: error.code,
  };
  if (error.code === 'VALIDATION_FAILED' && error.details !== undefined) body.details = error.details;
  return { body, unexpected };
}

/** Seconds to wait, when a service's error says so (`details.retryAfterSeconds`, e.g. a locked log-in). */
export function retryAfterOf(exception: unknown): number | undefined {
  if (!(exception instanceof DomainError)) return undefined;
  const seconds = (exception.details as { retryAfterSeconds?: unknown } | undefined)?.retryAfterSeconds;
  return typeof seconds === 'number' && Number.isFinite(seconds) && seconds > 0 ? Math.ceil(seconds) : undefined;
}

function classify(exception: unknown, ctx: ErrorContext): { error: DomainError; unexpected: boolean } {
  if (exception instanceof DomainError) return { error: exception, unexpected: exception.statusCode >= 500 && exception.statusCode !== 503 && exception.statusCode !== 504 };
  if (exception instanceof HttpException) return { error: fromStatus(exception.getStatus(), ctx), unexpected: exception.getStatus() >= 500 };
  const fastify = exception as { code?: unknown; statusCode?: unknown };
  if (typeof fastify?.code === 'string' && fastify.code.startsWith('FST_')) {
    switch (fastify.code) {
      case 'FST_ERR_CTP_BODY_TOO_LARGE':
        return { error: EdgeErrors.payloadTooLarge(ctx.jsonBodyLimitBytes), unexpected: false };
      case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
        return { error: EdgeErrors.unsupportedMediaType('application/json'), unexpected: false };
      case 'FST_ERR_CTP_EMPTY_JSON_BODY':
      case 'FST_ERR_CTP_INVALID_JSON_BODY':
        return { error: EdgeErrors.invalidJson(), unexpected: false };
    }
    const status = typeof fastify.statusCode === 'number' ? fastify.statusCode : 500;
    return { error: fromStatus(status, ctx), unexpected: status >= 500 };
  }
  return { error: EdgeErrors.internal(), unexpected: true };
}

function fromStatus(status: number, ctx: ErrorContext): DomainError {
  switch (status) {
    case 400:
      return EdgeErrors.badRequest();
    case 404:
      return EdgeErrors.routeNotFound(ctx.method, ctx.url.split('?')[0]!);
    case 413:
      return EdgeErrors.payloadTooLarge(ctx.jsonBodyLimitBytes);
    case 415:
      return EdgeErrors.unsupportedMediaType('application/json');
    case 429:
      return EdgeErrors.rateLimited();
  }
  if (status >= 500) return EdgeErrors.internal();
  const reason = STATUS_CODES[status] ?? 'Error';
  return new DomainError(status, reason.toUpperCase().replace(/[^A-Z]+/g, '_'), { nl: `Verzoek geweigerd (${status} ${reason}).`, en: `Request refused (${status} ${reason}).` });
}
