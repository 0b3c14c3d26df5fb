import { Migration } from '@mikro-orm/migrations';

/**
 * Single sign-on for library staff (ADR 0040): each region's OpenID Connect provider, its client
 * secret encrypted (AES-256-GCM), and the links from a provider's subject to an account.
 */
export class Migration20261202231016RegionSso extends Migration {
  override async up(): Promise<void> {
    this.addSql(`CREATE TABLE region_sso (
      region_id uuid PRIMARY KEY REFERENCES regions (id) ON DELETE CASCADE,
      issuer text NOT NULL,
      client_id text NOT NULL,
      client_secret_sealed text NOT NULL,
      enabled boolean NOT NULL,
      updated_at timestamptz NOT NULL DEFAULT now(),
      updated_by uuid
    )`);
    this.addSql(`CREATE TABLE sso_links (
      account_id uuid NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
      region_id uuid NOT NULL REFERENCES regions (id) ON DELETE CASCADE,
      issuer text NOT NULL,
      subject text NOT NULL,
      linked_at timestamptz NOT NULL DEFAULT now(),
      last_used_at timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY (issuer, subject)
    )`);
    this.addSql('CREATE INDEX sso_links_account_idx ON sso_links (account_id)');
  }
}
