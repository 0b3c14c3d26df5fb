import { EntityManager } from '@mikro-orm/postgresql';
import { Injectable } from '@nestjs/common';
import { requireAccount } from '@kc/auth';
import type { RequestContext } from '@kc/contracts';
import { sqlRows } from '@kc/persistence';
import { AccountNameDirectory } from '../account-name/account-name.directory';
import type { CommunityRole } from './community.entity';
import { notAMember } from './community.errors';
import { CommunityService } from './community.service';

/**
 * Who is in a community, with names: for its members (whom they can mention) and the region's
 * community librarians. Others who can see a public community do not get its member list.
 */
@Injectable()
export class MemberDirectoryService {
  constructor(
    private readonly em: EntityManager,
    private readonly communities: CommunityService,
    private readonly names: AccountNameDirectory,
  ) {}

  async list(ctx: RequestContext, query: { communityId: string; limit: number }) {
    requireAccount(ctx);
    const em = this.em.fork();
    const { role, isRegionStaff } = await this.communities.readable(ctx, query.communityId, em);
    if (!role && !isRegionStaff) throw notAMember();
    const rows = await sqlRows<{ accountId: string; role: CommunityRole }>(
      em,
      'SELECT account_id AS "accountId", role FROM memberships WHERE community_id = $1 ORDER BY joined_at, account_id LIMIT $2',
      [query.communityId, query.limit],
    );
    const nameOf = await this.names.namesOf(ctx, rows.map((r) => r.accountId));
    const items = rows.map((r) => ({ accountId: r.accountId, displayName: nameOf(r.accountId), role: r.role }));
    items.sort((a, b) => a.displayName.localeCompare(b.displayName, 'nl'));
    return { items, nextCursor: null };
  }
}
