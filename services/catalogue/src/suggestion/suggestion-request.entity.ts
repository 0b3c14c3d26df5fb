import { Entity, Enum, PrimaryKey, Property, Unique } from '@mikro-orm/core';
import { v7 as uuidv7 } from 'uuid';

/** A conversation (at a revision) that needs title suggestions; the worker turns it into `suggestions`. */
@Entity({ tableName: 'suggestion_requests' })
@Unique({ properties: ['conversationId', 'revision'] })
export class SuggestionRequest {
  @PrimaryKey({ type: 'uuid' })
  id: string = uuidv7();

  @Property({ type: 'uuid' })
  conversationId!: string;

  @Property({ type: 'uuid' })
  communityId!: string;

  @Property({ type: 'uuid' })
  regionId!: string;

  @Property({ type: 'integer' })
  revision!: number;

  @Property({ type: 'text' })
  title!: string;

  @Property({ type: 'text' })
  body!: string;

  @Enum({ items: ['pending', 'done', 'failed'] })
  status: 'pending' | 'done' | 'failed' = 'pending';

  @Property({ type: 'integer' })
  attempts = 0;

  @Property({ type: 'text', nullable: true })
  lastError: string | null = null;

  /** The ConversationStarted event this request came from (causation of SuggestionsProposed). */
  @Property({ type: 'uuid' })
  eventId!: string;

  @Property({ type: 'text' })
  correlationId!: string;

  @Property({ type: 'timestamptz' })
  createdAt: Date = new Date();

  @Property({ type: 'timestamptz', onUpdate: () => new Date() })
  updatedAt: Date = new Date();

  @Property({ type: 'timestamptz', nullable: true })
  completedAt: Date | null = null;
}
