import { EntityManager } from '@mikro-orm/postgresql';
import { Injectable } from '@nestjs/common';
import { requireAccount } from '@kc/auth';
import type { OrganisationRole, RequestContext } from '@kc/contracts';
import { idempotent } from '@kc/messaging';
import { sqlRows } from '@kc/persistence';
import { AccountNameDirectory } from '../account-name/account-name.directory';
import {
  accountNotFound, accountOfOtherRegion, alreadyOrganisationMember, lastOrganisationAdmin, notAnOrganisationAdmin, organisationMemberNotFound,
} from './organisation.errors';
import { OrganisationService } from './organisation.service';

interface MemberRow { accountId: string; role: OrganisationRole; addedAt: Date }
const RETURNING = 'RETURNING account_id AS "accountId", role, added_at AS "addedAt"';

/**
 * An organisation's members and their roles. Every change runs under the organisation's row
 * lock, so two admins demoting each other at once still leave one admin.
 */
@Injectable()
export class OrganisationMemberService {
  constructor(
    private readonly em: EntityManager,
    private readonly organisations: OrganisationService,
    private readonly names: AccountNameDirectory,
  ) {}

  add(ctx: RequestContext, input: { organisationId: string; accountId: string; role: OrganisationRole }) {
    requireAccount(ctx);
    const accountId = input.accountId.toLowerCase();
    return idempotent(this.em, ctx, 'organisation.member.add', async (em) => {
      const { org, canManage } = await this.organisations.accessOf(ctx, input.organisationId, em, true);
      if (!canManage) throw notAnOrganisationAdmin();
      const account = await this.names.lookup(ctx, accountId);
      if (!account) throw accountNotFound();
      if (org.regionId !== null && account.regionId !== org.regionId) throw accountOfOtherRegion();
      const [row] = await sqlRows<MemberRow>(
        em, `INSERT INTO organisation_members (organisation_id, account_id, role) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING ${RETURNING}`, [org.id, accountId, input.role],
      );
      if (!row) throw alreadyOrganisationMember();
      return toMember(row, account.displayName);
    });
  }

  changeRole(ctx: RequestContext, input: { organisationId: string; accountId: string; role: OrganisationRole }) {
    requireAccount(ctx);
    return idempotent(this.em, ctx, 'organisation.member.role', async (em) => {
      const { org, canManage } = await this.organisations.accessOf(ctx, input.organisationId, em, true);
      if (!canManage) throw notAnOrganisationAdmin();
      const current = await this.roleOf(em, org.id, input.accountId);
      if (current === 'admin' && input.role !== 'admin') await this.keepAnAdmin(em, org.id);
      const [row] = await sqlRows<MemberRow>(em, `UPDATE organisation_members SET role = $3 WHERE organisation_id = $1 AND account_id = $2 ${RETURNING}`, [org.id, input.accountId, input.role]);
      const nameOf = await this.names.namesOf(ctx, [row!.accountId]);
      return toMember(row!, nameOf(row!.accountId));
    });
  }

  /** Those who manage it take anyone out; a member may leave. */
  remove(ctx: RequestContext, input: { organisationId: string; accountId: string }) {
    const caller = requireAccount(ctx);
    return idempotent(this.em, ctx, 'organisation.member.remove', async (em) => {
      const { org, canManage } = await this.organisations.accessOf(ctx, input.organisationId, em, true);
      if (!canManage && caller.accountId !== input.accountId.toLowerCase()) throw notAnOrganisationAdmin();
      const current = await this.roleOf(em, org.id, input.accountId);
      if (current === 'admin') await this.keepAnAdmin(em, org.id);
      await sqlRows(em, 'DELETE FROM organisation_members WHERE organisation_id = $1 AND account_id = $2', [org.id, input.accountId]);
      return {};
    });
  }

  private async roleOf(em: EntityManager, organisationId: string, accountId: string): Promise<OrganisationRole> {
    const [row] = await sqlRows<{ role: OrganisationRole }>(em, 'SELECT role FROM organisation_members WHERE organisation_id = $1 AND account_id = $2', [organisationId, accountId]);
    if (!row) throw organisationMemberNotFound();
    return row.role;
  }

  private async keepAnAdmin(em: EntityManager, organisationId: string): Promise<void> {
    const [row] = await sqlRows<{ admins: number }>(em, "SELECT count(*)::int AS admins FROM organisation_members WHERE organisation_id = $1 AND role = 'admin'", [organisationId]);
    if (row!.admins <= 1) throw lastOrganisationAdmin();
  }
}

const toMember = (row: MemberRow, displayName: string) => ({ accountId: row.accountId, displayName, role: row.role, addedAt: new Date(row.addedAt).toISOString() });
