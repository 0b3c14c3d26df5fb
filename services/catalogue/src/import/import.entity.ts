import { Entity, Enum, PrimaryKey, Property } from '@mikro-orm/core';

export type ImportState = 'queued' | 'running' | 'completed' | 'failed';
export type ImportFormat = 'marcxml' | 'marc21';
export interface RecordError {
  record: number;
  message: string;
}

/** One upload of a catalogue file into a region, and its progress. */
@Entity({ tableName: 'catalogue_imports' })
export class CatalogueImport {
  @PrimaryKey({ type: 'uuid' })
  id!: string;

  @Property({ type: 'uuid' })
  regionId!: string;

  @Property({ type: 'text' })
  objectName!: string;

  @Enum({ items: ['marcxml', 'marc21'] })
  format!: ImportFormat;

  @Enum({ items: ['queued', 'running', 'completed', 'failed'] })
  status: ImportState = 'queued';

  @Property({ type: 'integer' })
  imported = 0;

  /** The uploaded file's size, known once the import reads it. */
  @Property({ type: 'integer', nullable: true })
  bytesTotal: number | null = null;

  /** How much of the file the import has read (saved with each batch). */
  @Property({ type: 'integer' })
  bytesRead = 0;

  @Property({ type: 'integer' })
  failed = 0;

  /** The first {@link MAX_STORED_ERRORS} record errors; `errorCount` has them all. */
  @Property({ type: 'json' })
  errors: RecordError[] = [];

  @Property({ type: 'integer' })
  errorCount = 0;

  @Property({ type: 'integer' })
  attempts = 0;

  /** The last failure of the job (visible to an operator; the job itself is kept in BullMQ). */
  @Property({ type: 'text', nullable: true })
  lastError: string | null = null;

  @Property({ type: 'uuid', nullable: true })
  requestedBy: string | null = null;

  @Property({ type: 'text' })
  correlationId!: string;

  @Property({ type: 'timestamptz' })
  createdAt: Date = new Date();

  @Property({ type: 'timestamptz', onUpdate: () => new Date() })
  updatedAt: Date = new Date();

  @Property({ type: 'timestamptz', nullable: true })
  startedAt: Date | null = null;

  @Property({ type: 'timestamptz', nullable: true })
  finishedAt: Date | null = null;
}

export const MAX_STORED_ERRORS = 100;
