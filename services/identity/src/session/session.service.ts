import { EntityManager } from '@mikro-orm/postgresql';
import { Injectable } from '@nestjs/common';
import type { Login, RequestOf } from '@kc/contracts';
import { AccountService } from '../account/account.service';
import { invalidCredentials } from '../account/account.errors';
import { PasswordHasher } from '../account/password-hasher';
import { SigningKeyStore } from '../signing-key/signing-key.store';
import { TokenIssuer, type IssuedToken } from '../signing-key/token-issuer';
import { staffRolesOf } from '../staff-role/staff-role.entity';

/**
 * Log-in: e-mail and password for a signed access token. The token carries the staff roles the
 * account holds *now*; a role granted later takes effect at the next log-in (tokens are short-lived).
 */
@Injectable()
export class SessionService {
  constructor(
    private readonly em: EntityManager,
    private readonly accounts: AccountService,
    private readonly passwords: PasswordHasher,
    private readonly issuer: TokenIssuer,
    private readonly keys: SigningKeyStore,
  ) {}

  async login(input: RequestOf<typeof Login>): Promise<IssuedToken> {
    const account = await this.accounts.findByEmail(input.email);
    // Same path for an unknown address: verify against a dummy hash, then refuse.
    const ok = await this.passwords.verify(account?.passwordHash, input.password);
    if (!account || !ok) throw invalidCredentials();
    const roles = await staffRolesOf(this.em.fork(), account.id, account.regionId);
    return this.issuer.issue({ sub: account.id, rid: account.regionId, roles, op: account.isOperator });
  }

  async jwks(): Promise<{ keys: Record<string, unknown>[] }> {
    return { keys: await this.keys.publicJwks() };
  }
}
