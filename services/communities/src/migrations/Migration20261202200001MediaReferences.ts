import { Migration } from '@mikro-orm/migrations';

/**
 * Videos, articles, websites and podcasts members point to in a conversation. The row is also
 * the preview's durable job (ADR 0022): `next_fetch_at` says when it is due (now for a new one,
 * after a backoff for a retry, a week after a good fetch), `lease_until` keeps two workers from
 * fetching it at once and gives it back when a worker died mid-fetch.
 */
export class Migration20261202200001MediaReferences extends Migration {
  override async up(): Promise<void> {
    this.addSql(`CREATE TABLE media_references (
      id uuid PRIMARY KEY,
      conversation_id uuid NOT NULL REFERENCES conversations (id) ON DELETE CASCADE,
      community_id uuid NOT NULL,
      region_id uuid NOT NULL,
      url text NOT NULL,
      kind text NOT NULL CHECK (kind IN ('video', 'article', 'website', 'podcast')),
      kind_chosen boolean NOT NULL DEFAULT false,
      note text NOT NULL DEFAULT '',
      title text,
      description text,
      site_name text,
      image_url text,
      preview text NOT NULL DEFAULT 'pending' CHECK (preview IN ('pending', 'ready', 'failed')),
      added_by uuid NOT NULL,
      added_at timestamptz NOT NULL DEFAULT now(),
      fetched_at timestamptz,
      next_fetch_at timestamptz NOT NULL DEFAULT now(),
      attempts int NOT NULL DEFAULT 0,
      lease_until timestamptz,
      last_error text,
      UNIQUE (conversation_id, url)
    )`);
    this.addSql('CREATE INDEX media_references_due ON media_references (next_fetch_at)');
  }
}
