import { createHash, randomBytes } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { z } from 'zod';
import { GATEWAY_CONFIG, type GatewayConfig } from '../../config';
import { GatewayRedis } from '../../rate-limit/rate-limit';

/**
 * What the gateway keeps about a signed-in browser: the account's access token, when it expires,
 * the refresh token for the next one (never sent to the browser) and the form secret.
 */
export const SessionRecord = z.object({
  token: z.string().min(1).max(8192),
  csrfSecret: z.string().min(1).max(200),
  refreshToken: z.string().min(1).max(200).optional(),
  /** Epoch milliseconds. */
  tokenExpiresAt: z.number().int().optional(),
});
export type SessionRecord = z.infer<typeof SessionRecord>;

/** Longest a renewal may take before another request of the browser may try. */
const RENEWAL_CLAIM_MS = 10_000;

/** An opaque session id: 256 random bits, base64url. */
export const SESSION_ID = /^[A-Za-z0-9_-]{43}$/;

/**
 * Browser sessions in Redis (the gateway's connection, key prefix `<KC_QUEUE_PREFIX>:gateway:session:`).
 * The cookie holds only a random id; Redis holds the tokens under the id's SHA-256, so a copy
 * of Redis gives no usable cookie. A session lives as long as identity's session (the refresh
 * lifetime); the access token in it is renewed before it expires.
 */
@Injectable()
export class SessionStore {
  private readonly prefix: string;

  constructor(
    private readonly redis: GatewayRedis,
    @Inject(GATEWAY_CONFIG) config: GatewayConfig,
  ) {
    this.prefix = `${config.KC_QUEUE_PREFIX}:gateway:session:`;
  }

  async create(record: SessionRecord, ttlSeconds: number): Promise<string> {
    const id = randomBytes(32).toString('base64url');
    await this.redis.client.set(this.key(id), JSON.stringify(record), 'EX', Math.max(1, Math.floor(ttlSeconds)));
    return id;
  }

  /** Stores the renewed tokens of a session that still exists (one ended meanwhile stays ended). */
  async replace(id: string, record: SessionRecord, ttlSeconds: number): Promise<void> {
    if (SESSION_ID.test(id)) await this.redis.client.set(this.key(id), JSON.stringify(record), 'EX', Math.max(1, Math.floor(ttlSeconds)), 'XX');
  }

  /**
   * Claims the renewal of a session's tokens for one request: a refresh token works once, so two
   * requests of one browser must not both present it. Returns false when another holds it.
   */
  async claimRenewal(id: string): Promise<boolean> {
    return (await this.redis.client.set(`${this.key(id)}:renewing`, '1', 'PX', RENEWAL_CLAIM_MS, 'NX')) === 'OK';
  }

  async releaseRenewal(id: string): Promise<void> {
    await this.redis.client.del(`${this.key(id)}:renewing`);
  }

  /** The session behind a cookie value, or null when there is none (ended, expired or never valid). */
  async find(id: string): Promise<SessionRecord | null> {
    if (!SESSION_ID.test(id)) return null;
    const raw = await this.redis.client.get(this.key(id));
    if (raw === null) return null;
    const parsed = SessionRecord.safeParse(safeJson(raw));
    return parsed.success ? parsed.data : null;
  }

  async end(id: string): Promise<void> {
    if (SESSION_ID.test(id)) await this.redis.client.del(this.key(id));
  }

  private key(id: string): string {
    return this.prefix + createHash('sha256').update(id).digest('base64url');
  }
}

function safeJson(raw: string): unknown {
  try {
    return JSON.parse(raw);
  } catch {
    return undefined;
  }
}
