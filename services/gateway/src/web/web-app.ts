import fastifyCookie from '@fastify/cookie';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { FastifyInstance } from 'fastify';
import { EdgeErrors } from '../http/edge-errors';
import { registerAssets } from './layout/assets';

/** Only the web UI takes form posts; the API keeps answering 415 to them, as before. */
export const isApiPath = (url: string) => url === '/api' || url.startsWith('/api/') || url.startsWith('/api?');

/**
 * What the web UI adds to the gateway's Fastify instance: cookies, form bodies (urlencoded,
 * bounded; multipart is handed over as a stream, for the catalogue upload) and the assets.
 */
export async function registerWebUi(app: NestFastifyApplication, formBodyLimitBytes: number): Promise<void> {
  await app.register(fastifyCookie as never);
  const fastify = app.getHttpAdapter().getInstance() as unknown as FastifyInstance;
  fastify.addContentTypeParser('application/x-www-form-urlencoded', { parseAs: 'string', bodyLimit: formBodyLimitBytes }, (req, body, done) => {
    if (isApiPath(req.url)) return done(EdgeErrors.unsupportedMediaType('application/json'), undefined);
    done(null, parseForm(String(body)));
  });
  fastify.addContentTypeParser('multipart/form-data', (req, payload, done) => {
    if (isApiPath(req.url)) return done(EdgeErrors.unsupportedMediaType('application/json'), undefined);
    done(null, payload);
  });
  registerAssets(fastify);
}

/** field → value, or values when a field repeats; `__proto__` and friends are plain keys of a null-prototype object. */
export function parseForm(body: string): Record<string, string | string[]> {
  const form: Record<string, string | string[]> = Object.create(null);
  for (const [name, value] of new URLSearchParams(body)) {
    const existing = form[name];
    form[name] = existing === undefined ? value : Array.isArray(existing) ? [...existing, value] : [existing, value];
  }
  return form;
}
