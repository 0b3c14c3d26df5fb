import { Migration } from '@mikro-orm/migrations';

/**
 * People blocked in a community: they cannot be (or become) members there until unblocked. And
 * what an account wrote recently, by author and time: the posting limits count it.
 */
export class Migration20261203300001BlocksAndPostingLimits extends Migration {
  override async up(): Promise<void> {
    this.addSql(`
      CREATE TABLE community_blocks (
        community_id uuid NOT NULL REFERENCES communities (id) ON DELETE CASCADE,
        account_id uuid NOT NULL,
        reason text NOT NULL,
        blocked_by uuid NOT NULL,
        blocked_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (community_id, account_id)
      )`);
    this.addSql('CREATE INDEX conversations_author_recent ON conversations (author_id, created_at)');
    this.addSql('CREATE INDEX contributions_author_recent ON contributions (author_id, created_at)');
    this.addSql('CREATE INDEX media_references_added_recent ON media_references (added_by, added_at)');
  }
}
