import type { EntityManager } from '@mikro-orm/postgresql';
import { Injectable } from '@nestjs/common';
import type { MediaKind, MediaPreviewState, MediaReference, RequestContext } from '@kc/contracts';
import { sqlRows } from '@kc/persistence';
import { AccountNameDirectory } from '../account-name/account-name.directory';

interface MediaRow {
  id: string;
  url: string;
  kind: MediaKind;
  title: string | null;
  description: string | null;
  siteName: string | null;
  imageUrl: string | null;
  note: string;
  addedBy: string;
  addedAt: Date;
  preview: MediaPreviewState;
  hiddenAt: Date | null;
  hiddenReason: string | null;
}

const COLUMNS = `id, url, kind, title, description, site_name AS "siteName", image_url AS "imageUrl", note, added_by AS "addedBy", added_at AS "addedAt", preview,
       hidden_at AS "hiddenAt", hidden_reason AS "hiddenReason"`;

/** The videos, articles, websites and podcasts of a conversation, in the order they were added, with who added them. */
@Injectable()
export class ConversationMediaReader {
  constructor(private readonly names: AccountNameDirectory) {}

  async of(ctx: RequestContext, em: EntityManager, conversationId: string, isModerator: boolean): Promise<MediaReference[]> {
    // A hidden media link is left out for everyone but who added it and the moderators.
    const rows = await sqlRows<MediaRow>(
      em,
      `SELECT ${COLUMNS} FROM media_references WHERE conversation_id = $1 AND (hidden_at IS NULL OR $2::boolean OR added_by = $3::uuid) ORDER BY added_at, id`,
      [conversationId, isModerator, ctx.accountId],
    );
    return this.present(ctx, rows, isModerator);
  }

  async one(ctx: RequestContext, em: EntityManager, mediaId: string, isModerator: boolean): Promise<MediaReference | null> {
    const rows = await sqlRows<MediaRow>(em, `SELECT ${COLUMNS} FROM media_references WHERE id = $1`, [mediaId]);
    return (await this.present(ctx, rows, isModerator))[0] ?? null;
  }

  private async present(ctx: RequestContext, rows: MediaRow[], isModerator: boolean): Promise<MediaReference[]> {
    if (rows.length === 0) return [];
    const nameOf = await this.names.namesOf(ctx, rows.map((r) => r.addedBy));
    return rows.map((r) => ({
      id: r.id, url: r.url, kind: r.kind, title: r.title, description: r.description, siteName: r.siteName, imageUrl: r.imageUrl, note: r.note,
      addedBy: { id: r.addedBy, displayName: nameOf(r.addedBy) }, addedAt: new Date(r.addedAt).toISOString(), preview: r.preview,
      canEdit: ctx.accountId === r.addedBy, canRemove: ctx.accountId === r.addedBy || isModerator,
      hidden: r.hiddenAt !== null, hiddenReason: r.hiddenAt !== null && (isModerator || ctx.accountId === r.addedBy) ? r.hiddenReason : null,
    }));
  }
}
