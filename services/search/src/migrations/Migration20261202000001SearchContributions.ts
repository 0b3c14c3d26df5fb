import { Migration } from '@mikro-orm/migrations';

/** Contributions become searchable: their own document type, linked to their conversation. */
export class Migration20261202000001SearchContributions extends Migration {
  override async up(): Promise<void> {
    this.addSql('ALTER TABLE search_documents DROP CONSTRAINT IF EXISTS search_documents_type_check');
    this.addSql(`ALTER TABLE search_documents ADD CONSTRAINT search_documents_type_check CHECK (type IN ('community', 'conversation', 'activity', 'contribution'))`);
    this.addSql('ALTER TABLE search_documents ADD COLUMN conversation_id uuid, ADD COLUMN conversation_title text');
    this.addSql('CREATE INDEX search_documents_conversation ON search_documents (conversation_id) WHERE conversation_id IS NOT NULL');
  }
}
