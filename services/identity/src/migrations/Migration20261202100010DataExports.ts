import { Migration } from '@mikro-orm/migrations';

/** A person's data exports (GDPR art. 15/20): the request, and once every service answered, the document; kept for a week. */
export class Migration20261202100010DataExports extends Migration {
  override async up(): Promise<void> {
    this.addSql(`CREATE TABLE data_exports (
      id uuid PRIMARY KEY,
      account_id uuid NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
      status text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'ready', 'failed')),
      requested_at timestamptz NOT NULL DEFAULT now(),
      ready_at timestamptz,
      expires_at timestamptz NOT NULL,
      document jsonb
    )`);
    this.addSql('CREATE INDEX data_exports_account ON data_exports (account_id, requested_at DESC)');
  }
}
