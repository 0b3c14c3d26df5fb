import { z } from 'zod';
import { MAX_ACCESS_TOKEN_SECONDS } from '@kc/contracts';
import { BaseConfigSchema, loadConfig } from '@kc/observability';

export const IdentityConfigSchema = BaseConfigSchema.extend({
  IDENTITY_HTTP_PORT: z.coerce.number().int().min(0).max(65535).default(3101),
  KC_BOOTSTRAP_OPERATOR_EMAIL: z.email().optional(),
  KC_BOOTSTRAP_OPERATOR_PASSWORD: z.string().min(10).optional(),
  /** Access tokens are short-lived (at most 15 minutes): the refresh token keeps a person signed in. */
  ACCESS_TOKEN_TTL_SECONDS: z.coerce.number().int().min(60).max(MAX_ACCESS_TOKEN_SECONDS).default(MAX_ACCESS_TOKEN_SECONDS),
  /** How long a session (sign-in) lasts, counted from signing in: its refresh tokens stop working then. */
  REFRESH_TOKEN_TTL_SECONDS: z.coerce.number().int().min(300).max(365 * 86400).default(30 * 86400),
  /** Wrong passwords for one e-mail address before further tries are refused for a while. */
  LOGIN_LOCK_AFTER_FAILURES: z.coerce.number().int().min(1).max(1_000_000).default(5),
  /** The first lock; it doubles with every further wrong password, up to the maximum. */
  LOGIN_LOCK_BASE_SECONDS: z.coerce.number().int().min(1).max(3600).default(30),
  LOGIN_LOCK_MAX_SECONDS: z.coerce.number().int().min(1).max(86400).default(900),
  /** Wrong passwords older than this are forgotten. */
  LOGIN_ATTEMPT_WINDOW_SECONDS: z.coerce.number().int().min(60).max(7 * 86400).default(3600),
});
export type IdentityConfig = z.infer<typeof IdentityConfigSchema>;
export const IDENTITY_CONFIG = Symbol('IDENTITY_CONFIG');

export const loadIdentityConfig = (env = process.env) => loadConfig('identity', IdentityConfigSchema, env);
