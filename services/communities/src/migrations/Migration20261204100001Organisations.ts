import { Migration } from '@mikro-orm/migrations';

/**
 * Partner organisations (broadcasters, universities, associations, ADR 0037): a profile in a
 * region (`region_id` null: national), its members with a role, and the communities it co-hosts.
 */
export class Migration20261204100001Organisations extends Migration {
  override async up(): Promise<void> {
    this.addSql(`CREATE TABLE organisations (
      id uuid PRIMARY KEY, region_id uuid, name text NOT NULL, description text NOT NULL, html text NOT NULL, website text NOT NULL,
      created_by uuid NOT NULL, created_at timestamptz NOT NULL DEFAULT now())`);
    this.addSql('CREATE INDEX organisations_region ON organisations (region_id, name)');
    this.addSql(`CREATE TABLE organisation_members (
      organisation_id uuid NOT NULL REFERENCES organisations (id) ON DELETE CASCADE, account_id uuid NOT NULL,
      role text NOT NULL CHECK (role IN ('admin', 'member')), added_at timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY (organisation_id, account_id))`);
    this.addSql('CREATE INDEX organisation_members_account ON organisation_members (account_id)');
    this.addSql(`CREATE TABLE community_partners (
      community_id uuid NOT NULL REFERENCES communities (id) ON DELETE CASCADE, organisation_id uuid NOT NULL REFERENCES organisations (id) ON DELETE CASCADE,
      added_by uuid NOT NULL, added_at timestamptz NOT NULL DEFAULT now(), PRIMARY KEY (community_id, organisation_id))`);
    this.addSql('CREATE INDEX community_partners_organisation ON community_partners (organisation_id)');
  }
}
