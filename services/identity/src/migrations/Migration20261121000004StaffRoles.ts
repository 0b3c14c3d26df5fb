import { Migration } from '@mikro-orm/migrations';

/** Staff roles of an account in a region; the primary key makes granting idempotent. */
export class Migration20261121000004StaffRoles extends Migration {
  override async up(): Promise<void> {
    this.addSql(`CREATE TABLE staff_roles (
      account_id uuid NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
      region_id uuid NOT NULL REFERENCES regions (id),
      role text NOT NULL CHECK (role IN ('library_admin', 'community_librarian')),
      granted_by uuid,
      granted_at timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY (account_id, region_id, role)
    )`);
    this.addSql('CREATE INDEX staff_roles_region_id ON staff_roles (region_id)');
  }
}
