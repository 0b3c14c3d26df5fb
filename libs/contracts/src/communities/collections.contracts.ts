import { z } from 'zod';
import { bilingual, inParseLanguage } from '../bilingual';
import { Created, Empty, Id, IsoDateTime, RegionSlug, Visibility, listOf } from '../common';
import { defineEvent, defineRequest } from '../define';
import { MediaPreviewState, MediaUrl } from './media.contracts';
import { plainText } from './text';

/**
 * Theme collections (themacollecties): a community curates library titles, media links,
 * conversations, activities and web links around its expertise, in an order of its choosing.
 */
export const CollectionItemType = z.enum(['title', 'media', 'conversation', 'activity', 'link'], bilingual({
  nl: 'moet title, media, conversation, activity of link zijn', en: 'must be title, media, conversation, activity or link',
}));
export type CollectionItemType = z.infer<typeof CollectionItemType>;

export const CollectionTitle = plainText(3, 200);
/** Markdown source, rendered and sanitised as contributions are. */
export const CollectionDescription = plainText(0, 10_000);
export const CollectionItemNote = plainText(0, 1000);
/** At most this many items in one collection (and so the highest position). */
export const COLLECTION_MAX_ITEMS = 200;

export const CollectionItem = z.object({
  id: Id,
  type: CollectionItemType,
  /** What it points to: the id of the title, media reference, conversation or activity; the URL of a link. */
  ref: z.string(),
  /** The target's title as it is now (a link: its preview's title, else its address). */
  title: z.string(),
  note: z.string(),
  /** 1…n, dense and unique within the collection. */
  position: z.number().int().min(1),
  /** Where a media reference or a link points (null for other types). */
  url: z.string().nullable(),
  /** A link's preview state (null for other types); its description and site once fetched. */
  preview: MediaPreviewState.nullable(),
  description: z.string().nullable(),
  siteName: z.string().nullable(),
  addedBy: Id,
});
export type CollectionItem = z.infer<typeof CollectionItem>;

export const Collection = z.object({
  id: Id,
  communityId: Id,
  title: z.string(),
  /** The Markdown source as written. */
  description: z.string(),
  /** The description rendered and sanitised: safe to place in a page as it is. */
  descriptionHtml: z.string(),
  createdBy: Id,
  createdAt: IsoDateTime,
  visibility: Visibility,
  /** The caller may change it, delete it and manage its items (its creator, organisers, moderators, the region's community librarians). */
  canEdit: z.boolean(),
  /** Hidden by a moderator: others see the notice instead of its title, text and items. */
  hidden: z.boolean().optional(),
  hiddenReason: z.string().nullable().optional(),
  items: z.array(CollectionItem),
});
export type Collection = z.infer<typeof Collection>;

export const CollectionSummary = z.object({
  id: Id, communityId: Id, title: z.string(), description: z.string(), createdBy: Id, createdAt: IsoDateTime, itemCount: z.number().int(),
});
export type CollectionSummary = z.infer<typeof CollectionSummary>;

// ---- events (ids and the text search needs; never names) ----
const CollectionSearchText = z.object({
  collectionId: Id, communityId: Id, visibility: Visibility, title: z.string(), description: z.string(),
  /** Every item as the collection shows it now, in order: search finds a collection by what it holds. */
  items: z.array(z.object({ itemId: Id, type: CollectionItemType, title: z.string(), note: z.string() })),
  createdBy: Id,
});
export const CollectionCreated = defineEvent({
  service: 'communities', aggregate: 'collection', event: 'created', version: 1,
  description: 'A member started a theme collection in a community.',
  schema: CollectionSearchText,
});
export const CollectionUpdated = defineEvent({
  service: 'communities', aggregate: 'collection', event: 'updated', version: 1,
  description: 'A theme collection changed (its title, description, or an item added, changed, moved or removed); carries the whole collection as it is now, the newest replaces older ones.',
  schema: CollectionSearchText,
});
export const CollectionDeleted = defineEvent({
  service: 'communities', aggregate: 'collection', event: 'deleted', version: 1,
  description: 'A theme collection was deleted with its items: gone from search too.',
  schema: z.object({ collectionId: Id, communityId: Id, deletedBy: Id }),
});

// ---- requests ----
export const CreateCollectionBody = z.object({ title: CollectionTitle, description: CollectionDescription.default('') }).strict();
export const CreateCollection = defineRequest({
  pattern: 'communities.collection.create', service: 'communities', command: true,
  description: 'Start a theme collection in a community (members and the region’s community librarians).',
  request: CreateCollectionBody.extend({ communityId: Id }).strict(),
  response: Created,
});
export const UpdateCollectionBody = z.object({ title: CollectionTitle.optional(), description: CollectionDescription.optional() }).strict()
  .refine((b) => b.title !== undefined || b.description !== undefined, bilingual({ nl: 'geef title of description', en: 'give title or description' }));
