import { EntityManager } from '@mikro-orm/postgresql';
import { Injectable } from '@nestjs/common';
import { StaffRoleGranted, regionReadOnly, type GrantStaffRole, type RequestContext, type RequestOf, type ResponseOf } from '@kc/contracts';
import { requireAccount } from '@kc/auth';
import { EventOutbox, idempotent, originOf } from '@kc/messaging';
import { Account } from '../account/account.entity';
import { accountNotFound } from '../account/account.errors';
import { RegionService } from '../region/region.service';
import { accountNotInRegion, staffRoleForbidden } from './staff-role.errors';
import { mayGrantStaffRole } from './staff-role.policy';

@Injectable()
export class StaffRoleService {
  constructor(
    private readonly em: EntityManager,
    private readonly outbox: EventOutbox,
    private readonly regions: RegionService,
  ) {}

  /**
   * Grants a staff role; granting a role the account already holds changes nothing and
   * publishes nothing. The account's tokens carry the new role from its next log-in.
   */
  async grant(ctx: RequestContext, input: RequestOf<typeof GrantStaffRole>): Promise<ResponseOf<typeof GrantStaffRole>> {
    requireAccount(ctx);
    const region = await this.regions.get({ slug: input.region });
    if (!mayGrantStaffRole(ctx, region.id)) throw staffRoleForbidden();
    if (region.status !== 'active' && !ctx.isOperator) throw regionReadOnly();
    return idempotent(this.em, ctx, 'staff-role.grant', async (em) => {
      const account = await em.findOne(Account, { id: input.accountId });
      if (!account) throw accountNotFound();
      if (account.regionId !== region.id) throw accountNotInRegion();
      const inserted = await (em as EntityManager).execute(
        `INSERT INTO staff_roles (account_id, region_id, role, granted_by) VALUES (?, ?, ?, ?)
         ON CONFLICT (account_id, region_id, role) DO NOTHING RETURNING account_id`,
        [account.id, region.id, input.role, ctx.accountId],
      );
      const result = { accountId: account.id, regionId: region.id, role: input.role };
      if (inserted.length > 0) await this.outbox.record(em, StaffRoleGranted, result, originOf(ctx, region.id));
      return result;
    });
  }
}
