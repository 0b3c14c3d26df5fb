import { applyDecorators, createParamDecorator, Delete, Get, HttpCode, Patch, Post, Put, SetMetadata, type ExecutionContext } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiConsumes, ApiDefaultResponse, ApiOperation, ApiParam, ApiProduces, ApiQuery, ApiResponse, ApiTags } from '@nestjs/swagger';
import type { FastifyRequest } from 'fastify';
import { z } from 'zod';
import { Empty, type RequestContract } from '@kc/contracts';
import { EdgeErrors } from './edge-errors';
import { ErrorBodySchema, jsonSchemaOf } from './openapi';
import { parseInput, queryValues } from './validation';

/**
 * One API route, declared once: the HTTP method and path, the schemas its path parameters,
 * query and body are validated with at the edge (strict: unknown fields are a 400), the
 * contract it forwards to, and its OpenAPI description (Dutch first).
 */
export interface RouteSpec {
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  path: string;
  /** Dutch summary (OpenAPI). */
  summary: string;
  contract?: RequestContract;
  params?: Record<string, z.ZodType>;
  query?: z.ZodObject;
  body?: z.ZodType;
  /** Default: 201 for POST, 204 for DELETE, 200 otherwise. */
  status?: number;
  /** Default: the contract's response. */
  response?: z.ZodType;
  /** Non-JSON response media type (e.g. `text/calendar`). */
  produces?: string;
  /** Raw upload media types; the handler reads the stream itself. */
  consumes?: string[];
  /** Documented as needing a bearer token (the service decides). */
  auth?: 'required' | 'optional';
}

export const ROUTE_SPEC = Symbol('kc:route-spec');
const METHOD_DECORATORS = { GET: Get, POST: Post, PUT: Put, PATCH: Patch, DELETE: Delete } as const;
const isStream = (value: unknown) => typeof (value as { pipe?: unknown } | undefined)?.pipe === 'function';

export interface RouteInput<P = Record<string, string>, Q = Record<string, unknown>, B = unknown> {
  params: P;
  query: Q;
  body: B;
}

/**
 * Routes whose OpenAPI description is not on their handler yet. It is put there when the
 * document is first asked for ({@link describeRoutes}), not at start: the JSON schemas of every
 * route's parameters, query, body and response (zod's `toJSONSchema`, ~200 routes) took
 * 0.2–0.8 s of the start and 1.6 MB of heap in a gateway nobody asked for its document. The
 * document is the same, byte for byte.
 */
const undescribed: Array<() => void> = [];

/** Describes every route declared so far for OpenAPI (once each); call before building the document. */
export function describeRoutes(): void {
  for (const describe of undescribed.splice(0)) describe();
}

const statusOf = (spec: RouteSpec) => spec.status ?? (spec.method === 'POST' ? 201 : spec.method === 'DELETE' ? 204 : 200);

export function Route(spec: RouteSpec): MethodDecorator {
  return applyDecorators(
    METHOD_DECORATORS[spec.method](spec.path),
    HttpCode(statusOf(spec)),
    SetMetadata(ROUTE_SPEC, spec),
    (target: object, key: string | symbol, descriptor: PropertyDescriptor) => {
      undescribed.push(() => applyDecorators(...openApiDecorators(spec))(target, key, descriptor));
    },
  );
}

function openApiDecorators(spec: RouteSpec): MethodDecorator[] {
  const status = statusOf(spec);
  const response = spec.response ?? spec.contract?.response;
  const english = spec.contract ? `\n\n*${spec.contract.description}* (NATS: \`${spec.contract.pattern}\`)` : '';
  const querySchema = spec.query ? jsonSchemaOf(spec.query, 'input') : undefined;
  const query = querySchema ? Object.entries(querySchema.properties as Record<string, Record<string, unknown>>) : [];
  const requiredQuery = new Set((querySchema?.required as string[] | undefined) ?? []);
  return [
    ApiTags(spec.path.split('/')[0]!.replace(/^:.*/, '') || 'api'),
    ApiOperation({ summary: spec.summary, description: `${spec.summary}.${english}` }),
    ...Object.entries(spec.params ?? {}).map(([name, schema]) => ApiParam({ name, required: true, schema: jsonSchemaOf(schema, 'input') })),
    ...query.map(([name, schema]) => ApiQuery({ name, required: requiredQuery.has(name), schema })),
    ...(spec.body ? [ApiBody({ required: true, schema: jsonSchemaOf(spec.body, 'input') })] : []),
    ...(spec.consumes
      ? [ApiConsumes(...spec.consumes), ApiBody({ required: true, description: 'Het bestand zelf (ruwe bytes) / the file itself (raw bytes)', schema: { type: 'string', format: 'binary' } })]
      : []),
    ...(spec.produces
      ? [ApiProduces(spec.produces), ApiResponse({ status, description: 'Gelukt / success', content: { [spec.produces]: { schema: { type: 'string' } } } })]
      : [ApiResponse({ status, description: 'Gelukt / success', ...(response ? { schema: jsonSchemaOf(response, 'output') } : {}) })]),
    ApiDefaultResponse({ description: 'Fout / error', content: { 'application/json': { schema: errorBody() } } }),
    ...(spec.auth ? [ApiBearerAuth()] : []),
  ];
}

let errorBodySchema: Record<string, unknown> | undefined;
const errorBody = () => (errorBodySchema ??= jsonSchemaOf(ErrorBodySchema, 'output'));

/** One strict schema per route for its path parameters, built once (zod compiles each schema on first use). */
const paramSchemas = new WeakMap<RouteSpec, z.ZodObject>();
const paramSchemaOf = (spec: RouteSpec) => {
  let schema = paramSchemas.get(spec);
  if (!schema) paramSchemas.set(spec, (schema = z.object(spec.params ?? {}).strict()));
  return schema;
};

/** Validates the request's path parameters, query and body against its {@link RouteSpec}. */
export function validateRoute(spec: RouteSpec, req: FastifyRequest): RouteInput {
  const params = parseInput(paramSchemaOf(spec), { ...(req.params as object) }, 'path') as Record<string, string>;
  const querySchema = spec.query ?? Empty;
  const query = parseInput(querySchema, queryValues(querySchema, req.query), 'query') as Record<string, unknown>;
  let body: unknown;
  if (spec.consumes) {
    if (!isStream(req.body)) throw EdgeErrors.unsupportedMediaType(spec.consumes.join(', '));
    body = req.body;
  } else if (spec.body) {
    if (isStream(req.body)) throw EdgeErrors.unsupportedMediaType('application/json');
    body = parseInput(spec.body, req.body ?? {}, 'body');
  } else if (req.body !== undefined && req.body !== null) {
    if (isStream(req.body)) throw EdgeErrors.unsupportedMediaType('application/json');
    body = parseInput(Empty, req.body, 'body');
  }
  return { params, query, body };
}

/** The validated input of the route (see {@link Route}). */
export const Input = createParamDecorator((_: unknown, ctx: ExecutionContext): RouteInput => {
  const spec = Reflect.getMetadata(ROUTE_SPEC, ctx.getHandler()) as RouteSpec | undefined;
  if (!spec) throw new Error(`@Input() needs @Route() on ${ctx.getClass().name}.${ctx.getHandler().name}`);
  return validateRoute(spec, ctx.switchToHttp().getRequest<FastifyRequest>());
});
