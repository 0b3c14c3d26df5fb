import { EntityManager } from '@mikro-orm/postgresql';
import { Inject, Injectable } from '@nestjs/common';
import { EMAIL_LINK_PAGES, type RequestContext, type RequestOf, type VerifyEmail } from '@kc/contracts';
import { requireAccount } from '@kc/auth';
import { idempotent } from '@kc/messaging';
import { accountNotFound } from '../account/account.errors';
import { IDENTITY_CONFIG, type IdentityConfig } from '../config';
import { emailAlreadyVerified, tooManyMails, verificationLinkGone } from '../email-token/email-link.errors';
import { EmailTokenRepository } from '../email-token/email-token.repository';
import { recordMail } from '../mail/mail-outbox';
import { verificationMail } from '../mail/mail-templates';

const VERIFICATION_LINK_SECONDS = 48 * 3600;

/**
 * Confirming an e-mail address: a mail with a single-use link (48 hours) on registration and
 * on request, and the answer to that link. Unverified accounts may do everything (ADR 0036).
 */
@Injectable()
export class EmailVerificationService {
  constructor(
    private readonly em: EntityManager,
    @Inject(IDENTITY_CONFIG) private readonly config: IdentityConfig,
  ) {}

  /** In the caller's transaction: a new link for the account's address and the mail that carries it. */
  async sendLink(em: EntityManager, account: { id: string; email: string; displayName: string }): Promise<void> {
    const token = await EmailTokenRepository.issue(em, { accountId: account.id, purpose: 'verify-email', email: account.email, ttlSeconds: VERIFICATION_LINK_SECONDS });
    const link = `${this.config.PUBLIC_WEB_URL.replace(/\/$/, '')}${EMAIL_LINK_PAGES.verifyEmail}?token=${token}`;
    await recordMail(em, { accountId: account.id, kind: 'verify-email', recipient: account.email, ...verificationMail(account.displayName, link) });
  }

  async resend(ctx: RequestContext): Promise<Record<string, never>> {
    const { accountId } = requireAccount(ctx);
    return idempotent(this.em, ctx, 'account.email.verification.send', async (em) => {
      // The account row locked: two asks at once count one after the other against the limit.
      const [account] = await em.execute<Array<{ id: string; email: string; display_name: string; verified: boolean }>>(
        'SELECT id, email, display_name, email_verified_at IS NOT NULL AS verified FROM accounts WHERE id = ? FOR UPDATE', [accountId],
      );
      if (!account) throw accountNotFound();
      if (account.verified) throw emailAlreadyVerified();
      if (await EmailTokenRepository.issuedInLastHour(em, accountId, 'verify-email') >= this.config.MAIL_LINKS_PER_HOUR) throw tooManyMails();
      await this.sendLink(em, { id: account.id, email: account.email, displayName: account.display_name });
      return {};
    });
  }

  async verify(ctx: RequestContext, input: RequestOf<typeof VerifyEmail>): Promise<Record<string, never>> {
    return idempotent(this.em, ctx, 'account.email.verify', async (em) => {
      const token = await EmailTokenRepository.lock(em, input.token, 'verify-email');
      if (!token || token.expired || token.used) throw verificationLinkGone();
      // A link proves the address it was sent to, not one the account has since changed to.
      const updated = await em.execute<Array<{ id: string }>>(
        'UPDATE accounts SET email_verified_at = coalesce(email_verified_at, now()) WHERE id = ? AND email = ? RETURNING id', [token.accountId, token.email],
      );
      if (updated.length === 0) throw verificationLinkGone();
      await EmailTokenRepository.useAll(em, token.accountId, 'verify-email');
      return {};
    });
  }
}
