import fc from 'fast-check';
import { hostileJson, hostileString, uuidish } from './strings';

/** Headers and tokens: who is calling, Authorization headers genuine and not, Accept-Language, Idempotency-Key, the rest. */

export type Who = 'operator' | 'admin' | 'organiser' | 'member' | 'outsider';
export const WHO: readonly Who[] = ['operator', 'admin', 'organiser', 'member', 'outsider'];

export type AuthSpec =
  | { kind: 'none' }
  /** A genuine token of `who`, in an accepted spelling of the Bearer scheme. */
  | { kind: 'token'; who: Who; scheme: 'Bearer' | 'bearer' | 'BEARER'; spaces: number }
  /** A genuine token of `who`, broken: truncated, signature altered, claims swapped, signed with "none", … */
  | { kind: 'tampered'; who: Who; how: 'truncate' | 'flip-signature' | 'drop-signature' | 'alg-none' | 'alg-hs256' | 'claims-of-operator' | 'claims-op-true' | 'claims-not-json' | 'header-not-json' | 'kid-unknown' | 'kid-object' | 'twice' | 'padding' }
  /** A made-up JWT: random header and claims. */
  | { kind: 'forged'; header: unknown; claims: unknown; signature: string }
  /** Anything else in the Authorization header. */
  | { kind: 'raw'; value: string };

const b64 = (value: unknown) => Buffer.from(typeof value === 'string' ? value : JSON.stringify(value) ?? 'null', 'utf8').toString('base64url');

/** Header values Node's HTTP client can send: visible ASCII and Latin-1 (what a raw socket can send is tested separately). */
export const headerText = (maxLength = 60): fc.Arbitrary<string> =>
  fc.oneof(
    fc.string({ unit: fc.oneof({ weight: 8, arbitrary: fc.integer({ min: 0x20, max: 0x7e }) }, { weight: 1, arbitrary: fc.integer({ min: 0x80, max: 0xff }) }, { weight: 1, arbitrary: fc.constant(0x09) }).map((c) => String.fromCharCode(c)), maxLength }),
    fc.constantFrom('', ' ', '\t', 'x'.repeat(201), 'x'.repeat(2000), '\u00e9\u00e8', '\u00ff', ',', ';', '=', '"', '*'),
  );

const TAMPERINGS = ['truncate', 'flip-signature', 'drop-signature', 'alg-none', 'alg-hs256', 'claims-of-operator', 'claims-op-true', 'claims-not-json', 'header-not-json', 'kid-unknown', 'kid-object', 'twice', 'padding'] as const;

/**
 * Every kind of Authorization header. `forged: false` leaves out made-up JWTs and segments that
 * are not JSON (the token test covers those), so the route groups get past the token check.
 */
export const authSpec = (forged = true): fc.Arbitrary<AuthSpec> => fc.oneof(
  { weight: 3, arbitrary: fc.constant<AuthSpec>({ kind: 'none' }) },
  { weight: 6, arbitrary: fc.record({ kind: fc.constant('token' as const), who: fc.constantFrom(...WHO), scheme: fc.constantFrom('Bearer' as const, 'Bearer' as const, 'bearer' as const, 'BEARER' as const), spaces: fc.constantFrom(1, 1, 1, 2, 5) }) },
  {
    weight: 2,
    arbitrary: fc.record({
      kind: fc.constant('tampered' as const),
      who: fc.constantFrom(...WHO),
      how: fc.constantFrom(...TAMPERINGS.filter((how) => forged || !how.endsWith('not-json'))),
    }),
  },
  {
    weight: forged ? 2 : 0,
    arbitrary: fc.record({
      kind: fc.constant('forged' as const),
      header: fc.oneof(fc.record({ alg: fc.constantFrom('none', 'None', 'HS256', 'RS256', 'ES256', ''), typ: fc.constantFrom('JWT', 'JWT', 'jwt'), kid: fc.oneof(fc.constant(undefined), hostileString, fc.integer(), hostileJson) }, { requiredKeys: ['alg'] }), hostileJson),
      claims: fc.oneof(
        hostileString,
        fc.record({ sub: fc.oneof(uuidish, hostileString), rid: fc.oneof(fc.constant(null), uuidish), roles: fc.oneof(fc.constant(['library_admin']), hostileJson), op: fc.oneof(fc.constant(true), hostileJson), iss: fc.constant('kenniscloud-identity'), aud: fc.constant('kenniscloud'), exp: fc.oneof(fc.constant(4_102_444_800), fc.integer()) }, { requiredKeys: ['sub'] }),
        hostileJson,
      ),
      signature: fc.oneof(fc.constant(''), fc.base64String({ maxLength: 40 }).map((s) => s.replace(/[+/=]/g, 'A'))),
    }),
  },
  {
    weight: 2,
    arbitrary: fc.record({
      kind: fc.constant('raw' as const),
      value: fc.oneof(
        fc.constantFrom('Bearer', 'Bearer ', 'Bearer  ', 'bearer', 'Basic dXNlcjpwYXNz', 'Digest username="x"', 'Token abc', 'Bearer a.b', 'Bearer a.b.c', 'Bearer ...', 'Bearer ..', 'Bearer =', 'Bearer null', 'Bearer undefined', `Bearer ${'a'.repeat(8193)}`, `Bearer ${'a.'.repeat(3000)}a`, 'Bearer eyJhbGciOiJub25lIn0.eyJzdWIiOiIxIn0.', 'Bearer eyJ.eyJ.eyJ', 'Bearer a b', 'Bearer\ta', 'Bearer a,Bearer b', 'Bearer é'),
        headerText(80),
        headerText(80).map((s) => `Bearer ${s}`),
      ),
    }),
  },
);

