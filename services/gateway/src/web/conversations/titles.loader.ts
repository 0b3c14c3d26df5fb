import { SearchTitles, type CommunitySummary, type Conversation, type RequestMeta } from '@kc/contracts';
import type { RpcClient } from '@kc/messaging';
import type { z } from 'zod';
import type { TitlesView } from './conversation-titles.pages';
import { awaitingTitles } from './conversations.pages';

/**
 * The titles section as the page shows it; with `q` (the page's `?zoektitel=`), a member also
 * sees what the region's catalogue holds for it.
 */
export async function loadTitles(
  rpc: RpcClient, meta: RequestMeta, conversation: z.infer<typeof Conversation>, community: z.infer<typeof CommunitySummary>, q?: unknown,
): Promise<TitlesView> {
  const canAct = community.myRole !== null;
  const query = typeof q === 'string' ? q.trim() : '';
  const search = canAct && query.length > 0 && query.length <= 200
    ? { q: query, items: (await rpc.send(SearchTitles, { q: query, limit: 10 }, meta)).items }
    : undefined;
  return {
    conversationId: conversation.id, added: conversation.titles, suggestions: conversation.suggestions,
    waiting: awaitingTitles(conversation), canAct, search,
  };
}
