import type { EntityManager } from '@mikro-orm/postgresql';
import { SessionsEnded } from '@kc/contracts';
import type { EventOrigin, EventOutbox } from '@kc/messaging';
import { SessionRepository, type EndReason } from './session.repository';

/**
 * Ends the account's active sessions that `which` selects, in the caller's transaction, and
 * records `SessionsEnded` so the session directory refuses their access tokens everywhere
 * within a second. Returns the ids that ended.
 */
export async function endSessions(
  em: EntityManager, outbox: EventOutbox, origin: EventOrigin, accountId: string, reason: EndReason, which: { only?: string; except?: string | null } = {},
): Promise<string[]> {
  const ended = await SessionRepository.end(em, accountId, reason, which);
  if (ended.length > 0) await outbox.record(em, SessionsEnded, { accountId, reason }, origin);
  return ended;
}
