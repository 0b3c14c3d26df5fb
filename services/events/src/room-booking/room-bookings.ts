import type { EntityManager } from '@mikro-orm/postgresql';
import { Injectable } from '@nestjs/common';
import { sqlRows } from '@kc/persistence';
import type { ActivityMode } from '../activity/activity.entity';
import type { PlaceView } from './place';
import { activityOver, capacityAboveRoom, roomForOnlineActivity, roomNotFound, roomOfOtherRegion, roomTaken } from './room-booking.errors';

/** A room as bookings see it: its capacity, its branch's region and the place activities in it show. */
export interface BookableRoom {
  id: string;
  capacity: number;
  regionId: string;
  place: PlaceView;
}

/** One occurrence that holds the room: its address (original start) and its times now. */
export interface Slot {
  occurrenceStart: Date;
  startsAt: Date;
  endsAt: Date;
}

/** What a booking needs to know of its activity. */
export interface BookingActivity {
  id: string;
  rrule: string | null;
  startsAt: Date;
  endsAt: Date;
  timeZone: string;
}

const ROOM = `SELECT r.id, r.name AS room_name, r.capacity, b.id AS branch_id, b.region_id, b.name AS branch_name, b.address, b.postcode, b.city
  FROM rooms r JOIN branches b ON b.id = r.branch_id WHERE r.id = $1`;
interface RoomRow {
  id: string; room_name: string; capacity: number; branch_id: string; region_id: string; branch_name: string; address: string; postcode: string; city: string;
}
const bookable = (row: RoomRow): BookableRoom => ({
  id: row.id, capacity: row.capacity, regionId: row.region_id,
  place: { branchId: row.branch_id, branchName: row.branch_name, roomId: row.id, roomName: row.room_name, address: row.address, postcode: row.postcode, city: row.city },
});
const roomLabel = (room: BookableRoom) => `${room.place.roomName} (${room.place.branchName})`;

/**
 * Room bookings: one row per occurrence an activity holds its room for. The database refuses overlapping bookings
 * of one room (an exclusion constraint), so this holds also when requests race; an insert that collides is skipped
 * (`ON CONFLICT DO NOTHING`, which waits for a concurrent booking to commit or roll back) and answered with
 * 409 ROOM_TAKEN naming the booking it met. Every method runs in the caller's transaction.
 */
@Injectable()
export class RoomBookings {
  /** The room with its branch (read without a lock, for the checks before a transaction); 404 when it does not exist. */
  async find(em: EntityManager, roomId: string): Promise<BookableRoom> {
    const [row] = await sqlRows<RoomRow>(em, ROOM, [roomId]);
    if (!row) throw roomNotFound();
    return bookable(row);
  }

  /** The room under `FOR SHARE`: it cannot be removed or made smaller before the transaction ends. */
  async hold(em: EntityManager, roomId: string): Promise<BookableRoom> {
    const [row] = await sqlRows<RoomRow>(em, `${ROOM} FOR SHARE OF r`, [roomId]);
    if (!row) throw roomNotFound();
    return bookable(row);
  }

  /** Whether an activity of this mode in this region may take place in the room (400 otherwise). */
  checkFit(room: BookableRoom, activity: { mode: ActivityMode; regionId: string }): void {
    if (activity.mode === 'online') throw roomForOnlineActivity();
    if (room.regionId !== activity.regionId) throw roomOfOtherRegion();
  }

  /**
   * The capacity an activity in the room gets: the one asked for, or else the current one, when the room holds it
   * (400 CAPACITY_ABOVE_ROOM for more, and for no maximum asked for); the room's when there is none yet.
   */
  capacityIn(room: BookableRoom, requested: number | null | undefined, current: number | null): number | undefined {
    const wanted = requested === undefined ? current : requested;
    if (requested === undefined && current === null) return room.capacity;
    if (wanted === null || wanted > room.capacity) throw capacityAboveRoom(roomLabel(room), room.capacity);
    return requested ?? undefined;
  }

