import { z } from 'zod';
import { bilingual } from '../bilingual';
import { Empty, Id, IsoDateTime, listOf } from '../common';
import { defineEvent, defineRequest } from '../define';

/** Roles in a community; a community librarian of the region has the moderator's powers everywhere there. */
export const MemberRole = z.enum(['organiser', 'moderator', 'member']);
export type MemberRole = z.infer<typeof MemberRole>;
/** `staff`: only library staff (community librarians, library administrators) may join; national communities only. */
export const JoinMode = z.enum(['open', 'approval', 'invite', 'staff']);
export type JoinMode = z.infer<typeof JoinMode>;

/** An invitation token as it appears in a URL: 43 base64url characters (32 random bytes). */
export const InvitationToken = z.string().regex(/^[A-Za-z0-9_-]{43}$/, bilingual({ nl: 'moet een geldige uitnodigingscode zijn', en: 'must be a valid invitation code' }));

// ---- events (ids only) ----
export const MemberLeft = defineEvent({
  service: 'communities', aggregate: 'member', event: 'left', version: 1,
  description: 'An account is no longer a member of a community (left, or removed by an organiser, moderator or community librarian).',
  schema: z.object({ communityId: Id, accountId: Id }),
});
export const MemberRoleChanged = defineEvent({
  service: 'communities', aggregate: 'member', event: 'role-changed', version: 1,
  description: 'A member’s role in a community changed (organiser, moderator, member).',
  schema: z.object({ communityId: Id, accountId: Id, role: MemberRole }),
});
export const MembershipRequested = defineEvent({
  service: 'communities', aggregate: 'membership-request', event: 'requested', version: 1,
  description: 'An account asked to join a community that admits members on approval.',
  schema: z.object({ communityId: Id, accountId: Id }),
});
export const MembershipRequestAnswered = defineEvent({
  service: 'communities', aggregate: 'membership-request', event: 'answered', version: 1,
  description: 'An organiser, moderator or community librarian approved or rejected a request to join.',
  schema: z.object({ communityId: Id, accountId: Id, approved: z.boolean(), by: Id }),
});

// ---- requests ----
export const UpdateCommunity = defineRequest({
  pattern: 'communities.community.update', service: 'communities', command: true,
  description: 'Change how people join a community (organisers and the region’s community librarians).',
  request: z.object({ communityId: Id, joinMode: JoinMode }).strict(),
  response: z.object({ id: Id, joinMode: JoinMode }),
});
export const MembershipRequest = z.object({ accountId: Id, displayName: z.string(), requestedAt: IsoDateTime });
export const ListMembershipRequests = defineRequest({
  pattern: 'communities.membership-request.list', service: 'communities',
  description: 'Open requests to join (organisers, moderators, the region’s community librarians), oldest first.',
  request: z.object({ communityId: Id }).strict(),
  response: listOf(MembershipRequest),
});
export const AnswerMembershipRequest = defineRequest({
  pattern: 'communities.membership-request.answer', service: 'communities', command: true,
  description: 'Approve (the account becomes a member) or reject an open request to join.',
  request: z.object({ communityId: Id, accountId: Id, approve: z.boolean() }).strict(),
  response: z.object({ communityId: Id, accountId: Id, status: z.enum(['member', 'rejected']) }),
});
export const CreateInvitation = defineRequest({
  pattern: 'communities.invitation.create', service: 'communities', command: true,
  description: 'An invitation link to join (organisers, moderators, the region’s community librarians); only a hash of the token is stored.',
  request: z.object({ communityId: Id, expiresInDays: z.number().int().min(1).max(90).default(14) }).strict(),
  response: z.object({ id: Id, token: InvitationToken, url: z.string(), expiresAt: IsoDateTime }),
});
export const Invitation = z.object({ id: Id, createdBy: Id, createdAt: IsoDateTime, expiresAt: IsoDateTime, acceptedCount: z.number().int() });
export const ListInvitations = defineRequest({
  pattern: 'communities.invitation.list', service: 'communities',
  description: 'The open invitations of a community (who may invite).',
  request: z.object({ communityId: Id }).strict(),
  response: listOf(Invitation),
});
export const RevokeInvitation = defineRequest({
  pattern: 'communities.invitation.revoke', service: 'communities', command: true,
  description: 'Revoke an invitation: accepting it is then 410.',
  request: z.object({ communityId: Id, invitationId: Id }).strict(),
  response: Empty,
});
export const AcceptInvitation = defineRequest({
  pattern: 'communities.invitation.accept', service: 'communities', command: true,
  description: 'Join a community with an invitation (same region); expired or revoked is 410.',
  request: z.object({ token: InvitationToken }).strict(),
  response: z.object({ communityId: Id, accountId: Id, role: MemberRole }),
});
export const GetInvitation = defineRequest({
  pattern: 'communities.invitation.get', service: 'communities',
  description: 'What an invitation link leads to (anyone holding the token, signed in or not): the community’s name and description and when the link expires; expired or revoked is 410.',
  request: z.object({ token: InvitationToken }).strict(),
  response: z.object({
    communityId: Id, regionId: Id, name: z.string(), description: z.string(), expiresAt: IsoDateTime,
    /** The caller's role there when already a member (null otherwise, and for anonymous callers). */
    myRole: MemberRole.nullable(),
  }),
});
export const ChangeMemberRole = defineRequest({
  pattern: 'communities.member.role', service: 'communities', command: true,
  description: 'Give a member another role (organisers and the region’s community librarians); a community keeps at least one organiser.',
  request: z.object({ communityId: Id, accountId: Id, role: MemberRole }).strict(),
  response: z.object({ communityId: Id, accountId: Id, role: MemberRole }),
});
export const RemoveMember = defineRequest({
  pattern: 'communities.member.remove', service: 'communities', command: true,
  description: 'Remove a member (organisers, moderators, the region’s community librarians) or leave (oneself); the last organiser cannot go.',
  request: z.object({ communityId: Id, accountId: Id }).strict(),
  response: Empty,
});

// ---- the community plan (Probiblio method) ----
const planField = z.string().max(10_000).refine((s) => !s.includes('\u0000'), bilingual({ nl: 'mag geen NUL-teken bevatten', en: 'must not contain a NUL character' }));
export const CommunityPlanInput = z.object({ goals: planField, targetGroup: planField, conditions: planField, approach: planField }).strict();
export const CommunityPlan = z.object({
  communityId: Id,
  /** Markdown source per field (to edit it). */
  source: z.object({ goals: z.string(), targetGroup: z.string(), conditions: z.string(), approach: z.string() }),
  /** Sanitised HTML per field, as contributions are rendered. */
  html: z.object({ goals: z.string(), targetGroup: z.string(), conditions: z.string(), approach: z.string() }),
  updatedBy: Id.nullable(), updatedAt: IsoDateTime.nullable(),
});
export const SetCommunityPlan = defineRequest({
  pattern: 'communities.plan.set', service: 'communities', command: true,
  description: 'Write the community plan: goals, target group, conditions, approach (organisers and the region’s community librarians).',
  request: CommunityPlanInput.extend({ communityId: Id }).strict(),
  response: CommunityPlan,
});
export const GetCommunityPlan = defineRequest({
  pattern: 'communities.plan.get', service: 'communities',
  description: 'The community plan (members and the region’s community librarians); empty fields when none was written.',
  request: z.object({ communityId: Id }).strict(),
  response: CommunityPlan,
});
