import type { RequestContext } from '@kc/contracts';
import { accessTo, decodeIdCursor, encodeIdCursor } from './community.policy';

const region = '01900000-0000-7000-8000-00000000000a';
const ctx = (over: Partial<RequestContext> = {}): RequestContext => ({
  accountId: '01900000-0000-7000-8000-000000000001', regionId: region, roles: [], isOperator: false, correlationId: 'c', lang: 'nl', ...over,
});
const anonymous = ctx({ accountId: null, regionId: null });

describe('community access policy', () => {
  it('shows public communities to everyone', () => {
    for (const c of [anonymous, ctx(), ctx({ regionId: '01900000-0000-7000-8000-00000000000b' })]) {
      expect(accessTo({ regionId: region, visibility: 'public' }, c, null).canRead).toBe(true);
    }
  });

  it('shows members-only communities to members and the region’s community librarians only', () => {
    const members = { regionId: region, visibility: 'members' as const };
    expect(accessTo(members, anonymous, null)).toEqual({ canRead: false, role: null, isRegionStaff: false });
    expect(accessTo(members, ctx(), null).canRead).toBe(false);
    expect(accessTo(members, ctx(), 'member').canRead).toBe(true);
    expect(accessTo(members, ctx({ roles: ['community_librarian'] }), null)).toEqual({ canRead: true, role: null, isRegionStaff: true });
    expect(accessTo(members, ctx({ roles: ['library_admin'] }), null).canRead).toBe(false);
    expect(accessTo(members, ctx({ roles: ['community_librarian'], regionId: '01900000-0000-7000-8000-00000000000b' }), null).canRead).toBe(false);
  });

  it('round-trips the id cursor and refuses anything else', () => {
    const id = '01900000-0000-7000-8000-000000000001';
    expect(decodeIdCursor(encodeIdCursor(id))).toBe(id);
    expect(decodeIdCursor('kapot')).toBeNull();
  });
});
