import type { EntityManager } from '@mikro-orm/postgresql';
import { Injectable, Module } from '@nestjs/common';
import { AccountContentErased, CommunitiesErasureConfirmed, ERASED_CONVERSATION_TITLE, ErasureRequested, type EventEnvelope } from '@kc/contracts';
import { AccountTraceEraser, causedBy, EventOutbox, OnEvent } from '@kc/messaging';
import { sqlRows } from '@kc/persistence';

const ids = async (em: EntityManager, sql: string, accountId: string) => (await sqlRows<{ id: string }>(em, sql, [accountId])).map((row) => row.id);

/**
 * Communities' part of an erasure (ADR 0035). Always: memberships, requests, reactions, mentions,
 * dismissals, blocks of the person, the reports they made and their organisation memberships. With `delete` also what they wrote:
 * their contributions become "Deze bijdrage is verwijderd", their conversations lose title and
 * text (others' replies stay), their media links and theme collections (and items they added) go.
 * With `anonymise` what they wrote stays; identity names them "Oud-deelnemer".
 */
@Injectable()
export class CommunitiesErasureHandlers {
  constructor(private readonly outbox: EventOutbox, private readonly traces: AccountTraceEraser) {}

  @OnEvent(ErasureRequested)
  async erase(event: EventEnvelope<typeof ErasureRequested>, em: EntityManager): Promise<void> {
    const { erasureId, accountId, content } = event.data;
    for (const [table, column] of [
      ['memberships', 'account_id'], ['membership_requests', 'account_id'], ['contribution_reactions', 'account_id'], ['contribution_mentions', 'account_id'],
      ['conversation_dismissals', 'dismissed_by'], ['community_blocks', 'account_id'], ['reports', 'reporter_id'],
      ['organisation_members', 'account_id'],
    ] as const) {
      await sqlRows(em, `DELETE FROM ${table} WHERE ${column} = $1`, [accountId]);
    }
    const removed = content === 'delete' ? await this.deleteWhatTheyWrote(em, accountId) : { conversationIds: [], contributionIds: [], mediaIds: [], collectionIds: [] };
    // Others' replies repeat a deleted conversation's title in their events: those go from the messaging too.
    await this.traces.erase(em, accountId, [...removed.conversationIds, ...removed.mediaIds, ...removed.collectionIds]);
    await this.outbox.record(em, AccountContentErased, { erasureId, accountId, content, ...removed }, causedBy(event));
    await this.outbox.record(em, CommunitiesErasureConfirmed, { erasureId, accountId }, causedBy(event));
  }

  private async deleteWhatTheyWrote(em: EntityManager, accountId: string) {
    const contributionIds = await ids(
      em, `UPDATE contributions SET body = '', html = '', deleted_at = coalesce(deleted_at, now()), deleted_by = coalesce(deleted_by, author_id) WHERE author_id = $1 RETURNING id`, accountId,
    );
    const conversationIds = await ids(em, `UPDATE conversations SET title = '${ERASED_CONVERSATION_TITLE}', body = '' WHERE author_id = $1 RETURNING id`, accountId);
    await sqlRows(em, `UPDATE collection_items SET title = $2 WHERE conversation_id = ANY($1::uuid[])`, [conversationIds, ERASED_CONVERSATION_TITLE]);
    const mediaIds = await ids(em, 'DELETE FROM media_references WHERE added_by = $1 RETURNING id', accountId);
    const collectionIds = await ids(em, 'DELETE FROM collections WHERE created_by = $1 RETURNING id', accountId);
    await sqlRows(em, 'DELETE FROM collection_items WHERE added_by = $1', [accountId]);
    return { conversationIds, contributionIds, mediaIds, collectionIds };
  }
}

@Module({ providers: [CommunitiesErasureHandlers] })
export class CommunitiesErasureModule {}
