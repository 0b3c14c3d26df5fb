import { Migration } from '@mikro-orm/migrations';

/**
 * A person's profile beside their account: a bio, free-text expertise keywords, and whether
 * they appear in their region's people directory ("wie weet wat"), off by default.
 */
export class Migration20261202000008Profiles extends Migration {
  override async up(): Promise<void> {
    this.addSql(`CREATE TABLE profiles (
      account_id uuid PRIMARY KEY REFERENCES accounts (id) ON DELETE CASCADE,
      bio text NOT NULL DEFAULT '',
      expertise text[] NOT NULL DEFAULT '{}',
      in_directory boolean NOT NULL DEFAULT false,
      updated_at timestamptz NOT NULL DEFAULT now()
    )`);
    this.addSql('CREATE INDEX profiles_in_directory ON profiles (account_id) WHERE in_directory');
  }
}
