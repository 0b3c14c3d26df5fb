import { createHash, randomBytes } from 'node:crypto';
import { EntityManager } from '@mikro-orm/postgresql';
import { Injectable } from '@nestjs/common';
import { requireAccount, requireRegionMember } from '@kc/auth';
import {
  MemberLeft, MemberRoleChanged, MembershipRequestAnswered, type JoinMode, type MemberRole, type RequestContext,
} from '@kc/contracts';
import { EventOutbox, idempotent, originOf } from '@kc/messaging';
import { sqlRows } from '@kc/persistence';
import { v7 as uuidv7 } from 'uuid';
import { AccountNameDirectory } from '../account-name/account-name.directory';
import { recordCommunityAudit } from '../audit/community-audit';
import type { CommunityAccessView } from '../community/community.policy';
import { communityNotFound, otherRegion, staffJoinOnlyNational } from '../community/community.errors';
import { CommunityService } from '../community/community.service';
import {
  cannotRemoveHigherRole, invitationGone, invitationNotFound, lastOrganiser, memberNotFound, notAModerator, notAnOrganiser, requestNotFound,
} from './membership.errors';

/** Organisers and the region's community librarians organise: roles, join mode, the plan. */
export const mayOrganise = (a: CommunityAccessView) => a.role === 'organiser' || a.isRegionStaff;
/** Organisers, moderators and the region's community librarians moderate: requests, invitations, removing members. */
export const mayModerate = (a: CommunityAccessView) => a.role === 'organiser' || a.role === 'moderator' || a.isRegionStaff;

const DAY_MS = 86_400_000;
const hashOf = (token: string) => createHash('sha256').update(token, 'utf8').digest();

/**
 * Who is in a community and how they get in: join modes, requests to join, invitations and roles.
 * Every change of roles or members takes the community's row lock first, so concurrent demotions or
 * departures cannot leave a community without an organiser.
 */
@Injectable()
export class MembershipService {
  constructor(
    private readonly em: EntityManager,
    private readonly outbox: EventOutbox,
    private readonly communities: CommunityService,
    private readonly names: AccountNameDirectory,
  ) {}

  private async allowed(ctx: RequestContext, communityId: string, may: (a: CommunityAccessView) => boolean, refuse: () => Error, em?: EntityManager) {
    requireAccount(ctx);
    const access = await this.communities.readable(ctx, communityId, em);
    if (!may(access)) throw refuse();
    return access;
  }

  setJoinMode(ctx: RequestContext, input: { communityId: string; joinMode: JoinMode }) {
    requireRegionMember(ctx);
    return idempotent(this.em, ctx, 'community.update', async (em) => {
      const { community } = await this.allowed(ctx, input.communityId, mayOrganise, notAnOrganiser, em);
      if (input.joinMode === 'staff' && community.scope !== 'national') throw staffJoinOnlyNational();
      await em.execute('UPDATE communities SET join_mode = ? WHERE id = ?', [input.joinMode, input.communityId]);
      if (community.joinMode !== input.joinMode) await recordCommunityAudit(em, { communityId: input.communityId, actorId: ctx.accountId!, action: `community.join-mode.${input.joinMode}` });
      return { id: input.communityId, joinMode: input.joinMode };
    });
  }

  async requests(ctx: RequestContext, communityId: string) {
    const em = this.em.fork();
    await this.allowed(ctx, communityId, mayModerate, notAModerator, em);
    const rows = await sqlRows<{ accountId: string; requestedAt: Date }>(
      em, 'SELECT account_id AS "accountId", requested_at AS "requestedAt" FROM membership_requests WHERE community_id = $1 ORDER BY requested_at, account_id LIMIT 500', [communityId]);
    const nameOf = await this.names.namesOf(ctx, rows.map((r) => r.accountId));
    return { items: rows.map((r) => ({ accountId: r.accountId, displayName: nameOf(r.accountId), requestedAt: new Date(r.requestedAt).toISOString() })), nextCursor: null };
  }

