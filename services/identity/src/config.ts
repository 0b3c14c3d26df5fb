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
  /** Where mail is delivered (smtp:// or smtps://, credentials in the URL). Without it mail waits in the outbox, unsent. */
  SMTP_URL: z.url({ protocol: /^smtps?$/ }).optional(),
  MAIL_FROM: z.string().min(3).default('KennisCloud <noreply@kenniscloud.nl>'),
  /** The web address people open the links in a mail at (the gateway's web pages). */
  /** Days between the warning mail to an inactive account and its erasure (ADR 0039). */
  INACTIVITY_WARNING_DAYS: z.coerce.number().int().min(7).max(180).default(30),
  INACTIVITY_PASS_INTERVAL_MS: z.coerce.number().int().min(1000).max(86_400_000).default(3_600_000),
  /**
   * Encrypts the regions' OpenID Connect client secrets at rest (ADR 0040): any long random
   * string; production sets its own (the default is for development and tests only).
   */
  SSO_SECRET_KEY: z.string().min(32).default('kenniscloud-development-sso-secret-key-not-for-production'),
  /** Allows an http:// issuer on 127.0.0.1 or localhost (tests and development only). */
  SSO_ALLOW_LOCAL_HTTP_ISSUER: z.stringbool().default(false),
  PUBLIC_WEB_URL: z.url({ protocol: /^https?$/ }).default('http://localhost:3000'),
  /** How often the mail sender looks for mail to deliver. */
  MAIL_POLL_MS: z.coerce.number().int().min(10).max(60_000).default(1000),
  /** The wait after the first failed delivery; it doubles with every further failure, up to the maximum. */
  MAIL_RETRY_BASE_MS: z.coerce.number().int().min(10).max(3_600_000).default(5000),
  MAIL_RETRY_MAX_MS: z.coerce.number().int().min(10).max(86_400_000).default(900_000),
  /** Delivery attempts before a mail is given up (it stays visible with its last error until it is pruned). */
  MAIL_MAX_ATTEMPTS: z.coerce.number().int().min(1).max(100).default(12),
  /** Sent (and given-up) mails hold an address: they are deleted this long after. */
  MAIL_KEEP_SECONDS: z.coerce.number().int().min(60).max(30 * 86400).default(86400),
  /** Verification or reset mails per account and kind within an hour; more asks are refused or quietly dropped. */
  MAIL_LINKS_PER_HOUR: z.coerce.number().int().min(1).max(1000).default(3),
});
export type IdentityConfig = z.infer<typeof IdentityConfigSchema>;
export const IDENTITY_CONFIG = Symbol('IDENTITY_CONFIG');

export const loadIdentityConfig = (env = process.env) => loadConfig('identity', IdentityConfigSchema, env);
