import { EntityManager } from '@mikro-orm/postgresql';
import { Injectable } from '@nestjs/common';
import { AccessDirectory } from '@kc/auth';
import type { RegionEntry, RequestContext } from '@kc/contracts';
import { idempotent } from '@kc/messaging';
import { sqlRows } from '@kc/persistence';
import { v7 as uuidv7 } from 'uuid';
import { regionNotFound } from '../calendar/calendar.errors';
import { branchInUse, branchNameTaken, branchNotFound } from './branch.errors';
import { requireLibraryAdmin, uniqueOr } from './library-admin';
import { PlaceRefresh } from './place-refresh';
import { toBranchResponse, type BranchRow, type RoomRow } from './branch.responses';

export interface BranchFields {
  name: string;
  address: string;
  postcode: string;
  city: string;
}

const BRANCH_COLUMNS = 'id, region_id, name, address, postcode, city';

/** A region's branches (vestigingen): public to read, managed by its library administrators. */
@Injectable()
export class BranchService {
  constructor(
    private readonly em: EntityManager,
    private readonly access: AccessDirectory,
    private readonly places: PlaceRefresh,
  ) {}

  async create(ctx: RequestContext, input: BranchFields & { region: string }): Promise<{ id: string }> {
    const region = this.region(input.region);
    requireLibraryAdmin(ctx, region.regionId);
    return idempotent(this.em, ctx, 'branch.create', async (em) => {
      const [row] = await sqlRows<{ id: string }>(
        em,
        `INSERT INTO branches (id, region_id, name, address, postcode, city) VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT DO NOTHING RETURNING id`,
        [uuidv7(), region.regionId, input.name, input.address, input.postcode, input.city],
      );
      if (!row) throw branchNameTaken(input.name);
      return { id: row.id };
    });
  }

  /** The region's branches by name, each with its rooms by name. */
  async list(regionSlug: string) {
    const region = this.region(regionSlug);
    const em = this.em.fork();
    const branches = await sqlRows<BranchRow>(em, `SELECT ${BRANCH_COLUMNS} FROM branches WHERE region_id = $1 ORDER BY lower(name), id`, [region.regionId]);
    const rooms = await sqlRows<RoomRow>(
      em,
      'SELECT r.id, r.branch_id, r.name, r.capacity FROM rooms r JOIN branches b ON b.id = r.branch_id WHERE b.region_id = $1 ORDER BY lower(r.name), r.id',
      [region.regionId],
    );
    return { items: branches.map((b) => toBranchResponse(b, rooms)), nextCursor: null };
  }

  async update(ctx: RequestContext, input: Partial<BranchFields> & { id: string }) {
    await idempotent(this.em, ctx, 'branch.update', async (em) => {
      const branch = await this.lock(em, input.id);
      requireLibraryAdmin(ctx, branch.region_id);
      const next = { name: input.name ?? branch.name, address: input.address ?? branch.address, postcode: input.postcode ?? branch.postcode, city: input.city ?? branch.city };
      await uniqueOr(
        sqlRows(em, 'UPDATE branches SET name = $2, address = $3, postcode = $4, city = $5, updated_at = now() WHERE id = $1', [input.id, next.name, next.address, next.postcode, next.city]),
        () => branchNameTaken(next.name),
      );
      await this.places.ofRooms(em, ctx, { branchId: input.id });
    });
    return this.one(input.id);
  }

  /** Closes a branch with its rooms; 409 BRANCH_IN_USE while a room is booked for an occurrence that has not ended. */
  async remove(ctx: RequestContext, id: string): Promise<Record<string, never>> {
    await idempotent(this.em, ctx, 'branch.remove', async (em) => {
      const branch = await this.lock(em, id);
      requireLibraryAdmin(ctx, branch.region_id);
      // The rooms' row locks wait for bookings being made in them and keep new ones out until this commits.
      await sqlRows(em, 'SELECT id FROM rooms WHERE branch_id = $1 ORDER BY id FOR UPDATE', [id]);
      const [coming] = await sqlRows<{ count: string }>(
        em, 'SELECT count(*) FROM room_bookings k JOIN rooms r ON r.id = k.room_id WHERE r.branch_id = $1 AND upper(k.during) > now()', [id],
      );
      if (Number(coming!.count) > 0) throw branchInUse(Number(coming!.count));
      await sqlRows(em, 'DELETE FROM branches WHERE id = $1', [id]);
    });
    return {};
  }

  /** One branch with its rooms; 404 BRANCH_NOT_FOUND. */
  async one(id: string) {
    const em = this.em.fork();
    const [branch] = await sqlRows<BranchRow>(em, `SELECT ${BRANCH_COLUMNS} FROM branches WHERE id = $1`, [id]);
    if (!branch) throw branchNotFound();
    const rooms = await sqlRows<RoomRow>(em, 'SELECT id, branch_id, name, capacity FROM rooms WHERE branch_id = $1 ORDER BY lower(name), id', [id]);
    return toBranchResponse(branch, rooms);
  }

  private async lock(em: EntityManager, id: string): Promise<BranchRow> {
    const [branch] = await sqlRows<BranchRow>(em, `SELECT ${BRANCH_COLUMNS} FROM branches WHERE id = $1 FOR UPDATE`, [id]);
    if (!branch) throw branchNotFound();
    return branch;
  }

  private region(slug: string): RegionEntry {
    const region = this.access.regionBySlug(slug);
    if (!region) throw regionNotFound();
    return region;
  }
}
