import { z } from 'zod';
import { BaseConfigSchema, loadConfig } from '@kc/observability';

export const CommunitiesConfigSchema = BaseConfigSchema.extend({
  COMMUNITIES_HTTP_PORT: z.coerce.number().int().min(0).max(65535).default(3102),
});
export type CommunitiesConfig = z.infer<typeof CommunitiesConfigSchema>;
export const COMMUNITIES_CONFIG = Symbol('COMMUNITIES_CONFIG');

export const loadCommunitiesConfig = (env = process.env) => loadConfig('communities', CommunitiesConfigSchema, env);
