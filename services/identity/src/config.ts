import { z } from 'zod';
import { BaseConfigSchema, loadConfig } from '@kc/observability';

export const IdentityConfigSchema = BaseConfigSchema.extend({
  IDENTITY_HTTP_PORT: z.coerce.number().int().min(0).max(65535).default(3101),
  KC_BOOTSTRAP_OPERATOR_EMAIL: z.email().optional(),
  KC_BOOTSTRAP_OPERATOR_PASSWORD: z.string().min(10).optional(),
  ACCESS_TOKEN_TTL_SECONDS: z.coerce.number().int().min(60).max(86400).default(3600),
});
export type IdentityConfig = z.infer<typeof IdentityConfigSchema>;
export const IDENTITY_CONFIG = Symbol('IDENTITY_CONFIG');

export const loadIdentityConfig = (env = process.env) => loadConfig('identity', IdentityConfigSchema, env);
