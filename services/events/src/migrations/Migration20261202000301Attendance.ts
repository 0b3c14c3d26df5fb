import { Migration } from '@mikro-orm/migrations';

/** Who came (recorded by an organiser or by checking in with the door code). */
export class Migration20261202000301Attendance extends Migration {
  override async up(): Promise<void> {
    this.addSql('ALTER TABLE activities ADD COLUMN check_in_code text');
    this.addSql(`CREATE TABLE attendance (
      activity_id uuid NOT NULL REFERENCES activities (id) ON DELETE CASCADE,
      account_id uuid NOT NULL,
      present boolean NOT NULL,
      via text NOT NULL CHECK (via IN ('organiser', 'check_in')),
      recorded_by uuid NOT NULL,
      recorded_at timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY (activity_id, account_id)
    )`);
  }
}
