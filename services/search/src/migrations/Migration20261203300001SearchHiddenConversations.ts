import { Migration } from '@mikro-orm/migrations';

/**
 * The contributions and media links of a hidden conversation stay in the index but are found by
 * nobody until it is restored; those of conversations hidden before this migration are hidden now.
 */
export class Migration20261203300001SearchHiddenConversations extends Migration {
  override async up(): Promise<void> {
    this.addSql('ALTER TABLE search_documents ADD COLUMN conversation_hidden boolean NOT NULL DEFAULT false');
    this.addSql('UPDATE search_documents SET conversation_hidden = true WHERE conversation_id IN (SELECT id FROM search_hidden_content)');
  }
}
