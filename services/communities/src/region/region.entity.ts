import { Entity, PrimaryKey, Property } from '@mikro-orm/core';

/** Read-only projection of identity's regions, fed by `RegionCreated`. */
@Entity({ tableName: 'regions' })
export class RegionProjection {
  @PrimaryKey({ type: 'uuid' })
  id!: string;

  @Property({ type: 'text', unique: true })
  slug!: string;

  @Property({ type: 'text' })
  name!: string;
}
