import { z } from 'zod';
import { bilingual } from '../bilingual';
import { Empty } from '../common';
import { defineRequest } from '../define';
import { Email, Password } from './identity.contracts';

/** The web pages the links in identity's mails open (`?token=`): identity writes them, the gateway serves them. */
export const EMAIL_LINK_PAGES = { verifyEmail: '/e-mailadres-bevestigen', resetPassword: '/wachtwoord-herstellen' } as const;

/** The random token from a link in a mail (43 base64url characters); identity stores only its SHA-256. */
export const EmailLinkToken = z.string().regex(/^[A-Za-z0-9_-]{43}$/, bilingual({ nl: 'is geen geldige code uit een e-mail', en: 'is not a valid code from an e-mail' }));

export const VerifyEmail = defineRequest({
  pattern: 'identity.account.email.verify', service: 'identity', command: true, allowedWhenSuspended: true,
  description: 'Confirm an e-mail address with the token from the verification mail (single use, 48 hours); an expired or used token is 410.',
  request: z.object({ token: EmailLinkToken }).strict(),
  response: Empty,
});
export const SendEmailVerification = defineRequest({
  pattern: 'identity.account.email.verification.send', service: 'identity', command: true, allowedWhenSuspended: true,
  description: 'Send the calling account a new verification mail (a few per hour at most; 409 when the address is already verified).',
  request: Empty, response: Empty,
});
export const RequestPasswordReset = defineRequest({
  pattern: 'identity.auth.password-reset.request', service: 'identity', command: true, allowedWhenSuspended: true,
  description: 'Ask for a password-reset mail. Always the same empty answer, whether or not the address has an account; a few mails per address per hour at most.',
  request: z.object({ email: Email }).strict(),
  response: Empty,
});
export const ConfirmPasswordReset = defineRequest({
  pattern: 'identity.auth.password-reset.confirm', service: 'identity', command: true, allowedWhenSuspended: true,
  description: 'Set a new password with the token from the reset mail (single use, 1 hour): every session of the account ends; an expired or used token is 410.',
  request: z.object({ token: EmailLinkToken, newPassword: Password }).strict(),
  response: Empty,
});
