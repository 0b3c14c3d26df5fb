import fc from 'fast-check';
import type { z } from 'zod';
import { hostileString, longString, uuidish } from './strings';
import { numberish } from './paths-and-queries';
import type { RouteShape } from './requests';
import { REGION_A as A, REGION_B as B } from './settings';

/** What the route tables share: the shape of a route, and the values worth trying in its fields. */

/** Whether a 2xx on the route changes state, and what kind of thing it creates ('session': it signs the caller out). */
export type Effect = 'session' | 'region' | 'staff' | 'account' | 'community' | 'join' | 'conversation' | 'contribution' | 'title' | 'media' | 'collection' | 'activity' | 'rsvp' | 'capacity' | 'feed' | 'import' | 'profile' | 'cohost' | 'branch';

export interface FuzzRoute extends RouteShape {
  /** What the gateway validates the path parameter with (`z.object(params).strict()`). */
  params?: z.ZodObject;
  /** What the gateway validates a JSON body with (POST routes; `Empty` when the route takes none). */
  bodySchema?: z.ZodType;
  effect?: Effect;
}

export const text = (...extra: string[]) => fc.oneof(hostileString, fc.lorem({ maxCount: 8 }), longString, fc.constantFrom(...extra));
export const slugs = fc.oneof(fc.constantFrom(A, B, 'bestaat-niet', 'a', 'A', 'a-', '-a', 'a--b', 'x'.repeat(63), 'x'.repeat(64), 'fuzz noord', 'fuzz_noord', 'ﬀ'), fc.stringMatching(/^[a-z0-9]{1,8}(-[a-z0-9]{1,8}){0,2}$/));
export const accountIds = fc.oneof(fc.constantFrom('«organiser.id»', '«member.id»', '«outsider.id»', '«admin.id»', '«operator.id»'), uuidish);
export const emails = fc.oneof(fc.emailAddress(), fc.constantFrom('«organiser.email»', '«member.email»', '«operator.email»', '«ORGANISER.EMAIL»'), hostileString);
export const passwords = fc.oneof(fc.constantFrom('«organiser.password»', '«operator.password»', 'Wachtwoord-123', 'kort'), hostileString, longString);
export const regionQuery = fc.oneof(fc.constantFrom(A, B, 'bestaat-niet'), hostileString);
export const limits = numberish;
/** Addresses a link may not have (SSRF), and broken ones. */
export const hostileUrls = fc.oneof(hostileString, longString, fc.webUrl(), fc.constantFrom(
  'http://127.0.0.1/', 'http://169.254.169.254/latest/meta-data/', 'http://[::1]/', 'http://[::ffff:127.0.0.1]/', 'http://2130706433/', 'http://0177.0.0.1/',
  'http://0x7f.1/', 'http://localhost:3000/', 'http://10.0.0.1/', 'http://[fd00::1]/', 'http://100.64.0.1/', 'https://example.org:8443/', 'http://a:b@example.org/',
  'file:///etc/passwd', 'gopher://example.org/', 'javascript:alert(1)', 'data:text/html,<script>alert(1)</script>', '//example.org/', 'https://' + 'a'.repeat(2000) + '.nl',
));
/** Rooms worth booking: the setup's (region A), another region's, one that does not exist, garbage, none. */
export const rooms = fc.oneof(fc.constantFrom('«room.id»', '«otherRegionRoom.id»', null), uuidish);
export const postcodes = fc.oneof(
  fc.constantFrom('5038 AB', '5038ab', ' 5038  ab ', '0123 AB', '1234 SS', '1234 SA', '12345', '1234 A', 'AB 1234', '1234-AB', '１２３４ AB', ''),
  fc.stringMatching(/^[0-9]{4} ?[A-Za-z]{2}$/), hostileString,
);
export const branchFields = {
  name: { kind: 'string' as const, values: text('Bibliotheek Noord', 'x') },
  address: { kind: 'string' as const, values: text('Stationsweg 1') },
  postcode: { kind: 'string' as const, values: postcodes },
  city: { kind: 'string' as const, values: text('Tilburg') },
};
export const roomFields = {
  name: { kind: 'string' as const, values: text('Zaal 1', '') },
  capacity: { kind: 'number' as const, values: fc.oneof(fc.integer({ min: -2, max: 5001 }), fc.constantFrom(0, 1, 5000, 5001, 1.5, 2 ** 31, 1e21)) },
};

/** Placeholder for the setup activity's one occurrence (its start), filled in by render(). */
export const OCCURRENCE = '«activity.start»';
/** The setup's scratch community, a community of region A that could co-host the setup's activity. */
export const SCRATCH = '«scratch.community»';
