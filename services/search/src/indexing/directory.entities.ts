import { Entity, Enum, PrimaryKey, Property } from '@mikro-orm/core';

/** A region as identity announced it: resolves the `region` slug of anonymous searches. */
@Entity({ tableName: 'search_regions' })
export class KnownRegion {
  @PrimaryKey({ type: 'uuid' })
  id!: string;

  @Property({ unique: true })
  slug!: string;

  @Property()
  name!: string;
}

/** A community's region, visibility and scope: its conversations, contributions, media, collections and activities inherit them. */
@Entity({ tableName: 'search_communities' })
export class KnownCommunity {
  @PrimaryKey({ type: 'uuid' })
  id!: string;

  @Property({ type: 'uuid' })
  regionId!: string;

  @Enum({ items: ['public', 'members'] })
  visibility!: 'public' | 'members';

  /** A national community's content is found from every region. */
  @Property({ type: 'boolean' })
  national: boolean = false;
}

/** Who is a member of which community: members also find members-only content of their region. */
@Entity({ tableName: 'search_memberships' })
export class Membership {
  @PrimaryKey({ type: 'uuid' })
  accountId!: string;

  @PrimaryKey({ type: 'uuid' })
  communityId!: string;

  @Enum({ items: ['organiser', 'member'] })
  role!: 'organiser' | 'member';
}

export const searchEntities = [KnownRegion, KnownCommunity, Membership];