  /** Books the room for the slots, or 409 ROOM_TAKEN naming the first booking one of them collides with. */
  async book(em: EntityManager, room: BookableRoom, activity: BookingActivity, slots: Slot[]): Promise<void> {
    // The same order in every transaction, so two series that collide twice wait for each other instead of deadlocking.
    const sorted = [...slots].sort((a, b) => a.startsAt.getTime() - b.startsAt.getTime());
    const booked = await sqlRows<{ occurrence_start: Date }>(
      em,
      `INSERT INTO room_bookings (room_id, activity_id, occurrence_start, during)
       SELECT $1, $2, s.o, tstzrange(s.a, s.b, '[)') FROM unnest($3::timestamptz[], $4::timestamptz[], $5::timestamptz[]) WITH ORDINALITY AS s(o, a, b, n)
       ORDER BY s.n
       ON CONFLICT DO NOTHING RETURNING occurrence_start`,
      [room.id, activity.id, sorted.map((s) => s.occurrenceStart), sorted.map((s) => s.startsAt), sorted.map((s) => s.endsAt)],
    );
    if (booked.length === sorted.length) return;
    const done = new Set(booked.map((b) => new Date(b.occurrence_start).getTime()));
    const refused = sorted.find((s) => !done.has(s.occurrenceStart.getTime()))!;
    const [taken] = await sqlRows<{ starts_at: Date; ends_at: Date }>(
      em,
      `SELECT lower(during) AS starts_at, upper(during) AS ends_at FROM room_bookings
       WHERE room_id = $1 AND during && tstzrange($2, $3, '[)') ORDER BY lower(during) LIMIT 1`,
      [room.id, refused.startsAt, refused.endsAt],
    );
    const at = taken ? { startsAt: new Date(taken.starts_at), endsAt: new Date(taken.ends_at) } : refused;
    throw roomTaken(roomLabel(room), at, activity.timeZone);
  }

  /** Frees the room: for one occurrence (cancelled), or for every occurrence of the activity (cancelled). */
  async free(em: EntityManager, activityId: string, occurrenceStart?: Date): Promise<void> {
    if (occurrenceStart) await sqlRows(em, 'DELETE FROM room_bookings WHERE activity_id = $1 AND occurrence_start = $2', [activityId, occurrenceStart]);
    else await sqlRows(em, 'DELETE FROM room_bookings WHERE activity_id = $1', [activityId]);
  }

  /** An occurrence moved: its booking moves with it, checked again (409 ROOM_TAKEN). Nothing for one without a room. */
  async move(em: EntityManager, activity: BookingActivity, slot: Slot): Promise<void> {
    const [held] = await sqlRows<{ room_id: string }>(em, 'DELETE FROM room_bookings WHERE activity_id = $1 AND occurrence_start = $2 RETURNING room_id', [activity.id, slot.occurrenceStart]);
    if (!held) return;
    await this.book(em, await this.hold(em, held.room_id), activity, [slot]);
  }

  /**
   * Puts the activity's coming occurrences (not ended, not cancelled) in `room`, or in none: their bookings are made
   * anew (ended occurrences keep theirs). 409 ACTIVITY_OVER when every occurrence has ended.
   */
  async rebook(em: EntityManager, activity: BookingActivity, room: BookableRoom | null): Promise<void> {
    const now = new Date();
    const slots = activity.rrule
      ? (await sqlRows<{ original_start: Date; starts_at: Date; ends_at: Date }>(
          em,
          'SELECT original_start, starts_at, ends_at FROM activity_occurrences WHERE activity_id = $1 AND cancelled_at IS NULL AND ends_at > $2',
          [activity.id, now],
        )).map((o) => ({ occurrenceStart: new Date(o.original_start), startsAt: new Date(o.starts_at), endsAt: new Date(o.ends_at) }))
      : activity.endsAt > now
        ? [{ occurrenceStart: activity.startsAt, startsAt: activity.startsAt, endsAt: activity.endsAt }]
        : [];
    if (slots.length === 0) throw activityOver();
    await sqlRows(em, 'DELETE FROM room_bookings WHERE activity_id = $1 AND upper(during) > $2', [activity.id, now]);
    if (room) await this.book(em, room, activity, slots);
  }
}
