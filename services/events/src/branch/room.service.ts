import { EntityManager } from '@mikro-orm/postgresql';
import { Injectable } from '@nestjs/common';
import type { RequestContext } from '@kc/contracts';
import { idempotent } from '@kc/messaging';
import { sqlRows } from '@kc/persistence';
import { v7 as uuidv7 } from 'uuid';
import { roomNotFound } from '../room-booking/room-booking.errors';
import { branchNotFound, roomCapacityBelowBooked, roomInUse, roomNameTaken } from './branch.errors';
import { toRoomResponse, type RoomRow } from './branch.responses';
import { requireLibraryAdmin, uniqueOr } from './library-admin';
import { PlaceRefresh } from './place-refresh';

type LockedRoom = RoomRow & { region_id: string };

/** The rooms (zalen) of a branch: public to read, managed by the library administrators of the branch's region. */
@Injectable()
export class RoomService {
  constructor(
    private readonly em: EntityManager,
    private readonly places: PlaceRefresh,
  ) {}

  async create(ctx: RequestContext, input: { branchId: string; name: string; capacity: number }): Promise<{ id: string }> {
    return idempotent(this.em, ctx, 'room.create', async (em) => {
      // The branch's row lock keeps it from being removed while its room is added.
      const [branch] = await sqlRows<{ region_id: string }>(em, 'SELECT region_id FROM branches WHERE id = $1 FOR SHARE', [input.branchId]);
      if (!branch) throw branchNotFound();
      requireLibraryAdmin(ctx, branch.region_id);
      const [row] = await sqlRows<{ id: string }>(
        em, 'INSERT INTO rooms (id, branch_id, name, capacity) VALUES ($1, $2, $3, $4) ON CONFLICT DO NOTHING RETURNING id', [uuidv7(), input.branchId, input.name, input.capacity],
      );
      if (!row) throw roomNameTaken(input.name);
      return { id: row.id };
    });
  }

  async list(branchId: string) {
    const em = this.em.fork();
    const [branch] = await sqlRows(em, 'SELECT 1 FROM branches WHERE id = $1', [branchId]);
    if (!branch) throw branchNotFound();
    const rooms = await sqlRows<RoomRow>(em, 'SELECT id, branch_id, name, capacity FROM rooms WHERE branch_id = $1 ORDER BY lower(name), id', [branchId]);
    return { items: rooms.map(toRoomResponse), nextCursor: null };
  }

  /** A smaller capacity than a coming activity in the room has places is refused (409 ROOM_CAPACITY_BELOW_BOOKED). */
  async update(ctx: RequestContext, input: { id: string; name?: string; capacity?: number }) {
    return idempotent(this.em, ctx, 'room.update', async (em) => {
      const room = await this.lock(em, input.id);
      requireLibraryAdmin(ctx, room.region_id);
      const capacity = input.capacity ?? room.capacity;
      if (capacity < room.capacity) {
        const [most] = await sqlRows<{ places: number | null }>(
          em, 'SELECT max(capacity) AS places FROM activities WHERE room_id = $1 AND cancelled_at IS NULL AND coalesce(series_ends_at, ends_at) > now()', [input.id],
        );
        if (most?.places && most.places > capacity) throw roomCapacityBelowBooked(most.places);
      }
      const name = input.name ?? room.name;
      await uniqueOr(sqlRows(em, 'UPDATE rooms SET name = $2, capacity = $3 WHERE id = $1', [input.id, name, capacity]), () => roomNameTaken(name));
      if (name !== room.name) await this.places.ofRooms(em, ctx, { roomId: input.id });
      return toRoomResponse({ ...room, name, capacity });
    });
  }

  /** 409 ROOM_IN_USE while it is booked for an occurrence that has not ended; past activities keep their location text. */
  async remove(ctx: RequestContext, id: string): Promise<Record<string, never>> {
    await idempotent(this.em, ctx, 'room.remove', async (em) => {
      const room = await this.lock(em, id);
      requireLibraryAdmin(ctx, room.region_id);
      const [coming] = await sqlRows<{ count: string }>(em, 'SELECT count(*) FROM room_bookings WHERE room_id = $1 AND upper(during) > now()', [id]);
      if (Number(coming!.count) > 0) throw roomInUse(Number(coming!.count));
      await sqlRows(em, 'DELETE FROM rooms WHERE id = $1', [id]);
    });
    return {};
  }

  /** The room under `FOR UPDATE`: bookings being made in it (which hold it `FOR SHARE`) finish first, new ones wait. */
  private async lock(em: EntityManager, id: string): Promise<LockedRoom> {
    const [room] = await sqlRows<LockedRoom>(
      em, 'SELECT r.id, r.branch_id, r.name, r.capacity, b.region_id FROM rooms r JOIN branches b ON b.id = r.branch_id WHERE r.id = $1 FOR UPDATE OF r', [id],
    );
    if (!room) throw roomNotFound();
    return room;
  }
}
