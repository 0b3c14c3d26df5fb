import type { Collection, CollectionItem, CollectionItemType } from '@kc/contracts';
import { paths } from '../layout/paths';

const ITEM_TYPE: Record<CollectionItemType, string> = {
  title: 'Book',
  media: 'CreativeWork',
  conversation: 'DiscussionForumPosting',
  activity: 'Event',
  link: 'WebPage',
};

/** Where an item lives: our own page for a conversation or an activity, the address for a link or media. */
function itemUrl(item: CollectionItem, origin: string): string | null {
  if (item.type === 'conversation') return `${origin}${paths.conversation(item.ref)}`;
  if (item.type === 'activity') return `${origin}${paths.activity(item.ref)}`;
  return item.url;
}

/**
 * schema.org `Collection` for a collection page: its name, description, the community that
 * curates it, and its items in order as `hasPart` (a Book for a library title, an Event for an
 * activity, a DiscussionForumPosting for a conversation, a WebPage or CreativeWork for links).
 */
export function collectionLinkedData(collection: Collection, community: { id: string; name: string }, origin: string): Record<string, unknown> {
  return {
    '@context': 'https://schema.org',
    '@type': 'Collection',
    name: collection.title,
    ...(collection.description ? { description: collection.description } : {}),
    url: `${origin}${paths.collection(collection.id)}`,
    dateCreated: collection.createdAt,
    inLanguage: 'nl',
    creator: { '@type': 'Organization', name: community.name, url: `${origin}${paths.community(community.id)}` },
    collectionSize: collection.items.length,
    hasPart: collection.items.map((item) => {
      const url = itemUrl(item, origin);
      return {
        '@type': ITEM_TYPE[item.type],
        name: item.title,
        position: item.position,
        ...(url ? { url } : {}),
        ...(item.note ? { comment: { '@type': 'Comment', text: item.note } } : {}),
      };
    }),
  };
}
