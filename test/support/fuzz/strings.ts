import fc from 'fast-check';
import { daysFromNow, lastSundayOf, nextYear } from '@kc/testing';

/** Hostile text and JSON values: the raw material of every other fuzz arbitrary. */

// ---------------------------------------------------------------------------------------------
// Strings

/** A day a week ahead (`YYYY-MM-DD`), so an edge format of a date that could be planned stays in the future on any day. */
const SOON = daysFromNow(7).slice(0, 10);
/** Next year's summer-time changes and its last second: edges that lie ahead on any day. */
const NEXT_YEAR = nextYear();
const SUMMER_TIME_STARTS = lastSundayOf(NEXT_YEAR, 3);
const SUMMER_TIME_ENDS = lastSundayOf(NEXT_YEAR, 10);

/** Strings people (and scripts) paste into forms: control characters, bidi, emoji, surrogates, injections, look-alikes. */
export const NASTY_STRINGS: readonly string[] = [
  '', ' ', '   ', '\t', '\n', '\r\n', '\u0000', 'a\u0000b', 'Buurt\u0000tuin', '\u0000'.repeat(3), '\u0007', '\u001b[31mrood\u001b[0m', '\u007f', '\u0085', '\u00a0',
  '\u202e', 'Leesclub \u202enoorb', '\u200b', '\u200f', '\u2028', '\ufeff', '\ufeffBOM', '\ufffe', '\uffff', '\ufffd',
  '\ud800', '\udfff', 'a\ud800b', '\udc00\ud800', '\ud83d', 'x\ude00',
  '😀', '👩‍👩‍👧‍👦', '🇳🇱', 'e\u0301', 'Z̤͔ͧ̑̓ä͖̭̈̇lͮ̒ͫǧ̗͚̚o̙̔ͮ̇͐̇', 'ﷺ', 'مرحبا بالعالم', 'שלום עולם', '漢字テスト', 'İıŞş', 'ß', 'ǅ', 'Ⅻ', '𝕂𝕖𝕟𝕟𝕚𝕤',
  '..', '.', '../../etc/passwd', '..\\..\\boot.ini', '%2e%2e%2f', '%00', '%', '%zz', '%C0%AF', '/', '\\', '//', '?', '#', '&', '=', ';', ',', '+', '*',
  "' OR '1'='1", "'; DROP TABLE communities; --", '$where', '{"$gt":""}', '${7*7}', '{{7*7}}', '#{7*7}', '<script>alert(1)</script>', '<!--', ']]>', '\\u0000', '\\x00',
  'null', 'undefined', 'true', 'false', 'NaN', 'Infinity', '-Infinity', '-1', '0', '-0', '1.5', '1e309', '9007199254740993', '0x10', '1_000', '1,5', ' 7 ',
  '__proto__', 'constructor', 'prototype', 'toString', 'hasOwnProperty', '__defineGetter__',
  'Europe/Amsterdam', 'UTC', 'Etc/GMT+14', 'Etc/GMT-14', '+01:00', 'Mars/Olympus', 'America/Argentina/Buenos_Aires',
  'public', 'members', 'PUBLIC', 'library_admin', 'community_librarian', 'hybrid', 'online', 'in_person', 'upcoming', 'past',
  'community', 'conversation', 'activity', 'community,activity', 'community,,', ',',
  `${SOON}T18:30:00Z`, `${SOON}T18:30:00+01:00`, '2026-02-30T10:00:00Z', SOON, '0000-01-01T00:00:00Z', '0001-01-01T00:00:00Z',
  '9999-12-31T23:59:59Z', '1970-01-01T00:00:00Z', `${SOON}T18:30:00.123456789Z`, '2026-13-01T00:00:00Z',
  'https://meet.example.org/x', 'javascript:alert(1)', 'http://', 'https://[::1]:99999/', 'file:///etc/passwd',
  'a@b.nl', 'A@B.NL', 'x@voorbeeld.nl', 'geen-email', '@', 'a@', '"a b"@voorbeeld.nl', 'a@voorbeeld.nl\u0000', 'a'.repeat(64) + '@' + 'b'.repeat(189) + '.nl',
];

