import { z } from 'zod';
import { Created, Empty, Id, IsoDateTime, RegionSlug, Visibility, listOf } from '../common';
import { defineEvent, defineRequest } from '../define';
import { plainText } from './text';
import { MediaReference } from './media.contracts';
import { ConversationTitle, TitleSnapshot } from './titles.contracts';

import { JoinMode, MemberRole } from './membership.contracts';

/** Roles carried by `member.joined.v1` (kept as they were: joining makes a member, creating an organiser). */
export const CommunityRole = z.enum(['organiser', 'member']);

export { plainText } from './text';
export * from './contributions.contracts';
export * from './titles.contracts';
export * from './media.contracts';
export * from './membership.contracts';
export * from './collections.contracts';
export const Suggestion = TitleSnapshot.extend({
  subjects: z.array(z.string()),
  reason: z.string(),
  score: z.number().optional(),
});
export type Suggestion = z.infer<typeof Suggestion>;

/** `national`: visible and joinable from every region; its public content is found and calendared in every region. */
export const CommunityScope = z.enum(['regional', 'national']);

// ---- events ----
export const CommunityCreated = defineEvent({
  service: 'communities', aggregate: 'community', event: 'created', version: 1,
  description: 'A community was started in a region (`regionId`: for a national one, the region it was started from).',
  schema: z.object({
    communityId: Id, regionId: Id, name: z.string(), description: z.string(), visibility: Visibility, organiserId: Id,
    /** Absent in events from before national communities: regional. */
    scope: CommunityScope.optional(),
  }),
});
export const MemberJoined = defineEvent({
  service: 'communities', aggregate: 'member', event: 'joined', version: 1,
  description: 'An account became a member (or organiser) of a community.',
  schema: z.object({ communityId: Id, accountId: Id, role: CommunityRole }),
});
export const ConversationStarted = defineEvent({
  service: 'communities', aggregate: 'conversation', event: 'started', version: 1,
  description: 'A member started a conversation in a community; the catalogue suggests titles for it.',
  schema: z.object({
    conversationId: Id, communityId: Id, title: z.string(), body: z.string(), visibility: Visibility,
    revision: z.number().int().nonnegative(), authorId: Id,
  }),
});

/** Limits of what a grown conversation sends to the catalogue. */
export const ConversationGrowthLimits = { textChars: 20_000, exclude: 500 } as const;
export const ConversationGrew = defineEvent({
  service: 'communities', aggregate: 'conversation', event: 'grew', version: 1,
  description: 'Contributions added substance to a conversation: the catalogue suggests titles again for this revision, over the title, the opening text and the contributions (`text`), leaving out the titles members added or dismissed (`exclude`).',
  schema: z.object({
    conversationId: Id, communityId: Id, revision: z.number().int().min(1), title: z.string(),
    text: z.string().max(ConversationGrowthLimits.textChars), exclude: z.array(Id).max(ConversationGrowthLimits.exclude),
  }),
});

