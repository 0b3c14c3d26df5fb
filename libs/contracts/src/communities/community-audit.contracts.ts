import { z } from 'zod';
import { Id, IsoDateTime, listOf } from '../common';
import { defineRequest } from '../define';

/**
 * One moderation or role action in a community: who did what to what, when and why. `action` is
 * stable English (`content.hidden`, `member.blocked`, `member.role.moderator`, …); pages say it in Dutch.
 */
export const CommunityAuditEntry = z.object({
  id: Id, at: IsoDateTime, actorId: Id, actorName: z.string(), action: z.string(),
  targetType: z.string().nullable(), targetId: Id.nullable(),
  /** The person acted on, when the target is one (members, blocks, requests). */
  targetName: z.string().nullable(),
  reason: z.string().nullable(),
});
export const ListCommunityAudit = defineRequest({
  pattern: 'communities.audit.list', service: 'communities',
  description: 'The community’s log of moderation and role actions, newest first (organisers, moderators and the region’s community librarians).',
  request: z.object({
    communityId: Id,
    limit: z.coerce.number().int().min(1).max(100).default(50),
    /** Opaque `nextCursor` of the previous page; anything else is 400 INVALID_CURSOR. */
    cursor: z.string().max(200).optional(),
  }).strict(),
  response: listOf(CommunityAuditEntry),
});
