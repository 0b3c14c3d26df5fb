import { Migration } from '@mikro-orm/migrations';

/**
 * The messaging tables every service carries in its own database: the transactional outbox
 * (with a trigger that wakes the relay on commit), the inbox of handled events, and the log
 * of idempotent commands.
 */
export class Migration00000000000001Messaging extends Migration {
  override async up(): Promise<void> {
    this.addSql(`CREATE TABLE kc_outbox (
      id uuid PRIMARY KEY,
      subject text NOT NULL,
      payload jsonb NOT NULL,
      headers jsonb NOT NULL DEFAULT '{}'::jsonb,
      created_at timestamptz NOT NULL DEFAULT now(),
      published_at timestamptz,
      attempts int NOT NULL DEFAULT 0,
      last_error text
    )`);
    this.addSql('CREATE INDEX kc_outbox_pending ON kc_outbox (id) WHERE published_at IS NULL');
    this.addSql(`CREATE FUNCTION kc_outbox_notify() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN PERFORM pg_notify('kc_outbox', ''); RETURN NULL; END $$`);
    this.addSql(`CREATE TRIGGER kc_outbox_notify AFTER INSERT ON kc_outbox
      FOR EACH STATEMENT EXECUTE FUNCTION kc_outbox_notify()`);
    this.addSql(`CREATE TABLE kc_inbox (
      consumer text NOT NULL,
      event_id uuid NOT NULL,
      event_type text NOT NULL,
      processed_at timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY (consumer, event_id)
    )`);
    this.addSql(`CREATE TABLE kc_idempotency (
      scope text NOT NULL,
      key text NOT NULL,
      response jsonb,
      created_at timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY (scope, key)
    )`);
  }
}

export const messagingMigrations = [{ name: 'Migration00000000000001Messaging', class: Migration00000000000001Messaging }];
