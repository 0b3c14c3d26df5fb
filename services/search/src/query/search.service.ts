import { EntityManager } from '@mikro-orm/postgresql';
import { Inject, Injectable } from '@nestjs/common';
import type { RequestContext, RequestOf, SearchQuery } from '@kc/contracts';
import { SEARCH_INDEX, type SearchIndex, type SearchIndexHit, type VisibilityFilter } from '../index/search-index.port';
import { KnownRegion, Membership } from '../indexing/directory.entities';
import { searchRegionNotFound } from './search.errors';

/** A member of more communities than this searches the most recent ones' members-only content. */
export const MAX_MEMBER_COMMUNITIES = 1000;

@Injectable()
export class SearchService {
  constructor(
    private readonly em: EntityManager,
    @Inject(SEARCH_INDEX) private readonly index: SearchIndex,
  ) {}

  async search(ctx: RequestContext, query: RequestOf<typeof SearchQuery>): Promise<SearchIndexHit[]> {
    const filter = await this.visibilityFor(ctx, query.region);
    return this.index.search({ text: query.q, limit: query.limit, types: query.types }, filter);
  }

  /**
   * Public documents of the caller's region when logged in (of the `region` slug when
   * anonymous or without a region; of every region otherwise), plus documents of the
   * caller's communities; members-only ones only within the caller's own region.
   */
  async visibilityFor(ctx: RequestContext, regionSlug: string | undefined): Promise<VisibilityFilter> {
    const em = this.em.fork();
    const publicRegionId = ctx.regionId ?? (regionSlug ? await this.regionIdOf(em, regionSlug) : null);
    if (!ctx.accountId) return { publicRegionId, member: null };
    const memberships = await em.find(Membership, { accountId: ctx.accountId }, { fields: ['communityId'], limit: MAX_MEMBER_COMMUNITIES });
    return { publicRegionId, member: { regionId: ctx.regionId, communityIds: memberships.map((m) => m.communityId) } };
  }

  private async regionIdOf(em: EntityManager, slug: string): Promise<string> {
    const region = await em.findOne(KnownRegion, { slug });
    if (!region) throw searchRegionNotFound(slug);
    return region.id;
  }
}
