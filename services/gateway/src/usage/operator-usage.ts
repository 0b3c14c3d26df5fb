import {
  CatalogueUsage, CommunitiesUsage, EventsUsage, IdentityUsage, Id, IsoDateTime, ListRegions, RegionSlug, RegionStatus,
  type RegionUsage, type RequestMeta,
} from '@kc/contracts';
import type { RpcClient } from '@kc/messaging';
import { z } from 'zod';

export const USAGE_SERVICES = ['identity', 'communities', 'events', 'catalogue'] as const;
type UsageService = (typeof USAGE_SERVICES)[number];

export const RegionUsageRow = z.object({
  regionId: Id, slug: RegionSlug, name: z.string(), status: RegionStatus,
  accounts: z.number().int(), activeLast30Days: z.number().int(), communities: z.number().int(), members: z.number().int(),
  conversations: z.number().int(), contributions: z.number().int(), activities: z.number().int(), signUps: z.number().int(), titles: z.number().int(),
  storageBytes: z.object({ identity: z.number().int(), communities: z.number().int(), events: z.number().int(), catalogue: z.number().int(), total: z.number().int() }),
});
export type RegionUsageRow = z.infer<typeof RegionUsageRow>;
export const OperatorUsage = z.object({ generatedAt: IsoDateTime, items: z.array(RegionUsageRow) });
export type OperatorUsage = z.infer<typeof OperatorUsage>;

type Reports = Record<UsageService, RegionUsage[]>;
type Regions = Array<{ id: string; slug: string; name: string; status: z.infer<typeof RegionStatus> }>;

/** One row per region (every licensed region, also one without any data yet), by region name. */
export function combineUsage(regions: Regions, reports: Reports, now = new Date()): OperatorUsage {
  const of = (service: UsageService, regionId: string) => reports[service].find((u) => u.regionId === regionId);
  const count = (service: UsageService, regionId: string, name: string) => of(service, regionId)?.counts[name] ?? 0;
  const items = regions.map((region): RegionUsageRow => {
    const bytes = Object.fromEntries(USAGE_SERVICES.map((s) => [s, of(s, region.id)?.storageBytes ?? 0])) as Record<UsageService, number>;
    return {
      regionId: region.id, slug: region.slug, name: region.name, status: region.status,
      accounts: count('identity', region.id, 'accounts'), activeLast30Days: count('identity', region.id, 'activeLast30Days'),
      communities: count('communities', region.id, 'communities'), members: count('communities', region.id, 'members'),
      conversations: count('communities', region.id, 'conversations'), contributions: count('communities', region.id, 'contributions'),
      activities: count('events', region.id, 'activities'), signUps: count('events', region.id, 'signUps'),
      titles: count('catalogue', region.id, 'titles'),
      storageBytes: { ...bytes, total: USAGE_SERVICES.reduce((sum, s) => sum + bytes[s], 0) },
    };
  });
  items.sort((a, b) => a.name.localeCompare(b.name, 'nl') || a.slug.localeCompare(b.slug));
  return { generatedAt: now.toISOString(), items };
}

/**
 * The operator's usage report: each service counts what it holds per region and decides itself
 * that the caller is the operator; identity names the regions. Asked in parallel.
 */
export async function loadOperatorUsage(rpc: RpcClient, meta: RequestMeta): Promise<OperatorUsage> {
  // identity first: it refuses a non-operator before the other services are asked at all.
  const identity = (await rpc.send(IdentityUsage, {}, meta)).items;
  const [regions, communities, events, catalogue] = await Promise.all([
    rpc.send(ListRegions, {}, meta),
    rpc.send(CommunitiesUsage, {}, meta),
    rpc.send(EventsUsage, {}, meta),
    rpc.send(CatalogueUsage, {}, meta),
  ]);
  return combineUsage(regions.items, { identity, communities: communities.items, events: events.items, catalogue: catalogue.items });
}
