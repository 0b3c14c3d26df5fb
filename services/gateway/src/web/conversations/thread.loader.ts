import { ListContributions, ListMembers, type CommunitySummary, type RequestMeta } from '@kc/contracts';
import type { RpcClient } from '@kc/messaging';
import type { z } from 'zod';
import type { ThreadView } from './contributions.pages';

const THREAD_PAGE = 100;

/** The thread of a conversation as the page shows it, and the members a member may mention. */
export async function loadThread(
  rpc: RpcClient, meta: RequestMeta, conversationId: string, community: z.infer<typeof CommunitySummary>, cursor: unknown, form?: ThreadView['form'],
): Promise<ThreadView> {
  const validCursor = typeof cursor === 'string' && cursor.length > 0 && cursor.length <= 200 ? cursor : undefined;
  const page = await rpc.send(ListContributions, { conversationId, limit: THREAD_PAGE, ...(validCursor ? { cursor: validCursor } : {}) }, meta);
  const canContribute = community.myRole !== null;
  const members = canContribute ? (await rpc.send(ListMembers, { communityId: community.id, limit: 200 }, meta)).items : [];
  return { conversationId, communityId: community.id, items: page.items, nextCursor: page.nextCursor, canContribute, members, form };
}

/** The accounts ticked in the mention picker (a repeated field arrives as a list). */
export function mentionsOf(body: unknown): string[] {
  const value = typeof body === 'object' && body !== null ? (body as Record<string, unknown>).mentions : undefined;
  const list = Array.isArray(value) ? value : value === undefined ? [] : [value];
  return list.filter((v): v is string => typeof v === 'string').slice(0, 50);
}
