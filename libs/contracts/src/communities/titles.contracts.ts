import { z } from 'zod';
import { Empty, Id, IsoDateTime } from '../common';
import { defineEvent, defineRequest } from '../define';
import { plainText } from './text';

/** What a conversation, a suggestion or a book table shows of a library title (a snapshot of the catalogue's record). */
export const TitleSnapshot = z.object({
  titleId: Id,
  title: z.string(),
  authors: z.array(z.string()),
  year: z.number().int().nullable(),
  isbn: z.string().nullable(),
});

/** A library title that a member added to a conversation. */
export const ConversationTitle = TitleSnapshot.extend({
  addedBy: z.object({ id: Id, displayName: z.string() }),
  /** Added from the conversation's suggestions (rather than found in the catalogue by a member). */
  fromSuggestion: z.boolean(),
  addedAt: IsoDateTime,
  /** The caller may take it off again (who added it, or a moderator). */
  canRemove: z.boolean(),
});
export type ConversationTitle = z.infer<typeof ConversationTitle>;

// ---- events (identifiers only) ----
export const ConversationTitleAdded = defineEvent({
  service: 'communities', aggregate: 'conversation', event: 'title-added', version: 1,
  description: 'A member added a library title to a conversation (from its suggestions or from the catalogue).',
  schema: z.object({ conversationId: Id, communityId: Id, titleId: Id, addedBy: Id, fromSuggestion: z.boolean() }),
});
export const ConversationTitleRemoved = defineEvent({
  service: 'communities', aggregate: 'conversation', event: 'title-removed', version: 1,
  description: 'A library title was taken off a conversation.',
  schema: z.object({ conversationId: Id, communityId: Id, titleId: Id, removedBy: Id }),
});
export const SuggestionDismissed = defineEvent({
  service: 'communities', aggregate: 'conversation', event: 'suggestion-dismissed', version: 1,
  description: 'A member found a suggested title not fitting for a conversation: it is never suggested for that conversation again.',
  schema: z.object({ conversationId: Id, communityId: Id, titleId: Id, dismissedBy: Id }),
});

// ---- requests ----
export const AddConversationTitleBody = z.object({ titleId: Id }).strict();
export const AddConversationTitle = defineRequest({
  pattern: 'communities.conversation.title.add', service: 'communities', command: true,
  description: 'Add a library title of the conversation’s region to the conversation (members only); adding it again changes nothing.',
  request: AddConversationTitleBody.extend({ conversationId: Id }).strict(),
  response: z.object({ titleId: Id }),
});
export const RemoveConversationTitle = defineRequest({
  pattern: 'communities.conversation.title.remove', service: 'communities', command: true,
  description: 'Take a library title off a conversation (who added it, or a moderator of the community).',
  request: z.object({ conversationId: Id, titleId: Id }).strict(),
  response: Empty,
});
export const DismissSuggestionBody = z.object({ reason: plainText(0, 500).optional() }).strict();
export const DismissSuggestion = defineRequest({
  pattern: 'communities.conversation.suggestion.dismiss', service: 'communities', command: true,
  description: 'Mark a suggested title as not fitting (members only): it leaves the suggestions and never comes back for this conversation.',
  request: DismissSuggestionBody.extend({ conversationId: Id, titleId: Id }).strict(),
  response: Empty,
});

/** A library title that members added to one or more conversations of a community. */
export const CommunityTitle = TitleSnapshot.extend({
  /** The conversations it was added to, most recent addition first. */
  conversations: z.array(z.object({ id: Id, title: z.string() })),
  lastAddedAt: IsoDateTime,
});
export type CommunityTitle = z.infer<typeof CommunityTitle>;
export const CommunityTitles = defineRequest({
  pattern: 'communities.community.titles', service: 'communities',
  description: 'The library titles members added to the conversations of a community (for whoever may read the community), most often added first.',
  request: z.object({ communityId: Id, limit: z.number().int().min(1).max(100).default(30) }).strict(),
  response: z.object({ regionId: Id, items: z.array(CommunityTitle) }),
});
