import { Migration } from '@mikro-orm/migrations';

/**
 * Thesaurus vocabularies the catalogue owns (ADR 0041), first the Brinkman subject headings:
 * one row per (uri, label), with `words` the label folded for matching as someone types
 * (lower case, diacritics removed, every run of other characters one space, a leading space so
 * that `LIKE ' ' || q || '%'` is a whole-label prefix and `LIKE '% ' || q || '%'` a word
 * prefix). A trigram index serves both and the infix match; the rows are written at start by
 * {@link ThesaurusLoader}, which records what it loaded in `thesaurus_vocabularies`.
 */
export class Migration20261203000100Thesaurus extends Migration {
  override async up(): Promise<void> {
    this.addSql(`CREATE FUNCTION kc_thesaurus_words(p_text text)
      RETURNS text LANGUAGE sql STABLE PARALLEL SAFE
      SET search_path = public, pg_catalog AS $$
        SELECT ' ' || btrim(regexp_replace(lower(unaccent(p_text)), '[^[:alnum:]]+', ' ', 'g'))
      $$`);
    this.addSql(`CREATE TABLE thesaurus_terms (
      vocabulary text NOT NULL,
      uri text NOT NULL,
      label text NOT NULL,
      words text NOT NULL,
      PRIMARY KEY (vocabulary, uri, label)
    )`);
    this.addSql('CREATE INDEX thesaurus_terms_words_trgm_idx ON thesaurus_terms USING gin (words gin_trgm_ops)');
    this.addSql(`CREATE TABLE thesaurus_vocabularies (
      vocabulary text PRIMARY KEY,
      sha256 text NOT NULL,
      terms int NOT NULL,
      loaded_at timestamptz NOT NULL DEFAULT now()
    )`);
  }
}
