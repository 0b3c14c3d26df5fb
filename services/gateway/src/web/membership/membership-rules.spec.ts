import { invitationLink, joinControlOf, mayModerate, mayOrganise, memberActionsFor } from './membership-rules';

describe('membership rules of the pages', () => {
  const resident = { signedIn: true, sameRegion: true, isOperator: false, requestPending: false, role: null, isRegionStaff: false } as const;

  it('offers the join control that fits the join mode', () => {
    expect(joinControlOf({ ...resident, joinMode: 'open' })).toBe('join');
    expect(joinControlOf({ ...resident, joinMode: 'approval' })).toBe('request');
    expect(joinControlOf({ ...resident, joinMode: 'approval', requestPending: true })).toBe('requested');
    expect(joinControlOf({ ...resident, joinMode: 'invite' })).toBe('invite-only');
    expect(joinControlOf({ ...resident, joinMode: 'invite', signedIn: false })).toBe('invite-only');
    expect(joinControlOf({ ...resident, joinMode: 'approval', signedIn: false })).toBe('sign-in');
    expect(joinControlOf({ ...resident, joinMode: 'open', sameRegion: false })).toBe('other-region');
    expect(joinControlOf({ ...resident, joinMode: 'open', sameRegion: false, isOperator: true })).toBe('none');
    expect(joinControlOf({ ...resident, joinMode: 'invite', role: 'member' })).toBe('leave');
    // The region's community librarian joins directly, whatever the mode.
    expect(joinControlOf({ ...resident, joinMode: 'invite', isRegionStaff: true })).toBe('join');
    expect(joinControlOf({ ...resident, joinMode: 'approval', isRegionStaff: true })).toBe('join');
  });

  it('lets organisers give roles, moderators remove only members, and everyone leave', () => {
    const organiser = { accountId: 'o', role: 'organiser', isRegionStaff: false } as const;
    const moderator = { accountId: 'm', role: 'moderator', isRegionStaff: false } as const;
    const member = { accountId: 'l', role: 'member', isRegionStaff: false } as const;
    const librarian = { accountId: 'b', role: null, isRegionStaff: true } as const;
    expect(memberActionsFor(organiser, member)).toEqual({ changeRole: true, remove: true, leave: false });
    expect(memberActionsFor(organiser, organiser)).toEqual({ changeRole: true, remove: false, leave: true });
    expect(memberActionsFor(moderator, member)).toEqual({ changeRole: false, remove: true, leave: false });
    expect(memberActionsFor(moderator, organiser)).toEqual({ changeRole: false, remove: false, leave: false });
    expect(memberActionsFor(moderator, { accountId: 'x', role: 'moderator' })).toMatchObject({ remove: false });
    expect(memberActionsFor(member, moderator)).toEqual({ changeRole: false, remove: false, leave: false });
    expect(memberActionsFor(librarian, organiser)).toEqual({ changeRole: true, remove: true, leave: false });
    expect([mayOrganise(moderator), mayModerate(moderator), mayModerate(member), mayOrganise(librarian)]).toEqual([false, true, false, true]);
  });

  it('makes the invitation link absolute on the site it was reached on', () => {
    expect(invitationLink('https://kenniscloud.nl', '/uitnodigingen/abc')).toBe('https://kenniscloud.nl/uitnodigingen/abc');
    expect(invitationLink(undefined, '/uitnodigingen/abc')).toBe('/uitnodigingen/abc');
  });
});
