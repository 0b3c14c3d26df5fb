import { Migration } from '@mikro-orm/migrations';

/**
 * Mail: an outbox of rendered mails written in the transaction of what causes them, delivered
 * by the mail sender; and the tokens of the links in them (e-mail verification, password
 * reset), of which only SHA-256 hashes are stored. Existing accounts start unverified.
 */
export class Migration20261202210013MailOutbox extends Migration {
  override async up(): Promise<void> {
    this.addSql('ALTER TABLE accounts ADD COLUMN email_verified_at timestamptz');
    this.addSql(`CREATE TABLE mail_outbox (
      id uuid PRIMARY KEY,
      account_id uuid REFERENCES accounts (id) ON DELETE CASCADE,
      kind text NOT NULL CHECK (kind IN ('verify-email', 'password-reset')),
      recipient text NOT NULL,
      subject text NOT NULL,
      text_body text NOT NULL,
      html_body text NOT NULL,
      created_at timestamptz NOT NULL DEFAULT now(),
      attempts int NOT NULL DEFAULT 0,
      next_attempt_at timestamptz NOT NULL DEFAULT now(),
      last_error text,
      sent_at timestamptz,
      given_up_at timestamptz
    )`);
    this.addSql('CREATE INDEX mail_outbox_pending ON mail_outbox (next_attempt_at) WHERE sent_at IS NULL AND given_up_at IS NULL');
    this.addSql('CREATE INDEX mail_outbox_done ON mail_outbox (coalesce(sent_at, given_up_at)) WHERE sent_at IS NOT NULL OR given_up_at IS NOT NULL');
    this.addSql('CREATE INDEX mail_outbox_account ON mail_outbox (account_id)');
    this.addSql(`CREATE TABLE email_tokens (
      token_hash bytea PRIMARY KEY,
      account_id uuid NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
      purpose text NOT NULL CHECK (purpose IN ('verify-email', 'password-reset')),
      email text NOT NULL,
      created_at timestamptz NOT NULL DEFAULT now(),
      expires_at timestamptz NOT NULL,
      used_at timestamptz
    )`);
    this.addSql('CREATE INDEX email_tokens_account ON email_tokens (account_id, purpose, created_at DESC)');
    this.addSql('CREATE INDEX email_tokens_expiry ON email_tokens (expires_at)');
  }
}
