import { Entity, Enum, PrimaryKey, PrimaryKeyProp, Property } from '@mikro-orm/core';

export type RsvpStatus = 'going' | 'waitlisted';

/** Written only with SQL under the activity's row lock (rsvp.repository.ts); the entity documents the table. */
@Entity({ tableName: 'rsvps' })
export class Rsvp {
  [PrimaryKeyProp]?: ['activityId', 'accountId'];

  @PrimaryKey({ type: 'uuid' })
  activityId!: string;

  @PrimaryKey({ type: 'uuid' })
  accountId!: string;

  @Enum({ items: ['going', 'waitlisted'] })
  status!: RsvpStatus;

  /** Order of sign-up (one sequence): the waitlist is served lowest first. */
  @Property({ type: 'bigint', persist: false })
  queueNumber!: string;

  @Property({ type: 'timestamptz' })
  statusSince: Date = new Date();

  @Property({ type: 'timestamptz' })
  createdAt: Date = new Date();
}
