import type { EntityManager } from '@mikro-orm/postgresql';
import { SuggestionsProposed, type Suggestion } from '@kc/contracts';
import { OUTBOX_INSERT_COLUMNS, type EventOutbox } from '@kc/messaging';
import { sqlRows } from '@kc/persistence';

export interface FinishedRequest {
  id: string;
  regionId: string;
  communityId: string;
  conversationId: string;
  revision: number;
  eventId: string;
  correlationId: string;
}

export interface FinishOutcome {
  /** False when the request was no longer pending (another run finished it meanwhile). */
  finished: boolean;
  /** Proposed titles that are not the request's region's own: when there are any, nothing was written. */
  foreign: string[];
}

/**
 * Finishes a pending request in one statement, which is a transaction of its own: status `done`,
 * the suggestions in their order, and SuggestionsProposed in the outbox. Nothing is written when
 * the request is no longer pending, or when a proposed title is not a title of the request's
 * region: tenancy holds here whatever the engine does, and the caller proposes again without
 * the foreign titles.
 */
export async function finishSuggestionRequest(em: EntityManager, outbox: EventOutbox, request: FinishedRequest, suggestions: Suggestion[]): Promise<FinishOutcome> {
  const proposedEvent = outbox.prepare(SuggestionsProposed, {
    conversationId: request.conversationId, communityId: request.communityId, revision: request.revision, suggestions,
  }, { region: request.regionId, actor: null, correlationId: request.correlationId, causationId: request.eventId });
  const proposed = suggestions.map((s, i) => ({ rank: i + 1, title_id: s.titleId, reason: s.reason, score: s.score ?? null }));
  const [outcome] = await sqlRows<{ finished: boolean; foreign: string[] }>(
    em,
    `WITH proposed AS (SELECT * FROM jsonb_to_recordset($3::jsonb) AS p(rank int, title_id uuid, reason text, score double precision)),
          foreign_titles AS (SELECT p.title_id FROM proposed p WHERE NOT EXISTS (SELECT 1 FROM titles t WHERE t.id = p.title_id AND t.region_id = $2)),
          finished AS (
            UPDATE suggestion_requests SET status = 'done', last_error = NULL, completed_at = now(), updated_at = now()
             WHERE id = $1 AND status = 'pending' AND NOT EXISTS (SELECT 1 FROM foreign_titles)
             RETURNING id),
          stored AS (
            INSERT INTO suggestions (request_id, rank, title_id, region_id, reason, score)
            SELECT f.id, p.rank, p.title_id, $2::uuid, p.reason, p.score FROM finished f CROSS JOIN proposed p),
          announced AS (INSERT INTO ${OUTBOX_INSERT_COLUMNS} SELECT $4::uuid, $5, $6::jsonb FROM finished)
     SELECT EXISTS (SELECT 1 FROM finished) AS finished, ARRAY(SELECT title_id::text FROM foreign_titles) AS foreign`,
    [request.id, request.regionId, JSON.stringify(proposed), ...proposedEvent.row],
  );
  return outcome!;
}
