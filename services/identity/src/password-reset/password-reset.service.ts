import { EntityManager } from '@mikro-orm/postgresql';
import { Inject, Injectable } from '@nestjs/common';
import { EMAIL_LINK_PAGES, type ConfirmPasswordReset, type RequestContext, type RequestOf, type RequestPasswordReset } from '@kc/contracts';
import { EventOutbox, idempotent, originOf } from '@kc/messaging';
import { PasswordHasher } from '../account/password-hasher';
import { recordAudit } from '../audit/audit.log';
import { IDENTITY_CONFIG, type IdentityConfig } from '../config';
import { resetLinkGone } from '../email-token/email-link.errors';
import { EmailTokenRepository } from '../email-token/email-token.repository';
import { recordMail } from '../mail/mail-outbox';
import { passwordResetMail } from '../mail/mail-templates';
import { throttleKey } from '../session/login-throttle';
import { endSessions } from '../session/session-end';

const RESET_LINK_SECONDS = 3600;

/**
 * A forgotten password: a mail with a single-use link (1 hour) to the address, if it has an
 * account. The answer is the same either way, so nobody learns which addresses have one.
 * Setting the new password counts as a password change: every session ends.
 */
@Injectable()
export class PasswordResetService {
  constructor(
    private readonly em: EntityManager,
    private readonly passwords: PasswordHasher,
    private readonly outbox: EventOutbox,
    @Inject(IDENTITY_CONFIG) private readonly config: IdentityConfig,
  ) {}

  async request(ctx: RequestContext, input: RequestOf<typeof RequestPasswordReset>): Promise<Record<string, never>> {
    await idempotent(this.em, ctx, 'account.password-reset.request', async (em) => {
      const [account] = await em.execute<Array<{ id: string; email: string; display_name: string }>>(
        'SELECT id, email, display_name FROM accounts WHERE email = ? AND blocked_at IS NULL FOR UPDATE', [input.email],
      );
      if (!account) return;
      // Beyond the limit the ask is dropped quietly: a 429 here would tell that the address has an account.
      if (await EmailTokenRepository.issuedInLastHour(em, account.id, 'password-reset') >= this.config.MAIL_LINKS_PER_HOUR) return;
      const token = await EmailTokenRepository.issue(em, { accountId: account.id, purpose: 'password-reset', email: account.email, ttlSeconds: RESET_LINK_SECONDS });
      const link = `${this.config.PUBLIC_WEB_URL.replace(/\/$/, '')}${EMAIL_LINK_PAGES.resetPassword}?token=${token}`;
      await recordMail(em, { accountId: account.id, kind: 'password-reset', recipient: account.email, ...passwordResetMail(account.display_name, link) });
    });
    return {};
  }

  async confirm(ctx: RequestContext, input: RequestOf<typeof ConfirmPasswordReset>): Promise<Record<string, never>> {
    // Checked before the (deliberately slow) hashing, so a dead link costs nothing; checked again under the lock.
    const unlocked = await EmailTokenRepository.lock(this.em.fork(), input.token, 'password-reset');
    if (!unlocked || unlocked.expired || unlocked.used) throw resetLinkGone();
    const passwordHash = await this.passwords.hash(input.newPassword);
    return idempotent(this.em, ctx, 'account.password-reset.confirm', async (em) => {
      const token = await EmailTokenRepository.lock(em, input.token, 'password-reset');
      if (!token || token.expired || token.used) throw resetLinkGone();
      // The link proved the address: it is confirmed too. A locked sign-in is lifted.
      const [account] = await em.execute<Array<{ region_id: string | null }>>(
        `UPDATE accounts SET password_hash = ?, email_verified_at = coalesce(email_verified_at, now())
          WHERE id = ? AND email = ? AND blocked_at IS NULL RETURNING region_id`,
        [passwordHash, token.accountId, token.email],
      );
      if (!account) throw resetLinkGone();
      await EmailTokenRepository.useAll(em, token.accountId, 'password-reset');
      await em.execute('DELETE FROM login_throttle WHERE address_hash = ?', [throttleKey(token.email)]);
      const origin = { ...originOf(ctx, account.region_id), actor: token.accountId };
      const ended = await endSessions(em, this.outbox, origin, token.accountId, 'password-changed');
      await recordAudit(em, {
        action: 'account.password-reset', actorId: token.accountId, target: { type: 'account', id: token.accountId }, regionId: account.region_id,
        details: { endedSessions: ended.length },
      });
      return {};
    }, { fingerprint: 'password-reset' });
  }
}
