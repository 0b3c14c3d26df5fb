import type { RequestContext } from '@kc/contracts';
import { mayManageStaff } from './staff-role.policy';

const regionA = '0190b4a0-0000-7000-8000-00000000000a';
const regionB = '0190b4a0-0000-7000-8000-00000000000b';
const caller = (over: Partial<RequestContext>): RequestContext => ({
  accountId: '0190b4a0-0000-7000-8000-000000000001', regionId: null, roles: [], isOperator: false, correlationId: 'c', lang: 'nl', ...over,
});

describe('mayManageStaff', () => {
  it('allows the operator in any region', () => {
    expect(mayManageStaff(caller({ isOperator: true }), regionA)).toBe(true);
  });
  it('allows a library_admin of that region', () => {
    expect(mayManageStaff(caller({ regionId: regionA, roles: ['library_admin'] }), regionA)).toBe(true);
  });
  it('refuses a library_admin of another region', () => {
    expect(mayManageStaff(caller({ regionId: regionB, roles: ['library_admin'] }), regionA)).toBe(false);
  });
  it('refuses a community librarian and a member of the region', () => {
    expect(mayManageStaff(caller({ regionId: regionA, roles: ['community_librarian'] }), regionA)).toBe(false);
    expect(mayManageStaff(caller({ regionId: regionA }), regionA)).toBe(false);
  });
  it('refuses an anonymous caller even with forged roles', () => {
    expect(mayManageStaff(caller({ accountId: null, isOperator: true }), regionA)).toBe(false);
  });
});
