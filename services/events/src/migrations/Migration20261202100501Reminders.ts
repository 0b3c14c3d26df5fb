import { Migration } from '@mikro-orm/migrations';

/**
 * Reminders 24 h before each occurrence, exactly once: `reminded_for` is the start an
 * occurrence's reminder was sent for (a moved occurrence is reminded again for its new start);
 * a single activity (no rows in activity_occurrences) keeps it on its own row.
 */
export class Migration20261202100501Reminders extends Migration {
  override async up(): Promise<void> {
    this.addSql('ALTER TABLE activity_occurrences ADD COLUMN reminded_for timestamptz');
    this.addSql('ALTER TABLE activities ADD COLUMN reminded_for timestamptz');
    this.addSql('CREATE INDEX activity_occurrences_to_remind ON activity_occurrences (starts_at) WHERE cancelled_at IS NULL');
  }
}
