import { Migration } from '@mikro-orm/migrations';

/**
 * Communities that co-host an activity. An invitation is a row in `invited`; the invited
 * community's organiser accepts or declines it. Accepted rows put the activity in that
 * community's calendar too (looked up by community, hence the partial index).
 */
export class Migration20261203000201Cohosts extends Migration {
  override async up(): Promise<void> {
    this.addSql(`
      CREATE TABLE activity_cohosts (
        activity_id uuid NOT NULL REFERENCES activities (id) ON DELETE CASCADE,
        community_id uuid NOT NULL,
        status text NOT NULL CHECK (status IN ('invited', 'accepted', 'declined')),
        invited_by uuid NOT NULL,
        invited_at timestamptz NOT NULL DEFAULT now(),
        answered_by uuid,
        answered_at timestamptz,
        PRIMARY KEY (activity_id, community_id)
      )`);
    this.addSql(`CREATE INDEX activity_cohosts_by_community ON activity_cohosts (community_id, status)`);
  }
}
