import { Migration } from '@mikro-orm/migrations';

/**
 * Recurring activities: the series' RRULE on the activity and one row per occurrence (at most 260), made when the
 * activity is scheduled, addressed by its original start; `series_ends_at` is the end of its last occurrence. Places, the waitlist and attendance are per occurrence:
 * sign-ups and attendance carry the occurrence's original start (a single activity's is its start).
 */
export class Migration20261202000401Occurrences extends Migration {
  override async up(): Promise<void> {
    this.addSql('ALTER TABLE activities ADD COLUMN rrule text');
    this.addSql('ALTER TABLE activities ADD COLUMN series_ends_at timestamptz');
    this.addSql(`CREATE TABLE activity_occurrences (
      activity_id uuid NOT NULL REFERENCES activities (id) ON DELETE CASCADE,
      original_start timestamptz NOT NULL,
      starts_at timestamptz NOT NULL,
      ends_at timestamptz NOT NULL,
      cancelled_at timestamptz,
      capacity int CHECK (capacity IS NULL OR capacity > 0),
      attendee_count int NOT NULL DEFAULT 0 CHECK (attendee_count >= 0),
      waitlist_count int NOT NULL DEFAULT 0 CHECK (waitlist_count >= 0),
      check_in_code text,
      PRIMARY KEY (activity_id, original_start),
      CHECK (ends_at > starts_at),
      CHECK (capacity IS NULL OR attendee_count <= capacity)
    )`);
    this.addSql('CREATE INDEX activity_occurrences_start ON activity_occurrences (starts_at, activity_id)');
    for (const table of ['rsvps', 'attendance']) {
      this.addSql(`ALTER TABLE ${table} ADD COLUMN occurrence_start timestamptz`);
      this.addSql(`UPDATE ${table} t SET occurrence_start = a.starts_at FROM activities a WHERE a.id = t.activity_id`);
      this.addSql(`ALTER TABLE ${table} ALTER COLUMN occurrence_start SET NOT NULL`);
      this.addSql(`ALTER TABLE ${table} DROP CONSTRAINT ${table}_pkey`);
      this.addSql(`ALTER TABLE ${table} ADD PRIMARY KEY (activity_id, occurrence_start, account_id)`);
    }
    this.addSql('DROP INDEX rsvps_activity_status_queue');
    this.addSql('CREATE INDEX rsvps_occurrence_status_queue ON rsvps (activity_id, occurrence_start, status, queue_number)');
  }
}
