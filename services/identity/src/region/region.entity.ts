import { Entity, Enum, PrimaryKey, Property, Unique } from '@mikro-orm/core';
import { v7 as uuidv7 } from 'uuid';

@Entity({ tableName: 'regions' })
export class Region {
  @PrimaryKey({ type: 'uuid' })
  id: string = uuidv7();

  @Property()
  @Unique()
  slug!: string;

  @Property()
  name!: string;

  @Enum({ items: ['active', 'suspended'] })
  status: 'active' | 'suspended' = 'active';

  @Property({ type: 'timestamptz' })
  createdAt: Date = new Date();

  /** An active licence past this moment is suspended by identity (null: no end). */
  @Property({ type: 'timestamptz', nullable: true })
  licenceValidUntil: Date | null = null;

  @Property({ type: 'text' })
  licenceNote = '';

  @Property({ type: 'timestamptz' })
  licenceChangedAt: Date = new Date();

  constructor(slug: string, name: string) {
    this.slug = slug;
    this.name = name;
  }
}
