import { Inject, Injectable } from '@nestjs/common';
import { EntityManager } from '@mikro-orm/postgresql';
import type { KV } from '@nats-io/kv';
import { AccessEntry, MAX_ACCESS_TOKEN_SECONDS, RegionEntry, type EndedSessionEntry } from '@kc/contracts';
import { openAccessBucket, openRegionsBucket, openSessionsBucket } from '@kc/auth';
import { MESSAGING_LOGGER, NatsClient, NatsNamespace } from '@kc/messaging';
import type { Logger } from 'pino';
import { SessionRepository } from '../session/session.repository';

interface AccessRow {
  id: string;
  region_id: string | null;
  is_operator: boolean;
  blocked: boolean;
  access_version: string;
  roles: AccessEntry['roles'];
}

const ACCESS_OF = `SELECT a.id, a.region_id, a.is_operator, a.blocked_at IS NOT NULL AS blocked, a.access_version,
    coalesce(array(SELECT r.role FROM staff_roles r WHERE r.account_id = a.id AND r.region_id = a.region_id ORDER BY r.role), '{}') AS roles
  FROM accounts a`;

/** Bumps an account's access version; call inside the transaction that changes its roles or block. */
export async function bumpAccessVersion(em: EntityManager, accountId: string): Promise<void> {
  await em.execute('UPDATE accounts SET access_version = access_version + 1 WHERE id = ?', [accountId]);
}

interface RegionRow {
  id: string;
  slug: string;
  status: RegionEntry['status'];
  status_version: string;
}
const REGION_OF = 'SELECT id, slug, status, status_version FROM regions';

/**
 * Writes an account's access, a region's licence status and the sessions that ended lately, as
 * identity's database holds them now, into the buckets that every service watches. Safe to call any number of times and from
 * any replica: an entry is only replaced by one with a higher version (compare-and-set on the
 * KV revision).
 */
@Injectable()
export class AccessPublisher {
  private bucket?: Promise<KV>;
  private regions?: Promise<KV>;
  private sessions?: Promise<KV>;

  constructor(
    private readonly em: EntityManager,
    private readonly nats: NatsClient,
    private readonly ns: NatsNamespace,
    @Inject(MESSAGING_LOGGER) private readonly logger: Logger,
  ) {}

  async publish(accountId: string): Promise<void> {
    const [row] = await this.em.fork().execute<AccessRow[]>(`${ACCESS_OF} WHERE a.id = ?`, [accountId]);
    if (row) await this.put(toEntry(row));
  }

  /** Every account whose access differs from a plain resident's (staff, operators, blocked). */
  async publishAll(): Promise<number> {
    const rows = await this.em.fork().execute<AccessRow[]>(
      `${ACCESS_OF} WHERE a.is_operator OR a.blocked_at IS NOT NULL OR a.access_version > 0 OR EXISTS (SELECT 1 FROM staff_roles r WHERE r.account_id = a.id)`,
    );
    for (const row of rows) await this.put(toEntry(row));
    return rows.length;
  }

  async publishRegion(regionId: string): Promise<void> {
    const [row] = await this.em.fork().execute<RegionRow[]>(`${REGION_OF} WHERE id = ?`, [regionId]);
    if (row) await this.putRegion(toRegionEntry(row));
  }

  async publishAllRegions(): Promise<number> {
    const rows = await this.em.fork().execute<RegionRow[]>(REGION_OF);
    for (const row of rows) await this.putRegion(toRegionEntry(row));
    return rows.length;
  }

  /**
   * The account's sessions that ended while their access tokens may still be alive. An ended
   * session never comes back, so a plain put is safe from any replica in any order.
   */
  async publishEndedSessions(accountId?: string): Promise<number> {
    const ended = await SessionRepository.recentlyEnded(this.em.fork(), MAX_ACCESS_TOKEN_SECONDS, accountId);
    if (ended.length === 0) return 0;
    this.sessions ??= forgetFailure(openSessionsBucket(this.nats.nc, this.ns), () => (this.sessions = undefined));
    const kv = await this.sessions;
    for (const entry of ended) await kv.put(entry.sessionId, JSON.stringify(entry satisfies EndedSessionEntry));
    return ended.length;
  }

  private async put(entry: AccessEntry): Promise<void> {
    this.bucket ??= forgetFailure(openAccessBucket(this.nats.nc, this.ns), () => (this.bucket = undefined));
    await this.compareAndSet(await this.bucket, entry.accountId, entry, AccessEntry);
  }

  private async putRegion(entry: RegionEntry): Promise<void> {
    this.regions ??= forgetFailure(openRegionsBucket(this.nats.nc, this.ns), () => (this.regions = undefined));
    await this.compareAndSet(await this.regions, entry.regionId, entry, RegionEntry);
  }

  private async compareAndSet<T extends { version: number }>(kv: KV, key: string, entry: T, schema: { safeParse(v: unknown): { success: boolean; data?: { version: number } } }): Promise<void> {
    const value = JSON.stringify(entry);
    for (let attempt = 1; ; attempt++) {
      const current = await kv.get(key);
      try {
        if (!current) await kv.create(key, value);
        else if (current.operation !== 'PUT') await kv.update(key, value, current.revision);
        else if ((schema.safeParse(current.json()).data?.version ?? -1) < entry.version) await kv.update(key, value, current.revision);
        return;
      } catch (error) {
        // Another replica wrote in between: read again and compare versions.
        if (attempt >= 5) throw error;
        this.logger.debug({ err: error, key, attempt }, 'directory entry changed meanwhile; retrying');
      }
    }
  }
}

function forgetFailure<T>(promise: Promise<T>, forget: () => void): Promise<T> {
  return promise.catch((error: unknown) => {
    forget();
    throw error;
  });
}

const toRegionEntry = (row: RegionRow): RegionEntry => ({ regionId: row.id, slug: row.slug, status: row.status, version: Number(row.status_version) });

const toEntry = (row: AccessRow): AccessEntry => ({
  accountId: row.id,
  regionId: row.region_id,
  roles: row.roles,
  operator: row.is_operator,
  blocked: row.blocked,
  version: Number(row.access_version),
});
