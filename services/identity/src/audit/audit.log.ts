import type { EntityManager } from '@mikro-orm/postgresql';
import { v7 as uuidv7 } from 'uuid';
import type { AuditAction, AuditEntry } from '@kc/contracts';

export interface AuditRecord {
  action: AuditAction;
  /** Who did it; null when nobody signed in did (a lockout, an expired licence). */
  actorId: string | null;
  target: { type: 'account' | 'region'; id: string } | null;
  regionId: string | null;
  reason?: string | null;
  details?: AuditEntry['details'];
}

/**
 * Records a security-relevant action with `em`, the transaction of the action itself: the
 * entry exists exactly when the action committed. Identifiers and facts only — callers never
 * pass a password, a token or an e-mail address.
 */
export async function recordAudit(em: EntityManager, entry: AuditRecord): Promise<void> {
  await em.execute(
    `INSERT INTO audit_log (id, occurred_at, action, actor_id, target_type, target_id, region_id, reason, details)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?::jsonb)`,
    [
      uuidv7(), new Date(), entry.action, entry.actorId, entry.target?.type ?? null, entry.target?.id ?? null, entry.regionId,
      entry.reason?.trim() ? entry.reason.trim() : null, JSON.stringify(entry.details ?? {}),
    ],
  );
}