/** Renders the Authorization header value (undefined: no header) given the genuine tokens. */
export function renderAuth(spec: AuthSpec, tokens: Record<Who, string>, ids: { operatorId: string }): string | undefined {
  switch (spec.kind) {
    case 'none':
      return undefined;
    case 'token':
      return `${spec.scheme}${' '.repeat(spec.spaces)}${tokens[spec.who]}`;
    case 'raw':
      return spec.value;
    case 'forged':
      return `Bearer ${b64(spec.header)}.${b64(spec.claims)}.${spec.signature}`;
    case 'tampered': {
      const token = tokens[spec.who];
      const [h, p, s] = token.split('.') as [string, string, string];
      const header = JSON.parse(Buffer.from(h, 'base64url').toString('utf8')) as Record<string, unknown>;
      const claims = JSON.parse(Buffer.from(p, 'base64url').toString('utf8')) as Record<string, unknown>;
      switch (spec.how) {
        case 'truncate':
          return `Bearer ${token.slice(0, token.length - 7)}`;
        case 'flip-signature':
          return `Bearer ${h}.${p}.${s.startsWith('A') ? 'B' : 'A'}${s.slice(1)}`;
        case 'drop-signature':
          return `Bearer ${h}.${p}.`;
        case 'alg-none':
          return `Bearer ${b64({ ...header, alg: 'none' })}.${p}.`;
        case 'alg-hs256':
          return `Bearer ${b64({ ...header, alg: 'HS256' })}.${p}.${s}`;
        case 'claims-of-operator':
          // `forged` too, so the operator's own token never comes out unchanged.
          return `Bearer ${h}.${b64({ ...claims, sub: ids.operatorId, op: true, forged: true })}.${s}`;
        case 'claims-op-true':
          return `Bearer ${h}.${b64({ ...claims, op: true, roles: ['library_admin', 'community_librarian'], forged: true })}.${s}`;
        case 'claims-not-json':
          return `Bearer ${h}.${b64('geen json')}.${s}`;
        case 'header-not-json':
          return `Bearer ${b64('geen json')}.${p}.${s}`;
        case 'kid-unknown':
          return `Bearer ${b64({ ...header, kid: 'kc-onbekend' })}.${p}.${s}`;
        case 'kid-object':
          return `Bearer ${b64({ ...header, kid: { toString: 'x' } })}.${p}.${s}`;
        case 'twice':
          return `Bearer ${token} ${token}`;
        case 'padding':
          return `Bearer ${token}==`;
      }
    }
  }
}

