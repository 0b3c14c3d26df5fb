import { createHash, randomBytes } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { SsoFlow } from '@kc/contracts';
import { GATEWAY_CONFIG, type GatewayConfig } from '../../config';
import { GatewayRedis } from '../../rate-limit/rate-limit';

/** Long enough to sign in at the library's provider, short enough that a forgotten tab does not matter. */
export const SSO_FLOW_SECONDS = 600;
const FLOW_ID = /^[A-Za-z0-9_-]{43}$/;

/**
 * Sign-ins with a library's identity provider under way (ADR 0040): the state, nonce and PKCE
 * verifier stay in Redis, under the SHA-256 of a random id that only the browser's cookie holds,
 * so the callback works once and only in the browser that started it.
 */
@Injectable()
export class SsoFlowStore {
  private readonly prefix: string;

  constructor(
    private readonly redis: GatewayRedis,
    @Inject(GATEWAY_CONFIG) config: GatewayConfig,
  ) {
    this.prefix = `${config.KC_QUEUE_PREFIX}:gateway:sso-flow:`;
  }

  async create(flow: SsoFlow): Promise<string> {
    const id = randomBytes(32).toString('base64url');
    await this.redis.client.set(this.key(id), JSON.stringify(flow), 'EX', SSO_FLOW_SECONDS);
    return id;
  }

  /** The flow behind a cookie, taken out (a second callback finds nothing), or null. */
  async take(id: unknown): Promise<SsoFlow | null> {
    if (typeof id !== 'string' || !FLOW_ID.test(id)) return null;
    const raw = await this.redis.client.getdel(this.key(id));
    if (raw === null) return null;
    try {
      const parsed = SsoFlow.safeParse(JSON.parse(raw));
      return parsed.success ? parsed.data : null;
    } catch {
      return null;
    }
  }

  private key(id: string): string {
    return this.prefix + createHash('sha256').update(id).digest('base64url');
  }
}
