import { EntityManager } from '@mikro-orm/postgresql';
import { Inject, Injectable, type OnApplicationBootstrap } from '@nestjs/common';
import type { Logger } from 'pino';
import { CATALOGUE_LOGGER } from '../tokens';
import { readVocabulary, type Vocabulary } from './brinkman.vocabulary';

const LOAD_LOCK = "hashtext('kc:catalogue:thesaurus')";
/** Rows per INSERT: 14,737 terms in a handful of statements, each well below PostgreSQL's parameter and message limits. */
const BATCH = 5000;

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
    const outcome = await this.em.fork().transactional(async (tx): Promise<LoadOutcome> => {
      await tx.execute(`SELECT pg_advisory_xact_lock(${LOAD_LOCK})`);
      const [stored] = await tx.execute<{ sha256: string }[]>('SELECT sha256 FROM thesaurus_vocabularies WHERE vocabulary = ?', [vocabulary.name]);
      if (stored?.sha256 === vocabulary.sha256) return 'unchanged';
      await tx.execute('DELETE FROM thesaurus_terms WHERE vocabulary = ?', [vocabulary.name]);
      for (let i = 0; i < vocabulary.terms.length; i += BATCH) {
        await tx.execute(
          `INSERT INTO thesaurus_terms (vocabulary, uri, label, words)
           SELECT ?, r.uri, r.label, kc_thesaurus_words(r.label) FROM jsonb_to_recordset(?::jsonb) AS r(uri text, label text)`,
          [vocabulary.name, JSON.stringify(vocabulary.terms.slice(i, i + BATCH))],
        );
      }
      await tx.execute(
        `INSERT INTO thesaurus_vocabularies (vocabulary, sha256, terms, loaded_at) VALUES (?, ?, ?, now())
         ON CONFLICT (vocabulary) DO UPDATE SET sha256 = excluded.sha256, terms = excluded.terms, loaded_at = excluded.loaded_at`,
        [vocabulary.name, vocabulary.sha256, vocabulary.terms.length],
      );
      return 'loaded';
    });
    // The terms are read (parsed) only when this version was not loaded yet.
    this.logger.info({ vocabulary: vocabulary.name, ...(outcome === 'loaded' ? { terms: vocabulary.terms.length } : {}), outcome, ms: Math.round(performance.now() - started) }, `thesaurus ${vocabulary.name} ${outcome}`);
    return outcome;
  }
}
