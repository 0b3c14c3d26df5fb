import { Migration } from '@mikro-orm/migrations';

/**
 * Sessions: one row per sign-in, the family of its refresh tokens. Only SHA-256 hashes of
 * refresh tokens are stored; a used one is kept (with `used_at`) so that presenting it again
 * is recognised as reuse and ends the session.
 */
export class Migration20261202200011Sessions extends Migration {
  override async up(): Promise<void> {
    this.addSql(`CREATE TABLE sessions (
      id uuid PRIMARY KEY,
      account_id uuid NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
      device text,
      created_at timestamptz NOT NULL DEFAULT now(),
      last_used_at timestamptz NOT NULL DEFAULT now(),
      expires_at timestamptz NOT NULL,
      ended_at timestamptz,
      end_reason text CHECK (end_reason IN ('logout', 'logout-all', 'ended', 'password-changed', 'refresh-reused')),
      CHECK ((ended_at IS NULL) = (end_reason IS NULL))
    )`);
    this.addSql('CREATE INDEX sessions_account ON sessions (account_id, created_at DESC)');
    this.addSql('CREATE INDEX sessions_ended ON sessions (ended_at) WHERE ended_at IS NOT NULL');
    this.addSql(`CREATE TABLE refresh_tokens (
      token_hash bytea PRIMARY KEY,
      session_id uuid NOT NULL REFERENCES sessions (id) ON DELETE CASCADE,
      issued_at timestamptz NOT NULL DEFAULT now(),
      used_at timestamptz
    )`);
    this.addSql('CREATE INDEX refresh_tokens_session ON refresh_tokens (session_id)');
  }
}
