import { EntityManager } from '@mikro-orm/postgresql';
import { Injectable } from '@nestjs/common';
import type { AuditEntry, ListOperatorAudit, ListRegionAudit, RequestContext, RequestOf, ResponseOf } from '@kc/contracts';
import { requireAccount, requireOperator } from '@kc/auth';
import { RegionService } from '../region/region.service';
import { mayManageStaff } from '../staff-role/staff-role.policy';
import { decodeAuditCursor, encodeAuditCursor } from './audit.cursor';
import { auditForbidden, invalidAuditCursor } from './audit.errors';

interface AuditRow {
  id: string;
  occurred_at: Date;
  action: AuditEntry['action'];
  actor_id: string | null;
  actor_name: string | null;
  target_type: 'account' | 'region' | null;
  target_id: string | null;
  target_name: string | null;
  region_id: string | null;
  region_slug: string | null;
  region_name: string | null;
  reason: string | null;
  details: AuditEntry['details'];
}

type AuditPage = ResponseOf<typeof ListRegionAudit>;

/**
 * Reads the audit log, newest first, by keyset (time and id). Who may read is decided from
 * the access directory as it is now: a region's library administrators see their region, the
 * operator sees everything. Names are joined here, from the accounts as they are now.
 */
@Injectable()
export class AuditService {
  constructor(
    private readonly em: EntityManager,
    private readonly regions: RegionService,
  ) {}

  async forRegion(ctx: RequestContext, input: RequestOf<typeof ListRegionAudit>): Promise<AuditPage> {
    requireAccount(ctx);
    const region = await this.regions.get({ slug: input.region });
    if (!mayManageStaff(ctx, region.id)) throw auditForbidden();
    return this.page(region.id, input);
  }

  async forOperator(ctx: RequestContext, input: RequestOf<typeof ListOperatorAudit>): Promise<ResponseOf<typeof ListOperatorAudit>> {
    requireOperator(ctx);
    const regionId = input.region ? (await this.regions.get({ slug: input.region })).id : null;
    return this.page(regionId, input);
  }

  private async page(regionId: string | null, input: { limit: number; cursor?: string }): Promise<AuditPage> {
    const after = input.cursor === undefined ? null : decodeAuditCursor(input.cursor);
    if (input.cursor !== undefined && !after) throw invalidAuditCursor();
    const where: string[] = [];
    const values: unknown[] = [];
    if (regionId) {
      where.push('l.region_id = ?');
      values.push(regionId);
    }
    if (after) {
      where.push('(l.occurred_at, l.id) < (?, ?)');
      values.push(after.occurredAt, after.id);
    }
    const rows = await this.em.fork().execute<AuditRow[]>(
      `SELECT l.id, l.occurred_at, l.action, l.actor_id, actor.display_name AS actor_name, l.target_type, l.target_id,
              coalesce(target_account.display_name, target_region.name) AS target_name,
              l.region_id, r.slug AS region_slug, r.name AS region_name, l.reason, l.details
         FROM audit_log l
         LEFT JOIN accounts actor ON actor.id = l.actor_id
         LEFT JOIN accounts target_account ON l.target_type = 'account' AND target_account.id = l.target_id
         LEFT JOIN regions target_region ON l.target_type = 'region' AND target_region.id = l.target_id
         LEFT JOIN regions r ON r.id = l.region_id
        ${where.length ? `WHERE ${where.join(' AND ')}` : ''}
        ORDER BY l.occurred_at DESC, l.id DESC
        LIMIT ?`,
      [...values, input.limit + 1],
    );
    const items = rows.slice(0, input.limit).map(toAuditEntry);
    const last = rows.length > input.limit ? rows[input.limit - 1] : undefined;
    return { items, nextCursor: last ? encodeAuditCursor({ occurredAt: new Date(last.occurred_at), id: last.id }) : null };
  }
}

function toAuditEntry(row: AuditRow): AuditEntry {
  return {
    id: row.id,
    occurredAt: new Date(row.occurred_at).toISOString(),
    action: row.action,
    actor: row.actor_id ? { id: row.actor_id, displayName: row.actor_name } : null,
    target: row.target_type && row.target_id ? { type: row.target_type, id: row.target_id, displayName: row.target_name } : null,
    region: row.region_id && row.region_slug ? { id: row.region_id, slug: row.region_slug, name: row.region_name ?? row.region_slug } : null,
    reason: row.reason,
    details: row.details ?? {},
  };
}
