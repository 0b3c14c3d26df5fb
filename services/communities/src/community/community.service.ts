import { EntityManager } from '@mikro-orm/postgresql';
import { Injectable } from '@nestjs/common';
import { hasStaffRole, requireRegionMember } from '@kc/auth';
import { CommunityCreated, MemberJoined, MembershipRequested, type RequestContext } from '@kc/contracts';
import { EventOutbox, idempotent, originOf } from '@kc/messaging';
import { sqlRows } from '@kc/persistence';
import { refuseBlocked } from '../block/blocks';
import { RegionDirectory } from '../region/region.service';
import { Community, Membership, type CommunityRole, type CommunityScope, type JoinMode, type Visibility } from './community.entity';
import { communityNotFound, invalidCursor, invitationRequired, notALibrarian, notAllowedNational, otherRegion, staffJoinOnlyNational, staffOnly } from './community.errors';
import { accessTo, decodeIdCursor, encodeIdCursor, type CommunityAccessView } from './community.policy';
import { toCommunityResponse, type CommunityRow } from './community.responses';

/** Library staff of any region (community librarians, library administrators), or the operator. */
export const isStaff = (ctx: RequestContext) => ctx.isOperator || ctx.roles.includes('community_librarian') || ctx.roles.includes('library_admin');

export interface JoinAnswer { communityId: string; accountId: string; role: CommunityRole | null; status: 'member' | 'requested' }

export interface ReadableCommunity extends CommunityAccessView {
  community: CommunityRow;
}

/** A community with the caller's role in it, in one query (the hot path of every read). */
export const COMMUNITY_WITH_ROLE = `SELECT c.id, c.region_id AS "regionId", c.name, c.description, c.visibility, c.join_mode AS "joinMode", c.on_behalf_of_library AS "onBehalfOfLibrary", c.scope, c.member_count AS "memberCount",
       c.created_at AS "createdAt", m.role AS "myRole"
  FROM communities c LEFT JOIN memberships m ON m.community_id = c.id AND m.account_id = $1::uuid`;

@Injectable()
export class CommunityService {
  constructor(
    private readonly em: EntityManager,
    private readonly outbox: EventOutbox,
    private readonly regions: RegionDirectory,
  ) {}

  create(ctx: RequestContext, input: { name: string; description: string; visibility: Visibility; joinMode?: JoinMode; onBehalfOfLibrary?: boolean; scope?: CommunityScope }): Promise<{ id: string }> {
    const caller = requireRegionMember(ctx);
    if (input.onBehalfOfLibrary && !hasStaffRole(ctx, 'community_librarian', caller.regionId)) throw notALibrarian();
    const scope = input.scope ?? 'regional';
    if (scope === 'national' && !ctx.isOperator && !hasStaffRole(ctx, 'community_librarian', caller.regionId)) throw notAllowedNational();
    if (input.joinMode === 'staff' && scope !== 'national') throw staffJoinOnlyNational();
    return idempotent(this.em, ctx, 'community.create', async (em) => {
      const community = new Community({ ...input, scope, joinMode: input.joinMode ?? 'open', onBehalfOfLibrary: input.onBehalfOfLibrary ?? false, regionId: caller.regionId, organiserId: caller.accountId });
      await em.persist(community).flush(); // before its membership row (foreign key)
      em.persist(new Membership(community.id, caller.accountId, 'organiser'));
      const origin = originOf(ctx, community.regionId);
      await this.outbox.record(em, CommunityCreated, {
        communityId: community.id, regionId: community.regionId, name: community.name,
        description: community.description, visibility: community.visibility, organiserId: caller.accountId, scope: community.scope,
      }, origin);
      await this.outbox.record(em, MemberJoined, { communityId: community.id, accountId: caller.accountId, role: 'organiser' }, origin);
      return { id: community.id };
    });
  }

  /** The community and what the caller may do there; 404 when it does not exist. */
  async accessOf(ctx: RequestContext, communityId: string, em: EntityManager = this.em.fork()): Promise<ReadableCommunity> {
    const [row] = await sqlRows<CommunityRow & { myRole: CommunityRole | null }>(em, `${COMMUNITY_WITH_ROLE} WHERE c.id = $2`, [ctx.accountId, communityId]);
    if (!row) throw communityNotFound();
    const { myRole, ...community } = row;
    return { community, ...accessTo(community, ctx, myRole) };
  }

  /** The community if the caller may see it; otherwise 404 (never revealing that it exists). */
  async readable(ctx: RequestContext, communityId: string, em?: EntityManager): Promise<ReadableCommunity> {
    const access = await this.accessOf(ctx, communityId, em);
    if (!access.canRead) throw communityNotFound();
    return access;
  }

  async get(ctx: RequestContext, id: string) {
    const { community, role } = await this.readable(ctx, id);
    const pending = ctx.accountId && !role
      ? await this.em.fork().execute('SELECT 1 FROM membership_requests WHERE community_id = ? AND account_id = ?', [id, ctx.accountId])
      : [];
    return { ...toCommunityResponse(community, role), requestPending: pending.length > 0 };
  }