export const UpdateCollection = defineRequest({
  pattern: 'communities.collection.update', service: 'communities', command: true,
  description: 'Change the title or description of a theme collection (its creator, organisers, moderators, the region’s community librarians).',
  request: z.object({ collectionId: Id, title: CollectionTitle.optional(), description: CollectionDescription.optional() }).strict(),
  response: Collection,
});
export const DeleteCollection = defineRequest({
  pattern: 'communities.collection.delete', service: 'communities', command: true,
  description: 'Delete a theme collection with its items (its creator, organisers, moderators, the region’s community librarians).',
  request: z.object({ collectionId: Id }).strict(),
  response: Empty,
});
export const GetCollection = defineRequest({
  pattern: 'communities.collection.get', service: 'communities',
  description: 'A theme collection with its items in order, if the caller may see its community.',
  request: z.object({ id: Id }).strict(),
  response: Collection,
});
export const ListCollections = defineRequest({
  pattern: 'communities.collection.list', service: 'communities',
  description: 'The theme collections of a community the caller may see, newest first.',
  request: z.object({
    communityId: Id,
    limit: z.coerce.number().int().min(1).max(100).default(20),
    /** Opaque `nextCursor` of the previous page; anything else is 400 INVALID_CURSOR. */
    cursor: z.string().max(200).optional(),
  }).strict(),
  response: listOf(CollectionSummary),
});
export const RegionCollections = defineRequest({
  pattern: 'communities.collection.region', service: 'communities',
  description: 'The theme collections of a region’s public communities, newest first (for the region page).',
  request: z.object({ region: RegionSlug, limit: z.coerce.number().int().min(1).max(50).default(20) }).strict(),
  response: listOf(CollectionSummary.extend({ communityName: z.string() })),
});

export const AddCollectionItemBody = z.object({
  type: CollectionItemType,
  /** title, media, conversation, activity: the id of what it points to. */
  refId: Id.optional(),
  /** link: the address, checked against the same address policy as media links (400 MEDIA_URL_NOT_ALLOWED). */
  url: MediaUrl.optional(),
  note: CollectionItemNote.optional(),
}).strict().superRefine((b, ctx) => {
  if (b.type === 'link') {
    if (b.url === undefined) ctx.addIssue({ code: 'custom', path: ['url'], message: inParseLanguage({ nl: 'een link heeft een adres (url) nodig', en: 'a link needs an address (url)' }) });
    if (b.refId !== undefined) ctx.addIssue({ code: 'custom', path: ['refId'], message: inParseLanguage({ nl: 'een link heeft geen refId', en: 'a link has no refId' }) });
  } else {
    if (b.refId === undefined) ctx.addIssue({ code: 'custom', path: ['refId'], message: inParseLanguage({ nl: 'geef de id (refId) van wat je toevoegt', en: 'give the id (refId) of what you add' }) });
    if (b.url !== undefined) ctx.addIssue({ code: 'custom', path: ['url'], message: inParseLanguage({ nl: 'alleen een link heeft een adres (url)', en: 'only a link has an address (url)' }) });
  }
});
export const AddCollectionItem = defineRequest({
  pattern: 'communities.collection.item.add', service: 'communities', command: true,
  description: 'Add a library title of the region, a media link, conversation or activity of the same community, or a web link (previewed by the server) at the end of a theme collection. The same target twice answers the first item’s id.',
  request: z.object({
    collectionId: Id, type: CollectionItemType, refId: Id.optional(), url: MediaUrl.optional(), note: CollectionItemNote.optional(),
  }).strict(),
  response: Created,
});
export const ChangeCollectionItemBody = z.object({
  note: CollectionItemNote.optional(),
  position: z.number().int().min(1).max(COLLECTION_MAX_ITEMS).optional(),
}).strict().refine((b) => b.note !== undefined || b.position !== undefined, bilingual({ nl: 'geef note of position', en: 'give note or position' }));
export const ChangeCollectionItem = defineRequest({
  pattern: 'communities.collection.item.change', service: 'communities', command: true,
  description: 'Change an item’s note or move it to another position (the others shift; a position past the end means the last).',
  request: z.object({
    collectionId: Id, itemId: Id, note: CollectionItemNote.optional(), position: z.number().int().min(1).max(COLLECTION_MAX_ITEMS).optional(),
  }).strict(),
  response: Collection,
});
export const RemoveCollectionItem = defineRequest({
  pattern: 'communities.collection.item.remove', service: 'communities', command: true,
  description: 'Take an item out of a theme collection (the items after it move up).',
  request: z.object({ collectionId: Id, itemId: Id }).strict(),
  response: Empty,
});
