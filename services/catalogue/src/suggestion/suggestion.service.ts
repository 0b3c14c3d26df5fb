import { MikroORM } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';
import { Inject, Injectable } from '@nestjs/common';
import type { Suggestion } from '@kc/contracts';
import { EventOutbox } from '@kc/messaging';
import type { Logger } from 'pino';
import { sqlRows } from '@kc/persistence';
import { CATALOGUE_LOGGER } from '../tokens';
import { suggestTitles } from './engine';
import { finishSuggestionRequest } from './suggestion-finish';


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
 * (outbox) and the request's `done` status in one statement (`finishSuggestionRequest`).
 */
@Injectable()
export class SuggestionService {
  constructor(
    private readonly orm: MikroORM,
    private readonly outbox: EventOutbox,
    @Inject(CATALOGUE_LOGGER) private readonly logger: Logger,
  ) {}

  async compute(conversationId: string, revision: number): Promise<void> {
    const em = this.orm.em.fork() as EntityManager;
    const request = await this.claimAttempt(em, conversationId, revision);
    if (!request || request.superseded) return;
    const excluded = new Set(request.exclude);
    const ranked = (await suggestTitles(this.orm.em.fork() as EntityManager, { regionId: request.regionId, title: request.title, body: request.body }, SUGGESTIONS_PER_CONVERSATION + excluded.size))
      .filter((s) => !excluded.has(s.titleId));

    const finishing = { ...request, conversationId, revision };
    let proposals = ranked;
    for (;;) {
      const suggestions: Suggestion[] = proposals
        .slice(0, SUGGESTIONS_PER_CONVERSATION)
        .map((s) => ({ titleId: s.titleId, title: s.title, authors: s.authors, year: s.year, isbn: s.isbn, subjects: s.subjects, reason: s.reason, score: s.score }));
      const { foreign } = await finishSuggestionRequest(this.orm.em.fork() as EntityManager, this.outbox, finishing, suggestions);
      if (foreign.length === 0) return;
      this.logger.warn({ conversationId, revision, foreign }, 'the engine proposed titles of another region; proposing without them');
      const left = new Set(foreign);
      proposals = proposals.filter((s) => !left.has(s.titleId));
    }
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