export const acceptLanguage: fc.Arbitrary<string | string[] | undefined> = fc.oneof(
  { weight: 4, arbitrary: fc.constant(undefined) },
  { weight: 2, arbitrary: fc.constantFrom('nl', 'nl-NL', 'nl-BE,nl;q=0.9', 'fy-NL, nl;q=0.5', 'de-DE', 'fr', '*', 'x-klingon', 'nl;q=0', 'nl;q=abc', 'nl;q=-1', 'nl;q=1e999', 'de;q=2', ',,,', ';;;', 'q=1', '', ' ') },
  { weight: 1, arbitrary: fc.constantFrom('en', 'en-GB,en;q=0.9', 'nl;q=0.1, en;q=0.9', 'EN') },
  { weight: 2, arbitrary: headerText(60) },
  { weight: 1, arbitrary: fc.array(headerText(20), { minLength: 2, maxLength: 3 }) },
  { weight: 1, arbitrary: fc.constant('de,'.repeat(700)) },
);

export const idempotencyKey: fc.Arbitrary<string | string[] | undefined> = fc.oneof(
  { weight: 6, arbitrary: fc.constant(undefined) },
  { weight: 2, arbitrary: fc.string({ unit: fc.integer({ min: 0x21, max: 0x7e }).map((c) => String.fromCharCode(c)), minLength: 1, maxLength: 200 }) },
  { weight: 2, arbitrary: headerText(60) },
  { weight: 1, arbitrary: fc.constantFrom('', ' ', 'a', 'x'.repeat(200), 'x'.repeat(201), 'x'.repeat(2000), 'sleutel met spaties', 'sl\u00e9utel', '\u00ff', ',', 'a,b') },
  { weight: 1, arbitrary: fc.array(fc.constantFrom('a', 'b', 'kc-1'), { minLength: 2, maxLength: 3 }) },
);

/** Other headers a client may add: a forged forwarding address, odd Accept, a content encoding that is not true, an odd correlation id. */
export const extraHeaders: fc.Arbitrary<Array<[string, string]>> = fc.array(
  fc.oneof(
    fc.tuple(fc.constantFrom('x-forwarded-for', 'x-real-ip', 'forwarded'), fc.oneof(fc.constantFrom('127.0.0.1', '::1', '1.2.3.4, 5.6.7.8', 'unknown', ''), headerText(40))),
    fc.tuple(fc.constant('accept'), fc.constantFrom('*/*', 'text/html', 'application/xml', 'text/calendar', 'image/*;q=0', '', 'application/json;q=0')),
    fc.tuple(fc.constant('content-encoding'), fc.constantFrom('gzip', 'br', 'deflate', 'identity', 'x-onzin')),
    fc.tuple(fc.constant('x-correlation-id'), fc.oneof(fc.constantFrom('', ' ', 'x'.repeat(201), '../..', 'a b'), headerText(30))),
    fc.tuple(fc.constantFrom('x-http-method-override', 'x-original-url', 'x-rewrite-url'), fc.constantFrom('DELETE', 'PUT', '/api/v1/regions', '/health')),
    fc.tuple(fc.constant('cookie'), headerText(40)),
    fc.tuple(fc.constant('range'), fc.constantFrom('bytes=0-0', 'bytes=-1', 'bytes=a-b')),
    fc.tuple(fc.constant('if-none-match'), fc.constantFrom('*', '"x"', 'W/"x"')),
    fc.tuple(fc.constant('user-agent'), headerText(200)),
  ),
  { maxLength: 3 },
);

export interface FuzzHeaders {
  auth: AuthSpec;
  acceptLanguage?: string | string[];
  idempotencyKey?: string | string[];
  extra: Array<[string, string]>;
}

/** Mostly sane headers (a token, sometimes a language), or mostly hostile ones. */
export const fuzzHeaders = (hostile: boolean): fc.Arbitrary<FuzzHeaders> =>
  hostile
    ? fc.record({ auth: authSpec(false), acceptLanguage, idempotencyKey, extra: extraHeaders }, { requiredKeys: ['auth', 'extra'] })
    : fc.record(
        {
          auth: fc.oneof({ weight: 4, arbitrary: fc.record({ kind: fc.constant('token' as const), who: fc.constantFrom(...WHO), scheme: fc.constant('Bearer' as const), spaces: fc.constant(1) }) }, { weight: 1, arbitrary: fc.constant<AuthSpec>({ kind: 'none' }) }),
          acceptLanguage: fc.constantFrom(undefined, undefined, 'nl', 'en', 'de'),
          idempotencyKey: fc.option(fc.uuid(), { nil: undefined, freq: 3 }),
          extra: fc.constant([] as Array<[string, string]>),
        },
        { requiredKeys: ['auth', 'extra'] },
      );
