import { Migration } from '@mikro-orm/migrations';

/** Activities of national communities are in every region's calendar. */
export class Migration20261203500001NationalActivities extends Migration {
  override async up(): Promise<void> {
    this.addSql('ALTER TABLE activities ADD COLUMN national boolean NOT NULL DEFAULT false');
    this.addSql('CREATE INDEX activities_national_start ON activities (starts_at, id) WHERE national');
  }
}
