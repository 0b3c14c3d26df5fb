import { Migration } from '@mikro-orm/migrations';

/**
 * The posting limit's check in one round trip: `kc_posting_window` takes the account's lock and
 * then counts what it wrote in the window. A VOLATILE function runs each of its queries with a
 * fresh snapshot, so the count sees every post committed while it waited for the lock (a count
 * in the statement that takes the lock would not): posts of one account still take turns.
 */
export class Migration20261204200001PostingWindow extends Migration {
  override async up(): Promise<void> {
    this.addSql(`CREATE FUNCTION kc_posting_window(lock_key text, kind text, account uuid, max_rows int, window_seconds int)
      RETURNS TABLE (n int, oldest timestamptz) LANGUAGE plpgsql VOLATILE AS $$
      BEGIN
        PERFORM pg_advisory_xact_lock(hashtextextended(lock_key, 0));
        IF kind = 'conversation' THEN
          RETURN QUERY SELECT count(*)::int, min(w.at) FROM (
            SELECT created_at AS at FROM conversations WHERE author_id = account AND created_at > now() - make_interval(secs => window_seconds) ORDER BY created_at LIMIT max_rows) w;
        ELSIF kind = 'contribution' THEN
          RETURN QUERY SELECT count(*)::int, min(w.at) FROM (
            SELECT created_at AS at FROM contributions WHERE author_id = account AND created_at > now() - make_interval(secs => window_seconds) ORDER BY created_at LIMIT max_rows) w;
        ELSIF kind = 'media' THEN
          RETURN QUERY SELECT count(*)::int, min(w.at) FROM (
            SELECT added_at AS at FROM media_references WHERE added_by = account AND added_at > now() - make_interval(secs => window_seconds) ORDER BY added_at LIMIT max_rows) w;
        ELSE
          RAISE EXCEPTION 'kc_posting_window: unknown kind %', kind;
        END IF;
      END $$`);
  }

  override async down(): Promise<void> {
    this.addSql('DROP FUNCTION kc_posting_window(text, text, uuid, int, int)');
  }
}
