import { Migration } from '@mikro-orm/migrations';

/** Theme collections become searchable: their own document type, with their items' titles and notes in the body. */
export class Migration20261203100001SearchCollections extends Migration {
  override async up(): Promise<void> {
    this.addSql('ALTER TABLE search_documents DROP CONSTRAINT IF EXISTS search_documents_type_check');
    this.addSql(`ALTER TABLE search_documents ADD CONSTRAINT search_documents_type_check CHECK (type IN ('community', 'conversation', 'activity', 'contribution', 'media', 'collection'))`);
  }
}
