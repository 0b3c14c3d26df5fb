import { hasStaffRole, requireAccount } from '@kc/auth';
import type { RequestContext } from '@kc/contracts';
import { notLibraryAdmin } from './branch.errors';

/**
 * Who manages a region's branches and rooms: its library administrators (and the national operator), as identity's
 * access directory says now: the roles in `ctx` are looked up per request, not taken from the token.
 */
export function requireLibraryAdmin(ctx: RequestContext, regionId: string): void {
  requireAccount(ctx);
  if (!ctx.isOperator && !hasStaffRole(ctx, 'library_admin', regionId)) throw notLibraryAdmin();
}

/** The statement's result, or `conflict()` thrown when it broke a unique index (a name taken at the same moment). */
export async function uniqueOr<T>(statement: Promise<T>, conflict: () => Error): Promise<T> {
  try {
    return await statement;
  } catch (error) {
    if ((error as { code?: unknown }).code === '23505') throw conflict();
    throw error;
  }
}
