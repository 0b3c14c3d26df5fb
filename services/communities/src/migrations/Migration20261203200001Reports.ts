import { Migration } from '@mikro-orm/migrations';

/**
 * Moderation of content: reports (one per reporter and target), what a moderator hid and why
 * (on the content's own row, so every read can leave it out), and the community audit log
 * that every moderation and role action writes to.
 */
export class Migration20261203200001Reports extends Migration {
  override async up(): Promise<void> {
    this.addSql(`
      CREATE TABLE reports (
        id uuid PRIMARY KEY,
        community_id uuid NOT NULL REFERENCES communities (id) ON DELETE CASCADE,
        target_type text NOT NULL CHECK (target_type IN ('contribution', 'conversation', 'media', 'collection')),
        target_id uuid NOT NULL,
        reporter_id uuid NOT NULL,
        reason text NOT NULL,
        status text NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'hidden', 'dismissed')),
        reported_at timestamptz NOT NULL DEFAULT now(),
        resolved_at timestamptz,
        resolved_by uuid,
        UNIQUE (target_type, target_id, reporter_id)
      )`);
    this.addSql(`CREATE INDEX reports_open ON reports (community_id, reported_at) WHERE status = 'open'`);
    this.addSql('CREATE INDEX reports_reporter ON reports (reporter_id)');
    for (const table of ['contributions', 'conversations', 'media_references', 'collections']) {
      if (table !== 'contributions') this.addSql(`ALTER TABLE ${table} ADD COLUMN hidden_at timestamptz`);
      this.addSql(`ALTER TABLE ${table} ADD COLUMN hidden_by uuid, ADD COLUMN hidden_reason text`);
    }
    this.addSql(`
      CREATE TABLE community_audit (
        id uuid PRIMARY KEY,
        community_id uuid NOT NULL REFERENCES communities (id) ON DELETE CASCADE,
        actor_id uuid NOT NULL,
        action text NOT NULL,
        target_type text,
        target_id uuid,
        reason text,
        at timestamptz NOT NULL DEFAULT now()
      )`);
    this.addSql('CREATE INDEX community_audit_by_time ON community_audit (community_id, at DESC, id DESC)');
    this.addSql('CREATE INDEX community_audit_actor ON community_audit (actor_id)');
  }
}
