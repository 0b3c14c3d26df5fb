import { EntityManager } from '@mikro-orm/postgresql';
import { Injectable } from '@nestjs/common';
import type { CommunityTitle, RequestContext } from '@kc/contracts';
import { sqlRows } from '@kc/persistence';
import { CommunityService } from '../community/community.service';

interface CommunityTitleRow extends Omit<CommunityTitle, 'lastAddedAt'> {
  lastAddedAt: Date;
}

/**
 * What a community's members tied to the library's collection: every title added to one of its
 * conversations, the titles added in the most conversations first. Readable by whoever may
 * read the community (its conversations follow its visibility).
 */
@Injectable()
export class CommunityTitlesReader {
  constructor(private readonly em: EntityManager, private readonly communities: CommunityService) {}

  async list(ctx: RequestContext, input: { communityId: string; limit: number }): Promise<{ regionId: string; items: CommunityTitle[] }> {
    const em = this.em.fork();
    const { community } = await this.communities.readable(ctx, input.communityId, em);
    const rows = await sqlRows<CommunityTitleRow>(
      em,
      // The record as it was last added (a snapshot of the catalogue's), and every conversation it is in.
      `WITH added AS (
         SELECT t.title_id, t.title, t.authors, t.year, t.isbn, t.added_at, c.id AS conversation_id, c.title AS conversation_title
           FROM conversation_titles t JOIN conversations c ON c.id = t.conversation_id
          WHERE c.community_id = $1
       ), latest AS (
         SELECT DISTINCT ON (title_id) title_id, title, authors, year, isbn FROM added ORDER BY title_id, added_at DESC
       ), uses AS (
         SELECT title_id, count(*) AS uses, max(added_at) AS last_added_at,
                jsonb_agg(jsonb_build_object('id', conversation_id, 'title', conversation_title) ORDER BY added_at DESC) AS conversations
           FROM added GROUP BY title_id
       )
       SELECT l.title_id AS "titleId", l.title, l.authors, l.year, l.isbn, u.conversations, u.last_added_at AS "lastAddedAt"
         FROM latest l JOIN uses u USING (title_id)
        ORDER BY u.uses DESC, u.last_added_at DESC, l.title_id
        LIMIT $2`,
      [community.id, input.limit],
    );
    return { regionId: community.regionId, items: rows.map((row) => ({ ...row, lastAddedAt: new Date(row.lastAddedAt).toISOString() })) };
  }
}
