import fc from 'fast-check';
import { fieldValueOf, fuzzBody, uploadBody, type BodyShape, type FuzzBody } from './bodies';
import { acceptLanguage, authSpec, extraHeaders, fuzzHeaders, idempotencyKey, renderAuth, WHO, type AuthSpec, type FuzzHeaders, type Who } from './headers';
import { encodeComponent, fuzzQuery, MAX_QUERY_VALUE, numberish, pathId, type IdSpec, type KnownId, type QueryPart } from './paths-and-queries';
import { hostileJson, hostileString, hostileUnit, poisoned, POLLUTION_KEYS } from './strings';

/**
 * fast-check arbitraries for what a hostile (or merely clumsy) client can send to the gateway:
 * strings and JSON values, path ids, query strings, headers, tokens, content types and raw
 * bodies. Requests are generated symbolically (`{ who: 'organiser' }`, `{ of: 'community' }`,
 * `«organiser.email»`) so a counterexample stays readable; {@link render} turns one into bytes
 * on the wire with the ids and tokens of the running platform.
 *
 * This module puts whole requests together (and renders them); the pieces are in `strings.ts`,
 * `bodies.ts`, `paths-and-queries.ts` and `headers.ts`, raw-socket requests in `raw-http.ts`.
 */

/** What the generator needs to know about one gateway route. */
export interface RouteShape {
  name: string;
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  /** Below `/api/v1`, with at most one `:param`. */
  path: string;
  /** Real ids worth trying for the path parameter. */
  knownIds?: readonly KnownId[];
  /** The JSON body (`'empty'`: `{}` only; `'upload'`: raw catalogue bytes; undefined: none). */
  body?: BodyShape | 'empty' | 'upload';
  /** Query parameters and values worth trying. */
  query?: Record<string, fc.Arbitrary<string>>;
  /** A query the route accepts (the base a single fault is applied to). */
  validQuery?: Record<string, string>;
  /** Who may successfully call the route (the base a single fault is applied to). */
  actors?: readonly (Who | 'anonymous')[];
  /** For `body: 'upload'`: a file the route accepts. */
  upload?: { bytes: Uint8Array; contentType: string };
}

export interface FuzzRequest {
  route: string;
  /** For a single-fault request: what was changed in an otherwise valid request. */
  fault?: string;
  method: string;
  id?: IdSpec;
  query: QueryPart[];
  headers: FuzzHeaders;
  body: FuzzBody;
  /** Also send the same request in English (for 4xx: same status and code, a different message). */
  replayInEnglish: boolean;
}

const OTHER_METHODS = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS', 'HEAD'] as const;

/** The request a caller with the right role would make (valid path id, query and body). */
export function validRequest(route: RouteShape, who: Who | 'anonymous'): FuzzRequest {
  return {
    route: route.name,
    method: route.method,
    ...(route.path.includes(':') ? { id: { kind: 'known', of: route.knownIds![0]!, variant: 'as-is' } as IdSpec } : {}),
    query: Object.entries(route.validQuery ?? {}).map(([key, value]) => ({ key, value })),
    headers: { auth: who === 'anonymous' ? { kind: 'none' } : { kind: 'token', who, scheme: 'Bearer', spaces: 1 }, extra: [] },
    body:
      route.body === 'upload'
        ? route.upload
          ? { kind: 'bytes', bytes: route.upload.bytes, contentType: route.upload.contentType }
          : { kind: 'none' }
        : typeof route.body === 'object'
          ? { kind: 'json', value: route.body.valid }
          : route.body === 'empty'
            ? { kind: 'json', value: {} }
            : { kind: 'none' },
    replayInEnglish: false,
  };
}

/**
 * A valid request with exactly one thing wrong (or odd): one body field, one query parameter,
 * the path id, the caller, the token, a header. One fault at a time reaches the code behind the
 * validation that a pile of faults would never get past.
 */
