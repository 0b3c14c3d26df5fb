import { Migration } from '@mikro-orm/migrations';

/** Join modes, the moderator role, requests to join, invitations (only a hash of the token) and the community plan. */
export class Migration20261202300001Membership extends Migration {
  override async up(): Promise<void> {
    this.addSql("ALTER TABLE communities ADD COLUMN join_mode text NOT NULL DEFAULT 'open' CHECK (join_mode IN ('open', 'approval', 'invite'))");
    this.addSql('ALTER TABLE memberships DROP CONSTRAINT IF EXISTS memberships_role_check');
    this.addSql("ALTER TABLE memberships ADD CONSTRAINT memberships_role_check CHECK (role IN ('organiser', 'moderator', 'member'))");
    this.addSql(`CREATE TABLE membership_requests (
      community_id uuid NOT NULL REFERENCES communities (id) ON DELETE CASCADE,
      account_id uuid NOT NULL,
      requested_at timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY (community_id, account_id)
    )`);
    this.addSql(`CREATE TABLE invitations (
      id uuid PRIMARY KEY,
      community_id uuid NOT NULL REFERENCES communities (id) ON DELETE CASCADE,
      token_hash bytea NOT NULL UNIQUE,
      created_by uuid NOT NULL,
      created_at timestamptz NOT NULL DEFAULT now(),
      expires_at timestamptz NOT NULL,
      revoked_at timestamptz,
      accepted_count int NOT NULL DEFAULT 0
    )`);
    this.addSql('CREATE INDEX invitations_community ON invitations (community_id, created_at)');
    this.addSql(`CREATE TABLE community_plans (
      community_id uuid PRIMARY KEY REFERENCES communities (id) ON DELETE CASCADE,
      goals text NOT NULL,
      target_group text NOT NULL,
      conditions text NOT NULL,
      approach text NOT NULL,
      updated_by uuid NOT NULL,
      updated_at timestamptz NOT NULL DEFAULT now()
    )`);
  }
}
