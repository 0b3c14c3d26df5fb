import { Migration } from '@mikro-orm/migrations';

/**
 * Waitlist: `going` replaces `confirmed`; every sign-up gets a number from one sequence, taken
 * while the activity row is locked, so the waitlist order is the order in which sign-ups were
 * decided and promotion takes the lowest number first.
 */
export class Migration20261202000101Waitlist extends Migration {
  override async up(): Promise<void> {
    this.addSql('ALTER TABLE rsvps DROP CONSTRAINT IF EXISTS rsvps_status_check');
    this.addSql("UPDATE rsvps SET status = 'going' WHERE status = 'confirmed'");
    this.addSql("ALTER TABLE rsvps ADD CONSTRAINT rsvps_status_check CHECK (status IN ('going', 'waitlisted'))");
    this.addSql('CREATE SEQUENCE rsvp_queue_seq');
    this.addSql("ALTER TABLE rsvps ADD COLUMN queue_number bigint NOT NULL DEFAULT nextval('rsvp_queue_seq')");
    this.addSql('ALTER TABLE rsvps ADD COLUMN status_since timestamptz NOT NULL DEFAULT now()');
    this.addSql('CREATE INDEX rsvps_activity_status_queue ON rsvps (activity_id, status, queue_number)');
    this.addSql('CREATE INDEX rsvps_account ON rsvps (account_id)');
    this.addSql('ALTER TABLE activities ADD COLUMN cancelled_at timestamptz');
    this.addSql('ALTER TABLE activities ADD COLUMN cancel_reason text');
    this.addSql('ALTER TABLE activities ADD CONSTRAINT activities_waitlist_nonnegative CHECK (waitlist_count >= 0 AND attendee_count >= 0)');
  }
}