export function singleFault(route: RouteShape): fc.Arbitrary<FuzzRequest> {
  type Change = { fault: string; apply: (r: FuzzRequest) => FuzzRequest };
  const faults: fc.WeightedArbitrary<Change>[] = [];
  const add = (weight: number, ...arbitraries: fc.Arbitrary<Change>[]) => faults.push(...arbitraries.map((arbitrary) => ({ weight, arbitrary })));
  const shape = typeof route.body === 'object' ? route.body : undefined;
  if (shape) {
    const names = Object.keys(shape.fields);
    const body = (value: unknown) => (r: FuzzRequest): FuzzRequest => ({ ...r, body: { kind: 'json', value } });
    add(
      4,
      fc.constantFrom(...names).chain((name) => fieldValueOf(shape, name).map((value): Change => {
        const next: Record<string, unknown> = { ...shape.valid };
        Object.defineProperty(next, name, { value, enumerable: true, writable: true, configurable: true });
        return { fault: `body.${name}`, apply: body(next) };
      })),
    );
    add(
      1,
      fc.constantFrom(...names).map((name): Change => ({ fault: `body.${name} missing`, apply: body(Object.fromEntries(Object.entries(shape.valid).filter(([k]) => k !== name))) })),
    );
  }
  if (route.body !== undefined && route.body !== 'upload') {
    add(
      1,
      fc.tuple(fc.oneof(fc.constantFrom(...POLLUTION_KEYS), fc.string({ unit: hostileUnit, maxLength: 10 })), hostileJson).map(([key, value]): Change => ({
        fault: `body + ${JSON.stringify(key)}`,
        apply: (r) => {
          const next: Record<string, unknown> = { ...(r.body.kind === 'json' ? (r.body.value as object) : {}) };
          Object.defineProperty(next, key, { value, enumerable: true, writable: true, configurable: true });
          return { ...r, body: { kind: 'json', value: next } };
        },
      })),
      fuzzBody(shape ?? 'empty').map((body): Change => ({ fault: 'body', apply: (r) => ({ ...r, body }) })),
    );
  }
  if (route.body === 'upload') add(2, uploadBody.map((body): Change => ({ fault: 'file', apply: (r) => ({ ...r, body }) })));
  const keys = Object.keys(route.query ?? {});
  if (keys.length) {
    const valueFor = (key: string) => {
      const valid = route.validQuery?.[key];
      return fc.oneof(
        { weight: 6, arbitrary: route.query![key]! },
        { weight: 3, arbitrary: poisoned(valid ?? 'abc') },
        { weight: 1, arbitrary: hostileString },
        { weight: 1, arbitrary: numberish },
      ).filter((v) => v.length <= MAX_QUERY_VALUE);
    };
    add(
      5,
      fc.constantFrom(...keys).chain((key) => valueFor(key).map((value): Change => ({
        fault: `query.${key}`,
        apply: (r) => ({ ...r, query: [...r.query.filter((p) => !('key' in p) || p.key !== key), { key, value }] }),
      }))),
    );
    add(
      1,
      fc.constantFrom(...keys).chain((key) => fc.array(valueFor(key), { minLength: 2, maxLength: 3 }).map((values): Change => ({
        fault: `query.${key} repeated`,
        apply: (r) => ({ ...r, query: [...r.query.filter((p) => !('key' in p) || p.key !== key), ...values.map((value) => ({ key, value }))] }),
      }))),
    );
  }
  // One string (a body field or a query parameter) with a poison character in it: NUL, half a surrogate pair, a bidi override, …
  const strings = [
    ...Object.entries(shape?.valid ?? {}).filter(([, v]) => typeof v === 'string').map(([name]) => ({ in: 'body' as const, name })),
    ...keys.map((name) => ({ in: 'query' as const, name })),
  ];
  if (strings.length) {
    add(
      6,
      fc.constantFrom(...strings).chain((target) =>
        poisoned(target.in === 'body' ? String(shape!.valid[target.name]).replace(/«[^»]*»/g, '') || 'abc' : (route.validQuery?.[target.name] ?? 'abc')).map((value): Change => ({
          fault: `poison ${target.in}.${target.name}`,
          apply: (r) =>
            target.in === 'body'
              ? { ...r, body: { kind: 'json', value: { ...(r.body.kind === 'json' ? (r.body.value as object) : {}), [target.name]: value } } }
              : { ...r, query: [...r.query.filter((p) => !('key' in p) || p.key !== target.name), { key: target.name, value }] },
        })),
      ),
    );
  }
  add(1, fuzzQuery({}).filter((q) => q.length > 0).map((query): Change => ({ fault: 'query + unknown', apply: (r) => ({ ...r, query: [...r.query, ...query] }) })));
  if (route.path.includes(':')) add(2, pathId(route.knownIds ?? []).map((id): Change => ({ fault: 'path id', apply: (r) => ({ ...r, id }) })));
  add(
    1,
    fc.constantFrom<Who | 'anonymous'>(...WHO, 'anonymous').map((who): Change => ({
      fault: `as ${who}`,
      apply: (r) => ({ ...r, headers: { ...r.headers, auth: who === 'anonymous' ? { kind: 'none' } : { kind: 'token', who, scheme: 'Bearer', spaces: 1 } } }),
    })),
    authSpec(false).map((auth): Change => ({ fault: `auth ${auth.kind}`, apply: (r) => ({ ...r, headers: { ...r.headers, auth } }) })),
    acceptLanguage.map((acceptLanguage): Change => ({ fault: 'accept-language', apply: (r) => ({ ...r, headers: { ...r.headers, acceptLanguage } }) })),
    idempotencyKey.map((key): Change => ({ fault: 'idempotency-key', apply: (r) => ({ ...r, headers: { ...r.headers, idempotencyKey: key } }) })),
    extraHeaders.filter((h) => h.length > 0).map((extra): Change => ({ fault: 'extra headers', apply: (r) => ({ ...r, headers: { ...r.headers, extra } }) })),
    fc.constantFrom(...OTHER_METHODS).map((method): Change => ({ fault: `method ${method}`, apply: (r) => ({ ...r, method }) })),
  );
  return fc
    .tuple(fc.constantFrom<Who | 'anonymous'>(...(route.actors ?? WHO)), fc.oneof(...faults), fc.boolean())
    .map(([who, change, replayInEnglish]) => ({ ...change.apply(validRequest(route, who)), fault: change.fault, replayInEnglish }));
}

