import { Migration } from '@mikro-orm/migrations';

/**
 * Branches (vestigingen) of a region's library with their rooms, and room bookings: one row per occurrence an
 * activity holds a room for, its time as a tstzrange. The exclusion constraint (btree_gist, for `room_id WITH =`)
 * makes a double booking impossible whatever runs at the same time; a cancelled occurrence or activity deletes its
 * bookings, so the room is free again. A removed room leaves past activities their location text (room_id null).
 */
export class Migration20261203000101BranchesRooms extends Migration {
  override async up(): Promise<void> {
    this.addSql('CREATE EXTENSION IF NOT EXISTS btree_gist');
    this.addSql(`CREATE TABLE branches (
      id uuid PRIMARY KEY,
      region_id uuid NOT NULL,
      name text NOT NULL,
      address text NOT NULL,
      postcode text NOT NULL CHECK (postcode ~ '^[1-9][0-9]{3} [A-Z]{2}$'),
      city text NOT NULL,
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now()
    )`);
    this.addSql('CREATE UNIQUE INDEX branches_region_name ON branches (region_id, lower(name))');
    this.addSql(`CREATE TABLE rooms (
      id uuid PRIMARY KEY,
      branch_id uuid NOT NULL REFERENCES branches (id) ON DELETE CASCADE,
      name text NOT NULL,
      capacity int NOT NULL CHECK (capacity > 0),
      created_at timestamptz NOT NULL DEFAULT now()
    )`);
    this.addSql('CREATE UNIQUE INDEX rooms_branch_name ON rooms (branch_id, lower(name))');
    this.addSql('ALTER TABLE activities ADD COLUMN room_id uuid REFERENCES rooms (id) ON DELETE SET NULL');
    this.addSql('CREATE INDEX activities_room ON activities (room_id) WHERE room_id IS NOT NULL');
    this.addSql(`CREATE TABLE room_bookings (
      room_id uuid NOT NULL REFERENCES rooms (id) ON DELETE CASCADE,
      activity_id uuid NOT NULL REFERENCES activities (id) ON DELETE CASCADE,
      occurrence_start timestamptz NOT NULL,
      during tstzrange NOT NULL CHECK (NOT isempty(during) AND lower_inc(during) AND NOT upper_inc(during)),
      PRIMARY KEY (activity_id, occurrence_start),
      CONSTRAINT room_bookings_no_overlap EXCLUDE USING gist (room_id WITH =, during WITH &&)
    )`);
  }
}
