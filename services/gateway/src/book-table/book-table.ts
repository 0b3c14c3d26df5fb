import { CommunityTitles, GetActivity, Id, IsoDateTime, MatchTitles, TitleSnapshot, type CommunityTitle, type RequestMeta, type Suggestion } from '@kc/contracts';
import type { RpcClient } from '@kc/messaging';
import { z } from 'zod';

export const BookTableItem = TitleSnapshot.extend({
  /** `community`: members added it to the community's conversations; `catalogue`: the suggestion engine matched it to the activity. */
  source: z.enum(['community', 'catalogue']),
  /** Why it is on the table, in Dutch and in English. */
  reason: z.object({ nl: z.string(), en: z.string() }),
  conversations: z.array(z.object({ id: Id, title: z.string() })),
});
export type BookTableItem = z.infer<typeof BookTableItem>;

export const BookTable = z.object({
  activity: z.object({ id: Id, communityId: Id, title: z.string(), startsAt: IsoDateTime, endsAt: IsoDateTime, timeZone: z.string(), location: z.string().nullable() }),
  items: z.array(BookTableItem),
});
export type BookTable = z.infer<typeof BookTable>;

/** What the community added, at most this many; then this many of the catalogue's best matches. */
export const BOOK_TABLE_LIMITS = { community: 30, catalogue: 8 } as const;

const quoted = (titles: string[]) => titles.map((t) => `‘${t}’`).join(', ');

function fromCommunity(added: CommunityTitle): BookTableItem {
  const shown = added.conversations.slice(0, 3).map((c) => c.title);
  const more = added.conversations.length - shown.length;
  const count = added.conversations.length;
  return {
    titleId: added.titleId, title: added.title, authors: added.authors, year: added.year, isbn: added.isbn, source: 'community',
    reason: {
      nl: `Toegevoegd aan ${count === 1 ? 'het gesprek' : `${count} gesprekken`} ${quoted(shown)}${more > 0 ? ` en ${more} meer` : ''}`,
      en: `Added to ${count === 1 ? 'the conversation' : `${count} conversations`} ${quoted(shown)}${more > 0 ? ` and ${more} more` : ''}`,
    },
    conversations: added.conversations,
  };
}

function fromCatalogue(match: Suggestion): BookTableItem {
  return {
    titleId: match.titleId, title: match.title, authors: match.authors, year: match.year, isbn: match.isbn, source: 'catalogue',
    // The engine's reason is Dutch ("Past bij je onderwerp: …"); English readers get it quoted.
    reason: { nl: match.reason, en: `The catalogue’s best match for this activity (“${match.reason}”)` },
    conversations: [],
  };
}

/** The community's own choices first (they know their subject), then the catalogue's matches, each title once. */
export function composeBookTable(added: CommunityTitle[], matches: Suggestion[]): BookTableItem[] {
  const seen = new Set(added.map((t) => t.titleId));
  return [...added.map(fromCommunity), ...matches.filter((m) => !seen.has(m.titleId)).map(fromCatalogue)];
}

/**
 * The meetup book table of an activity: the events service decides whether the caller may see
 * the activity, the communities service which of its community's titles they may see, and the
 * catalogue's suggestion engine matches the activity's title and description to the region's
 * collection (without the titles the community already chose).
 */
export async function loadBookTable(rpc: RpcClient, meta: RequestMeta, activityId: string): Promise<BookTable> {
  const activity = await rpc.send(GetActivity, { id: activityId }, meta);
  const community = await rpc.send(CommunityTitles, { communityId: activity.communityId, limit: BOOK_TABLE_LIMITS.community }, meta);
  const { items: matches } = await rpc.send(MatchTitles, {
    regionId: community.regionId, title: activity.title, body: activity.description, limit: BOOK_TABLE_LIMITS.catalogue, exclude: community.items.map((t) => t.titleId),
  }, meta);
  const { id, communityId, title, startsAt, endsAt, timeZone, location } = activity;
  return { activity: { id, communityId, title, startsAt, endsAt, timeZone, location }, items: composeBookTable(community.items, matches) };
}
