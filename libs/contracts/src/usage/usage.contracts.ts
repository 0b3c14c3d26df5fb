import { z } from 'zod';
import { Empty, Id } from '../common';
import { defineRequest } from '../define';

/**
 * What one service holds for a region, for the operator's usage report (`GET /operator/usage`):
 * named counts and the bytes its rows of that region take. The operator only; every service
 * decides that itself.
 */
export const RegionUsage = z.object({
  regionId: Id,
  counts: z.record(z.string(), z.number().int().nonnegative()),
  storageBytes: z.number().int().nonnegative(),
});
export type RegionUsage = z.infer<typeof RegionUsage>;
const UsageReport = z.object({ items: z.array(RegionUsage) });

const usageRequest = <const S extends 'identity' | 'communities' | 'events' | 'catalogue'>(service: S, counts: string) =>
  defineRequest({
    pattern: `${service}.usage.regions`, service,
    description: `Per region what the ${service} service holds (${counts}) and the bytes of its rows (operator only).`,
    request: Empty, response: UsageReport,
  });

export const IdentityUsage = usageRequest('identity', 'accounts, accounts signed in within 30 days');
export const CommunitiesUsage = usageRequest('communities', 'communities, members, conversations, contributions');
export const EventsUsage = usageRequest('events', 'activities, sign-ups');
export const CatalogueUsage = usageRequest('catalogue', 'titles');
