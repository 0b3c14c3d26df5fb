import { z } from 'zod';
import { bilingual } from '../bilingual';
import { Created, Empty, Id, IsoDateTime, Visibility, listOf } from '../common';
import { defineEvent, defineRequest } from '../define';
import { plainText } from './text';

/** What a person may write in a contribution: Markdown source, rendered and sanitised by communities. */
export const ContributionBody = plainText(1, 10_000);
export const ReactionKind = z.enum(['nuttig', 'eens', 'inspirerend'], bilingual({ nl: 'moet nuttig, eens of inspirerend zijn', en: 'must be nuttig, eens or inspirerend' }));
export type ReactionKind = z.infer<typeof ReactionKind>;
export const REACTION_KINDS = ReactionKind.options;

const uniqueIds = (ids: string[]) => new Set(ids.map((id) => id.toLowerCase())).size === ids.length;
/** Accounts mentioned in a contribution: members of the community, each named once. */
export const Mentions = z.array(Id).max(20).refine(uniqueIds, bilingual({ nl: 'noemt iemand meer dan één keer', en: 'mentions someone more than once' }));

// ---- events (identifiers and the text itself; never names) ----
export const ContributionPosted = defineEvent({
  service: 'communities', aggregate: 'contribution', event: 'posted', version: 1,
  description: 'A member contributed to a conversation (a reply when parentId is set); search indexes the text.',
  schema: z.object({
    contributionId: Id, conversationId: Id, conversationTitle: z.string(), communityId: Id, parentId: Id.nullable(), authorId: Id,
    body: z.string(), visibility: Visibility, revision: z.number().int().nonnegative(),
  }),
});
export const ContributionEdited = defineEvent({
  service: 'communities', aggregate: 'contribution', event: 'edited', version: 1,
  description: 'The author changed the text of a contribution; a higher revision replaces a lower one.',
  schema: z.object({
    contributionId: Id, conversationId: Id, conversationTitle: z.string(), communityId: Id, authorId: Id,
    body: z.string(), visibility: Visibility, revision: z.number().int().nonnegative(),
  }),
});
export const ContributionDeleted = defineEvent({
  service: 'communities', aggregate: 'contribution', event: 'deleted', version: 1,
  description: 'A contribution was deleted by its author or a moderator: its text is gone everywhere.',
  schema: z.object({ contributionId: Id, conversationId: Id, communityId: Id, deletedBy: Id }),
});
export const MemberMentioned = defineEvent({
  service: 'communities', aggregate: 'contribution', event: 'mentioned', version: 1,
  description: 'A contribution mentioned a member of the community (for notifications); identifiers only.',
  schema: z.object({ contributionId: Id, conversationId: Id, communityId: Id, mentionedAccountId: Id, authorId: Id }),
});

// ---- requests ----
export const ReactionCounts = z.object({ nuttig: z.number().int(), eens: z.number().int(), inspirerend: z.number().int() });
export const Contribution = z.object({
  id: Id,
  conversationId: Id,
  /** The top-level contribution this one replies to; null for a top-level one. */
  parentId: Id.nullable(),
  author: z.object({ id: Id, displayName: z.string() }),
  /** Sanitised HTML rendered from the Markdown; for a deleted one the notice that it was deleted. */
  html: z.string(),
  createdAt: IsoDateTime,
  editedAt: IsoDateTime.nullable(),
  deleted: z.boolean(),
  hidden: z.boolean(),
  /** The moderator's reason: only for the author and the community's moderators, else null. */
  hiddenReason: z.string().nullable().optional(),
  reactions: ReactionCounts,
  myReactions: z.array(ReactionKind),
  /** The caller may change the text (the author). */
  canEdit: z.boolean(),
  /** The caller may delete it (the author or a moderator). */
  canDelete: z.boolean(),
});
export type Contribution = z.infer<typeof Contribution>;

export const PostContributionBody = z.object({
  body: ContributionBody,
  parentId: Id.optional(),
  mentions: Mentions.optional(),
}).strict();
export const PostContribution = defineRequest({
  pattern: 'communities.contribution.post', service: 'communities', command: true,
  description: 'Contribute to a conversation (members only); a reply to a reply attaches to the same top-level contribution.',
  request: PostContributionBody.extend({ conversationId: Id }).strict(),
  response: Created,
});
export const ListContributionsQuery = z.object({
  limit: z.coerce.number().int().min(1).max(100).default(50),
  /** Opaque `nextCursor` of the previous page; anything else is 400 INVALID_CURSOR. */
  cursor: z.string().max(200).optional(),
}).strict();
export const ListContributions = defineRequest({
  pattern: 'communities.contribution.list', service: 'communities',
  description: 'The contributions of a conversation, oldest thread first, each reply right after its parent (oldest first).',
  request: ListContributionsQuery.extend({ conversationId: Id }).strict(),
  response: listOf(Contribution),
});
export const EditContributionBody = z.object({ body: ContributionBody }).strict();
export const EditContribution = defineRequest({
  pattern: 'communities.contribution.edit', service: 'communities', command: true,
  description: 'Change the text of a contribution (its author only); it is marked as edited.',
  request: EditContributionBody.extend({ contributionId: Id }).strict(),
  response: Contribution,
});
export const DeleteContribution = defineRequest({
  pattern: 'communities.contribution.delete', service: 'communities', command: true,
  description: 'Delete a contribution (its author, or a moderator of the community); the thread keeps a notice in its place.',
  request: z.object({ contributionId: Id }).strict(),
  response: Empty,
});
export const SetReaction = defineRequest({
  pattern: 'communities.contribution.react', service: 'communities', command: true,
  description: 'Give (on) or take back (off) one reaction of a kind on a contribution (members only); idempotent.',
  request: z.object({ contributionId: Id, kind: ReactionKind, on: z.boolean() }).strict(),
  response: Empty,
});
export const CommunityMember = z.object({ accountId: Id, displayName: z.string(), role: z.enum(['organiser', 'moderator', 'member']) });
export const ListMembers = defineRequest({
  pattern: 'communities.member.list', service: 'communities',
  description: 'The members of a community with their names, by name (members and the region’s community librarians only): whom a contribution can mention.',
  request: z.object({ communityId: Id, limit: z.coerce.number().int().min(1).max(200).default(100) }).strict(),
  response: listOf(CommunityMember),
});
export const GetContribution = defineRequest({
  pattern: 'communities.contribution.get', service: 'communities',
  description: 'One contribution, if the caller may see its conversation; its Markdown source only for its author (to edit it).',
  request: z.object({ contributionId: Id }).strict(),
  response: Contribution.extend({ source: z.string().nullable() }),
});
