import { z } from 'zod';
import { BaseConfigSchema, loadConfig } from '@kc/observability';

const bytes = (fallback: number) => z.coerce.number().int().min(1024).default(fallback);

export const GatewayConfigSchema = BaseConfigSchema.extend({
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  /** The edge listens on loopback by default; containers set 0.0.0.0. */
  GATEWAY_HOST: z.string().min(1).default('127.0.0.1'),
  /** Honour X-Forwarded-For from a reverse proxy / ingress (client IP for rate limits). */
  TRUST_PROXY: z.stringbool().default(false),
  /** Prefix of every Redis key the gateway writes (rate-limit counters): one per environment or test run. */
  KC_QUEUE_PREFIX: z.string().regex(/^[a-z0-9_:-]+$/i).default('kc'),
  JSON_BODY_LIMIT_BYTES: bytes(64 * 1024),
  CATALOGUE_UPLOAD_MAX_BYTES: bytes(100 * 1024 * 1024),
  RATE_LIMIT_WINDOW_SECONDS: z.coerce.number().int().min(1).max(3600).default(60),
  /** Requests per window per account (or per IP when anonymous), per route. */
  RATE_LIMIT_MAX: z.coerce.number().int().min(1).default(300),
  /**
   * Limit for log-in and registration per IP, per window: far above what a library branch's
   * workshop sends from its one public address. Password guessing is slowed per account by
   * identity, whatever the address.
   */
  AUTH_RATE_LIMIT_MAX: z.coerce.number().int().min(1).default(300),
  /** How long `/health` waits for each service's answer. */
  HEALTH_TIMEOUT_MS: z.coerce.number().int().min(50).max(30_000).default(2000),
});
export type GatewayConfig = z.infer<typeof GatewayConfigSchema>;
export const GATEWAY_CONFIG = Symbol('GATEWAY_CONFIG');

export const loadGatewayConfig = (env = process.env) => loadConfig('gateway', GatewayConfigSchema, env);
