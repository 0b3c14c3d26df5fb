import { describeAction } from './community-audit.pages';

describe('community log: actions said as a person would', () => {
  it.each([
    [{ action: 'member.blocked', targetType: 'account', targetName: 'Tom Trol' }, 'Blokkeerde Tom Trol', 'Blocked Tom Trol'],
    [{ action: 'member.role.member', targetType: 'account', targetName: 'Bram' }, 'Maakte Bram gewoon lid', 'Made Bram a plain member'],
    [{ action: 'content.hidden', targetType: 'contribution', targetName: null }, 'Verborg een bijdrage', 'Hid a contribution'],
    [{ action: 'community.join-mode.approval', targetType: null, targetName: null }, 'Veranderde lid worden in: na goedkeuring', 'Changed joining to: after approval'],
    [{ action: 'something.new', targetType: null, targetName: null }, 'something.new', 'something.new'],
  ])('%j', (entry, nl, en) => {
    expect(describeAction(entry, 'nl')).toBe(nl);
    expect(describeAction(entry, 'en')).toBe(en);
  });
});
