import { z } from 'zod';

/**
 * Parses the environment once, at boot, against a service's schema and fails fast with a
 * message that names every bad variable. Nothing else in a service reads `process.env`.
 */
export function loadConfig<S extends z.ZodType>(service: string, schema: S, env: NodeJS.ProcessEnv = process.env): z.infer<S> {
  const result = schema.safeParse(env);
  if (!result.success) {
    const lines = result.error.issues.map((issue) => `  - ${issue.path.join('.') || '(root)'}: ${issue.message}`);
    throw new Error(`[${service}] ongeldige configuratie / invalid configuration:\n${lines.join('\n')}`);
  }
  return result.data;
}

/** Variables every service shares. */
export const BaseConfigSchema = z.object({
  NODE_ENV: z.enum(['development', 'test', 'production']).default('development'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  NATS_URL: z.string().default('nats://127.0.0.1:4222'),
  /** Namespace for every NATS subject and stream: one per test run, empty in production. */
  KC_NAMESPACE: z.string().regex(/^[a-z0-9]*$/).default(''),
  DATABASE_URL_BASE: z.string().default('postgres://postgres@127.0.0.1:5432'),
  /** Connections a service's database pool may open (its outbox relay and janitor have 2 and 1 of their own). */
  DATABASE_POOL_MAX: z.coerce.number().int().min(1).max(100).default(10),
  /** A pooled connection idle this long is closed. */
  DATABASE_POOL_IDLE_MS: z.coerce.number().int().min(100).max(3_600_000).default(30_000),
  /** Database names are `<prefix><service>`: `kc_identity`, … (tests use their own prefix). */
  KC_DB_PREFIX: z.string().regex(/^[a-z0-9_]+$/).default('kc_'),
  REDIS_URL: z.string().default('redis://127.0.0.1:6379'),
  RPC_TIMEOUT_MS: z.coerce.number().int().positive().default(5000),
  /** Interface for the service's HTTP port (/health, /metrics): 0.0.0.0 in containers. */
  KC_HTTP_HOST: z.string().min(1).default('127.0.0.1'),
  /** Applied-event (inbox) rows are kept this long: longer than the streams' 30-day max age, so a re-created consumer cannot apply an event twice. */
  KC_INBOX_RETENTION_HOURS: z.coerce.number().int().min(1).max(24 * 366).default(35 * 24),
  /** An `Idempotency-Key` is remembered this long; a retry after that runs as a new command. */
  KC_IDEMPOTENCY_RETENTION_HOURS: z.coerce.number().int().min(1).max(24 * 366).default(24),
});
export type BaseConfig = z.infer<typeof BaseConfigSchema>;
