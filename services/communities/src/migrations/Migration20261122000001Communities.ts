import { Migration } from '@mikro-orm/migrations';

export class Migration20261122000001Communities extends Migration {
  override async up(): Promise<void> {
    // Projection of identity's regions (RegionCreated): resolves `region` slugs to ids.
    this.addSql(`CREATE TABLE regions (
      id uuid PRIMARY KEY,
      slug text NOT NULL UNIQUE,
      name text NOT NULL
    )`);
    this.addSql(`CREATE TABLE communities (
      id uuid PRIMARY KEY,
      region_id uuid NOT NULL,
      name text NOT NULL,
      description text NOT NULL DEFAULT '',
      visibility text NOT NULL CHECK (visibility IN ('public', 'members')),
      organiser_id uuid NOT NULL,
      member_count int NOT NULL DEFAULT 0 CHECK (member_count >= 0),
      created_at timestamptz NOT NULL DEFAULT now()
    )`);
    this.addSql('CREATE INDEX communities_region_public ON communities (region_id, id) WHERE visibility = \'public\'');
    this.addSql('CREATE INDEX communities_public ON communities (id) WHERE visibility = \'public\'');
    this.addSql(`CREATE TABLE memberships (
      community_id uuid NOT NULL REFERENCES communities (id) ON DELETE CASCADE,
      account_id uuid NOT NULL,
      role text NOT NULL CHECK (role IN ('organiser', 'member')),
      joined_at timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY (community_id, account_id)
    )`);
    this.addSql('CREATE INDEX memberships_account ON memberships (account_id, community_id)');
    this.addSql(`CREATE TABLE conversations (
      id uuid PRIMARY KEY,
      community_id uuid NOT NULL REFERENCES communities (id) ON DELETE CASCADE,
      region_id uuid NOT NULL,
      title text NOT NULL,
      body text NOT NULL,
      author_id uuid NOT NULL,
      revision int NOT NULL DEFAULT 0,
      suggestions jsonb NOT NULL DEFAULT '[]'::jsonb,
      suggestions_revision int,
      created_at timestamptz NOT NULL DEFAULT now()
    )`);
    this.addSql('CREATE INDEX conversations_community ON conversations (community_id, id)');
  }
}
