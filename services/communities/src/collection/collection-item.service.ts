import { EntityManager } from '@mikro-orm/postgresql';
import { Injectable } from '@nestjs/common';
import { requireAccount } from '@kc/auth';
import { COLLECTION_MAX_ITEMS, type Collection, type CollectionItemType, type RequestContext, type RequestMeta } from '@kc/contracts';
import { idempotent } from '@kc/messaging';
import { sqlRows } from '@kc/persistence';
import { v7 as uuidv7 } from 'uuid';
import { collectionFull, collectionItemNotFound, notAllowedToEditCollection } from './collection.errors';
import { CollectionReader } from './collection.reader';
import { CollectionService } from './collection.service';
import { CollectionLinkPreviewWorker } from './collection-link-preview.worker';
import { CollectionTargets } from './collection-targets';

/**
 * The items of a collection, managed by whoever may edit it. Every change takes the collection's
 * row lock and first closes any gap (an item goes with its deleted target), so positions stay
 * 1…n, unique and dense, whatever runs at the same time.
 */
@Injectable()
export class CollectionItemService {
  constructor(
    private readonly em: EntityManager,
    private readonly collections: CollectionService,
    private readonly reader: CollectionReader,
    private readonly targets: CollectionTargets,
    private readonly previews: CollectionLinkPreviewWorker,
  ) {}

  /** At the end; the same target twice answers the first item's id and changes nothing. */
  async add(ctx: RequestContext, meta: RequestMeta, input: { collectionId: string; type: CollectionItemType; refId?: string; url?: string; note?: string }): Promise<{ id: string }> {
    const caller = requireAccount(ctx);
    // Checked before the lock: other services answer first, and a caller who may not edit learns it before they are asked.
    const seen = await this.reader.access(ctx, this.em.fork(), input.collectionId);
    if (!seen.canEdit) throw notAllowedToEditCollection();
    const remote = await this.targets.resolveRemote(ctx, meta, seen.collection, input);
    const result = await idempotent(this.em, ctx, 'collection.item.add', async (em) => {
      const { collection } = await this.collections.editable(ctx, em, input.collectionId);
      const target = remote ?? (await this.targets.resolveLocal(em, collection, input));
      const [existing] = await sqlRows<{ id: string }>(em, 'SELECT id FROM collection_items WHERE collection_id = $1 AND type = $2 AND ref = $3', [collection.id, target.type, target.ref]);
      if (existing) return { id: existing.id, added: false };
      const count = await closeGaps(em, collection.id);
      if (count >= COLLECTION_MAX_ITEMS) throw collectionFull();
      const id = uuidv7();
      await sqlRows(
        em,
        `INSERT INTO collection_items (id, collection_id, type, ref, title, note, position, media_id, conversation_id, added_by)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)`,
        [id, collection.id, target.type, target.ref, target.title, input.note ?? '', count + 1, target.mediaId, target.conversationId, caller.accountId],
      );
      if (target.url) await sqlRows(em, 'INSERT INTO collection_links (id, url) VALUES ($1, $2)', [id, target.url]);
      await this.collections.announce(ctx, em, collection.id);
      return { id, added: true };
    });
    if (result.added && input.type === 'link') this.previews.wake();
    return { id: result.id };
  }

  /** A new note, or a move: the items between the old and the new position shift by one; past the end means last. */
  change(ctx: RequestContext, input: { collectionId: string; itemId: string; note?: string; position?: number }): Promise<Collection> {
    requireAccount(ctx);
    return idempotent(this.em, ctx, 'collection.item.change', async (em) => {
      const access = await this.collections.editable(ctx, em, input.collectionId);
      const count = await closeGaps(em, input.collectionId);
      const from = await positionOf(em, input.collectionId, input.itemId);
      if (input.position !== undefined) {
        const to = Math.min(input.position, count);
        if (to < from) {
          await sqlRows(em, 'UPDATE collection_items SET position = position + 1 WHERE collection_id = $1 AND position >= $2 AND position < $3', [input.collectionId, to, from]);
        } else if (to > from) {
          await sqlRows(em, 'UPDATE collection_items SET position = position - 1 WHERE collection_id = $1 AND position > $2 AND position <= $3', [input.collectionId, from, to]);
        }
        await sqlRows(em, 'UPDATE collection_items SET position = $2 WHERE id = $1', [input.itemId, to]);
      }
      if (input.note !== undefined) await sqlRows(em, 'UPDATE collection_items SET note = $2 WHERE id = $1', [input.itemId, input.note]);
      await this.collections.announce(ctx, em, input.collectionId);
      return this.reader.present(em, access, ctx);
    });
  }

  /** The items after it move up one. */
  remove(ctx: RequestContext, input: { collectionId: string; itemId: string }): Promise<Record<string, never>> {
    requireAccount(ctx);
    return idempotent(this.em, ctx, 'collection.item.remove', async (em) => {
      await this.collections.editable(ctx, em, input.collectionId);
      await closeGaps(em, input.collectionId);
      const from = await positionOf(em, input.collectionId, input.itemId);
      await sqlRows(em, 'DELETE FROM collection_items WHERE id = $1', [input.itemId]);
      await sqlRows(em, 'UPDATE collection_items SET position = position - 1 WHERE collection_id = $1 AND position > $2', [input.collectionId, from]);
      await this.collections.announce(ctx, em, input.collectionId);
      return {};
    });
  }
}

async function positionOf(em: EntityManager, collectionId: string, itemId: string): Promise<number> {
  const [item] = await sqlRows<{ position: number }>(em, 'SELECT position FROM collection_items WHERE id = $1 AND collection_id = $2', [itemId, collectionId]);
  if (!item) throw collectionItemNotFound();
  return item.position;
}

/** Renumbers 1…n where an item went with its deleted target (under the collection's lock); returns n. */
async function closeGaps(em: EntityManager, collectionId: string): Promise<number> {
  const rows = await sqlRows<{ n: number }>(
    em,
    `WITH ordered AS (SELECT id, position, row_number() OVER (ORDER BY position, id) AS rn FROM collection_items WHERE collection_id = $1),
          moved AS (UPDATE collection_items i SET position = o.rn FROM ordered o WHERE i.id = o.id AND o.position <> o.rn RETURNING i.id)
     SELECT (SELECT count(*) FROM ordered)::int AS n`,
    [collectionId],
  );
  return rows[0]!.n;
}
