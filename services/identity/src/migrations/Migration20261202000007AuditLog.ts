import { Migration } from '@mikro-orm/migrations';

/**
 * The audit log: one row per security-relevant action, written in the transaction of the
 * action itself. Identifiers only (names are joined at read time, so an erased account's name
 * leaves the log with the account); never a password or token. Read newest first, per region
 * or for the whole platform, by keyset.
 */
export class Migration20261202000007AuditLog extends Migration {
  override async up(): Promise<void> {
    this.addSql(`CREATE TABLE audit_log (
      id uuid PRIMARY KEY,
      occurred_at timestamptz NOT NULL,
      action text NOT NULL,
      actor_id uuid,
      target_type text,
      target_id uuid,
      region_id uuid REFERENCES regions (id),
      reason text,
      details jsonb NOT NULL DEFAULT '{}'::jsonb
    )`);
    this.addSql('CREATE INDEX audit_log_newest ON audit_log (occurred_at DESC, id DESC)');
    this.addSql('CREATE INDEX audit_log_region_newest ON audit_log (region_id, occurred_at DESC, id DESC)');
  }
}
