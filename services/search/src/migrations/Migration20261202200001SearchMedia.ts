import { Migration } from '@mikro-orm/migrations';

/** Media links (videos, articles, websites, podcasts) become searchable: their own document type, linked to their conversation. */
export class Migration20261202200001SearchMedia extends Migration {
  override async up(): Promise<void> {
    this.addSql('ALTER TABLE search_documents DROP CONSTRAINT IF EXISTS search_documents_type_check');
    this.addSql(`ALTER TABLE search_documents ADD CONSTRAINT search_documents_type_check CHECK (type IN ('community', 'conversation', 'activity', 'contribution', 'media'))`);
  }
}
