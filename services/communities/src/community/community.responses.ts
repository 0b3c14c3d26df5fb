import type { CommunityRole, CommunityScope, JoinMode, Visibility } from './community.entity';

export interface CommunityRow {
  id: string;
  regionId: string;
  name: string;
  description: string;
  visibility: Visibility;
  joinMode: JoinMode;
  memberCount: number;
  onBehalfOfLibrary: boolean;
  scope: CommunityScope;
  createdAt: Date | string;
}

export const toCommunityResponse = (c: CommunityRow, myRole: CommunityRole | null) => ({
  id: c.id,
  regionId: c.regionId,
  name: c.name,
  description: c.description,
  visibility: c.visibility,
  memberCount: Number(c.memberCount),
  myRole,
  joinMode: c.joinMode,
  onBehalfOfLibrary: c.onBehalfOfLibrary === true,
  scope: c.scope,
  createdAt: new Date(c.createdAt).toISOString(),
});
