import { PostingLimits } from '../posting-limit/posting-limits';
import { EntityManager } from '@mikro-orm/postgresql';
import { Inject, Injectable } from '@nestjs/common';
import { requireAccount } from '@kc/auth';
import { MediaAdded, MediaRemoved, MediaUpdated, type MediaKind, type MediaReference, type RequestContext } from '@kc/contracts';
import { EventOutbox, idempotent, originOf } from '@kc/messaging';
import { sqlRows } from '@kc/persistence';
import { v7 as uuidv7 } from 'uuid';
import { notAMember } from '../community/community.errors';
import type { CommunityRole } from '../community/community.entity';
import { accessTo } from '../community/community.policy';
import { COMMUNITIES_CONFIG, type CommunitiesConfig } from '../config';
import { ConversationMediaReader } from '../conversation/conversation-media.reader';
import { ConversationService, requireOpenConversation } from '../conversation/conversation.service';
import { announceCollections, collectionsHoldingMedia } from '../collection/collection-announcements';
import { checkMediaUrl } from './address-policy';
import { kindFromUrl } from './media-kind';
import { MEDIA_FACTS_COLUMNS, MEDIA_FACTS_FROM, MEDIA_FACTS_SQL, mediaFactsOf, type MediaFactsRow } from './media.facts';
import { mediaNotFound, mediaUrlNotAllowed, notAllowedToChangeMedia, notAllowedToRemoveMedia } from './media.errors';
import { MediaPreviewWorker } from './media-preview.worker';
import { mayModerate } from '../membership/membership.service';

/** Media in a conversation: members point to videos, articles, websites and podcasts; who added one changes or removes it. */
@Injectable()
export class MediaService {
  constructor(
    private readonly em: EntityManager,
    private readonly outbox: EventOutbox,
    private readonly conversations: ConversationService,
    private readonly reader: ConversationMediaReader,
    private readonly previews: MediaPreviewWorker,
    private readonly limits: PostingLimits,
    @Inject(COMMUNITIES_CONFIG) private readonly config: CommunitiesConfig,
  ) {}

  /**
   * Members only. The URL must pass the address policy at once (400 MEDIA_URL_NOT_ALLOWED);
   * the preview is a job of its own (the row, due now). The same URL again in the same
   * conversation changes nothing and answers the first one's id.
   */
  async add(ctx: RequestContext, input: { conversationId: string; url: string; note?: string }): Promise<{ id: string }> {
    const caller = requireAccount(ctx);
    const check = checkMediaUrl(input.url, { allowLoopback: this.config.MEDIA_PREVIEW_ALLOW_LOOPBACK_FOR_TESTS });
    if (!check.ok) throw mediaUrlNotAllowed(check.reason);
    const url = check.url.toString();
    if (url.length > 2000) throw mediaUrlNotAllowed('INVALID_URL');
    const result = await idempotent(this.em, ctx, 'media.add', async (em) => {
      const access = await this.conversations.readable(ctx, input.conversationId, em);
      const { conversation, role } = access;
      if (!role) throw notAMember();
      requireOpenConversation(access);
      await this.limits.enforce(em, 'media', caller.accountId);
      const id = uuidv7();
      const kind: MediaKind = kindFromUrl(check.url) ?? 'website';
      const note = input.note ?? '';
      const inserted = await sqlRows<{ id: string }>(
        em,
        `INSERT INTO media_references (id, conversation_id, community_id, region_id, url, kind, note, added_by)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8) ON CONFLICT (conversation_id, url) DO NOTHING RETURNING id`,
        [id, conversation.id, conversation.communityId, conversation.regionId, url, kind, note, caller.accountId],
      );
      if (inserted.length === 0) {
        const [existing] = await sqlRows<{ id: string }>(em, 'SELECT id FROM media_references WHERE conversation_id = $1 AND url = $2', [conversation.id, url]);
        return { id: existing!.id };
      }
      await this.outbox.record(em, MediaAdded, {
        mediaId: id, conversationId: conversation.id, conversationTitle: conversation.title, communityId: conversation.communityId,
        visibility: conversation.visibility, url, kind, title: null, description: null, siteName: null, note, addedBy: caller.accountId,
      }, originOf(ctx, conversation.regionId));
      return { id };
    });
    this.previews.wake();
    return result;
  }

  /** Who added it only: a kind chosen here is kept when the preview is fetched again. */
  change(ctx: RequestContext, input: { mediaId: string; kind?: MediaKind; note?: string }): Promise<MediaReference> {
    const caller = requireAccount(ctx);
    return idempotent(this.em, ctx, 'media.change', async (em) => {
      const media = await this.lockedForCaller(ctx, em, input.mediaId);
      if (media.facts.addedBy !== caller.accountId) throw notAllowedToChangeMedia();
      await sqlRows(
        em,
        `UPDATE media_references SET kind = COALESCE($2, kind), kind_chosen = kind_chosen OR $2 IS NOT NULL, note = COALESCE($3, note) WHERE id = $1`,
        [media.facts.id, input.kind ?? null, input.note ?? null],
      );
      const [after] = await sqlRows<MediaFactsRow>(em, `${MEDIA_FACTS_SQL} WHERE r.id = $1`, [media.facts.id]);
      await this.outbox.record(em, MediaUpdated, mediaFactsOf(after!), originOf(ctx, media.facts.regionId));
      return (await this.reader.one(ctx, em, media.facts.id, media.isModerator))!;
    });
  }

  /** Who added it, or a moderator (the organiser, a community librarian of the region). */
  remove(ctx: RequestContext, input: { mediaId: string }): Promise<Record<string, never>> {
    const caller = requireAccount(ctx);
    return idempotent(this.em, ctx, 'media.remove', async (em) => {
      const media = await this.lockedForCaller(ctx, em, input.mediaId);
      if (media.facts.addedBy !== caller.accountId && !media.isModerator) throw notAllowedToRemoveMedia();
      const collections = await collectionsHoldingMedia(em, media.facts.id);
      await sqlRows(em, 'DELETE FROM media_references WHERE id = $1', [media.facts.id]); // its collection items go with it
      await announceCollections(em, this.outbox, collections, originOf(ctx));
      await this.outbox.record(em, MediaRemoved, {
        mediaId: media.facts.id, conversationId: media.facts.conversationId, communityId: media.facts.communityId, removedBy: caller.accountId,
      }, originOf(ctx, media.facts.regionId));
      return {};
    });
  }

  /** The row locked, if the caller may see its conversation (404 otherwise, never a hint that it exists). */
  private async lockedForCaller(ctx: RequestContext, em: EntityManager, mediaId: string) {
    const [row] = await sqlRows<MediaFactsRow & { myRole: CommunityRole | null }>(
      em,
      `SELECT ${MEDIA_FACTS_COLUMNS}, m.role AS "myRole" FROM ${MEDIA_FACTS_FROM}
         LEFT JOIN memberships m ON m.community_id = r.community_id AND m.account_id = $2::uuid
        WHERE r.id = $1 FOR UPDATE OF r`,
      [mediaId, ctx.accountId],
    );
    if (!row) throw mediaNotFound();
    const access = accessTo(row, ctx, row.myRole);
    if (!access.canRead) throw mediaNotFound();
    return { facts: row, isModerator: mayModerate(access) };
  }
}
