import { Entity, Enum, PrimaryKey, PrimaryKeyProp, Property } from '@mikro-orm/core';

export type RsvpStatus = 'confirmed' | 'waitlisted';

@Entity({ tableName: 'rsvps' })
export class Rsvp {
  [PrimaryKeyProp]?: ['activityId', 'accountId'];

  @PrimaryKey({ type: 'uuid' })
  activityId!: string;

  @PrimaryKey({ type: 'uuid' })
  accountId!: string;

  @Enum({ items: ['confirmed', 'waitlisted'] })
  status!: RsvpStatus;

  @Property({ type: 'timestamptz' })
  createdAt: Date = new Date();
}
