import { z } from 'zod';
import { Empty, Id, IsoDateTime, listOf } from '../common';
import { defineEvent, defineRequest } from '../define';

/**
 * Co-hosting: the organisers of an activity's community invite another community of the region;
 * once its organiser (or a community librarian of the region) accepts, the activity appears in
 * both communities' calendars and feeds, and its members may see it as the host's members do.
 */
export const CohostStatus = z.enum(['invited', 'accepted', 'declined']);
export const Cohost = z.object({
  communityId: Id, name: z.string(), status: CohostStatus,
  invitedAt: IsoDateTime, answeredAt: IsoDateTime.nullable(),
});
const CohostAddress = { activityId: Id, communityId: Id };

// ---- events ----
export const ActivityCohostChanged = defineEvent({
  service: 'events', aggregate: 'activity', event: 'cohost-changed', version: 1,
  description: 'A community was invited to co-host an activity, accepted, declined or was taken off (`removed`); ids only, for notifications.',
  schema: z.object({ activityId: Id, hostCommunityId: Id, communityId: Id, status: z.enum(['invited', 'accepted', 'declined', 'removed']) }),
});

// ---- requests ----
export const InviteCohost = defineRequest({
  pattern: 'events.cohost.invite', service: 'events', command: true,
  // 400 COHOST_IS_HOST, COHOST_OTHER_REGION; 404 COMMUNITY_NOT_FOUND; 409 COHOST_ALREADY_INVITED, TOO_MANY_COHOSTS, ACTIVITY_CANCELLED, ACTIVITY_ENDED.
  description: 'Invite another community of the region to co-host an activity (organiser of the activity’s community or a community librarian of the region).',
  request: z.object(CohostAddress).strict(),
  response: Cohost,
});
export const AnswerCohost = defineRequest({
  pattern: 'events.cohost.answer', service: 'events', command: true,
  // 403 NOT_ALLOWED_TO_ANSWER_COHOST; 404 COHOST_INVITATION_NOT_FOUND; 409 COHOST_ALREADY_ANSWERED.
  description: 'Accept or decline an invitation to co-host (organiser of the invited community or a community librarian of the region).',
  request: z.object({ ...CohostAddress, accept: z.boolean() }).strict(),
  response: Cohost,
});
export const RemoveCohost = defineRequest({
  pattern: 'events.cohost.remove', service: 'events', command: true,
  description: 'Take a co-host off an activity, or withdraw an invitation (the host’s organisers, or the co-host’s, or a community librarian of the region).',
  request: z.object(CohostAddress).strict(),
  response: Empty,
});
export const ListCohosts = defineRequest({
  pattern: 'events.cohost.list', service: 'events',
  description: 'The co-hosts of an activity: accepted ones for whoever may see it, invitations and refusals too for its organisers.',
  request: z.object({ activityId: Id }).strict(),
  response: listOf(Cohost),
});
export const CohostInvitation = z.object({
  activityId: Id, title: z.string(), startsAt: IsoDateTime, endsAt: IsoDateTime,
  hostCommunityId: Id, hostCommunityName: z.string(), invitedAt: IsoDateTime,
});
export const CohostInvitations = defineRequest({
  pattern: 'events.cohost.invitations', service: 'events',
  description: 'Open invitations for a community to co-host activities (its organisers and the region’s community librarians).',
  request: z.object({ communityId: Id }).strict(),
  response: listOf(CohostInvitation),
});