const LONE_SURROGATE = fc.integer({ min: 0xd800, max: 0xdfff }).map((c) => String.fromCharCode(c));
const C0_CONTROL = fc.integer({ min: 0, max: 0x1f }).map((c) => String.fromCharCode(c));
const BIDI = fc.constantFrom('\u202a', '\u202b', '\u202c', '\u202d', '\u202e', '\u2066', '\u2067', '\u2068', '\u2069', '\u200e', '\u200f');
const EMOJI = fc.constantFrom('😀', '🚲', '📚', '👩🏽‍💻', '🏳️‍🌈', '🇳🇱', '❤️', '🧑‍🤝‍🧑');

/** One "character" of hostile text: mostly printable, sometimes control, bidi, emoji or half a surrogate pair. */
export const hostileUnit = fc.oneof(
  { weight: 6, arbitrary: fc.string({ unit: 'grapheme', minLength: 1, maxLength: 1 }) },
  { weight: 3, arbitrary: fc.string({ unit: 'grapheme-ascii', minLength: 1, maxLength: 1 }) },
  { weight: 2, arbitrary: fc.string({ unit: 'binary', minLength: 1, maxLength: 1 }) },
  { weight: 1, arbitrary: C0_CONTROL },
  { weight: 1, arbitrary: BIDI },
  { weight: 1, arbitrary: EMOJI },
  { weight: 1, arbitrary: LONE_SURROGATE },
);

/** Lengths around the limits of the contracts (slug 63, name 80/120, title 200, description 5000/10000, body 20000). */
export const LIMIT_LENGTHS = [1, 2, 3, 62, 63, 64, 80, 81, 119, 120, 121, 199, 200, 201, 254, 255, 300, 301, 2000, 2001, 5000, 5001, 8192, 8193, 10000, 10001, 20000, 20001] as const;

/** A long string of about `length` UTF-16 code units, made of one repeated piece (a letter, an accent, an emoji, NUL, a bidi override). */
export const longString = fc
  .record({ length: fc.constantFrom(...LIMIT_LENGTHS), piece: fc.constantFrom('x', 'é', ' ', '😀', '\u0000', 'a\u0301', '\u202e') })
  .map(({ length, piece }) => piece.repeat(Math.max(1, Math.floor(length / piece.length))));

/** Characters that break naive storage, parsing or display: NUL, half surrogate pairs, bidi overrides, BOM, non-characters, quotes. */
export const POISON = ['\u0000', '\ud800', '\udfff', '\u202e', '\u0007', '\u001b', '\ufeff', '\uffff', '\u2028', '\u0085', "'", '"', '\\', '%', '\n'] as const;
/** NUL and half surrogate pairs most often: PostgreSQL stores neither (NUL in text, `\ud800` in JSON), so they are the likeliest to get through to a 500. */
const poisonChar = fc.oneof(
  { weight: 3, arbitrary: fc.constant('\u0000') },
  { weight: 2, arbitrary: fc.constantFrom('\ud800', '\udfff', '\udc00') },
  { weight: 2, arbitrary: fc.constantFrom(...POISON) },
);

/** `text` with one poison character inserted somewhere. */
export const poisoned = (text: string): fc.Arbitrary<string> =>
  fc.tuple(poisonChar, fc.nat()).map(([poison, at]) => {
    const i = at % (text.length + 1);
    return `${text.slice(0, i)}${poison}${text.slice(i)}`;
  });

/** Any hostile string: a known nasty one, random hostile text, a long one, or a nasty one glued into ordinary text. */
export const hostileString: fc.Arbitrary<string> = fc.oneof(
  { weight: 3, arbitrary: fc.lorem({ maxCount: 2 }).chain(poisoned) },
  { weight: 4, arbitrary: fc.constantFrom(...NASTY_STRINGS) },
  { weight: 4, arbitrary: fc.string({ unit: hostileUnit, maxLength: 40 }) },
  { weight: 1, arbitrary: longString },
  { weight: 2, arbitrary: fc.tuple(fc.lorem({ maxCount: 3 }), fc.constantFrom(...NASTY_STRINGS), fc.lorem({ maxCount: 2 })).map(([a, b, c]) => `${a}${b}${c}`) },
);

// ---------------------------------------------------------------------------------------------
// JSON values

