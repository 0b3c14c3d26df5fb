import { conflict, forbidden, notFound } from '@kc/contracts';

export const blockedInCommunity = () =>
  forbidden(
    'BLOCKED_IN_COMMUNITY',
    'Je bent in deze community geblokkeerd door een moderator. Je kunt er niet lid worden, posten of reageren.',
    'You have been blocked in this community by a moderator. You cannot join, post or react there.',
  );
export const cannotBlockOrganiser = () =>
  conflict('CANNOT_BLOCK_ORGANISER', 'Een organisator kan niet geblokkeerd worden. Maak diegene eerst gewoon lid.', 'An organiser cannot be blocked. Make them a plain member first.');
export const cannotBlockYourself = () =>
  conflict('CANNOT_BLOCK_YOURSELF', 'Je kunt jezelf niet blokkeren.', 'You cannot block yourself.');
export const cannotBlockRole = () =>
  forbidden('CANNOT_BLOCK_ROLE', 'Een moderator kan alleen leden en niet-leden blokkeren, geen andere moderatoren.', 'A moderator can only block members and non-members, not other moderators.');
export const blockNotFound = () =>
  notFound('BLOCK_NOT_FOUND', 'Deze persoon is in deze community niet geblokkeerd.', 'This person is not blocked in this community.');
