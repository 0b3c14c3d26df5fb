import { EntityManager } from '@mikro-orm/postgresql';
import { Inject, Injectable } from '@nestjs/common';
import { DomainError, type Login, type RefreshSession, type RequestContext, type RequestOf, type ResponseOf, type TokenPair } from '@kc/contracts';
import { EventOutbox, originOf } from '@kc/messaging';
import type { Account } from '../account/account.entity';
import { AccountService } from '../account/account.service';
import { invalidCredentials } from '../account/account.errors';
import { needsConsent } from '../account/account.responses';
import { PasswordHasher } from '../account/password-hasher';
import { recordAudit } from '../audit/audit.log';
import { IDENTITY_CONFIG, type IdentityConfig } from '../config';
import { SigningKeyStore } from '../signing-key/signing-key.store';
import { TokenIssuer } from '../signing-key/token-issuer';
import { LoginThrottle } from './login-throttle';
import { endSessions } from './session-end';
import { refreshTokenInvalid, refreshTokenReused } from './session.errors';
import { newRefreshToken, SessionRepository } from './session.repository';
import { recordSignInDay } from './sign-in-day';

export const loginBlocked = () =>
  new DomainError(403, 'ACCOUNT_BLOCKED', {
    nl: 'Dit account is geblokkeerd. Neem contact op met je bibliotheek als je denkt dat dit niet klopt.',
    en: 'This account has been blocked. Contact your library if you think this is a mistake.',
  });

/**
 * Signing in and staying signed in. Log-in checks e-mail and password and starts a session: a
 * short-lived access token that says who the bearer is (what they may do comes from the access
 * directory, as it is now) and a refresh token, exchanged for a new pair before the access
 * token expires. Each refresh token works once; one that comes back ends its whole session.
 */
@Injectable()
export class SessionService {
  constructor(
    private readonly accounts: AccountService,
    private readonly passwords: PasswordHasher,
    private readonly issuer: TokenIssuer,
    private readonly keys: SigningKeyStore,
    private readonly throttle: LoginThrottle,
    private readonly outbox: EventOutbox,
    private readonly em: EntityManager,
    @Inject(IDENTITY_CONFIG) private readonly config: IdentityConfig,
  ) {}

  async login(input: RequestOf<typeof Login>): Promise<ResponseOf<typeof Login>> {
    const email = input.email.toLowerCase();
    await this.throttle.admit(email);
    const { account, ok } = await this.check(email, input.password).catch(async (error: unknown) => {
      await this.throttle.release(email).catch(() => undefined);
      throw error;
    });
    if (!account || !ok) {
      await this.throttle.failed(email);
      throw invalidCredentials();
    }
    await this.throttle.succeeded(email);
    // Only after the right password, so the answer tells a guesser nothing.
    if (account.blockedAt) throw loginBlocked();
    return this.start(account, input.device);
  }

  /** Starts a session for an account that proved who it is (a password, or its library's identity provider). */
  async start(account: Account, device: string | undefined): Promise<ResponseOf<typeof Login>> {
    if (account.blockedAt) throw loginBlocked();
    await recordSignInDay(this.em.fork(), account.id);
    const refreshToken = newRefreshToken();
    const lifetime = this.config.REFRESH_TOKEN_TTL_SECONDS;
    const sessionId = await this.em.fork().transactional((em) => SessionRepository.create(em, account.id, device, lifetime, refreshToken));
    const access = await this.issuer.issue({ sub: account.id, rid: account.regionId, sid: sessionId });
    return { ...access, refreshToken, refreshExpiresIn: lifetime, consentRequired: needsConsent(account) };
  }

  /**
   * Exchanges a refresh token for a new pair, under the lock of its session: of two exchanges of
   * one token exactly one succeeds. A token that was already used means a copy exists: the
   * session ends (its access tokens are refused everywhere), recorded in the audit log.
   */
  async refresh(ctx: RequestContext, { refreshToken }: RequestOf<typeof RefreshSession>): Promise<TokenPair> {
    const next = newRefreshToken();
    const outcome = await this.em.fork().transactional(async (em) => {
      const presented = await SessionRepository.lockByRefreshToken(em, refreshToken);
      if (!presented || !presented.live) return { refused: refreshTokenInvalid() } as const;
      if (presented.used) {
        const origin = { ...originOf(ctx, presented.regionId), actor: presented.accountId };
        await endSessions(em, this.outbox, origin, presented.accountId, 'refresh-reused', { only: presented.sessionId });
        await recordAudit(em, {
          action: 'session.refresh-reused', actorId: null, target: { type: 'account', id: presented.accountId }, regionId: presented.regionId,
          details: { sessionId: presented.sessionId },
        });
        return { refused: refreshTokenReused() } as const;
      }
      if (presented.blocked) return { refused: loginBlocked() } as const;
      await SessionRepository.rotate(em, presented.sessionId, refreshToken, next);
      return { presented } as const;
    });
    // Thrown after the commit: the ended session must stay ended.
    if ('refused' in outcome) throw outcome.refused;
    const { presented } = outcome;
    const access = await this.issuer.issue({ sub: presented.accountId, rid: presented.regionId, sid: presented.sessionId });
    return { ...access, refreshToken: next, refreshExpiresIn: presented.expiresInSeconds };
  }

  private async check(email: string, password: string) {
    const account = await this.accounts.findByEmail(email);
    // Same path for an unknown address: verify against a dummy hash, then refuse.
    const ok = await this.passwords.verify(account?.passwordHash, password);
    return { account, ok };
  }

  async jwks(): Promise<{ keys: Record<string, unknown>[] }> {
    return { keys: await this.keys.publicJwks() };
  }
}
