import { Migration } from '@mikro-orm/migrations';

/**
 * Contributions to conversations, one level of replies: `thread_id` is the top-level
 * contribution's id (its own for a top-level one), so a thread reads in one index range.
 * A deleted contribution keeps its row (the thread shows that it was there) but loses its text.
 */
export class Migration20261202000001Contributions extends Migration {
  override async up(): Promise<void> {
    this.addSql(`CREATE TABLE contributions (
      id uuid PRIMARY KEY,
      conversation_id uuid NOT NULL REFERENCES conversations (id) ON DELETE CASCADE,
      community_id uuid NOT NULL,
      region_id uuid NOT NULL,
      thread_id uuid NOT NULL,
      parent_id uuid REFERENCES contributions (id) ON DELETE CASCADE,
      author_id uuid NOT NULL,
      body text NOT NULL,
      html text NOT NULL,
      revision int NOT NULL DEFAULT 0,
      created_at timestamptz NOT NULL DEFAULT now(),
      edited_at timestamptz,
      deleted_at timestamptz,
      deleted_by uuid,
      hidden_at timestamptz,
      CHECK ((parent_id IS NULL AND thread_id = id) OR (parent_id IS NOT NULL AND thread_id = parent_id))
    )`);
    this.addSql('CREATE INDEX contributions_thread ON contributions (conversation_id, thread_id, id)');
    this.addSql('CREATE INDEX contributions_author ON contributions (author_id)');
    this.addSql(`CREATE TABLE contribution_reactions (
      contribution_id uuid NOT NULL REFERENCES contributions (id) ON DELETE CASCADE,
      account_id uuid NOT NULL,
      kind text NOT NULL CHECK (kind IN ('nuttig', 'eens', 'inspirerend')),
      created_at timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY (contribution_id, account_id, kind)
    )`);
    this.addSql(`CREATE TABLE contribution_mentions (
      contribution_id uuid NOT NULL REFERENCES contributions (id) ON DELETE CASCADE,
      account_id uuid NOT NULL,
      PRIMARY KEY (contribution_id, account_id)
    )`);
  }
}
