import { EntityManager } from '@mikro-orm/postgresql';
import { Injectable } from '@nestjs/common';
import {
  StaffRoleGranted, StaffRoleRevoked, regionReadOnly,
  type GrantStaffRole, type ListStaffRoles, type RequestContext, type RequestOf, type ResponseOf, type RevokeStaffRole,
} from '@kc/contracts';
import { requireAccount } from '@kc/auth';
import { EventOutbox, idempotent, originOf } from '@kc/messaging';
import { bumpAccessVersion } from '../access/access.publisher';
import { Account } from '../account/account.entity';
import { recordAudit } from '../audit/audit.log';
import { accountNotFound } from '../account/account.errors';
import type { Region } from '../region/region.entity';
import { RegionService } from '../region/region.service';
import { accountNotInRegion, staffListForbidden, staffRoleForbidden } from './staff-role.errors';
import { mayManageStaff } from './staff-role.policy';

/**
 * Staff roles of a region. Every change bumps the account's access version and publishes an
 * event; identity writes the new access into the directory that every service decides from,
 * so a grant or revocation applies within a second, without a new log-in.
 */
@Injectable()
export class StaffRoleService {
  constructor(
    private readonly em: EntityManager,
    private readonly outbox: EventOutbox,
    private readonly regions: RegionService,
  ) {}

  /** Granting a role the account already holds changes nothing and publishes nothing. */
  async grant(ctx: RequestContext, input: RequestOf<typeof GrantStaffRole>): Promise<ResponseOf<typeof GrantStaffRole>> {
    const region = await this.writableRegion(ctx, input.region);
    return idempotent(this.em, ctx, 'staff-role.grant', async (em) => {
      const account = await em.findOne(Account, input.accountId ? { id: input.accountId } : { email: input.email! });
      if (!account) throw accountNotFound();
      if (account.regionId !== region.id) throw accountNotInRegion();
      const inserted = await em.execute(
        `INSERT INTO staff_roles (account_id, region_id, role, granted_by) VALUES (?, ?, ?, ?)
         ON CONFLICT (account_id, region_id, role) DO NOTHING RETURNING account_id`,
        [account.id, region.id, input.role, ctx.accountId],
      );
      const result = { accountId: account.id, regionId: region.id, role: input.role };
      if (inserted.length > 0) {
        await bumpAccessVersion(em, account.id);
        await this.outbox.record(em, StaffRoleGranted, result, originOf(ctx, region.id));
        await recordAudit(em, {
          action: 'staff-role.granted', actorId: ctx.accountId, target: { type: 'account', id: account.id }, regionId: region.id, reason: input.reason, details: { role: input.role },
        });
      }
      return result;
    });
  }

  /** Revoking a role the account does not hold changes nothing. */
  async revoke(ctx: RequestContext, input: RequestOf<typeof RevokeStaffRole>): Promise<ResponseOf<typeof RevokeStaffRole>> {
    const region = await this.writableRegion(ctx, input.region);
    return idempotent(this.em, ctx, 'staff-role.revoke', async (em) => {
      const deleted = await em.execute(
        'DELETE FROM staff_roles WHERE account_id = ? AND region_id = ? AND role = ? RETURNING account_id',
        [input.accountId, region.id, input.role],
      );
      if (deleted.length > 0) {
        await bumpAccessVersion(em, input.accountId);
        await this.outbox.record(em, StaffRoleRevoked, { accountId: input.accountId, regionId: region.id, role: input.role }, originOf(ctx, region.id));
        await recordAudit(em, {
          action: 'staff-role.revoked', actorId: ctx.accountId, target: { type: 'account', id: input.accountId }, regionId: region.id, reason: input.reason, details: { role: input.role },
        });
      }
      return {};
    });
  }

  async list(ctx: RequestContext, input: RequestOf<typeof ListStaffRoles>): Promise<ResponseOf<typeof ListStaffRoles>> {
    requireAccount(ctx);
    const region = await this.regions.get({ slug: input.region });
    if (!mayManageStaff(ctx, region.id)) throw staffListForbidden();
    const rows = await this.em.fork().execute<{ account_id: string; display_name: string; role: 'library_admin' | 'community_librarian'; granted_at: Date }[]>(
      `SELECT r.account_id, a.display_name, r.role, r.granted_at FROM staff_roles r JOIN accounts a ON a.id = r.account_id
        WHERE r.region_id = ? ORDER BY a.display_name, r.role`,
      [region.id],
    );
    return { items: rows.map((r) => ({ accountId: r.account_id, displayName: r.display_name, role: r.role, grantedAt: new Date(r.granted_at).toISOString() })) };
  }

  private async writableRegion(ctx: RequestContext, slug: string): Promise<Region> {
    requireAccount(ctx);
    const region = await this.regions.get({ slug });
    if (!mayManageStaff(ctx, region.id)) throw staffRoleForbidden();
    if (region.status !== 'active' && !ctx.isOperator) throw regionReadOnly();
    return region;
  }
}
