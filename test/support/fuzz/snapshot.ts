import type { ApiClient } from '../api-client';
import { WHO, type Who } from './headers';
import type { World } from './requests';
import { REGION_A as A, REGION_B as B } from './settings';

/** State that bad input must not change: what the edge fuzz test compares before and after. */

/** The people the test acts as: their account ids, tokens and credentials. */
export type People = Record<Who, { id: string; token: string; email: string; password: string }>;

export interface Snapshot {
  regions: string[];
  communitiesSeenBy: Record<string, string[]>;
  memberCounts: Record<string, number>;
  activities: Record<string, { attendeeCount: number; waitlistCount: number }>;
  me: Record<string, unknown>;
  titles: number;
  /** The contributions of the setup's conversation. */
  contributions: string[];
  /** The library titles added to the setup's conversation. */
  conversationTitles: string[];
  /** The media (links) of the setup's conversation. */
  media: string[];
  /** The setup's theme collection: its text and items in order. */
  collection: unknown;
  /** Each region's branches with their rooms. */
  branches: Record<string, Array<{ id: string; rooms: Array<{ id: string }> }>>;
}

/** The state bad input must not change, as the API shows it to each of the test's people. */
export async function snapshot(api: ApiClient, people: People, world: World): Promise<Snapshot> {
  const ok = async (path: string, token?: string) => {
    const res = await api.get(path, token);
    if (res.status !== 200) throw new Error(`snapshot: GET ${path} → ${res.status} ${res.text}`);
    return res.body;
  };
  /** Every page of a list. */
  const all = async <T>(path: string, token?: string): Promise<T[]> => {
    const items: T[] = [];
    for (let cursor: string | null = null; ; ) {
      const page = await ok(`${path}${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`, token);
      items.push(...(page.items as T[]));
      cursor = page.nextCursor ?? null;
      if (!cursor) return items;
    }
  };
  const regions = ((await ok('/regions')).items as Array<{ id: string }>).map((r) => r.id).sort();
  const communitiesSeenBy: Record<string, string[]> = {};
  for (const [label, path, token] of [
    ['operator@A', `/communities?limit=100&region=${A}`, people.operator.token], ['operator@B', `/communities?limit=100&region=${B}`, people.operator.token],
    ['organiser', '/communities?limit=100', people.organiser.token], ['member', '/communities?limit=100', people.member.token],
    ['outsider', '/communities?limit=100', people.outsider.token], ['anonymous', '/communities?limit=100', undefined],
  ] as const) {
    communitiesSeenBy[label] = (await all<{ id: string }>(path, token)).map((c) => c.id).sort();
  }
  const memberCounts: Record<string, number> = {};
  for (const [of, who] of [['community', 'organiser'], ['scratch', 'organiser'], ['privateCommunity', 'organiser'], ['otherRegionCommunity', 'outsider']] as const) {
    memberCounts[of] = (await ok(`/communities/${world.ids[of]}`, people[who].token)).memberCount as number;
  }
  const activities: Snapshot['activities'] = {};
  for (const a of await all<{ id: string; attendeeCount: number; waitlistCount: number }>(`/communities/${world.ids.community}/activities?limit=100`, people.organiser.token)) {
    activities[a.id] = { attendeeCount: a.attendeeCount, waitlistCount: a.waitlistCount };
  }
  const me: Record<string, unknown> = {};
  for (const who of WHO) {
    const m = await ok('/me', people[who].token);
    me[who] = { displayName: m.displayName, email: m.email, region: m.region?.slug ?? null, roles: [...m.roles].sort(), isOperator: m.isOperator };
  }
  const titles = ((await ok('/catalogue/titles?q=the&limit=50', people.organiser.token)).items as unknown[]).length;
  const contributions = (await all<{ id: string }>(`/conversations/${world.ids.conversation}/contributions?limit=100`, people.organiser.token)).map((c) => c.id).sort();
  const conversation = await ok(`/conversations/${world.ids.conversation}`, people.organiser.token);
  const conversationTitles = (conversation.titles as Array<{ titleId: string }>).map((t) => t.titleId).sort();
  const media = (conversation.media as Array<{ id: string }>).map((m) => m.id).sort();
  // A valid DELETE by its creator may have taken it away (the check then asks for an accepted write).
  const shown = await api.get(`/collections/${world.ids.collection}`, people.organiser.token);
  if (shown.status !== 200 && shown.status !== 404) throw new Error(`snapshot: GET /collections/${world.ids.collection} → ${shown.status} ${shown.text}`);
  const collection = shown.status === 404 ? null : {
    title: shown.body.title, description: shown.body.description,
    items: (shown.body.items as Array<{ id: string; position: number; note: string }>).map((i) => [i.id, i.position, i.note]),
  };
  const branches: Snapshot['branches'] = {};
  for (const slug of [A, B]) branches[slug] = (await ok(`/regions/${slug}/branches`)).items as Snapshot['branches'][string];
  return { regions, communitiesSeenBy, memberCounts, activities, me, titles, contributions, conversationTitles, media, collection, branches };
}
