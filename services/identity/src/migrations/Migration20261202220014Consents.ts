import { Migration } from '@mikro-orm/migrations';

/**
 * Consent history: every version of the terms and privacy statement an account accepted, and
 * when (the account row keeps the latest). Existing acceptances are carried over.
 */
export class Migration20261202220014Consents extends Migration {
  override async up(): Promise<void> {
    this.addSql(`CREATE TABLE consents (
      account_id uuid NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
      terms_version text NOT NULL,
      accepted_at timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY (account_id, terms_version)
    )`);
    this.addSql(`INSERT INTO consents (account_id, terms_version, accepted_at)
      SELECT id, terms_version, coalesce(terms_accepted_at, created_at) FROM accounts WHERE terms_version IS NOT NULL`);
  }
}
