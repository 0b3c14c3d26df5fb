import { Inject, Injectable } from '@nestjs/common';
import type { Logger } from 'pino';
import { DomainError, RefreshSession, type RequestMeta } from '@kc/contracts';
import { RpcClient } from '@kc/messaging';
import { GATEWAY_LOGGER } from '../../gateway.tokens';
import { SessionStore, type SessionRecord } from './session.store';

/** Renew this long before the access token expires, so a page never travels with a dying token. */
const RENEW_AHEAD_MS = 60_000;
/** How long a request waits for another request of the same browser that is renewing. */
const WAIT_FOR_OTHER_MS = 3_000;

/**
 * Keeps a browser signed in for the whole life of its identity session: when the access token
 * is near its end, the refresh token (kept in Redis, never in the browser) is exchanged for a
 * new pair. One request per browser renews at a time (a refresh token works once; identity ends
 * the session when one comes back); the others wait for its result.
 */
@Injectable()
export class SessionRenewal {
  constructor(
    private readonly sessions: SessionStore,
    private readonly rpc: RpcClient,
    @Inject(GATEWAY_LOGGER) private readonly logger: Logger,
  ) {}

  /** The session with a token good for a while, or null when identity ended it. */
  async fresh(sessionId: string, session: SessionRecord, meta: RequestMeta): Promise<SessionRecord | null> {
    if (!needsRenewal(session)) return session;
    const claimed = await this.sessions.claimRenewal(sessionId).catch(() => undefined);
    if (claimed === undefined) return stillValid(session);
    if (!claimed) return this.renewedByAnother(sessionId, session);
    try {
      const current = await this.sessions.find(sessionId);
      if (!current || current.refreshToken !== session.refreshToken) return current;
      const pair = await this.rpc.send(RefreshSession, { refreshToken: current.refreshToken! }, { ...meta, token: undefined, idempotencyKey: undefined });
      const renewed: SessionRecord = { ...current, token: pair.accessToken, refreshToken: pair.refreshToken, tokenExpiresAt: Date.now() + pair.expiresIn * 1000 };
      await this.sessions.replace(sessionId, renewed, pair.refreshExpiresIn);
      return renewed;
    } catch (error) {
      if (error instanceof DomainError && error.statusCode < 500) return null;
      // identity or Redis away: the token may still do until it expires.
      this.logger.warn({ err: (error as Error).message, correlationId: meta.correlationId }, 'session could not be renewed');
      return stillValid(session);
    } finally {
      await this.sessions.releaseRenewal(sessionId).catch(() => undefined);
    }
  }

  private async renewedByAnother(sessionId: string, session: SessionRecord): Promise<SessionRecord | null> {
    const deadline = Date.now() + WAIT_FOR_OTHER_MS;
    while (Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 50));
      const current = await this.sessions.find(sessionId);
      if (!current) return null;
      if (current.refreshToken !== session.refreshToken) return current;
    }
    return stillValid(session);
  }
}

const stillValid = (session: SessionRecord) => (session.tokenExpiresAt! > Date.now() ? session : null);

const needsRenewal = (session: SessionRecord) =>
  session.refreshToken !== undefined && session.tokenExpiresAt !== undefined && session.tokenExpiresAt - Date.now() < RENEW_AHEAD_MS;
