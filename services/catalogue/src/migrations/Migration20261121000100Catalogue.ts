import { Migration } from '@mikro-orm/migrations';

/**
 * The catalogue's own tables: the regions projection (from identity's RegionCreated), the
 * titles of every region with a Dutch full-text vector, the imports, and the suggestion
 * requests with their results.
 */
export class Migration20261121000100Catalogue extends Migration {
  override async up(): Promise<void> {
    this.addSql('CREATE EXTENSION IF NOT EXISTS unaccent');
    this.addSql('CREATE EXTENSION IF NOT EXISTS pg_trgm');
    // Dutch stemming on accent-free words: "financiële" and "financiele" meet.
    this.addSql(`DO $$ BEGIN
      IF NOT EXISTS (SELECT 1 FROM pg_ts_config WHERE cfgname = 'nl_unaccent') THEN
        CREATE TEXT SEARCH CONFIGURATION nl_unaccent (COPY = dutch);
        ALTER TEXT SEARCH CONFIGURATION nl_unaccent ALTER MAPPING FOR hword, hword_part, word WITH unaccent, dutch_stem;
      END IF;
    END $$`);
    // array_to_string is only STABLE; a generated column needs an IMMUTABLE expression (true for text[]).
    this.addSql(`CREATE FUNCTION kc_catalogue_search_vector(p_title text, p_subjects text[], p_authors text[], p_summary text)
      RETURNS tsvector LANGUAGE sql IMMUTABLE PARALLEL SAFE
      SET search_path = public, pg_catalog AS $$
        SELECT setweight(to_tsvector('nl_unaccent', coalesce(p_title, '')), 'A')
            || setweight(to_tsvector('nl_unaccent', coalesce(array_to_string(p_subjects, ' ; '), '')), 'B')
            || setweight(to_tsvector('nl_unaccent', coalesce(array_to_string(p_authors, ' ; '), '')), 'C')
            || setweight(to_tsvector('nl_unaccent', coalesce(p_summary, '')), 'D')
      $$`);

    this.addSql(`CREATE TABLE regions (
      id uuid PRIMARY KEY,
      slug text NOT NULL UNIQUE,
      name text NOT NULL,
      created_at timestamptz NOT NULL DEFAULT now()
    )`);

    this.addSql(`CREATE TABLE titles (
      id uuid PRIMARY KEY,
      region_id uuid NOT NULL,
      source_id text NOT NULL,
      title text NOT NULL,
      authors text[] NOT NULL DEFAULT '{}',
      year int,
      isbn text,
      subjects text[] NOT NULL DEFAULT '{}',
      summary text,
      language text,
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now(),
      search tsvector GENERATED ALWAYS AS (kc_catalogue_search_vector(title, subjects, authors, summary)) STORED,
      CONSTRAINT titles_region_source_unique UNIQUE (region_id, source_id)
    )`);
    this.addSql('CREATE INDEX titles_search_idx ON titles USING gin (search)');
    this.addSql('CREATE INDEX titles_title_trgm_idx ON titles USING gin (lower(title) gin_trgm_ops)');

    this.addSql(`CREATE TABLE catalogue_imports (
      id uuid PRIMARY KEY,
      region_id uuid NOT NULL,
      object_name text NOT NULL,
      format text NOT NULL CHECK (format IN ('marcxml', 'marc21')),
      status text NOT NULL DEFAULT 'queued' CHECK (status IN ('queued', 'running', 'completed', 'failed')),
      imported int NOT NULL DEFAULT 0,
      failed int NOT NULL DEFAULT 0,
      errors jsonb NOT NULL DEFAULT '[]'::jsonb,
      error_count int NOT NULL DEFAULT 0,
      attempts int NOT NULL DEFAULT 0,
      last_error text,
      requested_by uuid,
      correlation_id text NOT NULL,
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now(),
      started_at timestamptz,
      finished_at timestamptz
    )`);
    this.addSql('CREATE INDEX catalogue_imports_unfinished_idx ON catalogue_imports (updated_at) WHERE status IN (\'queued\', \'running\')');

    this.addSql(`CREATE TABLE suggestion_requests (
      id uuid PRIMARY KEY,
      conversation_id uuid NOT NULL,
      community_id uuid NOT NULL,
      region_id uuid NOT NULL,
      revision int NOT NULL,
      title text NOT NULL,
      body text NOT NULL,
      status text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'done', 'failed')),
      attempts int NOT NULL DEFAULT 0,
      last_error text,
      event_id uuid NOT NULL,
      correlation_id text NOT NULL,
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now(),
      completed_at timestamptz,
      CONSTRAINT suggestion_requests_conversation_revision_unique UNIQUE (conversation_id, revision)
    )`);
    this.addSql('CREATE INDEX suggestion_requests_pending_idx ON suggestion_requests (updated_at) WHERE status = \'pending\'');

    this.addSql(`CREATE TABLE suggestions (
      request_id uuid NOT NULL REFERENCES suggestion_requests (id) ON DELETE CASCADE,
      rank int NOT NULL,
      title_id uuid NOT NULL REFERENCES titles (id) ON DELETE CASCADE,
      region_id uuid NOT NULL,
      reason text NOT NULL,
      score double precision,
      created_at timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY (request_id, rank)
    )`);
    this.addSql('CREATE INDEX suggestions_title_idx ON suggestions (title_id)');
  }
}