  answer(ctx: RequestContext, input: { communityId: string; accountId: string; approve: boolean }) {
    const caller = requireRegionMember(ctx);
    return idempotent(this.em, ctx, 'membership-request.answer', async (em) => {
      const { community } = await this.allowed(ctx, input.communityId, mayModerate, notAModerator, em);
      const taken = await em.execute('DELETE FROM membership_requests WHERE community_id = ? AND account_id = ? RETURNING account_id', [input.communityId, input.accountId]);
      if (taken.length === 0) throw requestNotFound();
      if (input.approve) await this.communities.admit(em, ctx, community.regionId, input.communityId, input.accountId);
      await this.outbox.record(em, MembershipRequestAnswered, { communityId: input.communityId, accountId: input.accountId, approved: input.approve, by: caller.accountId }, originOf(ctx, community.regionId));
      await recordCommunityAudit(em, { communityId: input.communityId, actorId: caller.accountId, action: input.approve ? 'request.approved' : 'request.rejected', targetType: 'account', targetId: input.accountId });
      return { communityId: input.communityId, accountId: input.accountId, status: input.approve ? ('member' as const) : ('rejected' as const) };
    });
  }

  /** The token is returned once; only its SHA-256 is stored (a leaked database does not leak invitations). */
  createInvitation(ctx: RequestContext, input: { communityId: string; expiresInDays: number }) {
    const caller = requireRegionMember(ctx);
    return idempotent(this.em, ctx, 'invitation.create', async (em) => {
      await this.allowed(ctx, input.communityId, mayModerate, notAModerator, em);
      const token = randomBytes(32).toString('base64url');
      const id = uuidv7();
      const expiresAt = new Date(Date.now() + input.expiresInDays * DAY_MS);
      await em.execute('INSERT INTO invitations (id, community_id, token_hash, created_by, expires_at) VALUES (?, ?, ?, ?, ?)', [id, input.communityId, hashOf(token), caller.accountId, expiresAt]);
      await recordCommunityAudit(em, { communityId: input.communityId, actorId: caller.accountId, action: 'invitation.created', targetType: 'invitation', targetId: id });
      return { id, token, url: `/uitnodigingen/${token}`, expiresAt: expiresAt.toISOString() };
    });
  }

  async invitations(ctx: RequestContext, communityId: string) {
    const em = this.em.fork();
    await this.allowed(ctx, communityId, mayModerate, notAModerator, em);
    const rows = await sqlRows<{ id: string; createdBy: string; createdAt: Date; expiresAt: Date; acceptedCount: number }>(
      em,
      `SELECT id, created_by AS "createdBy", created_at AS "createdAt", expires_at AS "expiresAt", accepted_count AS "acceptedCount"
         FROM invitations WHERE community_id = $1 AND revoked_at IS NULL AND expires_at > now() ORDER BY created_at DESC LIMIT 200`,
      [communityId],
    );
    return {
      items: rows.map((r) => ({ ...r, createdAt: new Date(r.createdAt).toISOString(), expiresAt: new Date(r.expiresAt).toISOString(), acceptedCount: Number(r.acceptedCount) })),
      nextCursor: null,
    };
  }

  revokeInvitation(ctx: RequestContext, input: { communityId: string; invitationId: string }) {
    requireRegionMember(ctx);
    return idempotent(this.em, ctx, 'invitation.revoke', async (em) => {
      await this.allowed(ctx, input.communityId, mayModerate, notAModerator, em);
      const found = await em.execute('UPDATE invitations SET revoked_at = coalesce(revoked_at, now()) WHERE id = ? AND community_id = ? RETURNING id', [input.invitationId, input.communityId]);
      if (found.length === 0) throw invitationNotFound();
      await recordCommunityAudit(em, { communityId: input.communityId, actorId: ctx.accountId!, action: 'invitation.revoked', targetType: 'invitation', targetId: input.invitationId });
      return {};
    });
  }

  /** What a link leads to, for whoever holds the token (it is the capability): never who else was invited. */
  async invitation(ctx: RequestContext, token: string) {
    const em = this.em.fork();
    const [row] = await sqlRows<{ communityId: string; regionId: string; name: string; description: string; expiresAt: Date; gone: boolean; myRole: MemberRole | null }>(
      em,
      `SELECT c.id AS "communityId", c.region_id AS "regionId", c.name, c.description, i.expires_at AS "expiresAt",
              (i.revoked_at IS NOT NULL OR i.expires_at <= now()) AS gone, m.role AS "myRole"
         FROM invitations i JOIN communities c ON c.id = i.community_id
         LEFT JOIN memberships m ON m.community_id = c.id AND m.account_id = $2::uuid
        WHERE i.token_hash = $1`,
      [hashOf(token), ctx.accountId],
    );
    if (!row) throw invitationNotFound();
    if (row.gone) throw invitationGone();
    const { gone: _gone, ...invitation } = row;
    return { ...invitation, expiresAt: new Date(row.expiresAt).toISOString(), myRole: row.myRole ?? null };
  }

