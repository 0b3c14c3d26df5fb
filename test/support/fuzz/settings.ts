import { fixturePath } from '@kc/testing';

/** What several parts of the edge fuzz test share: the time limit, the two regions, the MARC fixture. */

/** "Within a few seconds": the gateway's own RPC time-out is 5 s, so anything slower is a hang. */
export const MAX_MS = Number(process.env.KC_FUZZ_MAX_MS ?? 5000);

/** The slugs of the two regions the test creates. */
export const REGION_A = 'fuzz-noord';
export const REGION_B = 'fuzz-zuid';

/** A MARC21 file (trailing bytes after its last record): the setup imports it, the upload route's valid request sends its first record. */
export const MARC = fixturePath('marc', 'zebra-sample-24-plus-trailing-bytes.mrc');
