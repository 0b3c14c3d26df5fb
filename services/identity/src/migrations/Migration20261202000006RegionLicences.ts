import { Migration } from '@mikro-orm/migrations';

/**
 * A region's licence: until when it is valid (an active licence past that moment is suspended
 * by identity itself), the operator's note, when it last changed, and a version that grows
 * with every change (the region directory never lets an older status overwrite a newer one).
 */
export class Migration20261202000006RegionLicences extends Migration {
  override async up(): Promise<void> {
    this.addSql(`ALTER TABLE regions
      ADD COLUMN licence_valid_until timestamptz,
      ADD COLUMN licence_note text NOT NULL DEFAULT '',
      ADD COLUMN licence_changed_at timestamptz NOT NULL DEFAULT now(),
      ADD COLUMN status_version bigint NOT NULL DEFAULT 0`);
  }
}