  /** An invitation lets one in whatever the join mode and visibility; never across regions. */
  acceptInvitation(ctx: RequestContext, token: string) {
    const caller = requireRegionMember(ctx);
    return idempotent(this.em, ctx, 'invitation.accept', async (em) => {
      const [invitation] = await sqlRows<{ id: string; communityId: string; gone: boolean }>(
        em, 'SELECT id, community_id AS "communityId", (revoked_at IS NOT NULL OR expires_at <= now()) AS gone FROM invitations WHERE token_hash = $1 FOR UPDATE', [hashOf(token)]);
      if (!invitation) throw invitationNotFound();
      if (invitation.gone) throw invitationGone();
      const { community, role } = await this.communities.accessOf(ctx, invitation.communityId, em);
      if (role) return { communityId: community.id, accountId: caller.accountId, role };
      if (community.scope !== 'national' && community.regionId !== caller.regionId) throw otherRegion();
      const admitted = await this.communities.admit(em, ctx, community.regionId, community.id, caller.accountId);
      await em.execute('UPDATE invitations SET accepted_count = accepted_count + 1 WHERE id = ?', [invitation.id]);
      return { communityId: community.id, accountId: caller.accountId, role: admitted };
    });
  }

  changeRole(ctx: RequestContext, input: { communityId: string; accountId: string; role: MemberRole }) {
    requireRegionMember(ctx);
    return idempotent(this.em, ctx, 'member.role', async (em) => {
      await this.lock(em, input.communityId); // first: the caller's own role is read under the lock too
      const { community } = await this.allowed(ctx, input.communityId, mayOrganise, notAnOrganiser, em);
      const current = await this.lockMember(em, input.communityId, input.accountId);
      if (current === input.role) return { ...input };
      if (current === 'organiser') await this.keepAnOrganiser(em, input.communityId);
      await em.execute('UPDATE memberships SET role = ? WHERE community_id = ? AND account_id = ?', [input.role, input.communityId, input.accountId]);
      await this.outbox.record(em, MemberRoleChanged, { ...input }, originOf(ctx, community.regionId));
      await recordCommunityAudit(em, { communityId: input.communityId, actorId: ctx.accountId!, action: `member.role.${input.role}`, targetType: 'account', targetId: input.accountId });
      return { ...input };
    });
  }

  remove(ctx: RequestContext, input: { communityId: string; accountId: string }) {
    const caller = requireRegionMember(ctx);
    return idempotent(this.em, ctx, 'member.remove', async (em) => {
      await this.lock(em, input.communityId);
      const access = await this.communities.readable(ctx, input.communityId, em);
      const self = input.accountId === caller.accountId;
      if (!self && !mayModerate(access)) throw notAModerator();
      const current = await this.lockMember(em, input.communityId, input.accountId);
      if (!self && access.role === 'moderator' && !access.isRegionStaff && current !== 'member') throw cannotRemoveHigherRole();
      if (current === 'organiser') await this.keepAnOrganiser(em, input.communityId);
      await em.execute('DELETE FROM memberships WHERE community_id = ? AND account_id = ?', [input.communityId, input.accountId]);
      await em.execute('UPDATE communities SET member_count = greatest(member_count - 1, 0) WHERE id = ?', [input.communityId]);
      await this.outbox.record(em, MemberLeft, { ...input }, originOf(ctx, access.community.regionId));
      if (!self) await recordCommunityAudit(em, { communityId: input.communityId, actorId: caller.accountId, action: 'member.removed', targetType: 'account', targetId: input.accountId });
      return {};
    });
  }

  /** The community's row lock: serialises every role change and departure there. */
  private async lock(em: EntityManager, communityId: string): Promise<void> {
    const locked = await em.execute('SELECT id FROM communities WHERE id = ? FOR UPDATE', [communityId]);
    if (locked.length === 0) throw communityNotFound();
  }

  /** The member's role (under the community's lock, taken before). */
  private async lockMember(em: EntityManager, communityId: string, accountId: string): Promise<MemberRole> {
    const [row] = await em.execute<{ role: MemberRole }[]>('SELECT role FROM memberships WHERE community_id = ? AND account_id = ?', [communityId, accountId]);
    if (!row) throw memberNotFound();
    return row.role;
  }

  private async keepAnOrganiser(em: EntityManager, communityId: string): Promise<void> {
    const [{ n }] = await em.execute<{ n: string }[]>("SELECT count(*) AS n FROM memberships WHERE community_id = ? AND role = 'organiser'", [communityId]);
    if (Number(n) <= 1) throw lastOrganiser();
  }
}
