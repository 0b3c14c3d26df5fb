import { Migration } from '@mikro-orm/migrations';

/**
 * Suggestion engine storage, on top of the catalogue's `titles` table and its `nl_unaccent`
 * text search configuration (both created by the catalogue migrations, which sort before
 * these).
 *
 * - `titles.suggestion_document`: one tsvector per title with the field in the weight label
 *   (A = title, B = subject headings, D = summary), generated, so every write of the import
 *   pipeline keeps it current. Candidates are retrieved with a tsquery on it.
 * - `titles.suggestion_lengths`: [title, subjects, summary] token counts, for BM25F length
 *   normalisation.
 * - `suggestion_term_stats` / `suggestion_region_stats`: per-region document frequencies and
 *   average field lengths, rebuilt by `refreshTermStatistics` after each import.
 */
export class Migration20261121000200SuggestionDocument extends Migration {
  override async up(): Promise<void> {
    // btree_gin: one GIN index on (region_id, document) so a region's lookup never walks
    // another region's postings.
    this.addSql('CREATE EXTENSION IF NOT EXISTS btree_gin');
    // IMMUTABLE is true for a fixed configuration; search_path pinned so restores and
    // generated-column recomputation resolve `nl_unaccent` the same way.
    this.addSql(`CREATE FUNCTION kc_suggestion_document(p_title text, p_subjects text[], p_summary text)
      RETURNS tsvector LANGUAGE sql IMMUTABLE PARALLEL SAFE
      SET search_path = public, pg_catalog AS $$
        SELECT setweight(to_tsvector('nl_unaccent', coalesce(p_title, '')), 'A')
            || setweight(to_tsvector('nl_unaccent', coalesce(array_to_string(p_subjects, ' ; '), '')), 'B')
            || setweight(to_tsvector('nl_unaccent', coalesce(p_summary, '')), 'D')
      $$`);
    this.addSql(`CREATE FUNCTION kc_suggestion_lengths(p_document tsvector)
      RETURNS int[] LANGUAGE sql IMMUTABLE PARALLEL SAFE
      SET search_path = public, pg_catalog AS $$
        SELECT ARRAY[
          count(*) FILTER (WHERE w = 'A')::int,
          count(*) FILTER (WHERE w = 'B')::int,
          count(*) FILTER (WHERE w = 'D')::int]
        FROM unnest(p_document) u, unnest(u.weights) w
      $$`);
    this.addSql(`ALTER TABLE titles
      ADD COLUMN suggestion_document tsvector
        GENERATED ALWAYS AS (kc_suggestion_document(title, subjects, summary)) STORED,
      ADD COLUMN suggestion_lengths int[]
        GENERATED ALWAYS AS (kc_suggestion_lengths(kc_suggestion_document(title, subjects, summary))) STORED`);
    this.addSql('CREATE INDEX titles_suggestion_document_idx ON titles USING gin (region_id, suggestion_document)');
    this.addSql(`CREATE TABLE suggestion_term_stats (
      region_id uuid NOT NULL,
      lexeme text NOT NULL,
      df int NOT NULL CHECK (df > 0),
      PRIMARY KEY (region_id, lexeme)
    )`);
    this.addSql(`CREATE TABLE suggestion_region_stats (
      region_id uuid PRIMARY KEY,
      doc_count int NOT NULL,
      avg_title_len real NOT NULL,
      avg_subjects_len real NOT NULL,
      avg_summary_len real NOT NULL,
      refreshed_at timestamptz NOT NULL DEFAULT now()
    )`);
  }

  override async down(): Promise<void> {
    this.addSql('DROP TABLE IF EXISTS suggestion_region_stats');
    this.addSql('DROP TABLE IF EXISTS suggestion_term_stats');
    this.addSql('DROP INDEX IF EXISTS titles_suggestion_document_idx');
    this.addSql('ALTER TABLE titles DROP COLUMN IF EXISTS suggestion_lengths, DROP COLUMN IF EXISTS suggestion_document');
    this.addSql('DROP FUNCTION IF EXISTS kc_suggestion_lengths(tsvector)');
    this.addSql('DROP FUNCTION IF EXISTS kc_suggestion_document(text, text[], text)');
  }
}

/**
 * Suggestions that learn (`feedback.ts`): a row per title that members added to (+1) or
 * dismissed from (-1) a conversation, with the lexemes that describe that conversation; a GIN
 * index finds the rows that share a lexeme with a new conversation.
 */
export class Migration20261202100002SuggestionFeedback extends Migration {
  override async up(): Promise<void> {
    this.addSql(`CREATE TABLE suggestion_feedback (
      region_id uuid NOT NULL,
      conversation_id uuid NOT NULL,
      title_id uuid NOT NULL,
      signal smallint NOT NULL CHECK (signal IN (-1, 1)),
      lexemes text[] NOT NULL,
      given_at timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY (conversation_id, title_id)
    )`);
    this.addSql('CREATE INDEX suggestion_feedback_lexemes_idx ON suggestion_feedback USING gin (region_id, lexemes)');
  }

  override async down(): Promise<void> {
    this.addSql('DROP TABLE IF EXISTS suggestion_feedback');
  }
}

/** In order; the catalogue's migration list appends these after its own. */
export const suggestionEngineMigrations = [
  { name: 'Migration20261121000200SuggestionDocument', class: Migration20261121000200SuggestionDocument },
];
/** Engine storage added later: the catalogue's list appends these after its later migrations. */
export const laterSuggestionEngineMigrations = [
  { name: 'Migration20261202100002SuggestionFeedback', class: Migration20261202100002SuggestionFeedback },
];
