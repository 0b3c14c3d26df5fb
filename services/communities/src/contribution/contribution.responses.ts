import { REACTION_KINDS, type Contribution, type ReactionKind } from '@kc/contracts';

export interface ContributionRow {
  id: string;
  conversationId: string;
  threadId: string;
  parentId: string | null;
  authorId: string;
  html: string;
  createdAt: Date | string;
  editedAt: Date | string | null;
  deletedAt: Date | string | null;
  hiddenAt: Date | string | null;
  hiddenReason: string | null;
  nuttig: number | string;
  eens: number | string;
  inspirerend: number | string;
  mine: ReactionKind[] | null;
}

/** Who looks at the thread: the author may edit, the author or a moderator may delete. */
export interface Viewer {
  accountId: string | null;
  isModerator: boolean;
  lang: 'nl' | 'en';
}

const NOTICES = {
  deleted: { nl: 'Deze bijdrage is verwijderd.', en: 'This contribution was deleted.' },
  hidden: { nl: 'Verborgen door een moderator', en: 'Hidden by a moderator' },
} as const;
const notice = (text: string) => `<p class="kc-contribution__notice">${text}</p>`;
const iso = (value: Date | string | null) => (value === null ? null : new Date(value).toISOString());

export function toContributionResponse(row: ContributionRow, displayName: string, viewer: Viewer): Contribution {
  const deleted = row.deletedAt !== null;
  const hidden = !deleted && row.hiddenAt !== null;
  const isAuthor = viewer.accountId === row.authorId;
  // Its author and the moderators still read a hidden contribution, with the moderator's reason.
  const insider = isAuthor || viewer.isModerator;
  return {
    id: row.id,
    conversationId: row.conversationId,
    parentId: row.parentId,
    author: { id: row.authorId, displayName },
    html: deleted ? notice(NOTICES.deleted[viewer.lang]) : hidden && !insider ? notice(NOTICES.hidden[viewer.lang]) : row.html,
    createdAt: iso(row.createdAt)!,
    editedAt: iso(row.editedAt),
    deleted,
    hidden,
    hiddenReason: hidden && insider ? row.hiddenReason : null,
    reactions: { nuttig: Number(row.nuttig), eens: Number(row.eens), inspirerend: Number(row.inspirerend) },
    myReactions: REACTION_KINDS.filter((kind) => row.mine?.includes(kind)),
    canEdit: !deleted && isAuthor,
    canDelete: !deleted && (isAuthor || viewer.isModerator),
  };
}

/** Opaque cursor: the position (thread, id) of the last contribution of the page. */
export const encodeThreadCursor = (row: Pick<ContributionRow, 'threadId' | 'id'>) => Buffer.from(`${row.threadId}.${row.id}`, 'utf8').toString('base64url');
const UUID = '[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}';
const CURSOR = new RegExp(`^(${UUID})\\.(${UUID})$`, 'i');
export function decodeThreadCursor(cursor: string): { threadId: string; id: string } | null {
  const match = CURSOR.exec(Buffer.from(cursor, 'base64url').toString('utf8'));
  return match ? { threadId: match[1]!.toLowerCase(), id: match[2]!.toLowerCase() } : null;
}
