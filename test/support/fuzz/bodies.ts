import fc from 'fast-check';
import { hostileJson, hostileString, hostileUnit, POLLUTION_KEYS, poisoned, wrongTypeFor } from './strings';

/** Request bodies: JSON bodies with mutated fields, broken JSON text, bytes that are not UTF-8, catalogue uploads. */

export type FieldKind = 'string' | 'number' | 'enum' | 'uuid' | 'datetime';

/** What the generator knows of one route's JSON body: a valid example and, per field, its kind and values worth trying. */
export interface BodyShape {
  valid: Record<string, unknown>;
  fields: Record<string, { kind: FieldKind; values?: fc.Arbitrary<unknown> }>;
}

export type FuzzBody =
  | { kind: 'none' }
  /** Sent as `JSON.stringify(value)` with `content-type: application/json`. */
  | { kind: 'json'; value: unknown }
  /** Sent as UTF-8 text with this content type (none when null). */
  | { kind: 'text'; text: string; contentType: string | null }
  /** Sent as these bytes with this content type (none when null). */
  | { kind: 'bytes'; bytes: Uint8Array; contentType: string | null };

/** A value for one field: one worth trying for the field, its valid value poisoned, a wrong type, anything. */
export function fieldValueOf(shape: BodyShape, name: string): fc.Arbitrary<unknown> {
  const field = shape.fields[name]!;
  const valid = shape.valid[name];
  return fc.oneof(
    { weight: 4, arbitrary: field.values ?? hostileString },
    ...(typeof valid === 'string' && !valid.includes('«') ? [{ weight: 3, arbitrary: poisoned(valid) }] : []),
    { weight: 2, arbitrary: wrongTypeFor(field.kind) },
    { weight: 2, arbitrary: hostileString },
    { weight: 1, arbitrary: hostileJson },
  );
}

/** A valid body with one to three fields replaced, removed or added, or something else entirely. */
export function mutatedBody(shape: BodyShape): fc.Arbitrary<unknown> {
  const names = Object.keys(shape.fields);
  const fieldValue = (name: string) => fieldValueOf(shape, name);
  type Edit = { op: 'set'; field: string; value: unknown } | { op: 'delete'; field: string } | { op: 'add'; field: string; value: unknown };
  const edit: fc.Arbitrary<Edit> =
    names.length > 0
      ? fc.oneof(
          { weight: 5, arbitrary: fc.constantFrom(...names).chain((field) => fieldValue(field).map((value): Edit => ({ op: 'set', field, value }))) },
          { weight: 1, arbitrary: fc.constantFrom(...names).map((field): Edit => ({ op: 'delete', field })) },
          { weight: 1, arbitrary: fc.tuple(fc.oneof(fc.constantFrom(...POLLUTION_KEYS), fc.string({ unit: hostileUnit, maxLength: 10 })), hostileJson).map(([field, value]): Edit => ({ op: 'add', field, value })) },
        )
      : fc.tuple(fc.oneof(fc.constantFrom(...POLLUTION_KEYS), fc.string({ unit: hostileUnit, maxLength: 10 })), hostileJson).map(([field, value]): Edit => ({ op: 'add', field, value }));
  const edited = fc.array(edit, { minLength: 1, maxLength: 3 }).map((edits) => {
    const body: Record<string, unknown> = { ...shape.valid };
    for (const e of edits) {
      if (e.op === 'delete') delete body[e.field];
      // defineProperty: an own "__proto__" key, as JSON.parse would make it.
      else Object.defineProperty(body, e.field, { value: e.value, enumerable: true, writable: true, configurable: true });
    }
    return body;
  });
  return fc.oneof(
    { weight: 8, arbitrary: edited },
    { weight: 1, arbitrary: fc.constant(shape.valid) },
    { weight: 2, arbitrary: hostileJson },
  );
}

/** Content types a client might claim, right, wrong and malformed. */
export const contentType: fc.Arbitrary<string | null> = fc.oneof(
  fc.constantFrom(
    null, '', 'application/json', 'application/json; charset=utf-8', 'application/json; charset=latin1', 'APPLICATION/JSON', 'application/json;', 'application/json ; charset=utf-16',
    'application/problem+json', 'application/vnd.api+json', 'application/jsonx', 'application/x-www-form-urlencoded', 'multipart/form-data; boundary=----kc', 'text/plain',
    'text/html', 'application/octet-stream', 'application/marc', 'application/marcxml+xml', 'application/xml', 'text/xml; charset=utf-8', 'image/png', '*/*', 'json',
    'application/', '/json', ';', 'application/json, text/plain', 'text/calendar',
  ),
  fc.string({ unit: fc.oneof(fc.integer({ min: 0x20, max: 0x7e }), fc.integer({ min: 0x80, max: 0xff })).map((c) => String.fromCharCode(c)), maxLength: 40 }),
);

/** Bytes that are not valid UTF-8: lone continuation bytes, overlong encodings, encoded surrogates, truncated sequences. */
export const invalidUtf8: fc.Arbitrary<Uint8Array> = fc
  .array(
    fc.oneof(
      fc.constantFrom([0x80], [0xbf], [0xc0, 0x80], [0xc1, 0xbf], [0xe0, 0x80, 0x80], [0xed, 0xa0, 0x80], [0xed, 0xbf, 0xbf], [0xf4, 0x90, 0x80, 0x80], [0xf8, 0x88, 0x80, 0x80, 0x80], [0xfe], [0xff], [0xe2, 0x82], [0xf0, 0x9f, 0x98], [0x00]),
      fc.array(fc.integer({ min: 0x20, max: 0x7e }), { minLength: 1, maxLength: 8 }),
    ),
    { minLength: 1, maxLength: 8 },
  )
  .map((parts) => Uint8Array.from(parts.flat()));