// ---- requests ----
export const CommunitySummary = z.object({
  id: Id, regionId: Id, name: z.string(), description: z.string(), visibility: Visibility,
  memberCount: z.number().int(), myRole: MemberRole.nullable(), createdAt: z.string(), joinMode: JoinMode,
  /** Started by a community librarian on behalf of the library (shown as "Namens de bibliotheek"). */
  onBehalfOfLibrary: z.boolean(),
  /** `national`: visible and joinable from every region; `regionId` is the region it was started from. */
  scope: CommunityScope,
});
export const CreateCommunity = defineRequest({
  pattern: 'communities.community.create', service: 'communities', command: true,
  description: 'Start a community in the caller’s region; the caller becomes its organiser.',
  request: z.object({
    name: plainText(3, 120),
    description: plainText(0, 5000).default(''),
    visibility: Visibility,
    joinMode: JoinMode.default('open'),
    /** Only a community librarian of the caller's region may start a community on behalf of the library. */
    onBehalfOfLibrary: z.boolean().default(false),
    /** `national`: visible and joinable from every region (a community librarian or the operator starts one). */
    scope: CommunityScope.default('regional'),
  }).strict(),
  response: Created,
});
export const GetCommunity = defineRequest({
  pattern: 'communities.community.get', service: 'communities',
  description: 'One community, if the caller may see it; whether the caller’s request to join is open.',
  request: z.object({ id: Id }).strict(),
  response: CommunitySummary.extend({ requestPending: z.boolean() }),
});
export const ListCommunities = defineRequest({
  pattern: 'communities.community.list', service: 'communities',
  description: 'Communities of the caller’s region: public ones and the caller’s own.',
  request: z.object({
    region: RegionSlug.optional(),
    /** `national`: the public national communities and the caller's own national ones, instead of a region's. */
    scope: CommunityScope.optional(),
    limit: z.coerce.number().int().min(1).max(100).default(20), cursor: z.string().max(200).optional(),
  }).strict(),
  response: listOf(CommunitySummary),
});
export const JoinCommunity = defineRequest({
  pattern: 'communities.member.join', service: 'communities', command: true,
  description: 'Join a community (members of the same region): open ones at once; on approval a request (`status: "requested"`, 202); invite-only ones need an invitation.',
  request: z.object({ communityId: Id }).strict(),
  response: z.object({ communityId: Id, accountId: Id, role: MemberRole.nullable(), status: z.enum(['member', 'requested']) }),
});
export const CommunityAccess = defineRequest({
  pattern: 'communities.community.access', service: 'communities',
  description: 'What the caller may do in a community (used by other services to authorise).',
  request: z.object({ communityId: Id }).strict(),
  response: z.object({
    communityId: Id, regionId: Id, name: z.string(), visibility: Visibility, canRead: z.boolean(), role: MemberRole.nullable(),
    /** `national`: its activities are in every region's calendar. */
    scope: CommunityScope,
    /** The caller is a community librarian of the community's region (staff: may read and plan). */
    isRegionStaff: z.boolean(),
  }),
});
export const StartConversation = defineRequest({
  pattern: 'communities.conversation.start', service: 'communities', command: true,
  description: 'Start a conversation in a community (members only).',
  request: z.object({
    communityId: Id, title: plainText(3, 200), body: plainText(1, 20000),
  }).strict(),
  response: Created,
});
export const Conversation = z.object({
  id: Id, communityId: Id, title: z.string(), body: z.string(),
  author: z.object({ id: Id }), createdAt: IsoDateTime,
  /** Suggested library titles, best first: never one that was added or dismissed here. */
  suggestions: z.array(Suggestion),
  /** Library titles members added, in the order they were added. */
  titles: z.array(ConversationTitle),
  /** Videos, articles, websites and podcasts members pointed to, in the order they were added. */
  media: z.array(MediaReference),
  /** Hidden by a moderator: others see the notice instead of the title and text. */
  hidden: z.boolean().optional(),
  /** The moderator's reason: only for the author and the community's moderators, else null. */
  hiddenReason: z.string().nullable().optional(),
});
export const GetConversation = defineRequest({
  pattern: 'communities.conversation.get', service: 'communities',
  description: 'A conversation with the library titles members added and the suggested ones, best first.',
  request: z.object({ id: Id }).strict(), response: Conversation,
});
export const ConversationSummary = z.object({
  id: Id, communityId: Id, title: z.string(), author: z.object({ id: Id }), createdAt: IsoDateTime, suggestionCount: z.number().int(),
});
export const ListConversations = defineRequest({
  pattern: 'communities.conversation.list', service: 'communities',
  description: 'The conversations of a community the caller may see, newest first.',
  request: z.object({
    communityId: Id,
    limit: z.coerce.number().int().min(1).max(100).default(20),
    /** Opaque `nextCursor` of the previous page; anything else is 400 INVALID_CURSOR. */
    cursor: z.string().max(200).optional(),
  }).strict(),
  response: listOf(ConversationSummary),
});
export const CommunitiesEmpty = Empty;
export * from './blocks.contracts';
export * from './reports.contracts';
export * from './community-audit.contracts';
export * from './organisations.contracts';
