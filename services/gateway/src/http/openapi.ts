import { z } from 'zod';

type JsonSchema = Record<string, unknown>;

/** A zod schema as an OpenAPI 3.0 schema object (`input`: what a client sends; `output`: what it gets). */
export function jsonSchemaOf(schema: z.ZodType, io: 'input' | 'output'): JsonSchema {
  const { $schema: _ignored, ...rest } = z.toJSONSchema(schema, { io, target: 'openapi-3.0', unrepresentable: 'any' }) as JsonSchema;
  return rest;
}

export const ErrorBodySchema = z.object({
  statusCode: z.number().int().meta({ description: 'HTTP-status / HTTP status' }),
  error: z.string().meta({ description: 'HTTP-reden / HTTP reason phrase' }),
  message: z.string().meta({ description: 'Uitleg in de taal van Accept-Language (standaard Nederlands) / explanation in the Accept-Language language (Dutch by default)' }),
  code: z.string().meta({ description: 'Vaste Engelse code, bv. COMMUNITY_NOT_FOUND / stable English code' }),
  details: z.unknown().optional().meta({ description: 'Alleen bij VALIDATION_FAILED: de foute velden / only for VALIDATION_FAILED' }),
});
