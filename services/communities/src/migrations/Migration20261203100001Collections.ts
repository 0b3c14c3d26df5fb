import { Migration } from '@mikro-orm/migrations';

/**
 * Theme collections and their items. An item points to one target: a library title or an
 * activity (other services' ids, with the title as it was when added), a media reference or a
 * conversation of the same community (foreign keys: an item whose target is deleted goes with
 * it), or a web link (`collection_links`, the same preview job columns as `media_references`,
 * fetched by the same worker class, ADR 0022). Positions are 1…n per collection: unique
 * (checked at commit, so a move can shift the others inside one transaction) and kept dense
 * under the collection's row lock.
 */
export class Migration20261203100001Collections extends Migration {
  override async up(): Promise<void> {
    this.addSql(`CREATE TABLE collections (
      id uuid PRIMARY KEY,
      community_id uuid NOT NULL REFERENCES communities (id) ON DELETE CASCADE,
      region_id uuid NOT NULL,
      title text NOT NULL,
      description text NOT NULL DEFAULT '',
      description_html text NOT NULL DEFAULT '',
      created_by uuid NOT NULL,
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now()
    )`);
    this.addSql('CREATE INDEX collections_of_community ON collections (community_id, id DESC)');
    this.addSql('CREATE INDEX collections_of_region ON collections (region_id, id DESC)');
    this.addSql(`CREATE TABLE collection_items (
      id uuid PRIMARY KEY,
      collection_id uuid NOT NULL REFERENCES collections (id) ON DELETE CASCADE,
      type text NOT NULL CHECK (type IN ('title', 'media', 'conversation', 'activity', 'link')),
      ref text NOT NULL,
      title text NOT NULL DEFAULT '',
      note text NOT NULL DEFAULT '',
      position int NOT NULL CHECK (position >= 1),
      media_id uuid REFERENCES media_references (id) ON DELETE CASCADE,
      conversation_id uuid REFERENCES conversations (id) ON DELETE CASCADE,
      added_by uuid NOT NULL,
      added_at timestamptz NOT NULL DEFAULT now(),
      UNIQUE (collection_id, type, ref),
      CONSTRAINT collection_items_position UNIQUE (collection_id, position) DEFERRABLE INITIALLY DEFERRED
    )`);
    this.addSql('CREATE INDEX collection_items_media ON collection_items (media_id) WHERE media_id IS NOT NULL');
    this.addSql('CREATE INDEX collection_items_conversation ON collection_items (conversation_id) WHERE conversation_id IS NOT NULL');
    this.addSql(`CREATE TABLE collection_links (
      id uuid PRIMARY KEY REFERENCES collection_items (id) ON DELETE CASCADE,
      url text NOT NULL,
      kind text NOT NULL DEFAULT 'website' CHECK (kind IN ('video', 'article', 'website', 'podcast')),
      kind_chosen boolean NOT NULL DEFAULT false,
      title text,
      description text,
      site_name text,
      image_url text,
      preview text NOT NULL DEFAULT 'pending' CHECK (preview IN ('pending', 'ready', 'failed')),
      fetched_at timestamptz,
      next_fetch_at timestamptz NOT NULL DEFAULT now(),
      attempts int NOT NULL DEFAULT 0,
      lease_until timestamptz,
      last_error text
    )`);
    this.addSql('CREATE INDEX collection_links_due ON collection_links (next_fetch_at)');
  }
}
