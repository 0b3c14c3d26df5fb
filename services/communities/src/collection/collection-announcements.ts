import type { EntityManager } from '@mikro-orm/postgresql';
import { CollectionUpdated } from '@kc/contracts';
import type { EventOrigin, EventOutbox } from '@kc/messaging';
import { sqlRows } from '@kc/persistence';
import { v7 as uuidv7 } from 'uuid';
import { collectionFacts } from './collection.reader';

/** The collections that hold a media reference (its item shows the reference's title, and goes with it). */
export async function collectionsHoldingMedia(em: EntityManager, mediaId: string): Promise<string[]> {
  const rows = await sqlRows<{ id: string }>(em, 'SELECT DISTINCT collection_id AS id FROM collection_items WHERE media_id = $1', [mediaId]);
  return rows.map((r) => r.id);
}

/**
 * Records each collection as it is now (`collection.updated`), in the caller's transaction: after
 * its own change, and after a change elsewhere that its items show (a media reference's preview,
 * or its removal), so search never keeps what a collection no longer holds.
 */
export async function announceCollections(em: EntityManager, outbox: EventOutbox, collectionIds: string[], origin: Omit<EventOrigin, 'region'> | null): Promise<void> {
  for (const id of collectionIds) {
    const facts = await collectionFacts(em, id);
    await outbox.record(em, CollectionUpdated, facts.data, { ...(origin ?? { actor: null, correlationId: uuidv7() }), region: facts.regionId } as EventOrigin);
  }
}
