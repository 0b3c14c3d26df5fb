import {
  CommunityTitles, GetCollection, GetCommunity, GetConversation, ListActivities, ListConversations, SearchTitles,
  type Collection, type CommunitySummary, type RequestMeta,
} from '@kc/contracts';
import type { RpcClient } from '@kc/messaging';
import type { z } from 'zod';

type CommunityView = z.infer<typeof CommunitySummary>;

/** Something an editor may add, as the add forms offer it. */
export interface Choice {
  id: string;
  label: string;
}

/** What the add forms offer: the community's conversations, activities, shared links and titles, and catalogue hits for `?zoektitel=`. */
export interface ItemChoices {
  conversations: Choice[];
  activities: Choice[];
  media: Choice[];
  titles: Choice[];
  search?: { q: string; items: Choice[] };
}

export interface CollectionPageData {
  collection: Collection;
  community: CommunityView;
  /** Only for those who may edit the collection. */
  choices: ItemChoices | null;
}

/** Links are offered from this many of the newest conversations (each is one request). */
const MEDIA_SOURCES = 10;

export async function loadCollectionPage(rpc: RpcClient, meta: RequestMeta, id: string, q?: unknown): Promise<CollectionPageData> {
  const collection = await rpc.send(GetCollection, { id }, meta);
  const community = await rpc.send(GetCommunity, { id: collection.communityId }, meta);
  return { collection, community, choices: collection.canEdit ? await loadChoices(rpc, meta, collection, q) : null };
}

async function loadChoices(rpc: RpcClient, meta: RequestMeta, collection: Collection, q: unknown): Promise<ItemChoices> {
  const communityId = collection.communityId;
  const taken = new Set(collection.items.map((i) => i.ref));
  const open = (choices: Choice[]) => choices.filter((c) => !taken.has(c.id));
  const [conversations, activities, titles] = await Promise.all([
    rpc.send(ListConversations, { communityId, limit: 50 }, meta),
    rpc.send(ListActivities, { communityId, when: 'upcoming', limit: 50 }, meta),
    rpc.send(CommunityTitles, { communityId, limit: 50 }, meta),
  ]);
  const withMedia = await Promise.all(conversations.items.slice(0, MEDIA_SOURCES).map((c) => rpc.send(GetConversation, { id: c.id }, meta)));
  const query = typeof q === 'string' ? q.trim() : '';
  const search = query.length > 0 && query.length <= 200
    ? { q: query, items: open((await rpc.send(SearchTitles, { q: query, limit: 10 }, meta)).items.map((t) => ({ id: t.id, label: titleLabel(t.title, t.authors, t.year) }))) }
    : undefined;
  return {
    conversations: open(conversations.items.map((c) => ({ id: c.id, label: c.title }))),
    activities: open(activities.items.map((a) => ({ id: a.id, label: a.title }))),
    media: open(withMedia.flatMap((c) => c.media.map((m) => ({ id: m.id, label: `${m.title ?? m.url} (${c.title})` })))),
    titles: open(titles.items.map((t) => ({ id: t.titleId, label: titleLabel(t.title, t.authors, t.year) }))),
    search,
  };
}

const titleLabel = (title: string, authors: string[], year: number | null) =>
  [title, authors.slice(0, 2).join(', '), year ? String(year) : ''].filter(Boolean).join(' – ');
