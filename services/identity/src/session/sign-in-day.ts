import type { EntityManager } from '@mikro-orm/postgresql';
import { sqlRows } from '@kc/persistence';

/** How far back an account counts as active in the operator's usage report. */
export const ACTIVE_DAYS = 30;

/**
 * The day (never the time) of an account's last sign-in, for the usage report's active members:
 * written at most once a day per account.
 */
export async function recordSignInDay(em: EntityManager, accountId: string): Promise<void> {
  await sqlRows(em, 'UPDATE accounts SET last_sign_in_on = current_date WHERE id = $1 AND last_sign_in_on IS DISTINCT FROM current_date', [accountId]);
}

/** Region id → accounts that signed in within ACTIVE_DAYS days. */
export async function recentlySignedIn(em: EntityManager): Promise<Map<string, Record<string, number>>> {
  const rows = await sqlRows<{ regionId: string; n: string }>(
    em,
    `SELECT region_id AS "regionId", count(*) AS n FROM accounts
      WHERE region_id IS NOT NULL AND last_sign_in_on >= current_date - $1::int GROUP BY region_id`,
    [ACTIVE_DAYS],
  );
  return new Map(rows.map((r) => [r.regionId, { activeLast30Days: Number(r.n) }]));
}