/** Keys that try to pollute prototypes or confuse a naive merge. */
export const POLLUTION_KEYS = ['__proto__', 'constructor', 'prototype', 'hasOwnProperty', 'toString', 'valueOf', '__defineSetter__', 'isOperator', 'roles', 'regionId', 'accountId', 'id', 'communityId', 'organiserId', '$set', ''] as const;

/** A random JSON value (nested objects and arrays, hostile strings and keys, numbers at the edges). */
export const hostileJson: fc.Arbitrary<unknown> = fc.letrec<{ value: unknown }>((tie) => ({
  value: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    fc.constant(null),
    fc.boolean(),
    fc.integer(),
    fc.constantFrom(0, -0, -1, 1.5, 1e21, -1e21, Number.MAX_SAFE_INTEGER + 2, Number.MIN_VALUE, 2 ** 31, -(2 ** 31) - 1, 100001),
    hostileString,
    fc.array(tie('value'), { maxLength: 5 }),
    fc.dictionary(fc.oneof(fc.constantFrom(...POLLUTION_KEYS), fc.string({ unit: hostileUnit, maxLength: 12 })), tie('value'), { maxKeys: 5, noNullPrototype: true }),
  ),
})).value;

/** A value of the wrong type for a field that expects `expected` (or any odd value). */
export const wrongTypeFor = (expected: 'string' | 'number' | 'enum' | 'uuid' | 'datetime'): fc.Arbitrary<unknown> =>
  fc.oneof(
    fc.constant(null),
    fc.boolean(),
    expected === 'number' ? fc.oneof(fc.constantFrom('1', '1e3', 'een', '', '0x10'), fc.double(), fc.constantFrom(0, -1, 1.5, 1e9, -1e9, 100001, 2 ** 53)) : fc.integer(),
    fc.array(hostileString, { maxLength: 3 }),
    fc.dictionary(fc.string({ maxLength: 5 }), hostileString, { maxKeys: 2 }),
    expected === 'uuid' ? uuidish : hostileString,
    expected === 'datetime' ? isoDateTimeEdge : hostileString,
  );

/** Date-times at the edges: the first and last years ISO allows, leap seconds, odd offsets, a range of millennia. */
export const isoDateTimeEdge: fc.Arbitrary<string> = fc.oneof(
  fc.constantFrom(
    '0000-01-01T00:00:00Z', '0001-01-01T00:00:00Z', '1000-01-01T00:00:00Z', '1582-10-10T12:00:00Z', '1900-01-01T00:00:00Z', '1969-12-31T23:59:59Z', '2000-02-29T12:00:00Z',
    `${SUMMER_TIME_STARTS}T01:30:00Z`, `${SUMMER_TIME_ENDS}T00:30:00Z`, `${NEXT_YEAR}-12-31T23:59:60Z`, `${SOON}T18:30:00+14:00`, `${SOON}T18:30:00-12:00`, `${SOON}T18:30:00+23:59`,
    `${SOON}T18:30:00.000000001Z`, '9999-12-31T23:59:59Z', '9999-12-31T23:59:59.999Z', '2026-02-29T10:00:00Z', `${SOON}T24:00:00Z`,
  ),
  fc.date({ min: new Date('0001-01-01T00:00:00Z'), max: new Date('9999-12-31T23:59:59Z'), noInvalidDate: true }).map((d) => d.toISOString()),
);

/** UUIDs and strings that look like them. */
export const uuidish: fc.Arbitrary<string> = fc.oneof(
  fc.uuid(),
  fc.uuid({ version: [7] }),
  fc.constantFrom(
    '00000000-0000-0000-0000-000000000000', 'ffffffff-ffff-ffff-ffff-ffffffffffff', 'FFFFFFFF-FFFF-7FFF-BFFF-FFFFFFFFFFFF', '------------------------------------',
    '0190a000-0000-7000-8000-00000000000', '0190a000-0000-7000-8000-0000000000000', '{0190a000-0000-7000-8000-000000000000}', '0190a0000000700080000000000000000',
    '0190a000-0000-7000-8000-00000000000g', ' 0190a000-0000-7000-8000-000000000000', '0190a000-0000-7000-8000-000000000000 ', 'urn:uuid:0190a000-0000-7000-8000-000000000000',
  ),
);
