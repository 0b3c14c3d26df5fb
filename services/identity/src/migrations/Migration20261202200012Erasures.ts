import { Migration } from '@mikro-orm/migrations';

/**
 * Erasure (GDPR art. 17, ADR 0035): the ledger of which service confirmed when, and the mark on
 * an erased account (its e-mail address, password and name are overwritten; the id stays so
 * what others see of it reads "Oud-deelnemer"). The sign-in throttle keys addresses by their
 * SHA-256 from now on, so it never holds an address (its rows are minutes-long state: cleared).
 */
export class Migration20261202200012Erasures extends Migration {
  override async up(): Promise<void> {
    this.addSql('ALTER TABLE accounts ADD COLUMN erased_at timestamptz');
    this.addSql(`CREATE TABLE erasures (
      id uuid PRIMARY KEY,
      account_id uuid NOT NULL REFERENCES accounts (id),
      content text NOT NULL CHECK (content IN ('anonymise', 'delete')),
      requested_by text NOT NULL CHECK (requested_by IN ('self', 'operator')),
      requested_at timestamptz NOT NULL DEFAULT now(),
      completed_at timestamptz,
      confirmations jsonb NOT NULL DEFAULT '{}'::jsonb
    )`);
    this.addSql('CREATE UNIQUE INDEX erasures_one_per_account ON erasures (account_id)');
    this.addSql('DELETE FROM login_throttle');
    this.addSql('ALTER TABLE login_throttle RENAME COLUMN email TO address_hash');
  }
}
