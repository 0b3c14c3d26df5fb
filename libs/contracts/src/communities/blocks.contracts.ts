import { z } from 'zod';
import { Empty, Id, IsoDateTime, listOf } from '../common';
import { defineEvent, defineRequest } from '../define';
import { plainText } from './text';

/**
 * Blocking someone in a community: they are taken out of it and cannot join again (by joining,
 * asking, an invitation or an approval), so they cannot post or react there, until unblocked.
 */
export const CommunityBlock = z.object({ accountId: Id, displayName: z.string(), reason: z.string(), blockedBy: Id, blockedAt: IsoDateTime });

// ---- events (ids only) ----
export const MemberBlocked = defineEvent({
  service: 'communities', aggregate: 'member', event: 'blocked', version: 1,
  description: 'An organiser, moderator or community librarian blocked an account in a community (it is no longer a member and cannot join).',
  schema: z.object({ communityId: Id, accountId: Id, by: Id }),
});
export const MemberUnblocked = defineEvent({
  service: 'communities', aggregate: 'member', event: 'unblocked', version: 1,
  description: 'A block in a community was lifted: the account may join again.',
  schema: z.object({ communityId: Id, accountId: Id, by: Id }),
});

// ---- requests ----
export const BlockMember = defineRequest({
  pattern: 'communities.block.create', service: 'communities', command: true,
  // 403 NOT_A_MODERATOR, CANNOT_BLOCK_ROLE; 409 CANNOT_BLOCK_ORGANISER, CANNOT_BLOCK_YOURSELF.
  description: 'Block an account in a community (organisers, moderators and the region’s community librarians); a member is taken out at once.',
  request: z.object({ communityId: Id, accountId: Id, reason: plainText(3, 1000) }).strict(),
  response: CommunityBlock,
});
export const UnblockMember = defineRequest({
  pattern: 'communities.block.remove', service: 'communities', command: true,
  description: 'Lift a block (organisers, moderators and the region’s community librarians).',
  request: z.object({ communityId: Id, accountId: Id }).strict(),
  response: Empty,
});
export const ListBlocks = defineRequest({
  pattern: 'communities.block.list', service: 'communities',
  description: 'Who is blocked in a community, with the reason (organisers, moderators and the region’s community librarians).',
  request: z.object({ communityId: Id }).strict(),
  response: listOf(CommunityBlock),
});
