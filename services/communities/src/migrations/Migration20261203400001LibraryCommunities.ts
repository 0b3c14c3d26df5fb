import { Migration } from '@mikro-orm/migrations';

/** Communities a community librarian started on behalf of the library. */
export class Migration20261203400001LibraryCommunities extends Migration {
  override async up(): Promise<void> {
    this.addSql('ALTER TABLE communities ADD COLUMN on_behalf_of_library boolean NOT NULL DEFAULT false');
  }
}
