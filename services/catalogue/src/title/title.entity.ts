import { ArrayType, Entity, PrimaryKey, Property, Unique } from '@mikro-orm/core';
import { v7 as uuidv7 } from 'uuid';

/**
 * A title of a region's collection. Written in batches by the import (SQL upsert on
 * `(region_id, source_id)`); the generated `search` tsvector column is not mapped.
 */
@Entity({ tableName: 'titles' })
@Unique({ properties: ['regionId', 'sourceId'] })
export class Title {
  @PrimaryKey({ type: 'uuid' })
  id: string = uuidv7();

  @Property({ type: 'uuid' })
  regionId!: string;

  @Property({ type: 'text' })
  sourceId!: string;

  @Property({ type: 'text' })
  title!: string;

  @Property({ type: ArrayType, columnType: 'text[]' })
  authors: string[] = [];

  @Property({ type: 'integer', nullable: true })
  year: number | null = null;

  @Property({ type: 'text', nullable: true })
  isbn: string | null = null;

  @Property({ type: ArrayType, columnType: 'text[]' })
  subjects: string[] = [];

  @Property({ type: 'text', nullable: true })
  summary: string | null = null;

  @Property({ type: 'text', nullable: true })
  language: string | null = null;

  @Property({ type: 'timestamptz' })
  createdAt: Date = new Date();

  @Property({ type: 'timestamptz', onUpdate: () => new Date() })
  updatedAt: Date = new Date();
}
