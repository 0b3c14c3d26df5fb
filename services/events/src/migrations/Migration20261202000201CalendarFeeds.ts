import { Migration } from '@mikro-orm/migrations';

/** One secret feed token per account (the personal iCalendar feed); rotating replaces it. */
export class Migration20261202000201CalendarFeeds extends Migration {
  override async up(): Promise<void> {
    this.addSql(`CREATE TABLE calendar_feeds (
      account_id uuid PRIMARY KEY,
      token text NOT NULL UNIQUE,
      created_at timestamptz NOT NULL DEFAULT now(),
      rotated_at timestamptz
    )`);
    this.addSql('CREATE INDEX activities_region_start ON activities (region_id, starts_at, id)');
  }
}
