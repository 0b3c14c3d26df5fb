import { Migration } from '@mikro-orm/migrations';

export class Migration20261121000001Regions extends Migration {
  override async up(): Promise<void> {
    this.addSql(`CREATE TABLE regions (
      id uuid PRIMARY KEY,
      slug text NOT NULL UNIQUE,
      name text NOT NULL,
      status text NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'suspended')),
      created_at timestamptz NOT NULL DEFAULT now()
    )`);
  }
}
