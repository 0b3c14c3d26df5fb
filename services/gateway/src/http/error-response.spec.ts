import { HttpException, NotFoundException } from '@nestjs/common';
import { DomainError } from '@kc/contracts';
import { toErrorResponse } from './error-response';

const ctx = { method: 'GET', url: '/api/v1/x?y=1', jsonBodyLimitBytes: 64 * 1024 };
const fastifyError = (code: string, statusCode: number) => Object.assign(new Error(code), { code, statusCode });

describe('toErrorResponse', () => {
  it('renders a DomainError in the caller’s language', () => {
    const error = new DomainError(409, 'ACTIVITY_FULL', { nl: 'Vol.', en: 'Full.' });
    expect(toErrorResponse(error, 'nl', ctx)).toEqual({ body: { statusCode: 409, error: 'Conflict', message: 'Vol.', code: 'ACTIVITY_FULL' }, unexpected: false });
    expect(toErrorResponse(error, 'en', ctx).body.message).toBe('Full.');
  });

  it('keeps details only for validation errors', () => {
    const validation = new DomainError(400, 'VALIDATION_FAILED', { nl: 'x', en: 'x' }, { issues: [] });
    expect(toErrorResponse(validation, 'nl', ctx).body.details).toEqual({ issues: [] });
    const unavailable = new DomainError(503, 'UPSTREAM_UNAVAILABLE', { nl: 'x', en: 'x' }, { cause: 'internal detail' });
    expect(toErrorResponse(unavailable, 'nl', ctx)).toEqual({ body: { statusCode: 503, error: 'Service Unavailable', message: 'x', code: 'UPSTREAM_UNAVAILABLE' }, unexpected: false });
  });

  it('maps Fastify parser errors', () => {
    expect(toErrorResponse(fastifyError('FST_ERR_CTP_BODY_TOO_LARGE', 413), 'en', ctx).body).toMatchObject({ statusCode: 413, code: 'PAYLOAD_TOO_LARGE', message: 'The request body is too large (at most 64 KB).' });
    expect(toErrorResponse(fastifyError('FST_ERR_CTP_INVALID_MEDIA_TYPE', 415), 'nl', ctx).body).toMatchObject({ statusCode: 415, code: 'UNSUPPORTED_MEDIA_TYPE' });
    expect(toErrorResponse(fastifyError('FST_ERR_CTP_EMPTY_JSON_BODY', 400), 'nl', ctx).body.code).toBe('INVALID_JSON');
    expect(toErrorResponse(fastifyError('FST_ERR_CTP_INVALID_CONTENT_LENGTH', 400), 'nl', ctx).body).toMatchObject({ statusCode: 400, code: 'BAD_REQUEST' });
  });

  it('maps Nest HTTP exceptions: unknown route, rate limit', () => {
    expect(toErrorResponse(new NotFoundException(), 'nl', ctx).body).toEqual({ statusCode: 404, error: 'Not Found', code: 'ROUTE_NOT_FOUND', message: 'GET /api/v1/x bestaat niet.' });
    expect(toErrorResponse(new HttpException('x', 429), 'nl', ctx).body.code).toBe('RATE_LIMITED');
    expect(toErrorResponse(new HttpException('x', 405), 'en', ctx).body).toMatchObject({ statusCode: 405, code: 'METHOD_NOT_ALLOWED' });
  });

  it('turns anything else into a logged 500 without internals', () => {
    const result = toErrorResponse(new TypeError('secret internals'), 'nl', ctx);
    expect(result.unexpected).toBe(true);
    expect(result.body).toEqual({ statusCode: 500, error: 'Internal Server Error', code: 'INTERNAL_ERROR', message: 'Er ging iets mis aan onze kant. Probeer het later opnieuw.' });
  });
});
