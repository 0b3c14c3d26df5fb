import type { JoinMode, MemberRole } from '@kc/contracts';

/**
 * What the pages offer whom. The communities service decides every action again; these rules
 * only keep the pages from offering what would be refused.
 */
export interface ViewerAccess {
  role: MemberRole | null;
  /** A community librarian of the community's region. */
  isRegionStaff: boolean;
}

/** Organisers and the region's community librarians: roles, join mode, the plan. */
export const mayOrganise = (a: ViewerAccess) => a.role === 'organiser' || a.isRegionStaff;
/** Organisers, moderators and the region's community librarians: requests, invitations, removing members. */
export const mayModerate = (a: ViewerAccess) => a.role === 'organiser' || a.role === 'moderator' || a.isRegionStaff;
/** Members and the region's community librarians read the plan and the member list. */
export const mayReadMembers = (a: ViewerAccess) => a.role !== null || a.isRegionStaff;

export type JoinControl = 'sign-in' | 'join' | 'request' | 'requested' | 'invite-only' | 'staff-only' | 'other-region' | 'leave' | 'none';

/** The one control the community page shows for joining or leaving, fitting the community's join mode. */
export function joinControlOf(input: {
  signedIn: boolean; sameRegion: boolean; isOperator: boolean; joinMode: JoinMode; requestPending: boolean;
  /** Library staff of any region (a national community may admit staff alone). */
  isStaff?: boolean;
} & ViewerAccess): JoinControl {
  if (input.role) return 'leave';
  // The region's community librarians join any community of the region directly.
  if (input.joinMode === 'invite' && !input.isRegionStaff) return 'invite-only';
  if (!input.signedIn) return 'sign-in';
  if (input.joinMode === 'staff' && !input.isStaff) return 'staff-only';
  if (!input.sameRegion) return input.isOperator ? 'none' : 'other-region';
  if (input.requestPending) return 'requested';
  return input.joinMode === 'approval' && !input.isRegionStaff ? 'request' : 'join';
}

/** What the viewer may do to one row of the member list. */
export function memberActionsFor(viewer: ViewerAccess & { accountId: string }, member: { accountId: string; role: MemberRole }) {
  const self = viewer.accountId === member.accountId;
  const outranks = viewer.role === 'organiser' || viewer.isRegionStaff || (viewer.role === 'moderator' && member.role === 'member');
  return { changeRole: mayOrganise(viewer), remove: !self && outranks, leave: self };
}

/** The address to hand on: the service gives the path, the page the site it was reached on. */
export const invitationLink = (origin: string | undefined, path: string) => `${origin ?? ''}${path}`;
