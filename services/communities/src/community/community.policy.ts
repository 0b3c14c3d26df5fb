import { hasStaffRole } from '@kc/auth';
import type { RequestContext } from '@kc/contracts';
import type { CommunityRole, Visibility } from './community.entity';

export interface CommunityAccessView {
  canRead: boolean;
  role: CommunityRole | null;
  /** A community librarian of the community's region: reads everything there and counts as staff. */
  isRegionStaff: boolean;
}

/**
 * Who may see a community: public ones everybody (anonymous too); members-only ones their
 * members and the community librarians of the community's region.
 */
export function accessTo(community: { regionId: string; visibility: Visibility }, ctx: RequestContext, role: CommunityRole | null): CommunityAccessView {
  const isRegionStaff = ctx.accountId !== null && hasStaffRole(ctx, 'community_librarian', community.regionId);
  const canRead = community.visibility === 'public' || role !== null || isRegionStaff;
  return { canRead, role, isRegionStaff };
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Opaque cursor: base64url of the last id of the page. Returns null for a malformed cursor. */
export const encodeIdCursor = (id: string) => Buffer.from(id, 'utf8').toString('base64url');
export function decodeIdCursor(cursor: string): string | null {
  const id = Buffer.from(cursor, 'base64url').toString('utf8');
  return UUID.test(id) ? id.toLowerCase() : null;
}
