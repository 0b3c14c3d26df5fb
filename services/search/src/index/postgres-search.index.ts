import { EntityManager } from '@mikro-orm/postgresql';
import { sqlRows } from '@kc/persistence';
import type { SearchDocument, SearchDocumentType, SearchIndex, SearchIndexHit, SearchRequest, VisibilityFilter } from './search-index.port';
import { HIGHLIGHT_START, HIGHLIGHT_STOP } from './search-index.port';
import { leadOf, toSafeSnippet } from './search-text';

const ALL_TYPES: SearchDocumentType[] = ['community', 'conversation', 'activity', 'contribution', 'media', 'collection'];
const CONFIG = `'public.nl_unaccent'::regconfig`;
const HEADLINE_OPTIONS = `StartSel=${HIGHLIGHT_START}, StopSel=${HIGHLIGHT_STOP}, MaxWords=35, MinWords=12, MaxFragments=2, FragmentDelimiter=" … "`;

interface HitRow {
  id: string;
  type: SearchDocumentType;
  community_id: string;
  title: string;
  body: string;
  conversation_id: string | null;
  conversation_title: string | null;
  snippet: string | null;
  score: number | string;
}

/**
 * The embedded default: PostgreSQL full-text search with the `nl_unaccent` configuration
 * (Dutch stemming and stop words, diacritics folded). All words must match to rank first;
 * documents that match only some words follow (Dutch stemming keeps "wonen" and "woningen"
 * apart, a person does not). When nothing matches at all, trigram similarity finds typos.
 */
export class PostgresSearchIndex implements SearchIndex {
  readonly name = 'search-index';

  constructor(private readonly em: EntityManager) {}

  async upsert(doc: SearchDocument): Promise<void> {
    await sqlRows(
      this.em.fork(),
      `INSERT INTO search_documents (id, type, region_id, community_id, visibility, title, body, updated_at, folded, conversation_id, conversation_title, conversation_hidden, national)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, lower(public.unaccent($6 || ' ' || $7)), $9, $10, $11, $12)
       ON CONFLICT (id) DO UPDATE SET
         type = excluded.type, region_id = excluded.region_id, community_id = excluded.community_id,
         visibility = excluded.visibility, title = excluded.title, body = excluded.body,
         updated_at = excluded.updated_at, folded = excluded.folded,
         conversation_id = excluded.conversation_id, conversation_title = excluded.conversation_title,
         conversation_hidden = excluded.conversation_hidden, national = excluded.national
       WHERE search_documents.updated_at <= excluded.updated_at`,
      [doc.id, doc.type, doc.regionId, doc.communityId, doc.visibility, doc.title, doc.body, doc.updatedAt, doc.conversation?.id ?? null, doc.conversation?.title ?? null, doc.conversationHidden ?? false, doc.national ?? false],
    );
  }

  async remove(id: string): Promise<void> {
    await this.em.fork().execute('DELETE FROM search_documents WHERE id = ?', [id]);
  }

  async setConversationHidden(conversationId: string, hidden: boolean): Promise<void> {
    await this.em.fork().execute(
      'UPDATE search_documents SET conversation_hidden = ? WHERE conversation_id = ? AND conversation_hidden <> ?',
      [hidden, conversationId, hidden],
    );
  }

  async retitleConversation(conversationId: string, title: string): Promise<void> {
    await this.em.fork().execute('UPDATE search_documents SET conversation_title = ? WHERE conversation_id = ?', [title, conversationId]);
  }

  async search(request: SearchRequest, filter: VisibilityFilter): Promise<SearchIndexHit[]> {
    const hits = await this.fullText(request, filter);
    return hits.length ? hits : this.similar(request, filter);
  }

  async check(): Promise<void> {
    await this.em.fork().execute('SELECT 1 FROM search_documents LIMIT 1');
  }

  private async fullText(request: SearchRequest, filter: VisibilityFilter): Promise<SearchIndexHit[]> {
    const visible = visibilitySql(filter, request.types);
    const rows = await this.em.fork().execute<HitRow[]>(
      `WITH q AS (
         SELECT websearch_to_tsquery(${CONFIG}, ?) AS every_word,
                replace(plainto_tsquery(${CONFIG}, ?)::text, '&', '|')::tsquery AS any_word
       )
       SELECT d.id, d.type, d.community_id, d.title, d.body, d.conversation_id, d.conversation_title,
              ts_headline(${CONFIG}, d.body, q.any_word, '${HEADLINE_OPTIONS}') AS snippet,
              ts_rank_cd(d.document, q.any_word, 1) AS score
         FROM search_documents d, q
        WHERE numnode(q.any_word) > 0
          AND (d.document @@ q.every_word OR d.document @@ q.any_word)
          AND ${visible.sql}
        ORDER BY (d.document @@ q.every_word) DESC, score DESC, d.updated_at DESC, d.id
        LIMIT ?`,
      [request.text, positiveWords(request.text), ...visible.params, request.limit],
    );
    return rows.map((row) => toHit(row, row.snippet));
  }

  private async similar(request: SearchRequest, filter: VisibilityFilter): Promise<SearchIndexHit[]> {
    if (request.text.trim().length < 3) return [];
    const visible = visibilitySql(filter, request.types);
    const rows = await this.em.fork().execute<HitRow[]>(
      `WITH q AS (SELECT lower(public.unaccent(?)) AS text)
       SELECT d.id, d.type, d.community_id, d.title, d.body, d.conversation_id, d.conversation_title, NULL AS snippet, word_similarity(q.text, d.folded) AS score
         FROM search_documents d, q
        WHERE q.text <% d.folded
          AND ${visible.sql}
        ORDER BY score DESC, d.updated_at DESC, d.id
        LIMIT ?`,
      [positiveWords(request.text), ...visible.params, request.limit],
    );
    return rows.map((row) => toHit(row, null));
  }
}

function toHit(row: HitRow, snippet: string | null): SearchIndexHit {
  const text = snippet?.trim() || leadOf(row.body) || row.title;
  return {
    type: row.type, id: row.id, communityId: row.community_id, title: row.conversation_title ?? row.title, snippet: toSafeSnippet(text), score: Number(row.score),
    ...(row.conversation_id ? { conversationId: row.conversation_id } : {}),
  };
}

/** The words of a web-style query without its operators (quotes, `-word`, `or`). */
export function positiveWords(text: string): string {
  return text
    .replace(/"/g, ' ')
    .split(/\s+/)
    .filter((w) => w && !w.startsWith('-') && w.toLowerCase() !== 'or')
    .join(' ');
}

/** The visibility rule of {@link VisibilityFilter} as SQL over `d`, with its parameters. */
function visibilitySql(filter: VisibilityFilter, types: SearchDocumentType[] | undefined): { sql: string; params: unknown[] } {
  const memberIds = filter.member?.communityIds ?? [];
  return {
    sql: `d.type = ANY(string_to_array(?, ','))
      AND NOT d.conversation_hidden
      AND (
        (d.visibility = 'public' AND (?::uuid IS NULL OR d.region_id = ?::uuid OR d.region_id IS NULL OR d.national))
        OR (d.community_id = ANY(string_to_array(?, ',')::uuid[]) AND (d.visibility = 'public' OR d.national OR d.region_id = ?::uuid))
      )`,
    params: [
      (types?.length ? types : ALL_TYPES).join(','),
      filter.publicRegionId,
      filter.publicRegionId,
      memberIds.join(','),
      filter.member?.regionId ?? null,
    ],
  };
}
