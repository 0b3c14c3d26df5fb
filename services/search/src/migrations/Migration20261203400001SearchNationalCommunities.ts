import { Migration } from '@mikro-orm/migrations';

/** Content of a national community is found from every region: the community and its documents say so. */
export class Migration20261203400001SearchNationalCommunities extends Migration {
  override async up(): Promise<void> {
    this.addSql('ALTER TABLE search_communities ADD COLUMN national boolean NOT NULL DEFAULT false');
    this.addSql('ALTER TABLE search_documents ADD COLUMN national boolean NOT NULL DEFAULT false');
  }
}
