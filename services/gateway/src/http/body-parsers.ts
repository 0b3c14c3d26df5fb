import type { FastifyInstance } from 'fastify';
import { EdgeErrors } from './edge-errors';

/** Upload media types and the catalogue format each one means (`application/xml` and `text/xml` as MARCXML). */
export const CATALOGUE_MEDIA_TYPES = {
  'application/marcxml+xml': 'marcxml',
  'application/xml': 'marcxml',
  'text/xml': 'marcxml',
  'application/marc': 'marc21',
} as const;
export type CatalogueMediaType = keyof typeof CATALOGUE_MEDIA_TYPES;

/**
 * Only JSON (bounded, prototype-poisoning safe, `INVALID_JSON` on a syntax error) and the
 * catalogue upload types (handed over as the raw stream, never buffered) are accepted;
 * everything else is a 415.
 */
export function registerBodyParsers(fastify: FastifyInstance, jsonBodyLimitBytes: number): void {
  const defaultJson = fastify.getDefaultJsonParser('error', 'error');
  fastify.removeAllContentTypeParsers();
  fastify.addContentTypeParser('application/json', { parseAs: 'string', bodyLimit: jsonBodyLimitBytes }, (req, body, done) => {
    if (typeof body !== 'string' || body.trim() === '') return done(null, undefined);
    defaultJson(req, body, (error, value) => (error ? done(EdgeErrors.invalidJson(), undefined) : done(null, value)));
  });
  fastify.addContentTypeParser(Object.keys(CATALOGUE_MEDIA_TYPES), (_req, payload, done) => done(null, payload));
}

export function catalogueFormatOf(contentType: string | undefined): (typeof CATALOGUE_MEDIA_TYPES)[CatalogueMediaType] | undefined {
  const mime = (contentType ?? '').split(';')[0]!.trim().toLowerCase();
  return CATALOGUE_MEDIA_TYPES[mime as CatalogueMediaType];
}
