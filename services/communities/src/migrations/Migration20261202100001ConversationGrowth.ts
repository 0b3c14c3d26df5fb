import { Migration } from '@mikro-orm/migrations';

/**
 * How much the contributions had said when the conversation last asked for suggestions: the
 * conversation asks again (a new revision) once its contributions have added enough to it.
 */
export class Migration20261202100001ConversationGrowth extends Migration {
  override async up(): Promise<void> {
    this.addSql('ALTER TABLE conversations ADD COLUMN suggested_contribution_chars int NOT NULL DEFAULT 0');
  }
}
