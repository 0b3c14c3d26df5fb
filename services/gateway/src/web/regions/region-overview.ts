import { Injectable } from '@nestjs/common';
import { ListActivities, ListCommunities, RegionCollections, type Activity, type CollectionSummary, type CommunitySummary, type Region, type RequestMeta } from '@kc/contracts';
import { RpcClient } from '@kc/messaging';
import type { z } from 'zod';

type CommunityView = z.infer<typeof CommunitySummary>;
type ActivityView = z.infer<typeof Activity>;

const COMMUNITIES = 50;
const ACTIVITY_SOURCES = 20;
const ACTIVITIES_PER_COMMUNITY = 5;
const ACTIVITIES = 10;
const COLLECTIONS = 12;

/**
 * What a region's page shows: the region's communities the viewer may see (public ones and
 * their own), and the soonest upcoming activities of its public communities. The events
 * service lists activities per community, so this asks the most recent public communities
 * in parallel and merges (see the report's API gaps: a region-wide activity list).
 */
@Injectable()
export class RegionOverview {
  constructor(private readonly rpc: RpcClient) {}

  async of(region: Region, meta: RequestMeta): Promise<{
    communities: CommunityView[]; activities: { activity: ActivityView; community: CommunityView }[]; collections: (CollectionSummary & { communityName: string })[];
  }> {
    const listed = await this.rpc.send(ListCommunities, { region: region.slug, limit: COMMUNITIES }, meta);
    const communities = listed.items.filter((c) => c.regionId === region.id);
    const sources = communities.filter((c) => c.visibility === 'public').slice(0, ACTIVITY_SOURCES);
    const lists = await Promise.all(
      sources.map(async (community) => {
        const page = await this.rpc.send(ListActivities, { communityId: community.id, when: 'upcoming', limit: ACTIVITIES_PER_COMMUNITY }, meta);
        return page.items.map((activity) => ({ activity, community }));
      }),
    );
    const activities = lists.flat().sort((a, b) => Date.parse(a.activity.startsAt) - Date.parse(b.activity.startsAt)).slice(0, ACTIVITIES);
    const collections = (await this.rpc.send(RegionCollections, { region: region.slug, limit: COLLECTIONS }, meta)).items;
    return { communities, activities, collections };
  }
}
