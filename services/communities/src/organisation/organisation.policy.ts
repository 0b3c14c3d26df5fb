import { hasStaffRole } from '@kc/auth';
import type { OrganisationRole, RequestContext } from '@kc/contracts';

export interface OrganisationRow {
  id: string; regionId: string | null; name: string; description: string; html: string; website: string; createdAt: Date;
}

/** Its admins, the library administrators of its region, and the operator. */
export function mayManage(org: Pick<OrganisationRow, 'regionId'>, ctx: RequestContext, myRole: OrganisationRole | null): boolean {
  return ctx.isOperator || myRole === 'admin' || (org.regionId !== null && hasStaffRole(ctx, 'library_admin', org.regionId));
}

/** Who sees the member list: its members, those who manage it and the staff of its region. */
export function maySeeMembers(org: Pick<OrganisationRow, 'regionId'>, ctx: RequestContext, myRole: OrganisationRole | null): boolean {
  return myRole !== null || mayManage(org, ctx, myRole) || (org.regionId !== null && hasStaffRole(ctx, 'community_librarian', org.regionId));
}
