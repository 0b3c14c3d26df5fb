import { MikroORM } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';
import { Injectable } from '@nestjs/common';
import { SuggestionsProposed, type Suggestion } from '@kc/contracts';
import { EventOutbox } from '@kc/messaging';
import { suggestTitles } from './engine';
import { SuggestionRequest } from './suggestion-request.entity';


/** Not stored yet (the event's transaction has not committed): the job is retried. */
export class SuggestionRequestNotYetStored extends Error {}

export const SUGGESTIONS_PER_CONVERSATION = 5;

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
    const request = await em.findOne(SuggestionRequest, { conversationId, revision });
    if (!request) throw new SuggestionRequestNotYetStored(`suggestion request ${conversationId}@${revision} is not stored yet`);
    if (request.status !== 'pending') return;
    await em.nativeUpdate(SuggestionRequest, { id: request.id }, { attempts: request.attempts + 1, updatedAt: new Date() });

    const ranked = await suggestTitles(this.orm.em.fork() as EntityManager, { regionId: request.regionId, title: request.title, body: request.body }, SUGGESTIONS_PER_CONVERSATION);
    // Tenancy holds here whatever the engine does: only titles of the conversation's region.
    const ids = ranked.map((s) => s.titleId);
    const own = new Set(
      ids.length
        ? (await em.execute<{ id: string }[]>('SELECT id FROM titles WHERE region_id = ? AND id IN (SELECT jsonb_array_elements_text(?::jsonb)::uuid)', [request.regionId, JSON.stringify(ids)])).map((r) => r.id)
        : [],
    );
    const suggestions: Suggestion[] = ranked
      .filter((s) => own.has(s.titleId))
      .slice(0, SUGGESTIONS_PER_CONVERSATION)
      .map((s) => ({ titleId: s.titleId, title: s.title, authors: s.authors, year: s.year, isbn: s.isbn, subjects: s.subjects, reason: s.reason, score: s.score }));

    await this.orm.em.fork().transactional(async (tx) => {
      const t = tx as EntityManager;
      const [locked] = await t.execute<{ status: string }[]>('SELECT status FROM suggestion_requests WHERE id = ? FOR UPDATE', [request.id]);
      if (locked?.status !== 'pending') return; // another run finished it meanwhile
      await t.execute('DELETE FROM suggestions WHERE request_id = ?', [request.id]);
      if (suggestions.length) {
        await t.execute(
          `INSERT INTO suggestions (request_id, rank, title_id, region_id, reason, score)
           SELECT ?::uuid, r.rank, r.title_id, ?::uuid, r.reason, r.score
             FROM jsonb_to_recordset(?::jsonb) AS r(rank int, title_id uuid, reason text, score double precision)`,
          [request.id, request.regionId, JSON.stringify(suggestions.map((s, i) => ({ rank: i + 1, title_id: s.titleId, reason: s.reason, score: s.score ?? null })))],
        );
      }
      await this.outbox.record(t, SuggestionsProposed, { conversationId, communityId: request.communityId, revision, suggestions }, {
        region: request.regionId, actor: null, correlationId: request.correlationId, causationId: request.eventId,
      });
      await t.execute(`UPDATE suggestion_requests SET status = 'done', last_error = NULL, completed_at = now(), updated_at = now() WHERE id = ?`, [request.id]);
    });
  }

  async recordFailure(conversationId: string, revision: number, reason: string, final: boolean): Promise<void> {
    await (this.orm.em.fork() as EntityManager).execute(
      `UPDATE suggestion_requests SET last_error = ?, status = CASE WHEN ? THEN 'failed' ELSE status END, updated_at = now()
        WHERE conversation_id = ? AND revision = ? AND status = 'pending'`,
      [reason.slice(0, 2000), final, conversationId, revision],
    );
  }
}
