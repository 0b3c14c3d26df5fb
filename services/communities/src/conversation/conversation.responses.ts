import type { ConversationTitle, MediaReference, Suggestion } from '@kc/contracts';

export interface ConversationRow {
  id: string;
  communityId: string;
  title: string;
  body: string;
  authorId: string;
  createdAt: Date | string;
  suggestions: Suggestion[];
}

export const toConversationResponse = (c: ConversationRow, titles: ConversationTitle[], media: MediaReference[]) => ({
  id: c.id,
  communityId: c.communityId,
  title: c.title,
  body: c.body,
  author: { id: c.authorId },
  createdAt: new Date(c.createdAt).toISOString(),
  suggestions: c.suggestions,
  titles,
  media,
});

export type ConversationSummaryRow = Pick<ConversationRow, 'id' | 'communityId' | 'title' | 'authorId' | 'createdAt'> & { suggestionCount: number | string };

export const toConversationSummary = (c: ConversationSummaryRow) => ({
  id: c.id,
  communityId: c.communityId,
  title: c.title,
  author: { id: c.authorId },
  createdAt: new Date(c.createdAt).toISOString(),
  suggestionCount: Number(c.suggestionCount),
});
