import { Migration } from '@mikro-orm/migrations';

/**
 * Library titles members added to a conversation (a snapshot of the catalogue's record, so the
 * conversation reads without asking the catalogue), and the suggestions they found not fitting:
 * neither is ever suggested for that conversation again.
 */
export class Migration20261202000002ConversationTitles extends Migration {
  override async up(): Promise<void> {
    this.addSql(`CREATE TABLE conversation_titles (
      conversation_id uuid NOT NULL REFERENCES conversations (id) ON DELETE CASCADE,
      title_id uuid NOT NULL,
      title text NOT NULL,
      authors text[] NOT NULL DEFAULT '{}',
      year int,
      isbn text,
      added_by uuid NOT NULL,
      from_suggestion boolean NOT NULL,
      added_at timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY (conversation_id, title_id)
    )`);
    this.addSql(`CREATE TABLE conversation_dismissals (
      conversation_id uuid NOT NULL REFERENCES conversations (id) ON DELETE CASCADE,
      title_id uuid NOT NULL,
      dismissed_by uuid NOT NULL,
      reason text NOT NULL DEFAULT '',
      dismissed_at timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY (conversation_id, title_id)
    )`);
  }
}
