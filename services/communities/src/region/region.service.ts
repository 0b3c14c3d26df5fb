import { EntityManager } from '@mikro-orm/postgresql';
import { Injectable } from '@nestjs/common';
import { notFound } from '@kc/contracts';
import { RegionProjection } from './region.entity';

export const regionNotFound = (slug: string) =>
  notFound('REGION_NOT_FOUND', `De regio "${slug}" bestaat niet.`, `The region "${slug}" does not exist.`);

@Injectable()
export class RegionDirectory {
  constructor(private readonly em: EntityManager) {}

  async idOfSlug(slug: string): Promise<string> {
    const region = await this.em.fork().findOne(RegionProjection, { slug: slug.toLowerCase() });
    if (!region) throw regionNotFound(slug);
    return region.id;
  }
}
