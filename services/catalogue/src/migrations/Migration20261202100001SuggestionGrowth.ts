import { Migration } from '@mikro-orm/migrations';

/**
 * Suggestions that grow with a conversation: a request for a later revision carries the titles
 * members added or dismissed (`exclude`), and a request overtaken by a newer revision of its
 * conversation before it ran is `superseded` (the debounce: only the newest is computed).
 */
export class Migration20261202100001SuggestionGrowth extends Migration {
  override async up(): Promise<void> {
    this.addSql("ALTER TABLE suggestion_requests ADD COLUMN exclude uuid[] NOT NULL DEFAULT '{}'");
    this.addSql('ALTER TABLE suggestion_requests DROP CONSTRAINT IF EXISTS suggestion_requests_status_check');
    this.addSql("ALTER TABLE suggestion_requests ADD CONSTRAINT suggestion_requests_status_check CHECK (status IN ('pending', 'done', 'failed', 'superseded'))");
  }
}
