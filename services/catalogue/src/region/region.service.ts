import { EntityManager } from '@mikro-orm/postgresql';
import { Injectable } from '@nestjs/common';
import { requireAccount } from '@kc/auth';
import type { RequestContext } from '@kc/contracts';
import { CatalogueRegion } from './region.entity';
import { otherRegion, regionNotFound, regionRequired } from './region.errors';

@Injectable()
export class RegionService {
  constructor(private readonly em: EntityManager) {}

  /**
   * The region a request is about: the caller's own (token), or for the national operator the
   * region named by slug. A non-operator naming another region gets a 403.
   */
  async targetRegion(ctx: RequestContext, slug?: string): Promise<string> {
    requireAccount(ctx);
    if (!slug) {
      if (ctx.regionId) return ctx.regionId;
      throw regionRequired();
    }
    const region = await this.em.fork().findOne(CatalogueRegion, { slug });
    if (!region) {
      if (!ctx.isOperator) throw otherRegion();
      throw regionNotFound();
    }
    if (!ctx.isOperator && region.id !== ctx.regionId) throw otherRegion();
    return region.id;
  }
}
