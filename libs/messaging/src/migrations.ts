import { mikroOrm, type MigrationEntry } from '@kc/persistence';

/** The classes extend MikroORM's `Migration`, so they are made when a service first reads them: the gateway, which has no database, never loads the migrator. */
function defineMessagingMigrations(): MigrationEntry[] {
  const { Migration } = mikroOrm.migrations();

  /**
   * The messaging tables every service carries in its own database: the transactional outbox
   * (with a trigger that wakes the relay on commit), the inbox of handled events, and the log
   * of idempotent commands.
   */
  class Migration00000000000001Messaging extends Migration {
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

  /**
   * Failure handling (ADR 0011): an outbox row that cannot be published waits until
   * `next_attempt_at` while later rows go ahead; the inbox key is (consuming service, event id),
   * no longer the handler's `Class.method`, so renaming a handler cannot apply an event twice;
   * idempotency keys remember a fingerprint of the request they answered; both tables are pruned
   * by age, hence the indexes.
   */
  class Migration00000000000002MessagingFailureHandling extends Migration {
    override async up(): Promise<void> {
      this.addSql('ALTER TABLE kc_outbox ADD COLUMN next_attempt_at timestamptz');
      this.addSql(`DELETE FROM kc_inbox i WHERE position(':' in i.consumer) > 0 AND EXISTS (
      SELECT 1 FROM kc_inbox j WHERE j.event_id = i.event_id AND split_part(j.consumer, ':', 1) = split_part(i.consumer, ':', 1) AND j.consumer < i.consumer)`);
      this.addSql(`UPDATE kc_inbox SET consumer = split_part(consumer, ':', 1) WHERE position(':' in consumer) > 0`);
      this.addSql('CREATE INDEX kc_inbox_processed_at ON kc_inbox (processed_at)');
      this.addSql('ALTER TABLE kc_idempotency ADD COLUMN fingerprint text');
      this.addSql('CREATE INDEX kc_idempotency_created_at ON kc_idempotency (created_at)');
    }
  }

  return [
    { name: 'Migration00000000000001Messaging', class: Migration00000000000001Messaging },
    { name: 'Migration00000000000002MessagingFailureHandling', class: Migration00000000000002MessagingFailureHandling },
  ];
}

let defined: MigrationEntry[] | undefined;
const entry = (name: string, index: number): MigrationEntry => ({
  name,
  get class() {
    return (defined ??= defineMessagingMigrations())[index]!.class;
  },
});

/** The messaging tables' migrations, first in every service's list (`...messagingMigrations`). */
export const messagingMigrations: MigrationEntry[] = [entry('Migration00000000000001Messaging', 0), entry('Migration00000000000002MessagingFailureHandling', 1)];
