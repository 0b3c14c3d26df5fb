import { Entity, Enum, PrimaryKey, PrimaryKeyProp, Property } from '@mikro-orm/core';
import { v7 as uuidv7 } from 'uuid';

export type Visibility = 'public' | 'members';
export type CommunityRole = 'organiser' | 'moderator' | 'member';
export type JoinMode = 'open' | 'approval' | 'invite' | 'staff';
export type CommunityScope = 'regional' | 'national';

@Entity({ tableName: 'communities' })
export class Community {
  @PrimaryKey({ type: 'uuid' })
  id: string = uuidv7();

  @Property({ type: 'uuid' })
  regionId!: string;

  @Property({ type: 'text' })
  name!: string;

  @Property({ type: 'text' })
  description!: string;

  @Enum({ items: ['public', 'members'] })
  visibility!: Visibility;

  @Property({ type: 'uuid' })
  organiserId!: string;

  @Enum({ items: ['open', 'approval', 'invite', 'staff'] })
  joinMode: JoinMode = 'open';

  @Property({ type: 'boolean' })
  onBehalfOfLibrary = false;

  @Enum({ items: ['regional', 'national'] })
  scope: CommunityScope = 'regional';

  @Property({ type: 'integer' })
  memberCount = 1;

  @Property({ type: 'timestamptz' })
  createdAt: Date = new Date();

  constructor(input: { regionId: string; name: string; description: string; visibility: Visibility; joinMode: JoinMode; organiserId: string; onBehalfOfLibrary?: boolean; scope?: CommunityScope }) {
    Object.assign(this, input);
  }
}

@Entity({ tableName: 'memberships' })
export class Membership {
  [PrimaryKeyProp]?: ['communityId', 'accountId'];

  @PrimaryKey({ type: 'uuid' })
  communityId!: string;

  @PrimaryKey({ type: 'uuid' })
  accountId!: string;

  @Enum({ items: ['organiser', 'moderator', 'member'] })
  role!: CommunityRole;

  @Property({ type: 'timestamptz' })
  joinedAt: Date = new Date();

  constructor(communityId: string, accountId: string, role: CommunityRole) {
    this.communityId = communityId;
    this.accountId = accountId;
    this.role = role;
  }
}