/**
 * Requests for one route: mostly a valid request with a single fault, and some with many
 * faults at once (well-formed envelopes with bad content, hostile envelopes: headers, tokens,
 * content types, raw bytes, the odd other method).
 */
export function fuzzRequest(route: RouteShape): fc.Arbitrary<FuzzRequest> {
  const body = route.body === 'upload' ? uploadBody : fuzzBody(route.body ?? 'none');
  const query = fuzzQuery(route.query ?? {});
  const id = route.path.includes(':') ? pathId(route.knownIds ?? []) : fc.constant(undefined);
  const method = fc.oneof({ weight: 12, arbitrary: fc.constant(route.method) }, { weight: 1, arbitrary: fc.constantFrom(...OTHER_METHODS) });
  const manyFaults = fc.oneof(
    { weight: 3, arbitrary: fc.record({ route: fc.constant(route.name), method: fc.constant(route.method), id, query, headers: fuzzHeaders(false), body, replayInEnglish: fc.boolean() }) },
    { weight: 2, arbitrary: fc.record({ route: fc.constant(route.name), method, id, query, headers: fuzzHeaders(true), body, replayInEnglish: fc.boolean() }) },
  ).map((r) => (r.id === undefined ? (({ id: _id, ...rest }) => rest)(r) : r) as FuzzRequest);
  return fc.oneof({ weight: 3, arbitrary: singleFault(route) }, { weight: 2, arbitrary: manyFaults });
}

/** Path segments the router cannot decode: broken percent-escapes and escaped bytes that are not UTF-8. */
export const UNDECODABLE_SEGMENTS = ['%', '%%', '%zz', '%G0', '%2', 'a%', '%FF', '%C0%AF', '%ED%A0%80', '%E2%82', '%F8%88%80%80%80', '%C3%28'] as const;

/**
 * Requests the HTTP server or the router refuse before any route runs: a path parameter longer
 * than the router allows (100 characters), one it cannot percent-decode, a request line or header
 * block over 16 KB. Everything else about them is ordinary.
 */
export function edgeRefusedRequest(route: RouteShape): fc.Arbitrary<FuzzRequest> {
  const big = fc
    .record({ length: fc.constantFrom(101, 300, 1000, 5000, 9000, 17_000, 70_000), piece: fc.constantFrom('x', 'é', '😀', '%', '\u0000') })
    .map(({ length, piece }) => piece.repeat(Math.ceil(length / piece.length)));
  const latin1 = (s: string) => s.replace(/[^\x20-\x7e]/g, 'x');
  const where = fc.oneof(
    ...(route.path.includes(':')
      ? [big.map((value) => ({ id: { kind: 'segment' as const, value } as IdSpec })), fc.constantFrom(...UNDECODABLE_SEGMENTS).map((value) => ({ id: { kind: 'raw' as const, value } as IdSpec }))]
      : []),
    big.map((value) => ({ query: [{ key: 'q', value }] })),
    big.map((value) => ({ extra: [['x-fuzz', latin1(value)]] as Array<[string, string]> })),
    big.map((value) => ({ acceptLanguage: latin1(value) })),
    big.map((value) => ({ idempotencyKey: latin1(value) })),
    big.map((value) => ({ auth: { kind: 'raw' as const, value: `Bearer ${latin1(value)}` } })),
  );
  return fc.tuple(where, fc.constantFrom<Who>(...WHO), fc.boolean()).map(([w, who, replayInEnglish]): FuzzRequest => {
    const { id, query, extra, acceptLanguage, idempotencyKey, auth } = w as Partial<{ id: IdSpec; query: QueryPart[]; extra: Array<[string, string]>; acceptLanguage: string; idempotencyKey: string; auth: AuthSpec }>;
    return {
      route: route.name,
      method: route.method,
      ...(route.path.includes(':') ? { id: id ?? { kind: 'known', of: route.knownIds?.[0] ?? 'community', variant: 'as-is' } } : {}),
      query: query ?? [],
      headers: { auth: auth ?? { kind: 'token', who, scheme: 'Bearer', spaces: 1 }, acceptLanguage, idempotencyKey, extra: extra ?? [] },
      // Never a valid body (an unknown field): an oversized but acceptable header must not create anything.
      body: (route.method === 'POST' || route.method === 'PUT' || route.method === 'PATCH') && route.body !== 'upload' ? { kind: 'json', value: { ...(typeof route.body === 'object' ? route.body.valid : {}), onbekend: true } } : { kind: 'none' },
      replayInEnglish,
    };
  });
}

