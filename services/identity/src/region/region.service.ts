import { EntityManager } from '@mikro-orm/postgresql';
import { Injectable } from '@nestjs/common';
import { RegionCreated, type RequestContext } from '@kc/contracts';
import { requireOperator } from '@kc/auth';
import { EventOutbox, idempotent, originOf } from '@kc/messaging';
import { Region } from './region.entity';
import { regionNotFound, regionSlugTaken } from './region.errors';

@Injectable()
export class RegionService {
  constructor(
    private readonly em: EntityManager,
    private readonly outbox: EventOutbox,
  ) {}

  create(ctx: RequestContext, input: { slug: string; name: string }): Promise<Region> {
    requireOperator(ctx);
    return idempotent(this.em, ctx, 'region.create', async (em) => {
      if (await em.findOne(Region, { slug: input.slug })) throw regionSlugTaken(input.slug);
      const region = new Region(input.slug, input.name);
      em.persist(region);
      await this.outbox.record(em, RegionCreated, { regionId: region.id, slug: region.slug, name: region.name }, originOf(ctx, region.id));
      return region;
    });
  }

  list(): Promise<Region[]> {
    return this.em.fork().find(Region, {}, { orderBy: { name: 'asc' } });
  }

  async get(by: { slug?: string; id?: string }): Promise<Region> {
    const where = by.id ? { id: by.id } : by.slug ? { slug: by.slug } : undefined;
    const region = where && (await this.em.fork().findOne(Region, where));
    if (!region) throw regionNotFound();
    return region;
  }
}