/** JSON text that is broken: truncated, trailing garbage, comments, single quotes, deep nesting, duplicate keys, pollution keys, BOM. */
export const brokenJsonText = (validExample: unknown): fc.Arbitrary<string> => {
  const valid = JSON.stringify(validExample);
  return fc.oneof(
    fc.nat({ max: Math.max(0, valid.length - 1) }).map((n) => valid.slice(0, n)),
    fc.constantFrom(
      '{', '}', '[', '{"a":', '{"a":1,}', "{'a':1}", '{"a":1}/*x*/', '{"a":1}garbage', '{"a":1}{"b":2}', 'NaN', 'undefined', '{"a":01}', '{"a":1e999999}', '{"a":"\\ud800"}',
      '{"a":"\\u0000"}', '{"a":"\\x00"}', '"\\uZZZZ"', '\ufeff{}', '{"__proto__":{"isOperator":true}}', '{"constructor":{"prototype":{"isOperator":true}}}',
      '{"a":{"__proto__":{"x":1}}}', '[{"__proto__":null}]', '{"name":"a","name":"b"}', ' ', '\n\n', 'null', 'true', '0', '"tekst"', '[]', '{}',
    ),
    fc.constantFrom(100, 1000, 10_000, 30_000).map((depth) => '['.repeat(depth) + ']'.repeat(depth)),
    fc.constantFrom(100, 1000, 10_000).map((depth) => '{"a":'.repeat(depth) + '1' + '}'.repeat(depth)),
    fc.constantFrom(100, 5000).map((depth) => '['.repeat(depth)),
    fc.constantFrom(64 * 1024 - 16, 64 * 1024 + 1, 200 * 1024).map((size) => JSON.stringify({ ...((validExample as object) ?? {}), pad: 'x'.repeat(size) })),
    hostileJson.map((v) => `${JSON.stringify(v)}`),
  );
};

/** A body as a client might send it to a route whose JSON body looks like `shape` (or that takes no body). */
export function fuzzBody(shape: BodyShape | 'empty' | 'none'): fc.Arbitrary<FuzzBody> {
  const example = shape === 'empty' || shape === 'none' ? {} : shape.valid;
  const json: fc.Arbitrary<FuzzBody> =
    shape === 'empty' || shape === 'none'
      ? fc.oneof(fc.constant({}), hostileJson, fc.dictionary(fc.constantFrom(...POLLUTION_KEYS), hostileJson, { minKeys: 1, maxKeys: 2, noNullPrototype: true })).map((value) => ({ kind: 'json', value }))
      : mutatedBody(shape).map((value) => ({ kind: 'json', value }));
  return fc.oneof(
    { weight: shape === 'none' ? 4 : 1, arbitrary: fc.constant<FuzzBody>({ kind: 'none' }) },
    { weight: 8, arbitrary: json },
    { weight: 2, arbitrary: fc.record({ kind: fc.constant('text' as const), text: brokenJsonText(example), contentType: fc.constantFrom('application/json', 'application/json; charset=utf-8') }) },
    { weight: 2, arbitrary: fc.record({ kind: fc.constant('text' as const), text: fc.oneof(fc.constant(JSON.stringify(example)), hostileString, brokenJsonText(example)), contentType }) },
    {
      weight: 1,
      arbitrary: fc.record({
        kind: fc.constant('bytes' as const),
        bytes: fc.oneof(invalidUtf8, invalidUtf8.map((b) => Uint8Array.from([...Buffer.from('{"name":"'), ...b, ...Buffer.from('"}')])), fc.uint8Array({ maxLength: 300 })),
        contentType,
      }),
    },
  );
}

/** A catalogue upload: bytes that are almost MARC, almost MARCXML, or nothing like either, with any content type. */
export const uploadBody: fc.Arbitrary<FuzzBody> = fc.oneof(
  fc.record({
    kind: fc.constant('bytes' as const),
    bytes: fc.oneof(
      fc.uint8Array({ maxLength: 2000 }),
      invalidUtf8,
      fc.constant(new Uint8Array(0)),
      // A MARC21 leader with a lying record length, then garbage.
      fc.tuple(fc.stringMatching(/^[0-9]{5}[a-z ]{7}[0-9]{5}[a-z0-9 ]{7}$/), fc.uint8Array({ maxLength: 300 })).map(([leader, rest]) => Uint8Array.from([...Buffer.from(leader), ...rest, 0x1d])),
      fc.constantFrom('<collection>', '<?xml version="1.0"?><collection xmlns="http://www.loc.gov/MARC21/slim"><record><leader>', '<!DOCTYPE x [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">]><collection>&b;</collection>', '<?xml version="1.0" encoding="UTF-16"?><x/>', '<x>\u0000</x>').map((s) => new Uint8Array(Buffer.from(s))),
    ),
    contentType: fc.oneof(fc.constantFrom('application/marc', 'application/marcxml+xml', 'application/xml', 'text/xml', 'APPLICATION/MARC', 'application/marc; charset=utf-8'), contentType),
  }),
  fuzzBody('none'),
);
