import { randomUUID } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { MikroORM, type EntityManager } from '@mikro-orm/postgresql';
import { ensureDatabase, migrateWithLock, ormOptions, serviceDatabaseUrl } from '@kc/persistence';
import { catalogueMigrations } from '../src/migrations';
import { readMarcXml } from '../src/marc/marcxml-reader';
import { mapMarcRecord, type MappedTitle } from '../src/marc/marc-mapping';

export const DEMO_CATALOGUE = 'deploy/seed/demo-catalogue.marcxml';
export const EVAL_SET = 'services/catalogue/test/fixtures/suggestion-eval/conversations.json';

export interface EvalConversation {
  id: string;
  title: string;
  body: string;
  relevant: string[];
  /** the conversation's compounds share a part with a novel or another distractor's title */
  traps?: boolean;
}

/**
 * The demo catalogue's distractors (deploy/seed/generate-demo-catalogue.ts and its README):
 * cookbooks (kb), thrillers (th), travel guides (rg), English (en) and German (de) titles, the
 * long records stuffed with common words (lg) and the generated general collection (g*: travel
 * gr, history gh, hobbies gb, cooking gk, novels gn, general interest gi).
 */
export function isDistractor(sourceId: string): boolean {
  return /^kcdemo-(kb|th|rg|en|de|lg|g[a-z])\d/.test(sourceId);
}

/** A migrated catalogue database (the catalogue's migrations, which include the engine's). */
export async function openCatalogueDatabase(base: string, dbName: string): Promise<MikroORM> {
  await ensureDatabase(base, dbName);
  const options = ormOptions({ dbName, clientUrl: serviceDatabaseUrl(base, dbName), entities: [], migrations: catalogueMigrations, poolMax: 4 });
  const orm = await MikroORM.init({ ...options, discovery: { ...options.discovery, warnWhenNoEntities: false } });
  await migrateWithLock(orm);
  return orm;
}

/** The demo catalogue through the import pipeline's own MARCXML reader and mapping. */
export async function readDemoCatalogue(path = DEMO_CATALOGUE): Promise<MappedTitle[]> {
  const titles: MappedTitle[] = [];
  for await (const result of readMarcXml(createReadStream(path))) {
    if (result.kind !== 'record') throw new Error(`demo catalogue record ${result.n}: ${result.message}`);
    const mapped = mapMarcRecord(result.record);
    if (typeof mapped === 'string') throw new Error(mapped);
    titles.push(mapped);
  }
  return titles;
}

/** Inserts titles into a region in batches; returns source id → title id. */
export async function insertTitles(em: EntityManager, regionId: string, titles: readonly MappedTitle[], batch = 1000): Promise<Map<string, string>> {
  const ids = new Map<string, string>();
  for (let i = 0; i < titles.length; i += batch) {
    const rows = titles.slice(i, i + batch).map((t) => {
      const id = randomUUID();
      ids.set(t.sourceId, id);
      return { id, region_id: regionId, source_id: t.sourceId, title: t.title, authors: t.authors, year: t.year, isbn: t.isbn, subjects: t.subjects, summary: t.summary, language: t.language };
    });
    await em.getConnection().execute(
      `INSERT INTO titles (id, region_id, source_id, title, authors, year, isbn, subjects, summary, language)
       SELECT r.id, r.region_id, r.source_id, r.title, r.authors, r.year, r.isbn, r.subjects, r.summary, r.language
         FROM json_populate_recordset(NULL::titles, ?::json) r`,
      [JSON.stringify(rows)],
    );
  }
  return ids;
}

/**
 * The baseline the engine must beat: plain PostgreSQL ranking, `ts_rank` (default field
 * weights A 1.0, B 0.4, D 0.1) of an OR query of every lexeme of the conversation.
 */
export async function baselineSuggest(em: EntityManager, regionId: string, title: string, body: string, limit: number): Promise<string[]> {
  const rows = await em.getConnection().execute<Array<{ id: string }>>(
    `WITH q AS (
       SELECT (SELECT string_agg(quote_literal(u.lexeme), ' | ') FROM unnest(to_tsvector('nl_unaccent', ?)) u)::tsquery AS q)
     SELECT t.id FROM titles t, q
      WHERE q.q IS NOT NULL AND t.region_id = ? AND t.suggestion_document @@ q.q
      ORDER BY ts_rank(t.suggestion_document, q.q) DESC, t.source_id
      LIMIT ?`,
    [`${title}\n${body}`, regionId, limit],
  );
  return rows.map((r) => r.id);
}

/** hit@k and precision@k over ranked source ids. */
export function quality(runs: Array<{ ranked: string[]; relevant: string[] }>, k = 3): { hitAtK: number; precisionAtK: number; mrr: number } {
  let hits = 0;
  let precision = 0;
  let rr = 0;
  for (const { ranked, relevant } of runs) {
    const top = ranked.slice(0, k);
    const found = top.filter((id) => relevant.includes(id)).length;
    if (found > 0) hits += 1;
    precision += found / k;
    const first = ranked.findIndex((id) => relevant.includes(id));
    rr += first >= 0 ? 1 / (first + 1) : 0;
  }
  const n = Math.max(runs.length, 1);
  const round = (x: number) => Math.round((x / n) * 1000) / 1000;
  return { hitAtK: round(hits), precisionAtK: round(precision), mrr: round(rr) };
}
