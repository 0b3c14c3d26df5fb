import { z } from 'zod';
import { BaseConfigSchema, loadConfig } from '@kc/observability';

export const CommunitiesConfigSchema = BaseConfigSchema.extend({
  COMMUNITIES_HTTP_PORT: z.coerce.number().int().min(0).max(65535).default(3102),
  /** How often the preview worker looks for media whose preview is due (new, retried or older than the refresh age). */
  MEDIA_PREVIEW_POLL_MS: z.coerce.number().int().min(50).max(600_000).default(2000),
  /** A preview is fetched again when it is older than this. */
  MEDIA_PREVIEW_REFRESH_HOURS: z.coerce.number().int().min(1).max(24 * 366).default(7 * 24),
  /** The whole fetch of one page, redirects included. */
  MEDIA_PREVIEW_TIMEOUT_MS: z.coerce.number().int().min(100).max(60_000).default(8000),
  /** At most this many bytes of a page (after decompression); a larger page has no preview. */
  MEDIA_PREVIEW_MAX_BYTES: z.coerce.number().int().min(1024).max(10_000_000).default(1_000_000),
  MEDIA_PREVIEW_MAX_REDIRECTS: z.coerce.number().int().min(0).max(10).default(5),
  /** A failed fetch is tried this many times (backoff between) before the preview is `failed`. */
  MEDIA_PREVIEW_ATTEMPTS: z.coerce.number().int().min(1).max(20).default(3),
  /**
   * TEST ONLY: the preview fetcher may connect to loopback addresses (any port), so tests can
   * run it against a local HTTP server. Refused in production (see the refinement below).
   */
  MEDIA_PREVIEW_ALLOW_LOOPBACK_FOR_TESTS: z.stringbool().default(false),
  /** Posting limits per account and minute: far above what a person writes, low enough to stop a flood. */
  COMMUNITIES_MAX_CONVERSATIONS_PER_MINUTE: z.coerce.number().int().min(1).default(10),
  COMMUNITIES_MAX_CONTRIBUTIONS_PER_MINUTE: z.coerce.number().int().min(1).default(30),
  COMMUNITIES_MAX_MEDIA_PER_MINUTE: z.coerce.number().int().min(1).default(20),
}).refine((c) => !(c.MEDIA_PREVIEW_ALLOW_LOOPBACK_FOR_TESTS && c.NODE_ENV === 'production'), {
  path: ['MEDIA_PREVIEW_ALLOW_LOOPBACK_FOR_TESTS'],
  message: 'mag nooit aan staan in productie (NODE_ENV=production) / must never be on in production',
});
export type CommunitiesConfig = z.infer<typeof CommunitiesConfigSchema>;
export const COMMUNITIES_CONFIG = Symbol('COMMUNITIES_CONFIG');

export const loadCommunitiesConfig = (env = process.env) => loadConfig('communities', CommunitiesConfigSchema, env);
