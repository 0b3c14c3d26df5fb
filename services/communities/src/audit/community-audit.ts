import type { EntityManager } from '@mikro-orm/postgresql';
import { sqlRows } from '@kc/persistence';
import { v7 as uuidv7 } from 'uuid';

/** One moderation or role action in a community: who did what to what, and why. */
export interface CommunityAuditEntry {
  communityId: string;
  actorId: string;
  /** Stable and English, e.g. `content.hidden`, `content.restored`, `report.dismissed`, `member.blocked`. */
  action: string;
  targetType?: string | null;
  targetId?: string | null;
  reason?: string | null;
}

/** Records the entry in the caller's transaction: the action and its audit row commit (or roll back) together. */
export async function recordCommunityAudit(em: EntityManager, entry: CommunityAuditEntry): Promise<string> {
  const id = uuidv7();
  await sqlRows(
    em,
    'INSERT INTO community_audit (id, community_id, actor_id, action, target_type, target_id, reason) VALUES ($1, $2, $3, $4, $5, $6, $7)',
    [id, entry.communityId, entry.actorId, entry.action, entry.targetType ?? null, entry.targetId ?? null, entry.reason ?? null],
  );
  return id;
}
