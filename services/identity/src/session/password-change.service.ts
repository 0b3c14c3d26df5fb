import { EntityManager } from '@mikro-orm/postgresql';
import { Injectable } from '@nestjs/common';
import type { ChangePassword, RequestContext, RequestOf, ResponseOf } from '@kc/contracts';
import { requireAccount } from '@kc/auth';
import { EventOutbox, idempotent, originOf } from '@kc/messaging';
import { accountNotFound } from '../account/account.errors';
import { AccountService } from '../account/account.service';
import { PasswordHasher } from '../account/password-hasher';
import { recordAudit } from '../audit/audit.log';
import { LoginThrottle } from './login-throttle';
import { endSessions } from './session-end';
import { wrongCurrentPassword } from './session.errors';

/**
 * Changing one's password: the current one is checked with the same limits as signing in (a
 * stolen session cannot guess it), and every other session of the account ends, so a device
 * someone else holds is signed out.
 */
@Injectable()
export class PasswordChangeService {
  constructor(
    private readonly em: EntityManager,
    private readonly accounts: AccountService,
    private readonly passwords: PasswordHasher,
    private readonly throttle: LoginThrottle,
    private readonly outbox: EventOutbox,
  ) {}

  async change(ctx: RequestContext, input: RequestOf<typeof ChangePassword>): Promise<ResponseOf<typeof ChangePassword>> {
    const { accountId } = requireAccount(ctx);
    const account = await this.accounts.findById(accountId);
    if (!account) throw accountNotFound();
    await this.throttle.admit(account.email);
    const ok = await this.passwords.verify(account.passwordHash, input.currentPassword).catch(async (error: unknown) => {
      await this.throttle.release(account.email).catch(() => undefined);
      throw error;
    });
    if (!ok) {
      await this.throttle.failed(account.email);
      throw wrongCurrentPassword();
    }
    await this.throttle.succeeded(account.email);
    // Hash outside the transaction: argon2 is deliberately slow.
    const passwordHash = await this.passwords.hash(input.newPassword);
    return idempotent(this.em, ctx, 'account.password.change', async (em) => {
      await em.execute('UPDATE accounts SET password_hash = ? WHERE id = ?', [passwordHash, accountId]);
      const ended = await endSessions(em, this.outbox, originOf(ctx, account.regionId), accountId, 'password-changed', { except: ctx.sessionId });
      await recordAudit(em, { action: 'account.password-changed', actorId: accountId, target: { type: 'account', id: accountId }, regionId: account.regionId, details: { endedSessions: ended.length } });
      return { endedSessions: ended.length };
    }, { fingerprint: 'password-change' });
  }
}
