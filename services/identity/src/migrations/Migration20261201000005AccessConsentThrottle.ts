import { Migration } from '@mikro-orm/migrations';

/**
 * Access that applies at once, consent and slowed password guessing:
 * - `accounts.access_version` grows with every change of an account's roles or block, so the
 *   access directory never lets an older state overwrite a newer one;
 * - `accounts.blocked_at` / `blocked_by`: the operator's block;
 * - `accounts.terms_version` / `terms_accepted_at`: the terms a person accepted, and when;
 * - `login_throttle`: wrong passwords and checks in progress per e-mail address (known or not),
 *   with a lock that grows.
 */
export class Migration20261201000005AccessConsentThrottle extends Migration {
  override async up(): Promise<void> {
    this.addSql(`ALTER TABLE accounts
      ADD COLUMN access_version bigint NOT NULL DEFAULT 0,
      ADD COLUMN blocked_at timestamptz,
      ADD COLUMN blocked_by uuid,
      ADD COLUMN terms_version text,
      ADD COLUMN terms_accepted_at timestamptz`);
    this.addSql(`CREATE TABLE login_throttle (
      email text PRIMARY KEY,
      failures int NOT NULL DEFAULT 0,
      in_flight int NOT NULL DEFAULT 0,
      locked_until timestamptz,
      updated_at timestamptz NOT NULL DEFAULT now()
    )`);
    this.addSql('CREATE INDEX login_throttle_updated_at ON login_throttle (updated_at)');
  }
}
