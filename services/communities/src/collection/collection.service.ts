import { mayModerate } from '../membership/membership.service';
import { EntityManager } from '@mikro-orm/postgresql';
import { Injectable } from '@nestjs/common';
import { requireAccount } from '@kc/auth';
import {
  CollectionCreated, CollectionDeleted, type Collection, type CollectionSummary, type RequestContext,
} from '@kc/contracts';
import { EventOutbox, idempotent, originOf } from '@kc/messaging';
import { sqlRows } from '@kc/persistence';
import { v7 as uuidv7 } from 'uuid';
import { invalidCursor, notAMember } from '../community/community.errors';
import { decodeIdCursor, encodeIdCursor } from '../community/community.policy';
import { CommunityService } from '../community/community.service';
import { renderMarkdown } from '../contribution/markdown';
import { RegionDirectory } from '../region/region.service';
import { announceCollections } from './collection-announcements';
import { notAllowedToEditCollection } from './collection.errors';
import { CollectionReader } from './collection.reader';

interface SummaryRow extends Omit<CollectionSummary, 'createdAt'> {
  createdAt: Date;
}
const SUMMARY_COLUMNS = `l.id, l.community_id AS "communityId", l.title, l.description, l.created_by AS "createdBy", l.created_at AS "createdAt",
       (SELECT count(*) FROM collection_items i WHERE i.collection_id = l.id)::int AS "itemCount"`;
const toSummary = (r: SummaryRow) => ({ ...r, createdAt: new Date(r.createdAt).toISOString() });

/**
 * Theme collections of a community: members start them; their creator, the organisers, the
 * moderators and the region's community librarians change and delete them. Visible exactly when
 * their community is. Every change records the collection as it is now (`collection.updated`).
 */
@Injectable()
export class CollectionService {
  constructor(
    private readonly em: EntityManager,
    private readonly outbox: EventOutbox,
    private readonly communities: CommunityService,
    private readonly regions: RegionDirectory,
    private readonly reader: CollectionReader,
  ) {}

  create(ctx: RequestContext, input: { communityId: string; title: string; description: string }): Promise<{ id: string }> {
    const caller = requireAccount(ctx);
    return idempotent(this.em, ctx, 'collection.create', async (em) => {
      const { community, role, isRegionStaff } = await this.communities.readable(ctx, input.communityId, em);
      if (!role && !isRegionStaff) throw notAMember();
      const id = uuidv7();
      await sqlRows(
        em,
        'INSERT INTO collections (id, community_id, region_id, title, description, description_html, created_by) VALUES ($1, $2, $3, $4, $5, $6, $7)',
        [id, community.id, community.regionId, input.title, input.description, renderMarkdown(input.description), caller.accountId],
      );
      const facts = await this.reader.facts(em, id);
      await this.outbox.record(em, CollectionCreated, facts.data, originOf(ctx, facts.regionId));
      return { id };
    });
  }

  update(ctx: RequestContext, input: { collectionId: string; title?: string; description?: string }): Promise<Collection> {
    requireAccount(ctx);
    return idempotent(this.em, ctx, 'collection.update', async (em) => {
      const access = await this.editable(ctx, em, input.collectionId);
      const description = input.description ?? null;
      await sqlRows(
        em,
        `UPDATE collections SET title = COALESCE($2, title), description = COALESCE($3, description),
                description_html = COALESCE($4, description_html), updated_at = now() WHERE id = $1`,
        [input.collectionId, input.title ?? null, description, description === null ? null : renderMarkdown(description)],
      );
      await this.announce(ctx, em, input.collectionId);
      return this.reader.present(em, await this.reader.access(ctx, em, access.collection.id), ctx);
    });
  }

  remove(ctx: RequestContext, input: { collectionId: string }): Promise<Record<string, never>> {
    const caller = requireAccount(ctx);
    return idempotent(this.em, ctx, 'collection.delete', async (em) => {
      const { collection } = await this.editable(ctx, em, input.collectionId);
      await sqlRows(em, 'DELETE FROM collections WHERE id = $1', [collection.id]);
      await this.outbox.record(em, CollectionDeleted, { collectionId: collection.id, communityId: collection.communityId, deletedBy: caller.accountId }, originOf(ctx, collection.regionId));
      return {};
    });
  }

  async get(ctx: RequestContext, id: string): Promise<Collection> {
    const em = this.em.fork();
    return this.reader.present(em, await this.reader.access(ctx, em, id), ctx);
  }

  /** Newest first (UUIDv7 ids), keyset-paginated; 404 when the caller cannot see the community. */
  async list(ctx: RequestContext, query: { communityId: string; limit: number; cursor?: string }) {
    const after = query.cursor ? decodeIdCursor(query.cursor) : null;
    if (query.cursor && !after) throw invalidCursor();
    const em = this.em.fork();
    const access = await this.communities.readable(ctx, query.communityId, em);
    // A hidden collection is listed only for its creator and the moderators.
    const rows = await sqlRows<SummaryRow>(
      em,
      `SELECT ${SUMMARY_COLUMNS} FROM collections l WHERE l.community_id = $1 AND ($2::uuid IS NULL OR l.id < $2::uuid)
          AND (l.hidden_at IS NULL OR $4::boolean OR l.created_by = $5::uuid) ORDER BY l.id DESC LIMIT $3`,
      [query.communityId, after, query.limit + 1, mayModerate(access), ctx.accountId],
    );
    const page = rows.slice(0, query.limit);
    return { items: page.map(toSummary), nextCursor: rows.length > query.limit ? encodeIdCursor(page[page.length - 1]!.id) : null };
  }

  /** The collections of a region's public communities, for everybody (anonymous too). */
  async ofRegion(query: { region: string; limit: number }) {
    const regionId = await this.regions.idOfSlug(query.region);
    const rows = await sqlRows<SummaryRow & { communityName: string }>(
      this.em.fork(),
      `SELECT ${SUMMARY_COLUMNS}, c.name AS "communityName" FROM collections l JOIN communities c ON c.id = l.community_id
        WHERE l.region_id = $1 AND c.region_id = $1 AND c.visibility = 'public' AND l.hidden_at IS NULL ORDER BY l.id DESC LIMIT $2`,
      [regionId, query.limit],
    );
    return { items: rows.map(toSummary), nextCursor: null };
  }

  /** The collection locked, if the caller may see it (404) and edit it (403). */
  async editable(ctx: RequestContext, em: EntityManager, collectionId: string) {
    const access = await this.reader.access(ctx, em, collectionId, true);
    if (!access.canEdit) throw notAllowedToEditCollection();
    return access;
  }

  /** Records the collection as it is now, in the caller's transaction. */
  announce(ctx: RequestContext | null, em: EntityManager, collectionId: string): Promise<void> {
    return announceCollections(em, this.outbox, [collectionId], ctx ? originOf(ctx) : null);
  }
}
