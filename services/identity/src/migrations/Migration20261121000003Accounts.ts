import { Migration } from '@mikro-orm/migrations';

/**
 * Accounts: residents and staff belong to one region; the national operator has none.
 * E-mail addresses are stored lower-cased and are unique.
 */
export class Migration20261121000003Accounts extends Migration {
  override async up(): Promise<void> {
    this.addSql(`CREATE TABLE accounts (
      id uuid PRIMARY KEY,
      email text NOT NULL CHECK (email = lower(email)),
      password_hash text NOT NULL,
      display_name text NOT NULL,
      region_id uuid REFERENCES regions (id),
      is_operator boolean NOT NULL DEFAULT false,
      created_at timestamptz NOT NULL DEFAULT now(),
      CONSTRAINT accounts_region_or_operator CHECK (is_operator OR region_id IS NOT NULL)
    )`);
    this.addSql('CREATE UNIQUE INDEX accounts_email_key ON accounts (email)');
    this.addSql('CREATE INDEX accounts_region_id ON accounts (region_id)');
  }
}
