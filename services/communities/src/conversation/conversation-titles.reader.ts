import type { EntityManager } from '@mikro-orm/postgresql';
import { Injectable } from '@nestjs/common';
import type { ConversationTitle, RequestContext } from '@kc/contracts';
import { sqlRows } from '@kc/persistence';
import { AccountNameDirectory } from '../account-name/account-name.directory';

interface TitleRow {
  titleId: string;
  title: string;
  authors: string[];
  year: number | null;
  isbn: string | null;
  addedBy: string;
  fromSuggestion: boolean;
  addedAt: Date;
}

/** The titles members added to a conversation, in the order they were added, with who added them. */
@Injectable()
export class ConversationTitlesReader {
  constructor(private readonly names: AccountNameDirectory) {}

  async of(ctx: RequestContext, em: EntityManager, conversationId: string, isModerator: boolean): Promise<ConversationTitle[]> {
    const rows = await sqlRows<TitleRow>(
      em,
      `SELECT title_id AS "titleId", title, authors, year, isbn, added_by AS "addedBy", from_suggestion AS "fromSuggestion", added_at AS "addedAt"
         FROM conversation_titles WHERE conversation_id = $1 ORDER BY added_at, title_id`,
      [conversationId],
    );
    if (rows.length === 0) return [];
    const nameOf = await this.names.namesOf(ctx, rows.map((r) => r.addedBy));
    return rows.map((r) => ({
      titleId: r.titleId, title: r.title, authors: r.authors, year: r.year, isbn: r.isbn,
      addedBy: { id: r.addedBy, displayName: nameOf(r.addedBy) }, fromSuggestion: r.fromSuggestion,
      addedAt: new Date(r.addedAt).toISOString(), canRemove: ctx.accountId === r.addedBy || isModerator,
    }));
  }
}

/** Titles a conversation must never be suggested again: added or dismissed there (`conversation` is SQL: a parameter or a column). */
export const excludedTitlesSql = (conversation: string) =>
  `SELECT title_id AS "titleId" FROM conversation_titles WHERE conversation_id = ${conversation}
   UNION SELECT title_id FROM conversation_dismissals WHERE conversation_id = ${conversation}`;

export async function excludedTitleIds(em: EntityManager, conversationId: string): Promise<Set<string>> {
  const rows = await sqlRows<{ titleId: string }>(em, excludedTitlesSql('$1'), [conversationId]);
  return new Set(rows.map((r) => r.titleId));
}
