import { Entity, PrimaryKey, Property } from '@mikro-orm/core';

/** Projection of identity's regions (RegionCreated): lets the operator name a region by slug. */
@Entity({ tableName: 'regions' })
export class CatalogueRegion {
  @PrimaryKey({ type: 'uuid' })
  id!: string;

  @Property({ unique: true })
  slug!: string;

  @Property()
  name!: string;

  @Property({ type: 'timestamptz' })
  createdAt: Date = new Date();
}
