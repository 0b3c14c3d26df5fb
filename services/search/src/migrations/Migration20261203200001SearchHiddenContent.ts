import { Migration } from '@mikro-orm/migrations';

/** Content a moderator hid: it stays out of the index until restored, whatever later event arrives for it. */
export class Migration20261203200001SearchHiddenContent extends Migration {
  override async up(): Promise<void> {
    this.addSql('CREATE TABLE search_hidden_content (id uuid PRIMARY KEY, hidden_at timestamptz NOT NULL DEFAULT now())');
  }
}
