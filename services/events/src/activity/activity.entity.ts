import { Entity, Enum, Formula, PrimaryKey, Property } from '@mikro-orm/core';
import type { PlaceView } from '../room-booking/place';
import { v7 as uuidv7 } from 'uuid';

/** The SQL that reads an activity's place from its room_id column (`column`), as JSON (the Place contract). */
export const PLACE_OF = (column: string) => `(SELECT json_build_object('branchId', b.id, 'branchName', b.name, 'roomId', r.id, 'roomName', r.name,
    'address', b.address, 'postcode', b.postcode, 'city', b.city)
  FROM rooms r JOIN branches b ON b.id = r.branch_id WHERE r.id = ${column})`;

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

  /** Of a national community (copied when scheduled): in every region's calendar, not only `regionId`'s. */
  @Property({ type: 'boolean' })
  national: boolean = false;

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

  /** The library room it takes place in (its bookings are in room_bookings); null for none. */
  @Property({ type: 'uuid', nullable: true })
  roomId: string | null = null;

  /** The room and its branch as they are now, read with the activity (never written). */
  @Formula((table) => PLACE_OF(`${table.alias}.room_id`), { type: 'json', nullable: true, persist: false })
  place?: PlaceView | null;

  @Property({ type: 'uuid' })
  createdBy!: string;

  @Property({ type: 'timestamptz' })
  createdAt: Date = new Date();

  constructor(input: Omit<Activity, 'id' | 'attendeeCount' | 'waitlistCount' | 'createdAt' | 'cancelledAt' | 'cancelReason' | 'rrule' | 'seriesEndsAt' | 'roomId' | 'place' | 'national'> & { rrule?: string | null; seriesEndsAt?: Date | null; roomId?: string | null; national?: boolean }) {
    Object.assign(this, input);
  }
}
