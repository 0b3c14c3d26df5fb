import type { EntityManager } from '@mikro-orm/postgresql';
import type { EventData, ContentRestored, ModeratedTargetType, RequestContext, Visibility } from '@kc/contracts';
import { sqlRows } from '@kc/persistence';
import { collectionFacts } from '../collection/collection.reader';
import type { CommunityRole } from '../community/community.entity';
import { accessTo } from '../community/community.policy';
import { mayModerate } from '../membership/membership.service';
import { targetNotFound } from './report.errors';

/** Where each kind of content lives and what it is called there. */
const TABLES: Record<ModeratedTargetType, { table: string; author: string; text: string; conversation: string }> = {
  contribution: { table: 'contributions', author: 't.author_id', text: 't.body', conversation: 't.conversation_id' },
  conversation: { table: 'conversations', author: 't.author_id', text: `t.title || E'\\n' || t.body`, conversation: 'NULL::uuid' },
  media: { table: 'media_references', author: 't.added_by', text: `concat_ws(E'\\n', coalesce(t.title, t.url), t.description, t.note)`, conversation: 't.conversation_id' },
  collection: { table: 'collections', author: 't.created_by', text: `t.title || E'\\n' || t.description`, conversation: 'NULL::uuid' },
};

/** Reported or moderated content with its place and the caller's standing there. */
export interface ModerationTarget {
  type: ModeratedTargetType;
  id: string;
  communityId: string;
  regionId: string;
  visibility: Visibility;
  authorId: string;
  text: string;
  conversationId: string | null;
  hidden: boolean;
  /** The caller moderates its community (organiser, moderator, community librarian of the region). */
  mayModerate: boolean;
}

/** The target if the caller may see its community (404 otherwise, never a hint that it exists); `lock` takes its row lock. */
export async function moderationTarget(em: EntityManager, ctx: RequestContext, type: ModeratedTargetType, id: string, lock = false): Promise<ModerationTarget> {
  const t = TABLES[type];
  const [row] = await sqlRows<Omit<ModerationTarget, 'mayModerate' | 'type'> & { myRole: CommunityRole | null; deleted: boolean }>(
    em,
    `SELECT t.id, t.community_id AS "communityId", c.region_id AS "regionId", c.visibility, ${t.author} AS "authorId", ${t.text} AS text,
            ${t.conversation} AS "conversationId", t.hidden_at IS NOT NULL AS hidden, ${type === 'contribution' ? 't.deleted_at IS NOT NULL' : 'false'} AS deleted,
            m.role AS "myRole"
       FROM ${t.table} t JOIN communities c ON c.id = t.community_id
       LEFT JOIN memberships m ON m.community_id = c.id AND m.account_id = $2::uuid
      WHERE t.id = $1${lock ? ' FOR UPDATE OF t' : ''}`,
    [id, ctx.accountId],
  );
  if (!row || row.deleted) throw targetNotFound(type);
  const access = accessTo(row, ctx, row.myRole);
  if (!access.canRead) throw targetNotFound(type);
  const { myRole: _role, deleted: _deleted, ...target } = row;
  return { ...target, type, mayModerate: mayModerate(access) };
}

/** Marks the target hidden (or visible again) on its own row; answers whether anything changed. */
export async function setHidden(em: EntityManager, target: ModerationTarget, hide: { by: string; reason: string } | null): Promise<boolean> {
  const { table } = TABLES[target.type];
  const changed = hide
    ? await sqlRows(em, `UPDATE ${table} SET hidden_at = now(), hidden_by = $2, hidden_reason = $3 WHERE id = $1 AND hidden_at IS NULL RETURNING id`, [target.id, hide.by, hide.reason])
    : await sqlRows(em, `UPDATE ${table} SET hidden_at = NULL, hidden_by = NULL, hidden_reason = NULL WHERE id = $1 AND hidden_at IS NOT NULL RETURNING id`, [target.id]);
  return changed.length > 0;
}

/** The collections whose items show the target (a media link or conversation): their search text changes with it. */
export async function collectionsShowing(em: EntityManager, target: ModerationTarget): Promise<string[]> {
  if (target.type !== 'media' && target.type !== 'conversation') return [];
  const column = target.type === 'media' ? 'media_id' : 'conversation_id';
  const rows = await sqlRows<{ id: string }>(em, `SELECT DISTINCT collection_id AS id FROM collection_items WHERE ${column} = $1`, [target.id]);
  return rows.map((r) => r.id);
}

/** What search needs to index restored content again, as the content's own events would carry it. */
export async function restoredDocument(em: EntityManager, target: ModerationTarget): Promise<EventData<typeof ContentRestored>['document']> {
  const visibility = target.visibility;
  if (target.type === 'collection') {
    const { data } = await collectionFacts(em, target.id);
    return { visibility, title: data.title, body: [data.description, ...data.items.flatMap((i) => [i.title, i.note])].filter(Boolean).join('\n'), conversation: null };
  }
  if (target.type === 'conversation') {
    const [row] = await sqlRows<{ title: string; body: string }>(em, 'SELECT title, body FROM conversations WHERE id = $1', [target.id]);
    return { visibility, title: row!.title, body: row!.body, conversation: null };
  }
  const [conversation] = await sqlRows<{ id: string; title: string }>(em, 'SELECT id, title FROM conversations WHERE id = $1', [target.conversationId]);
  if (target.type === 'contribution') return { visibility, title: '', body: target.text, conversation: conversation ?? null };
  const [media] = await sqlRows<{ title: string | null; body: string }>(
    em, `SELECT title, concat_ws(E'\\n', title, description, nullif(note, ''), site_name, url) AS body FROM media_references WHERE id = $1`, [target.id]);
  return { visibility, title: media!.title ?? '', body: media!.body, conversation: conversation ?? null };
}
