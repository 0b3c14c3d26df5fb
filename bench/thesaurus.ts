// Brinkman suggestions as someone types (ADR 0041): the catalogue's ThesaurusService on its own
// database with the shipped vocabulary (14,737 headings, services/catalogue/data/brinkman), for
// every prefix (from 2 characters) of words people type into Mijn profiel, with the trigram index
// and, in the same run, without it (sequential scan) as the baseline; plus loading the file once
// and a start that finds it loaded.
//
//   npm run bench -- thesaurus
//   env: DATABASE_URL_BASE (default postgres://postgres@127.0.0.1:5432), ROUNDS=5
import type { EntityManager } from '@mikro-orm/postgresql';
import { createLogger } from '@kc/observability';
import { dropDatabase } from '@kc/persistence';
import { openCatalogueDatabase } from '../services/catalogue/test/suggestion-engine.fixtures';
import { readVocabulary } from '../services/catalogue/src/thesaurus/brinkman.vocabulary';
import { ThesaurusLoader } from '../services/catalogue/src/thesaurus/thesaurus.loader';
import { ThesaurusService } from '../services/catalogue/src/thesaurus/thesaurus.service';

const TYPED = [
  'eenzaamheid', 'duurzaam bouwen', 'zonnepanelen', 'mantelzorg', 'energiearmoede', 'buurtinitiatieven', 'digitale vaardigheden', 'warmtepompen',
  'moestuinieren', 'opvoeding', 'klimaatverandering', 'biodiversiteit', 'atheïsme', 'ouderen ; huisvesting', 'fietsen repareren', 'Excel',
];
/** What a person typing sends: every prefix of 2 characters or more. */
const QUERIES = TYPED.flatMap((word) => Array.from({ length: word.length - 1 }, (_, i) => word.slice(0, i + 2)));

const stats = (ms: number[]) => {
  const sorted = [...ms].sort((a, b) => a - b);
  const at = (p: number) => Math.round(sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]! * 100) / 100;
  return { p50: at(50), p95: at(95), max: at(100) };
};

/** `npm run bench -- thesaurus`: the runner writes the result to bench/results/thesaurus.json. */
export async function run(): Promise<object> {
  const base = process.env.DATABASE_URL_BASE ?? 'postgres://postgres@127.0.0.1:5432';
  const rounds = Number(process.env.ROUNDS ?? 5);
  const dbName = `kc_bench_thesaurus_${process.pid}`;
  const orm = await openCatalogueDatabase(base, dbName);
  const em = orm.em as unknown as EntityManager;
  try {
    const t0 = performance.now();
    const vocabulary = readVocabulary();
    const t1 = performance.now();
    const loader = new ThesaurusLoader(em, createLogger('bench', 'silent'));
    await loader.load(vocabulary);
    const t2 = performance.now();
    await loader.load(vocabulary);
    const t3 = performance.now();
    await em.getConnection().execute('ANALYZE thesaurus_terms');
    const [{ terms }] = (await em.getConnection().execute<{ terms: number }[]>("SELECT terms FROM thesaurus_vocabularies WHERE vocabulary = 'brinkman'")) as [{ terms: number }];

    const service = new ThesaurusService(em);
    const measure = async () => {
      for (const q of QUERIES) await service.suggest('brinkman', q, 8); // warm-up, not measured
      const ms: number[] = [];
      for (let r = 0; r < rounds; r++) {
        for (const q of QUERIES) {
          const t = performance.now();
          await service.suggest('brinkman', q, 8);
          ms.push(performance.now() - t);
        }
      }
      return stats(ms);
    };
    const indexed = await measure();
    await em.getConnection().execute('DROP INDEX thesaurus_terms_words_trgm_idx');
    const sequential = await measure();
    return {
      postgres: '15 (local, 127.0.0.1)',
      terms,
      readFileMs: Math.round(t1 - t0),
      firstLoadMs: Math.round(t2 - t1),
      startWithSameFileMs: Math.round(t3 - t2),
      queries: QUERIES.length * rounds,
      note: 'per suggestion request: the folding query and the ranked match, two round trips to a local PostgreSQL, measured in the service (no NATS, no gateway)',
      withTrigramIndexMs: indexed,
      withoutIndexSequentialScanMs: sequential,
    };
  } finally {
    await orm.close(true);
    await dropDatabase(base, dbName);
  }
}
