import { Migration } from '@mikro-orm/migrations';

/**
 * What is left of an old occurrence's sign-ups once the retention period passed: the figures,
 * without the people. The RSVP and attendance rows themselves are deleted.
 */
export class Migration20261203400001AttendanceSummaries extends Migration {
  override async up(): Promise<void> {
    this.addSql(`
      CREATE TABLE attendance_summaries (
        activity_id uuid NOT NULL REFERENCES activities (id) ON DELETE CASCADE,
        occurrence_start timestamptz NOT NULL,
        going int NOT NULL,
        waitlisted int NOT NULL,
        present int NOT NULL,
        reduced_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (activity_id, occurrence_start)
      )`);
  }
}