  /**
   * Logged in: public communities of the caller's region (or of `region`) plus the caller's own,
   * whatever their visibility. Anonymous: public communities of `region`, or all public ones.
   * Newest first (UUIDv7 ids), keyset-paginated on id.
   */
  async list(ctx: RequestContext, query: { region?: string; scope?: CommunityScope; limit: number; cursor?: string }) {
    const after = query.cursor ? decodeIdCursor(query.cursor) : null;
    if (query.cursor && !after) throw invalidCursor();
    const national = query.scope === 'national';
    const regionId = national ? null : query.region ? await this.regions.idOfSlug(query.region) : ctx.accountId ? ctx.regionId : null;
    // A region's list: its public regional communities and the caller's own. National: the public national ones and the caller's own national ones.
    const rows = await sqlRows<CommunityRow & { myRole: CommunityRole | null }>(
      this.em.fork(),
      `${COMMUNITY_WITH_ROLE}
        WHERE (CASE WHEN $5 THEN c.scope = 'national' AND (c.visibility = 'public' OR m.account_id IS NOT NULL)
                    ELSE (c.visibility = 'public' AND c.scope = 'regional' AND ($2::uuid IS NULL OR c.region_id = $2::uuid)) OR m.account_id IS NOT NULL END)
          AND ($3::uuid IS NULL OR c.id < $3::uuid)
        ORDER BY c.id DESC
        LIMIT $4`,
      [ctx.accountId, regionId, after, query.limit + 1, national],
    );
    const page = rows.slice(0, query.limit);
    return {
      items: page.map((row) => toCommunityResponse(row, row.myRole ?? null)),
      nextCursor: rows.length > query.limit ? encodeIdCursor(page[page.length - 1].id) : null,
    };
  }

  /**
   * Public communities of the caller's own region are open to join; members-only ones only to the
   * region's community librarians (others get 404: they cannot see it). Joining twice returns the
   * existing membership. `approval`: a request to join (202) for organisers and moderators to answer;
   * `invite`: only with an invitation. Community librarians of the region join any mode directly.
   */
  join(ctx: RequestContext, communityId: string): Promise<JoinAnswer> {
    const caller = requireRegionMember(ctx);
    return idempotent(this.em, ctx, 'member.join', async (em) => {
      const { community, role, canRead, isRegionStaff } = await this.accessOf(ctx, communityId, em);
      if (role) return { communityId, accountId: caller.accountId, role, status: 'member' as const };
      if (!canRead) throw communityNotFound();
      // A national community is joinable from every region; a regional one from its own.
      if (community.scope !== 'national' && community.regionId !== caller.regionId) throw otherRegion();
      if (community.joinMode === 'staff' && !isStaff(ctx)) throw staffOnly();
      if (!isRegionStaff && community.joinMode === 'invite') throw invitationRequired();
      if (!isRegionStaff && community.joinMode === 'approval') {
        // A request is no way in either; admit() refuses blocked accounts on every other way.
        await refuseBlocked(em, communityId, caller.accountId);
        const asked = await em.execute('INSERT INTO membership_requests (community_id, account_id) VALUES (?, ?) ON CONFLICT DO NOTHING RETURNING account_id', [communityId, caller.accountId]);
        if (asked.length > 0) await this.outbox.record(em, MembershipRequested, { communityId, accountId: caller.accountId }, originOf(ctx, community.regionId));
        return { communityId, accountId: caller.accountId, role: null, status: 'requested' as const };
      }
      const role2 = await this.admit(em, ctx, community.regionId, communityId, caller.accountId);
      return { communityId, accountId: caller.accountId, role: role2, status: 'member' as const };
    });
  }

  /** Makes the account a member (in the caller's transaction); returns its role (an existing one wins a race). */
  async admit(em: EntityManager, ctx: RequestContext, regionId: string, communityId: string, accountId: string): Promise<CommunityRole> {
    await refuseBlocked(em, communityId, accountId);
    const inserted = await em.execute(
      "INSERT INTO memberships (community_id, account_id, role) VALUES (?, ?, 'member') ON CONFLICT DO NOTHING RETURNING role",
      [communityId, accountId],
    );
    await em.execute('DELETE FROM membership_requests WHERE community_id = ? AND account_id = ?', [communityId, accountId]);
    if (inserted.length === 0) {
      // A concurrent join of the same account won the race: answer with its membership.
      const [existing] = await em.execute<{ role: CommunityRole }[]>('SELECT role FROM memberships WHERE community_id = ? AND account_id = ?', [communityId, accountId]);
      return existing.role;
    }
    await em.execute('UPDATE communities SET member_count = member_count + 1 WHERE id = ?', [communityId]);
    await this.outbox.record(em, MemberJoined, { communityId, accountId, role: 'member' }, originOf(ctx, regionId));
    return 'member';
  }

  async access(ctx: RequestContext, communityId: string) {
    const { community, canRead, role, isRegionStaff } = await this.accessOf(ctx, communityId);
    return {
      communityId: community.id, regionId: community.regionId, name: community.name,
      visibility: community.visibility, scope: community.scope, canRead, role, isRegionStaff,
    };
  }
}
