import { Migration } from '@mikro-orm/migrations';

/**
 * National communities: visible and joinable from every region (a region_id stays: the region it
 * was started from, where its activities and search documents live). Only a national community
 * may admit staff alone (`join_mode = 'staff'`), for the national network of community librarians.
 */
export class Migration20261203500001NationalCommunities extends Migration {
  override async up(): Promise<void> {
    this.addSql("ALTER TABLE communities ADD COLUMN scope text NOT NULL DEFAULT 'regional' CHECK (scope IN ('regional', 'national'))");
    this.addSql('ALTER TABLE communities DROP CONSTRAINT IF EXISTS communities_join_mode_check');
    this.addSql("ALTER TABLE communities ADD CONSTRAINT communities_join_mode_check CHECK (join_mode IN ('open', 'approval', 'invite', 'staff') AND (join_mode <> 'staff' OR scope = 'national'))");
    this.addSql("CREATE INDEX communities_national ON communities (id) WHERE scope = 'national'");
  }
}
