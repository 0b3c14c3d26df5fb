import type { EntityManager } from '@mikro-orm/postgresql';
import { Injectable } from '@nestjs/common';
import type { Collection, CollectionItem, CollectionItemType, EventData, CollectionUpdated, MediaPreviewState, RequestContext, Visibility } from '@kc/contracts';
import { sqlRows } from '@kc/persistence';
import type { CommunityRole } from '../community/community.entity';
import { accessTo, type CommunityAccessView } from '../community/community.policy';
import { mayModerate } from '../membership/membership.service';
import { HIDDEN_NOTICE } from '../report/hidden-notice';
import { collectionNotFound } from './collection.errors';

export interface CollectionRow {
  id: string;
  communityId: string;
  regionId: string;
  visibility: Visibility;
  title: string;
  description: string;
  descriptionHtml: string;
  createdBy: string;
  createdAt: Date;
  hiddenAt: Date | null;
  hiddenReason: string | null;
}

/** A collection as the caller may use it: where it lives, the caller's standing there, and whether they may edit it. */
export interface CollectionAccess extends CommunityAccessView {
  collection: CollectionRow;
  canEdit: boolean;
}

const COLLECTION_WITH_ROLE = `SELECT l.id, l.community_id AS "communityId", c.region_id AS "regionId", c.visibility, l.title, l.description,
       l.description_html AS "descriptionHtml", l.created_by AS "createdBy", l.created_at AS "createdAt", l.hidden_at AS "hiddenAt",
       l.hidden_reason AS "hiddenReason", m.role AS "myRole"
  FROM collections l JOIN communities c ON c.id = l.community_id
  LEFT JOIN memberships m ON m.community_id = c.id AND m.account_id = $1::uuid
 WHERE l.id = $2`;

interface ItemRow {
  id: string;
  type: CollectionItemType;
  ref: string;
  title: string;
  note: string;
  position: number;
  url: string | null;
  preview: MediaPreviewState | null;
  description: string | null;
  siteName: string | null;
  addedBy: string;
}

/**
 * The items as they are now: a media reference's or conversation's current title, a link's
 * preview; a library title and an activity as they were when added (other services own them).
 * A deleted media reference or conversation takes its item with it (foreign key). Positions are
 * numbered 1…n over what is shown, so they stay dense for every reader. A hidden media reference
 * or conversation leaves the items of everyone but its author and the community's moderators
 * ($2: the reader, $3: whether they moderate).
 */
const ITEMS_SQL = `SELECT i.id, i.type, i.ref,
       CASE i.type WHEN 'media' THEN coalesce(r.title, r.url) WHEN 'conversation' THEN v.title WHEN 'link' THEN coalesce(k.title, k.url) ELSE i.title END AS title,
       i.note, (row_number() OVER (ORDER BY i.position, i.id))::int AS position, coalesce(k.url, r.url) AS url,
       k.preview, coalesce(k.description, r.description) AS description, coalesce(k.site_name, r.site_name) AS "siteName", i.added_by AS "addedBy"
  FROM collection_items i
  LEFT JOIN media_references r ON r.id = i.media_id
  LEFT JOIN conversations v ON v.id = i.conversation_id
  LEFT JOIN collection_links k ON k.id = i.id
 WHERE i.collection_id = $1
   AND (r.hidden_at IS NULL OR $3::boolean OR r.added_by = $2::uuid)
   AND (v.hidden_at IS NULL OR $3::boolean OR v.author_id = $2::uuid)
 ORDER BY i.position, i.id`;

/** Who reads the items: hidden targets stay visible only to their author and the moderators. */
export interface ItemReader { accountId: string | null; isModerator: boolean }
const NOBODY: ItemReader = { accountId: null, isModerator: false };

const itemsOf = (em: EntityManager, collectionId: string, reader: ItemReader = NOBODY): Promise<CollectionItem[]> =>
  sqlRows<ItemRow>(em, ITEMS_SQL, [collectionId, reader.accountId, reader.isModerator]);

/** What the collection's events carry: its text and every item's as shown now, for search. */
export async function collectionFacts(em: EntityManager, collectionId: string): Promise<{ regionId: string; data: EventData<typeof CollectionUpdated> }> {
  const [c] = await sqlRows<CollectionRow>(
    em,
    `SELECT l.id, l.community_id AS "communityId", c.region_id AS "regionId", c.visibility, l.title, l.description, l.created_by AS "createdBy"
       FROM collections l JOIN communities c ON c.id = l.community_id WHERE l.id = $1`,
    [collectionId],
  );
  if (!c) throw collectionNotFound();
  const items = await itemsOf(em, collectionId);
  return {
    regionId: c.regionId,
    data: {
      collectionId: c.id, communityId: c.communityId, visibility: c.visibility, title: c.title, description: c.description, createdBy: c.createdBy,
      items: items.map((i) => ({ itemId: i.id, type: i.type, title: i.title, note: i.note })),
    },
  };
}

/** Reads collections for the caller; the row lock for writers. */
@Injectable()
export class CollectionReader {
  /** The collection if the caller may see its community (404 otherwise); `lock` takes its row lock (writers take turns). */
  async access(ctx: RequestContext, em: EntityManager, collectionId: string, lock = false): Promise<CollectionAccess> {
    const [row] = await sqlRows<CollectionRow & { myRole: CommunityRole | null }>(em, `${COLLECTION_WITH_ROLE}${lock ? ' FOR UPDATE OF l' : ''}`, [ctx.accountId, collectionId]);
    if (!row) throw collectionNotFound();
    const { myRole, ...collection } = row;
    const access = accessTo(collection, ctx, myRole);
    if (!access.canRead) throw collectionNotFound();
    const canEdit = ctx.accountId !== null && (collection.createdBy === ctx.accountId || mayModerate(access));
    return { collection, ...access, canEdit };
  }

  items(em: EntityManager, collectionId: string, reader?: ItemReader): Promise<CollectionItem[]> {
    return itemsOf(em, collectionId, reader);
  }

  /** A hidden collection shows others only the notice; its creator and the moderators see it all, with the reason. */
  async present(em: EntityManager, access: CollectionAccess, ctx?: RequestContext): Promise<Collection> {
    const { collection: c, canEdit } = access;
    const isModerator = mayModerate(access);
    const insider = isModerator || (ctx?.accountId != null && ctx.accountId === c.createdBy);
    const hidden = c.hiddenAt !== null;
    if (hidden && !insider) {
      const notice = HIDDEN_NOTICE[ctx?.lang ?? 'nl'];
      return {
        id: c.id, communityId: c.communityId, title: notice, description: '', descriptionHtml: `<p class="kc-hidden-notice">${notice}</p>`,
        createdBy: c.createdBy, createdAt: new Date(c.createdAt).toISOString(), visibility: c.visibility, canEdit: false, items: [], hidden, hiddenReason: null,
      };
    }
    return {
      id: c.id, communityId: c.communityId, title: c.title, description: c.description, descriptionHtml: c.descriptionHtml,
      createdBy: c.createdBy, createdAt: new Date(c.createdAt).toISOString(), visibility: c.visibility, canEdit,
      items: await this.items(em, c.id, { accountId: ctx?.accountId ?? null, isModerator }), hidden, hiddenReason: hidden ? c.hiddenReason : null,
    };
  }

  facts(em: EntityManager, collectionId: string) {
    return collectionFacts(em, collectionId);
  }
}
