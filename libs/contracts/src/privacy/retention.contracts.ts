import { z } from 'zod';
import { bilingual } from '../bilingual';
import { RegionSlug } from '../common';
import { defineRequest } from '../define';

/** How long a region keeps accounts nobody signs in to: warned `warningDays` before, then erased (anonymised). */
export const RegionRetention = z.object({
  region: RegionSlug,
  inactiveAccountMonths: z.number().int(),
  warningDays: z.number().int(),
});

export const GetRegionRetention = defineRequest({
  pattern: 'identity.region.retention.get', service: 'identity',
  description: 'How long the region keeps inactive accounts (the region’s library administrators and the operator).',
  request: z.object({ region: RegionSlug }).strict(),
  response: RegionRetention,
});
export const SetRegionRetention = defineRequest({
  pattern: 'identity.region.retention.set', service: 'identity', command: true,
  description: 'Set after how many months without a sign-in an account of the region is erased (6–120, default 24); a warning mail goes first.',
  request: z.object({ region: RegionSlug, inactiveAccountMonths: z.number().int().min(6, bilingual({ nl: 'minstens 6 maanden', en: 'at least 6 months' })).max(120, bilingual({ nl: 'hoogstens 120 maanden', en: 'at most 120 months' })) }).strict(),
  response: RegionRetention,
});
