import { EntityManager } from '@mikro-orm/postgresql';
import { Injectable } from '@nestjs/common';
import { v7 as uuidv7 } from 'uuid';
import type { Suggestion } from '@kc/contracts';
import type { MappedTitle } from '../marc/marc-mapping';
import { suggestTitles } from '../suggestion/engine';
import type { TitleRow } from './title.responses';

const COLUMNS = 'id, region_id, title, authors, year, isbn, subjects, summary, language';

@Injectable()
export class TitleService {
  constructor(private readonly em: EntityManager) {}

  /**
   * Ranked Dutch full-text search in one region (`websearch_to_tsquery('nl_unaccent', q)`,
   * weights title A, subjects B, authors C, summary D); when that finds nothing, trigram
   * similarity on the title catches typos. The region is always part of the WHERE clause.
   */
  async search(regionId: string, q: string, limit: number): Promise<TitleRow[]> {
    const em = this.em.fork();
    const ranked = await em.execute<TitleRow[]>(
      `SELECT ${COLUMNS}
         FROM titles, websearch_to_tsquery('nl_unaccent', ?) query
        WHERE region_id = ? AND search @@ query
        ORDER BY ts_rank_cd(search, query, 32) DESC, title, id
        LIMIT ?`,
      [q, regionId, limit],
    );
    if (ranked.length) return ranked;
    // Typos: trigram similarity of the whole title, then of its best-matching words.
    const similar = await em.execute<TitleRow[]>(
      `SELECT ${COLUMNS}
         FROM titles
        WHERE region_id = ? AND lower(title) % lower(?)
        ORDER BY similarity(lower(title), lower(?)) DESC, title, id
        LIMIT ?`,
      [regionId, q, q, limit],
    );
    if (similar.length) return similar;
    return em.execute<TitleRow[]>(
      `SELECT ${COLUMNS}
         FROM titles
        WHERE region_id = ? AND lower(?) <% lower(title)
        ORDER BY word_similarity(lower(?), lower(title)) DESC, title, id
        LIMIT ?`,
      [regionId, q, q, limit],
    );
  }

  /** One title of a region, or null (the region is part of the WHERE clause). */
  async get(regionId: string, id: string): Promise<TitleRow | null> {
    const [row] = await this.em.fork().execute<TitleRow[]>(`SELECT ${COLUMNS} FROM titles WHERE id = ? AND region_id = ?`, [id, regionId]);
    return row ?? null;
  }

  /**
   * Inserts or updates a batch of a region's titles by `(region_id, source_id)`, inside the
   * caller's transaction. Within a batch the last record with a source id wins.
   */
  async upsertBatch(em: EntityManager, regionId: string, titles: MappedTitle[]): Promise<void> {
    if (!titles.length) return;
    const bySource = new Map<string, MappedTitle>();
    for (const t of titles) bySource.set(t.sourceId, t);
    const rows = [...bySource.values()].map((t) => ({ id: uuidv7(), source_id: t.sourceId, title: t.title, authors: t.authors, year: t.year, isbn: t.isbn, subjects: t.subjects, summary: t.summary, language: t.language }));
    await em.execute(
      `INSERT INTO titles (id, region_id, source_id, title, authors, year, isbn, subjects, summary, language)
       SELECT r.id, ?::uuid, r.source_id, r.title,
              ARRAY(SELECT jsonb_array_elements_text(r.authors)), r.year, r.isbn,
              ARRAY(SELECT jsonb_array_elements_text(r.subjects)), r.summary, r.language
         FROM jsonb_to_recordset(?::jsonb) AS r(id uuid, source_id text, title text, authors jsonb, year int, isbn text, subjects jsonb, summary text, language text)
       ON CONFLICT (region_id, source_id) DO UPDATE SET
         title = excluded.title, authors = excluded.authors, year = excluded.year, isbn = excluded.isbn,
         subjects = excluded.subjects, summary = excluded.summary, language = excluded.language, updated_at = now()`,
      [regionId, JSON.stringify(rows)],
    );
  }

  /** The engine's best titles of the region for a text, without `exclude` (asked for that many more, so the limit still holds). */
  async match(input: { regionId: string; title: string; body: string; limit: number; exclude: string[] }): Promise<Suggestion[]> {
    if (!input.title.trim() && !input.body.trim()) return [];
    const excluded = new Set(input.exclude);
    const ranked = await suggestTitles(this.em.fork(), { regionId: input.regionId, title: input.title, body: input.body }, input.limit + excluded.size);
    return ranked
      .filter((s) => !excluded.has(s.titleId))
      .slice(0, input.limit)
      .map(({ titleId, title, authors, year, isbn, subjects, reason, score }) => ({ titleId, title, authors, year, isbn, subjects, reason, score }));
  }
}
