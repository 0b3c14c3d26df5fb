import { Migration } from '@mikro-orm/migrations';

/** How far an import has read its file: the web UI's progress bar shows `bytes_read / bytes_total`. */
export class Migration20261201000200ImportProgress extends Migration {
  override async up(): Promise<void> {
    this.addSql('ALTER TABLE catalogue_imports ADD COLUMN bytes_total integer, ADD COLUMN bytes_read integer NOT NULL DEFAULT 0');
  }
}
