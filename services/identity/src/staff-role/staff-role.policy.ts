import type { RequestContext } from '@kc/contracts';
import { hasStaffRole } from '@kc/auth';

/** Who may see, grant and revoke staff roles in a region: the national operator, or a library_admin of that region. */
export function mayManageStaff(ctx: RequestContext, regionId: string): boolean {
  if (!ctx.accountId) return false;
  return ctx.isOperator || hasStaffRole(ctx, 'library_admin', regionId);
}
