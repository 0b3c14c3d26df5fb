import type { EntityManager } from '@mikro-orm/postgresql';
import type { FilterQuery } from '@mikro-orm/core';
import { sqlRows } from '@kc/persistence';
import type { Activity } from '../activity/activity.entity';

export type CohostStatus = 'invited' | 'accepted' | 'declined';
export interface CohostRow {
  activity_id: string;
  community_id: string;
  status: CohostStatus;
  invited_at: Date;
  answered_at: Date | null;
}

const COLUMNS = 'activity_id, community_id, status, invited_at, answered_at';

/** The accepted co-hosts of each activity (activities without any are absent). */
export async function acceptedCohosts(em: EntityManager, activityIds: readonly string[]): Promise<Map<string, string[]>> {
  const byActivity = new Map<string, string[]>();
  if (activityIds.length === 0) return byActivity;
  const rows = await sqlRows<{ activity_id: string; community_id: string }>(
    em,
    `SELECT activity_id, community_id FROM activity_cohosts
     WHERE status = 'accepted' AND activity_id = ANY($1::uuid[]) ORDER BY answered_at, community_id`,
    [activityIds],
  );
  for (const row of rows) byActivity.set(row.activity_id, [...(byActivity.get(row.activity_id) ?? []), row.community_id]);
  return byActivity;
}

/**
 * A community's calendar: its own activities and those it co-hosts (accepted). The members-only
 * ones of a co-hosted activity's host only for the co-host's members (`member`): a public
 * co-host must not show them to everyone.
 */
export async function hostedOrCohosted(em: EntityManager, communityId: string, member: boolean): Promise<FilterQuery<Activity>> {
  const rows = await sqlRows<{ activity_id: string }>(em, `SELECT activity_id FROM activity_cohosts WHERE community_id = $1 AND status = 'accepted'`, [communityId]);
  if (rows.length === 0) return { communityId };
  const cohosted: FilterQuery<Activity> = { id: { $in: rows.map((r) => r.activity_id) }, ...(member ? {} : { visibility: 'public' as const }) };
  return { $or: [{ communityId }, cohosted] };
}

export async function cohostsOf(em: EntityManager, activityId: string): Promise<CohostRow[]> {
  return sqlRows<CohostRow>(em, `SELECT ${COLUMNS} FROM activity_cohosts WHERE activity_id = $1 ORDER BY invited_at, community_id`, [activityId]);
}

export async function cohostOf(em: EntityManager, activityId: string, communityId: string, lock = false): Promise<CohostRow | undefined> {
  const [row] = await sqlRows<CohostRow>(
    em,
    `SELECT ${COLUMNS} FROM activity_cohosts WHERE activity_id = $1 AND community_id = $2${lock ? ' FOR UPDATE' : ''}`,
    [activityId, communityId],
  );
  return row;
}

export async function openInvitationsFor(em: EntityManager, communityId: string) {
  return sqlRows<{ activity_id: string; invited_at: Date }>(
    em,
    `SELECT c.activity_id, c.invited_at FROM activity_cohosts c JOIN activities a ON a.id = c.activity_id
     WHERE c.community_id = $1 AND c.status = 'invited' AND a.cancelled_at IS NULL
       AND coalesce(a.series_ends_at, a.ends_at) > now()
     ORDER BY c.invited_at LIMIT 100`,
    [communityId],
  );
}
