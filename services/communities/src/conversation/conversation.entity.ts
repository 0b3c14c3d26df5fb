import { Entity, PrimaryKey, Property } from '@mikro-orm/core';
import type { Suggestion } from '@kc/contracts';
import { v7 as uuidv7 } from 'uuid';

@Entity({ tableName: 'conversations' })
export class Conversation {
  @PrimaryKey({ type: 'uuid' })
  id: string = uuidv7();

  @Property({ type: 'uuid' })
  communityId!: string;

  @Property({ type: 'uuid' })
  regionId!: string;

  /** Plain text, stored as given; the gateway escapes on output. */
  @Property({ type: 'text' })
  title!: string;

  @Property({ type: 'text' })
  body!: string;

  @Property({ type: 'uuid' })
  authorId!: string;

  /** Content revision; suggestions for an older revision are ignored. */
  @Property({ type: 'integer' })
  revision = 0;

  /** Suggested library titles, best first (from catalogue's SuggestionsProposed). */
  @Property({ type: 'json' })
  suggestions: Suggestion[] = [];

  @Property({ type: 'integer', nullable: true })
  suggestionsRevision: number | null = null;

  @Property({ type: 'timestamptz' })
  createdAt: Date = new Date();

  constructor(input: { communityId: string; regionId: string; title: string; body: string; authorId: string }) {
    Object.assign(this, input);
  }
}
