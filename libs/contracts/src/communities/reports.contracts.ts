import { z } from 'zod';
import { Id, IsoDateTime, Visibility, listOf } from '../common';
import { defineEvent, defineRequest } from '../define';
import { plainText } from './text';

/**
 * Moderation of content: anyone signed in who can see a contribution, conversation, media link or
 * theme collection reports it; the community's organisers, moderators and the region's community
 * librarians hide it (with a reason), restore it, or dismiss the reports.
 */
export const ModeratedTargetType = z.enum(['contribution', 'conversation', 'media', 'collection']);
export type ModeratedTargetType = z.infer<typeof ModeratedTargetType>;
export const ModerationReason = plainText(3, 1000);


export const ReportedContent = z.object({
  /** The first open report of the target: `POST /reports/:id/dismiss` dismisses every open report of it. */
  reportId: Id,
  targetType: ModeratedTargetType,
  targetId: Id,
  /** The first words of the content as plain text. */
  excerpt: z.string(),
  author: z.object({ id: Id, displayName: z.string() }),
  /** Where it is (a contribution's or media link's conversation); null for a conversation or collection. */
  conversationId: Id.nullable(),
  hidden: z.boolean(),
  reporterCount: z.number().int().min(1),
  reasons: z.array(z.string()),
  firstReportedAt: IsoDateTime,
});
export type ReportedContent = z.infer<typeof ReportedContent>;

export const ModerationAnswer = z.object({ targetType: ModeratedTargetType, targetId: Id, hidden: z.boolean() });

/** What search needs to put restored content back: the same shape for every type. */
export const RestoredDocument = z.object({
  visibility: Visibility,
  title: z.string(),
  body: z.string(),
  /** A contribution's or media link's conversation (found under its title); null otherwise. */
  conversation: z.object({ id: Id, title: z.string() }).nullable(),
});

// ---- events ----
export const ContentHidden = defineEvent({
  service: 'communities', aggregate: 'content', event: 'hidden', version: 1,
  description: 'A moderator hid a contribution, conversation, media link or theme collection: search drops it at once (and keeps it out until restored). The reason stays in the communities service.',
  schema: z.object({ targetType: ModeratedTargetType, targetId: Id, communityId: Id, by: Id }),
});
export const ContentRestored = defineEvent({
  service: 'communities', aggregate: 'content', event: 'restored', version: 1,
  description: 'A moderator restored hidden content: search indexes it again from the document carried here.',
  schema: z.object({ targetType: ModeratedTargetType, targetId: Id, communityId: Id, by: Id, document: RestoredDocument }),
});

// ---- requests ----
export const ReportContent = defineRequest({
  pattern: 'communities.report.create', service: 'communities', command: true,
  // 404 when the caller cannot see the target. Reporting the same target again answers the same id.
  description: 'Report content to the community’s moderators (anyone signed in who can see it). Reporting the same target twice is one report: the same id again, with the newer reason.',
  request: z.object({ targetType: ModeratedTargetType, targetId: Id, reason: ModerationReason }).strict(),
  response: z.object({ id: Id, alreadyReported: z.boolean() }),
});
export const ListReports = defineRequest({
  pattern: 'communities.report.list', service: 'communities',
  description: 'The open reports of a community, one entry per reported target with its content (organisers, moderators and the region’s community librarians).',
  request: z.object({ communityId: Id }).strict(),
  response: listOf(ReportedContent),
});
export const DismissReport = defineRequest({
  pattern: 'communities.report.dismiss', service: 'communities', command: true,
  description: 'Dismiss the open reports of the target of this report without hiding it (organisers, moderators and the region’s community librarians).',
  request: z.object({ reportId: Id }).strict(),
  response: z.object({ dismissed: z.number().int() }),
});
export const HideContent = defineRequest({
  pattern: 'communities.content.hide', service: 'communities', command: true,
  description: 'Hide content with a reason (organisers, moderators and the region’s community librarians); resolves its open reports. Hiding it again changes nothing.',
  request: z.object({ targetType: ModeratedTargetType, targetId: Id, reason: ModerationReason }).strict(),
  response: ModerationAnswer,
});
export const RestoreContent = defineRequest({
  pattern: 'communities.content.restore', service: 'communities', command: true,
  description: 'Restore hidden content (organisers, moderators and the region’s community librarians). Restoring visible content changes nothing.',
  request: z.object({ targetType: ModeratedTargetType, targetId: Id }).strict(),
  response: ModerationAnswer,
});
