import { MikroORM } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';
import { Injectable } from '@nestjs/common';
import { SuggestionsProposed, type Suggestion } from '@kc/contracts';
import { EventOutbox } from '@kc/messaging';
import { sqlRows } from '@kc/persistence';
import { suggestTitles } from './engine';


/** Not stored yet (the event's transaction has not committed): the job is retried. */
export class SuggestionRequestNotYetStored extends Error {}

export const SUGGESTIONS_PER_CONVERSATION = 5;

interface PendingRequest {
  id: string;
  regionId: string;
  communityId: string;
  title: string;
  body: string;
  eventId: string;
  correlationId: string;
  /** Titles members added to the conversation or dismissed: never proposed again. */
  exclude: string[];
  /** A newer revision of the conversation is requested: this one is not computed (the debounce). */
  superseded: boolean;
}

/**
 * Turns a pending suggestion request into ranked titles of its own region: asks the engine,
 * keeps only titles of the request's region, and stores them together with SuggestionsProposed
 * (outbox) and the request's `done` status in one transaction.
 */
@Injectable()
export class SuggestionService {
  constructor(private readonly orm: MikroORM, private readonly outbox: EventOutbox) {}

  async compute(conversationId: string, revision: number): Promise<void> {
    const em = this.orm.em.fork() as EntityManager;
    const request = await this.claimAttempt(em, conversationId, revision);
    if (!request || request.superseded) return;
    const excluded = new Set(request.exclude);
    const ranked = (await suggestTitles(this.orm.em.fork() as EntityManager, { regionId: request.regionId, title: request.title, body: request.body }, SUGGESTIONS_PER_CONVERSATION + excluded.size))
      .filter((s) => !excluded.has(s.titleId));

    await this.orm.em.fork().transactional(async (tx) => {
      const t = tx as EntityManager;
      // Finishes the request only while it is still pending (another run may have finished it
      // meanwhile) and learns, in the same statement, which proposed titles are the region's own:
      // tenancy holds here whatever the engine does.
      const [finished] = await sqlRows<{ own: string[] }>(
        t,
        `UPDATE suggestion_requests SET status = 'done', last_error = NULL, completed_at = now(), updated_at = now()
          WHERE id = $1 AND status = 'pending'
          RETURNING ARRAY(SELECT id::text FROM titles WHERE region_id = $2 AND id = ANY($3::uuid[])) AS own`,
        [request.id, request.regionId, ranked.map((s) => s.titleId)],
      );
      if (!finished) return;
      const own = new Set(finished.own);
      const suggestions: Suggestion[] = ranked
        .filter((s) => own.has(s.titleId))
        .slice(0, SUGGESTIONS_PER_CONVERSATION)
        .map((s) => ({ titleId: s.titleId, title: s.title, authors: s.authors, year: s.year, isbn: s.isbn, subjects: s.subjects, reason: s.reason, score: s.score }));
      // A pending request has no stored suggestions (they are only ever written together with `done`).
      if (suggestions.length) {
        await sqlRows(
          t,
          `INSERT INTO suggestions (request_id, rank, title_id, region_id, reason, score)
           SELECT $1::uuid, r.rank, r.title_id, $2::uuid, r.reason, r.score
             FROM jsonb_to_recordset($3::jsonb) AS r(rank int, title_id uuid, reason text, score double precision)`,
          [request.id, request.regionId, JSON.stringify(suggestions.map((s, i) => ({ rank: i + 1, title_id: s.titleId, reason: s.reason, score: s.score ?? null })))],
        );
      }
      await this.outbox.record(t, SuggestionsProposed, { conversationId, communityId: request.communityId, revision, suggestions }, {
        region: request.regionId, actor: null, correlationId: request.correlationId, causationId: request.eventId,
      });
    });
  }

  /**
   * Counts an attempt of a pending request and reads it, in one statement; null when it is done,
   * failed or superseded already. The debounce: when the conversation grew again while this
   * revision waited (a newer request exists), the request becomes `superseded` instead, and
   * only the newest revision is computed.
   */
  private async claimAttempt(em: EntityManager, conversationId: string, revision: number): Promise<PendingRequest | null> {
    const [request] = await sqlRows<PendingRequest>(
      em,
      `WITH newer AS (SELECT EXISTS (SELECT 1 FROM suggestion_requests WHERE conversation_id = $1 AND revision > $2) AS found)
       UPDATE suggestion_requests r
          SET attempts = r.attempts + 1, updated_at = now(),
              status = CASE WHEN newer.found THEN 'superseded' ELSE r.status END,
              completed_at = CASE WHEN newer.found THEN now() ELSE r.completed_at END
         FROM newer
        WHERE r.conversation_id = $1 AND r.revision = $2 AND r.status = 'pending'
        RETURNING r.id, r.region_id AS "regionId", r.community_id AS "communityId", r.title, r.body, r.exclude::text[] AS exclude,
                  r.event_id AS "eventId", r.correlation_id AS "correlationId", newer.found AS superseded`,
      [conversationId, revision],
    );
    if (request) return request;
    const [stored] = await sqlRows(em, 'SELECT 1 FROM suggestion_requests WHERE conversation_id = $1 AND revision = $2', [conversationId, revision]);
    if (!stored) throw new SuggestionRequestNotYetStored(`suggestion request ${conversationId}@${revision} is not stored yet`);
    return null;
  }

  async recordFailure(conversationId: string, revision: number, reason: string, final: boolean): Promise<void> {
    await (this.orm.em.fork() as EntityManager).execute(
      `UPDATE suggestion_requests SET last_error = ?, status = CASE WHEN ? THEN 'failed' ELSE status END, updated_at = now()
        WHERE conversation_id = ? AND revision = ? AND status = 'pending'`,
      [reason.slice(0, 2000), final, conversationId, revision],
    );
  }
}
