import type { EntityManager } from '@mikro-orm/postgresql';
import { sqlRows } from '@kc/persistence';
import { blockedInCommunity } from './block.errors';

/** Refuses (403 BLOCKED_IN_COMMUNITY) an account blocked in the community: every way in passes here. */
export async function refuseBlocked(em: EntityManager, communityId: string, accountId: string): Promise<void> {
  const found = await sqlRows(em, 'SELECT 1 FROM community_blocks WHERE community_id = $1 AND account_id = $2', [communityId, accountId]);
  if (found.length > 0) throw blockedInCommunity();
}
