import { EntityManager } from '@mikro-orm/postgresql';
import { Injectable } from '@nestjs/common';
import { DomainError, type Login, type RequestOf } from '@kc/contracts';
import { AccountService } from '../account/account.service';
import { invalidCredentials } from '../account/account.errors';
import { PasswordHasher } from '../account/password-hasher';
import { SigningKeyStore } from '../signing-key/signing-key.store';
import { TokenIssuer, type IssuedToken } from '../signing-key/token-issuer';
import { LoginThrottle } from './login-throttle';
import { recordSignInDay } from './sign-in-day';

export const loginBlocked = () =>
  new DomainError(403, 'ACCOUNT_BLOCKED', {
    nl: 'Dit account is geblokkeerd. Neem contact op met je bibliotheek als je denkt dat dit niet klopt.',
    en: 'This account has been blocked. Contact your library if you think this is a mistake.',
  });

/**
 * Log-in: e-mail and password for a signed access token that says who the bearer is. What they
 * may do is not in the token: every service reads it from the access directory, as it is now.
 */
@Injectable()
export class SessionService {
  constructor(
    private readonly accounts: AccountService,
    private readonly passwords: PasswordHasher,
    private readonly issuer: TokenIssuer,
    private readonly keys: SigningKeyStore,
    private readonly throttle: LoginThrottle,
    private readonly em: EntityManager,
  ) {}

  async login(input: RequestOf<typeof Login>): Promise<IssuedToken> {
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
    await recordSignInDay(this.em.fork(), account.id);
    return this.issuer.issue({ sub: account.id, rid: account.regionId });
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
