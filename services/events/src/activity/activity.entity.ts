import { Entity, Enum, PrimaryKey, Property } from '@mikro-orm/core';
import { v7 as uuidv7 } from 'uuid';

export type ActivityMode = 'in_person' | 'online' | 'hybrid';

@Entity({ tableName: 'activities' })
export class Activity {
  @PrimaryKey({ type: 'uuid' })
  id: string = uuidv7();

  @Property({ type: 'uuid' })
  communityId!: string;

  /** Copied from the community when scheduled (CommunityAccess): events and search scope by it. */
  @Property({ type: 'uuid' })
  regionId!: string;

  @Enum({ items: ['public', 'members'] })
  visibility!: 'public' | 'members';

  @Property({ type: 'text' })
  title!: string;

  @Property({ type: 'text' })
  description!: string;

  @Property({ type: 'timestamptz' })
  startsAt!: Date;

  @Property({ type: 'timestamptz' })
  endsAt!: Date;

  /** IANA zone in which the activity takes place (`Europe/Amsterdam` by default). */
  @Property({ type: 'text' })
  timeZone!: string;

  @Enum({ items: ['in_person', 'online', 'hybrid'] })
  mode!: ActivityMode;

  @Property({ type: 'text', nullable: true })
  location: string | null = null;

  @Property({ type: 'text', nullable: true })
  onlineUrl: string | null = null;

  @Property({ type: 'integer', nullable: true })
  capacity: number | null = null;

  /** Confirmed RSVPs; changed only under `SELECT … FOR UPDATE` on this row. */
  @Property({ type: 'integer' })
  attendeeCount = 0;

  @Property({ type: 'integer' })
  waitlistCount = 0;

  /** Set when the organiser cancelled it; it stays on the calendar as cancelled. */
  @Property({ type: 'timestamptz', nullable: true })
  cancelledAt: Date | null = null;

  @Property({ type: 'text', nullable: true })
  cancelReason: string | null = null;

  /** The RRULE of a recurring activity (from startsAt, read in timeZone; UNTIL in UTC); null for a single one. */
  @Property({ type: 'text', nullable: true })
  rrule: string | null = null;

  /** A series: the end of its last occurrence (kept when one moves); null for a single activity. */
  @Property({ type: 'timestamptz', nullable: true })
  seriesEndsAt: Date | null = null;

  @Property({ type: 'uuid' })
  createdBy!: string;

  @Property({ type: 'timestamptz' })
  createdAt: Date = new Date();

  constructor(input: Omit<Activity, 'id' | 'attendeeCount' | 'waitlistCount' | 'createdAt' | 'cancelledAt' | 'cancelReason' | 'rrule' | 'seriesEndsAt'> & { rrule?: string | null; seriesEndsAt?: Date | null }) {
    Object.assign(this, input);
  }
}
