import fc from 'fast-check';
import { hostileJson, hostileString, isoDateTimeEdge, POLLUTION_KEYS, uuidish } from './strings';

/** Path ids (real ids, slightly changed ones, garbage) and query strings. */

/** Which real record a path id points at (resolved at send time). */
export type KnownId = 'community' | 'scratch' | 'privateCommunity' | 'otherRegionCommunity' | 'conversation' | 'collection' | 'activity' | 'import' | 'regionA' | 'regionB' | 'organiser' | 'operator' | 'branch' | 'room' | 'otherRegionRoom' | 'scratchBranch' | 'scratchRoom';

export type IdSpec =
  /** A real id of the running platform, as is or slightly changed. */
  | { kind: 'known'; of: KnownId; variant: 'as-is' | 'upper' | 'braces' | 'space' | 'suffix' | 'truncated' | 'twice' }
  /** Any text, percent-encoded as one path segment (so the route still matches). */
  | { kind: 'segment'; value: string }
  /** Inserted verbatim into the path: slashes, dot segments, broken escapes (the route may change). */
  | { kind: 'raw'; value: string };

export const pathId = (known: readonly KnownId[]): fc.Arbitrary<IdSpec> =>
  fc.oneof(
    { weight: 4, arbitrary: fc.record({ kind: fc.constant('known' as const), of: fc.constantFrom(...known), variant: fc.constantFrom('as-is', 'as-is', 'upper', 'braces', 'space', 'suffix', 'truncated', 'twice') }) },
    { weight: 3, arbitrary: fc.record({ kind: fc.constant('segment' as const), value: fc.oneof(uuidish, hostileString, fc.constant('x'.repeat(100))).filter((v) => encodeComponent(v).length <= MAX_SEGMENT) }) },
    {
      weight: 2,
      arbitrary: fc.record({
        kind: fc.constant('raw' as const),
        value: fc.constantFrom(
          '..', '.', '%2e%2e', '%2E', 'a%2Fb', '%2F', '..%2F..%2Fhealth', '%5C', '%00', '%0A', '%7F', 'a/b', '../regions', '..;/x', 'x;y=1', 'a//b', '',
          'x?y', '%3F', '%23', '%20', '+', '~', "'", '%27%20OR%201=1', '*', 'x'.repeat(100), encodeURIComponent('😀'.repeat(8)), '%EF%BF%BF', '%F0%9F%98%80',
        ),
      }),
    },
  );

/**
 * Sizes that stay below the HTTP server's own limits (16 KB of request line and headers, 100
 * characters per path parameter), so the route's handling is what gets tested; what lies beyond
 * is `edgeRefusedRequest`'s job (requests.ts).
 */
export const MAX_SEGMENT = 100;
export const MAX_QUERY_VALUE = 200;

/** One query parameter (a key may repeat) or a verbatim fragment. */
export type QueryPart = { key: string; value: string } | { raw: string };

/** Values worth trying for numeric query parameters: numbers at the edges, in other scripts, not numbers at all. */
export const numberish = fc.oneof(
  fc.constantFrom('0', '1', '-1', '50', '51', '100', '101', '1.5', '1e2', '1e309', '-0', '0x10', '99999999999999999999', 'NaN', 'Infinity', '', ' 20', '20 ', '二十', '٢٠', '2,0'),
  fc.integer().map(String),
);

/**
 * Cursor garbage, mostly almost right: base64url of what a cursor holds (an id; a date and an id)
 * with ids that only look like UUIDs and dates JavaScript accepts but a database may not.
 */
export const cursorish: fc.Arbitrary<string> = fc.oneof(
  {
    weight: 4,
    arbitrary: fc
      .tuple(
        fc.oneof(isoDateTimeEdge, fc.constantFrom('-271821-04-20T00:00:00Z', '+275760-09-13T00:00:00Z', '-001000-01-01T00:00:00Z', '0', '1e10', 'x', '', 'null')),
        fc.oneof({ weight: 1, arbitrary: uuidish }, { weight: 2, arbitrary: fc.constantFrom('------------------------------------', 'gggggggg-gggg-gggg-gggg-gggggggggggg', '0'.repeat(36), 'a'.repeat(36), '0190a000-0000-7000-8000-00000000000-') }),
      )
      .map((pair) => Buffer.from(JSON.stringify(pair), 'utf8').toString('base64url')),
  },
  {
    weight: 2,
    arbitrary: fc
      .oneof(uuidish, fc.constantFrom('------------------------------------', 'ffffffff-ffff-ffff-ffff-fffffffffffff', '00000000000000000000000000000000', '\u0000'.repeat(36)), hostileJson.map((v) => JSON.stringify(v) ?? 'null'))
      .map((plain) => Buffer.from(plain, 'utf8').toString('base64url')),
  },
  { weight: 1, arbitrary: fc.base64String({ maxLength: 60 }) },
  { weight: 1, arbitrary: fc.oneof(hostileString, fc.constantFrom('', '=', '==', 'a', 'null', '%00', 'x'.repeat(200), 'x'.repeat(201))) },
);

/** Query strings: the route's own keys with odd values, repeated keys, array syntax, unknown keys, broken escapes. */
export function fuzzQuery(keys: Record<string, fc.Arbitrary<string>>): fc.Arbitrary<QueryPart[]> {
  const names = Object.keys(keys);
  const part: fc.Arbitrary<QueryPart> = fc.oneof(
    ...(names.length
      ? [{ weight: 6, arbitrary: fc.constantFrom(...names).chain((key) => fc.oneof(keys[key]!, hostileString, numberish).filter((v) => v.length <= MAX_QUERY_VALUE).map((value) => ({ key, value }))) }]
      : []),
    { weight: 1, arbitrary: fc.record({ key: fc.oneof(fc.constantFrom(...POLLUTION_KEYS, 'limit[]', 'q[]', 'q[a]', 'types[0]', 'a.b', 'cursor'), hostileString), value: hostileString }).filter((p) => p.key.length + p.value.length <= MAX_QUERY_VALUE) },
    { weight: 1, arbitrary: fc.record({ raw: fc.constantFrom('%', '%zz', 'q=%FF', 'q=%C0%80', 'q=%ED%A0%80', 'q=%00', '&&&', '=', '==x', 'q', 'q=a=b', 'q=+', 'limit=1&limit=2', 'q=a&q=b', 'types=community&types=activity', ';q=x', 'x'.repeat(2000)) }) },
  );
  return fc.array(part, { maxLength: 4 });
}

/** `application/x-www-form-urlencoded`-style encoding of UTF-8 (lone surrogates become U+FFFD, as any client would send them). */
export const encodeComponent = (text: string) =>
  [...Buffer.from(text, 'utf8')].map((b) => (/[A-Za-z0-9\-_.~]/.test(String.fromCharCode(b)) ? String.fromCharCode(b) : `%${b.toString(16).toUpperCase().padStart(2, '0')}`)).join('');
