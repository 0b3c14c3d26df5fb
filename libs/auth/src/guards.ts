import { DomainError, regionReadOnly, unauthenticated, type RequestContext, type StaffRole } from '@kc/contracts';

/** The caller must be logged in; returns the context with a non-null account id. */
export function requireAccount(ctx: RequestContext): RequestContext & { accountId: string } {
  if (!ctx.accountId) throw unauthenticated();
  return ctx as RequestContext & { accountId: string };
}

/** The caller must be a member of a region (residents and staff have one; the operator may not). */
export function requireRegionMember(ctx: RequestContext): RequestContext & { accountId: string; regionId: string } {
  const account = requireAccount(ctx);
  if (!account.regionId) {
    throw new DomainError(403, 'REGION_REQUIRED', { nl: 'Dit kan alleen als lid van een regio.', en: 'Only members of a region can do this.' });
  }
  return account as RequestContext & { accountId: string; regionId: string };
}

export function hasStaffRole(ctx: RequestContext, role: StaffRole, regionId: string | null = ctx.regionId): boolean {
  return ctx.regionId !== null && ctx.regionId === regionId && ctx.roles.includes(role);
}

export function requireOperator(ctx: RequestContext): void {
  requireAccount(ctx);
  if (!ctx.isOperator) {
    throw new DomainError(403, 'OPERATOR_ONLY', { nl: 'Alleen de landelijke beheerder mag dit.', en: 'Only the national operator may do this.' });
  }
}

export { regionReadOnly };