/** The ids, tokens and values a symbolic request refers to. */
export interface World {
  tokens: Record<Who, string>;
  ids: Record<KnownId, string>;
  /** Replacements for `«name»` placeholders in JSON bodies (e-mail addresses, passwords, account ids; a function for a fresh value each time). */
  values: Record<string, string | (() => string)>;
}

export interface WireRequest {
  method: string;
  /** Path and query below the origin, exactly as sent. */
  path: string;
  headers: Record<string, string | string[]>;
  body?: Uint8Array;
}

const applyVariant = (id: string, variant: Extract<IdSpec, { kind: 'known' }>['variant']) => {
  switch (variant) {
    case 'as-is':
      return id;
    case 'upper':
      return id.toUpperCase();
    case 'braces':
      return `{${id}}`;
    case 'space':
      return ` ${id}`;
    case 'suffix':
      return `${id}0`;
    case 'truncated':
      return id.slice(0, -1);
    case 'twice':
      return `${id}${id}`;
  }
};

/** Replaces `«name»` placeholders in a JSON value with the world's values. */
export function resolvePlaceholders(value: unknown, world: Pick<World, 'values'>): unknown {
  if (typeof value === 'string') {
    return value.replace(/«([a-zA-Z.]+)»/g, (whole, name: string) => {
      const replacement = world.values[name];
      return typeof replacement === 'function' ? replacement() : (replacement ?? whole);
    });
  }
  if (Array.isArray(value)) return value.map((v) => resolvePlaceholders(v, world));
  if (value && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) Object.defineProperty(out, k, { value: resolvePlaceholders(v, world), enumerable: true, writable: true, configurable: true });
    return out;
  }
  return value;
}

/** The path segment a spec stands for (undefined when it is inserted verbatim). */
export function idValue(spec: IdSpec, world: World): string | undefined {
  if (spec.kind === 'known') return applyVariant(world.ids[spec.of], spec.variant);
  if (spec.kind === 'segment') return spec.value;
  return undefined;
}

/** The request on the wire. */
export function render(req: FuzzRequest, routePath: string, world: World, correlationId: string): WireRequest {
  let path = `/api/v1/${routePath}`;
  if (req.id) {
    const value = idValue(req.id, world);
    path = path.replace(/:[a-z]+/, value !== undefined ? encodeComponent(value) : (req.id as { value: string }).value);
  }
  // A fixed second path parameter (an occurrence's start), from the world's values.
  path = path.replace(/«([a-zA-Z.]+)»/g, (whole, name: string) => {
    const value = world.values[name];
    return value === undefined ? whole : encodeComponent(typeof value === 'function' ? value() : value);
  });
  const query = req.query.map((p) => ('raw' in p ? p.raw : `${encodeComponent(p.key)}=${encodeComponent(p.value)}`)).join('&');
  if (query) path += `?${query}`;
  const headers: Record<string, string | string[]> = { 'x-correlation-id': correlationId };
  const auth = renderAuth(req.headers.auth, world.tokens, { operatorId: world.values['operator.id'] as string });
  if (auth !== undefined) headers.authorization = auth;
  if (req.headers.acceptLanguage !== undefined) headers['accept-language'] = req.headers.acceptLanguage;
  if (req.headers.idempotencyKey !== undefined) headers['idempotency-key'] = req.headers.idempotencyKey;
  for (const [name, value] of req.headers.extra) headers[name] = value;
  let body: Uint8Array | undefined;
  switch (req.body.kind) {
    case 'none':
      break;
    case 'json':
      body = Buffer.from(JSON.stringify(resolvePlaceholders(req.body.value, world)) ?? 'null', 'utf8');
      headers['content-type'] = 'application/json';
      break;
    case 'text':
      body = Buffer.from(req.body.text, 'utf8');
      if (req.body.contentType !== null) headers['content-type'] = req.body.contentType;
      break;
    case 'bytes':
      body = req.body.bytes;
      if (req.body.contentType !== null) headers['content-type'] = req.body.contentType;
      break;
  }
  return { method: req.method, path, headers, body };
}
