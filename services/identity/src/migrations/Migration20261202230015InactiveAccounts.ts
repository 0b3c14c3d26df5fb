import { Migration } from '@mikro-orm/migrations';

/**
 * Inactive accounts (ADR 0039): each region says after how many months without a sign-in an
 * account is erased (default 24); the account remembers when it was warned; the warning is a
 * mail of its own kind; an erasure can be asked for by that retention.
 */
export class Migration20261202230015InactiveAccounts extends Migration {
  override async up(): Promise<void> {
    this.addSql('ALTER TABLE regions ADD COLUMN inactive_account_months int NOT NULL DEFAULT 24 CHECK (inactive_account_months BETWEEN 6 AND 120)');
    this.addSql('ALTER TABLE accounts ADD COLUMN inactivity_warned_at timestamptz');
    this.addSql('ALTER TABLE mail_outbox DROP CONSTRAINT IF EXISTS mail_outbox_kind_check');
    this.addSql(`ALTER TABLE mail_outbox ADD CONSTRAINT mail_outbox_kind_check CHECK (kind IN ('verify-email', 'password-reset', 'inactivity-warning'))`);
    this.addSql('ALTER TABLE erasures DROP CONSTRAINT IF EXISTS erasures_requested_by_check');
    this.addSql(`ALTER TABLE erasures ADD CONSTRAINT erasures_requested_by_check CHECK (requested_by IN ('self', 'operator', 'retention'))`);
  }
}
