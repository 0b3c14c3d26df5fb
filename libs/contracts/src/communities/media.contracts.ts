import { z } from 'zod';
import { bilingual } from '../bilingual';
import { Created, Empty, Id, IsoDateTime, Visibility } from '../common';
import { defineEvent, defineRequest } from '../define';
import { plainText } from './text';

export const MediaKind = z.enum(['video', 'article', 'website', 'podcast'], bilingual({ nl: 'moet video, article, website of podcast zijn', en: 'must be video, article, website or podcast' }));
export type MediaKind = z.infer<typeof MediaKind>;
export const MediaPreviewState = z.enum(['pending', 'ready', 'failed']);
export type MediaPreviewState = z.infer<typeof MediaPreviewState>;

/** A link as a person typed it: checked again by communities against the address policy (400 MEDIA_URL_NOT_ALLOWED). */
export const MediaUrl = plainText(1, 2000);
export const MediaNote = plainText(0, 1000);

/** A video, article, website or podcast a member pointed to in a conversation, with the preview the server fetched. */
export const MediaReference = z.object({
  id: Id,
  url: z.string(),
  kind: MediaKind,
  /** From the page's metadata once the preview is ready; plain text. */
  title: z.string().nullable(),
  description: z.string().nullable(),
  siteName: z.string().nullable(),
  /** The page's image (never one on a non-public address); not proxied. */
  imageUrl: z.string().nullable(),
  note: z.string(),
  addedBy: z.object({ id: Id, displayName: z.string() }),
  addedAt: IsoDateTime,
  preview: MediaPreviewState,
  /** The caller may change kind and note (who added it). */
  canEdit: z.boolean(),
  /** The caller may remove it (who added it, or a moderator). */
  canRemove: z.boolean(),
  /** Hidden by a moderator (shown only to who added it and the moderators). */
  hidden: z.boolean().optional(),
  hiddenReason: z.string().nullable().optional(),
});
export type MediaReference = z.infer<typeof MediaReference>;

// ---- events (ids, the link and its text for search; never names) ----
const MediaFacts = z.object({
  mediaId: Id, conversationId: Id, conversationTitle: z.string(), communityId: Id, visibility: Visibility,
  url: z.string(), kind: MediaKind, title: z.string().nullable(), description: z.string().nullable(), siteName: z.string().nullable(), note: z.string(),
  addedBy: Id,
});
export const MediaAdded = defineEvent({
  service: 'communities', aggregate: 'media', event: 'added', version: 1,
  description: 'A member pointed to a video, article, website or podcast in a conversation; the preview follows in `media.updated`.',
  schema: MediaFacts,
});
export const MediaUpdated = defineEvent({
  service: 'communities', aggregate: 'media', event: 'updated', version: 1,
  description: 'A media reference changed: its preview was fetched (again), or who added it changed its kind or note; the newest replaces older ones.',
  schema: MediaFacts,
});
export const MediaRemoved = defineEvent({
  service: 'communities', aggregate: 'media', event: 'removed', version: 1,
  description: 'A media reference was taken off its conversation (by who added it or a moderator).',
  schema: z.object({ mediaId: Id, conversationId: Id, communityId: Id, removedBy: Id }),
});

// ---- requests ----
export const AddMediaBody = z.object({ url: MediaUrl, note: MediaNote.optional() }).strict();
export const AddMedia = defineRequest({
  pattern: 'communities.media.add', service: 'communities', command: true,
  description: 'Point to a video, article, website or podcast in a conversation (members only); the server fetches its preview in the background. A URL naming a non-public address is 400 MEDIA_URL_NOT_ALLOWED.',
  request: AddMediaBody.extend({ conversationId: Id }).strict(),
  response: Created,
});
export const ChangeMediaBody = z.object({ kind: MediaKind.optional(), note: MediaNote.optional() }).strict()
  .refine((b) => b.kind !== undefined || b.note !== undefined, bilingual({ nl: 'geef kind of note', en: 'give kind or note' }));
export const ChangeMedia = defineRequest({
  pattern: 'communities.media.change', service: 'communities', command: true,
  description: 'Change the kind or the note of a media reference (who added it only).',
  request: z.object({ mediaId: Id, kind: MediaKind.optional(), note: MediaNote.optional() }).strict(),
  response: MediaReference,
});
export const RemoveMedia = defineRequest({
  pattern: 'communities.media.remove', service: 'communities', command: true,
  description: 'Take a media reference off its conversation (who added it, or a moderator of the community).',
  request: z.object({ mediaId: Id }).strict(),
  response: Empty,
});
