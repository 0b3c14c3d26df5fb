import { Migration } from '@mikro-orm/migrations';

/**
 * The projections search needs to decide visibility (regions, communities, memberships) and
 * the PostgreSQL full-text index: a Dutch text search configuration that folds diacritics
 * (`nl_unaccent`), a weighted tsvector (title A, body B) and a trigram index for typos.
 */
export class Migration20261121300001SearchIndex extends Migration {
  override async up(): Promise<void> {
    this.addSql('CREATE EXTENSION IF NOT EXISTS unaccent');
    this.addSql('CREATE EXTENSION IF NOT EXISTS pg_trgm');
    // Text search configurations have no IF NOT EXISTS: guard it (the database may be shared or restored).
    this.addSql(`DO $$
      BEGIN
        IF NOT EXISTS (SELECT 1 FROM pg_ts_config WHERE cfgname = 'nl_unaccent' AND cfgnamespace = 'public'::regnamespace) THEN
          CREATE TEXT SEARCH CONFIGURATION public.nl_unaccent (COPY = pg_catalog.dutch);
          ALTER TEXT SEARCH CONFIGURATION public.nl_unaccent
            ALTER MAPPING FOR hword, hword_part, word WITH unaccent, dutch_stem;
        END IF;
      END $$`);

    this.addSql(`CREATE TABLE search_regions (
      id uuid PRIMARY KEY,
      slug text NOT NULL UNIQUE,
      name text NOT NULL
    )`);
    this.addSql(`CREATE TABLE search_communities (
      id uuid PRIMARY KEY,
      region_id uuid NOT NULL,
      visibility text NOT NULL CHECK (visibility IN ('public', 'members'))
    )`);
    this.addSql(`CREATE TABLE search_memberships (
      account_id uuid NOT NULL,
      community_id uuid NOT NULL,
      role text NOT NULL CHECK (role IN ('organiser', 'member')),
      PRIMARY KEY (account_id, community_id)
    )`);

    this.addSql(`CREATE TABLE search_documents (
      id uuid PRIMARY KEY,
      type text NOT NULL CHECK (type IN ('community', 'conversation', 'activity')),
      region_id uuid,
      community_id uuid NOT NULL,
      visibility text NOT NULL CHECK (visibility IN ('public', 'members')),
      title text NOT NULL,
      body text NOT NULL,
      updated_at timestamptz NOT NULL,
      folded text NOT NULL,
      document tsvector GENERATED ALWAYS AS (
        setweight(to_tsvector('public.nl_unaccent'::regconfig, title), 'A') ||
        setweight(to_tsvector('public.nl_unaccent'::regconfig, body), 'B')
      ) STORED
    )`);
    this.addSql('CREATE INDEX search_documents_document ON search_documents USING gin (document)');
    this.addSql('CREATE INDEX search_documents_folded_trgm ON search_documents USING gin (folded gin_trgm_ops)');
    this.addSql('CREATE INDEX search_documents_region ON search_documents (region_id, visibility)');
    this.addSql('CREATE INDEX search_documents_community ON search_documents (community_id)');
  }
}
