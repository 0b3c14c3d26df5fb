import { EntityManager } from '@mikro-orm/postgresql';
import { Inject, Injectable, type OnApplicationBootstrap } from '@nestjs/common';
import { sqlRows } from '@kc/persistence';
import type { Logger } from 'pino';
import { CATALOGUE_LOGGER } from '../tokens';
import { readVocabulary, type Vocabulary } from './brinkman.vocabulary';

const LOAD_LOCK = "hashtext('kc:catalogue:thesaurus')";

/** What JavaScript's `\s` and `trim()` count as white space, spelled out: PostgreSQL's `\s` depends on the database's locale. */
const SPACE = String.raw`\t\n\v\f\r \u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000\ufeff`;

/**
 * The reading rules, in PostgreSQL: the file's bytes ($2, UTF-8) split into lines; blank lines
 * skipped; every other line `<http(s) uri>` TAB label (a trailing CR dropped), the label composed
 * (NFC: 652 labels of the file are decomposed, 'i' + combining diaeresis; stored as people type
 * them), each run of white space one space, trimmed; a repeated (uri, label) pair once. One
 * statement: the terms never pass through the catalogue's heap (14,737 of them as JavaScript
 * objects left ~30 MB behind in an idle process). A malformed line inserts nothing and comes back
 * as `bad_line`/`bad_text`, so the caller fails the transaction with the line number.
 */
const STORE_TERMS = String.raw`
  WITH line AS (
    SELECT n, l, entry, entry ~ '^<https?://[^<>${SPACE}]+>\t[^\n\r\u2028\u2029]+$' AS well_formed
    FROM string_to_table(convert_from($2::bytea, 'UTF8'), E'\n') WITH ORDINALITY AS t(l, n),
         LATERAL (SELECT CASE WHEN right(l, 1) = E'\r' THEN left(l, -1) ELSE l END AS entry) AS without_cr
    WHERE l !~ '^[${SPACE}]*$'
  ), term AS (
    SELECT n, l, substr(entry, 2, position(E'\t' IN entry) - 3) AS uri, substr(entry, position(E'\t' IN entry) + 1) AS written
    FROM line WHERE well_formed
  ), label AS (
    SELECT n, l, uri, btrim(regexp_replace(CASE WHEN written IS NFC NORMALIZED THEN written ELSE normalize(written, NFC) END, '[${SPACE}]+', ' ', 'g'), ' ') AS label
    FROM term
  ), bad AS (
    SELECT n, l FROM (SELECT n, l FROM line WHERE NOT well_formed UNION ALL SELECT n, l FROM label WHERE label = '') AS b ORDER BY n LIMIT 1
  ), stored AS (
    INSERT INTO thesaurus_terms (vocabulary, uri, label, words)
    SELECT $1::text, uri, label, kc_thesaurus_words(label) FROM (SELECT DISTINCT uri, label FROM label) AS t
    WHERE NOT EXISTS (SELECT FROM bad)
    RETURNING 1
  )
  SELECT (SELECT count(*) FROM stored)::int AS terms, (SELECT n FROM bad)::int AS bad_line, (SELECT l FROM bad) AS bad_text`;

export type LoadOutcome = 'loaded' | 'unchanged';

/**
 * Puts the shipped vocabulary into the database at start, before the catalogue answers any
 * request (ADR 0041). Replicas starting together serialise on an advisory lock; whoever comes
 * second finds the same SHA-256 recorded and changes nothing. A changed file replaces the
 * vocabulary's terms in one transaction, so a reader sees the old set or the new one, never half.
 */
@Injectable()
export class ThesaurusLoader implements OnApplicationBootstrap {
  constructor(
    private readonly em: EntityManager,
    @Inject(CATALOGUE_LOGGER) private readonly logger: Logger,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    await this.load(readVocabulary());
  }

  async load(vocabulary: Vocabulary): Promise<LoadOutcome> {
    const started = performance.now();
    let terms: number | undefined;
    const outcome = await this.em.fork().transactional(async (tx): Promise<LoadOutcome> => {
      await tx.execute(`SELECT pg_advisory_xact_lock(${LOAD_LOCK})`);
      const [recorded] = await tx.execute<{ sha256: string }[]>('SELECT sha256 FROM thesaurus_vocabularies WHERE vocabulary = ?', [vocabulary.name]);
      if (recorded?.sha256 === vocabulary.sha256) return 'unchanged';
      await tx.execute('DELETE FROM thesaurus_terms WHERE vocabulary = ?', [vocabulary.name]);
      const [stored] = await sqlRows<{ terms: number; bad_line: number | null; bad_text: string | null }>(tx, STORE_TERMS, [vocabulary.name, vocabulary.content]);
      // A broken shipped file is a build fault: the start fails, and the transaction leaves the stored terms as they were.
      if (stored!.bad_line !== null) throw new Error(`${vocabulary.file}:${stored!.bad_line}: expected <uri> TAB label, found ${JSON.stringify(stored!.bad_text!.slice(0, 80))}`);
      terms = stored!.terms;
      await tx.execute(
        `INSERT INTO thesaurus_vocabularies (vocabulary, sha256, terms, loaded_at) VALUES (?, ?, ?, now())
         ON CONFLICT (vocabulary) DO UPDATE SET sha256 = excluded.sha256, terms = excluded.terms, loaded_at = excluded.loaded_at`,
        [vocabulary.name, vocabulary.sha256, terms],
      );
      return 'loaded';
    });
    this.logger.info({ vocabulary: vocabulary.name, ...(terms === undefined ? {} : { terms }), outcome, ms: Math.round(performance.now() - started) }, `thesaurus ${vocabulary.name} ${outcome}`);
    return outcome;
  }
}
