import type { Conversation } from './conversation.entity';

export const toConversationResponse = (c: Conversation) => ({
  id: c.id,
  communityId: c.communityId,
  title: c.title,
  body: c.body,
  author: { id: c.authorId },
  createdAt: c.createdAt.toISOString(),
  suggestions: c.suggestions,
});
