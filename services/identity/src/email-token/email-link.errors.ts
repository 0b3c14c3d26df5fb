import { DomainError, conflict } from '@kc/contracts';

export const verificationLinkGone = () =>
  new DomainError(410, 'EMAIL_LINK_EXPIRED', {
    nl: 'Deze bevestigingslink is verlopen of al gebruikt. Log in en vraag op je accountpagina een nieuwe aan.',
    en: 'This confirmation link has expired or was already used. Sign in and ask for a new one on your account page.',
  });
export const resetLinkGone = () =>
  new DomainError(410, 'EMAIL_LINK_EXPIRED', {
    nl: 'Deze link voor een nieuw wachtwoord is verlopen of al gebruikt. Vraag een nieuwe aan via "Wachtwoord vergeten?".',
    en: 'This password link has expired or was already used. Ask for a new one through "Forgot your password?".',
  });
export const emailAlreadyVerified = () =>
  conflict('EMAIL_ALREADY_VERIFIED', 'Je e-mailadres is al bevestigd.', 'Your e-mail address is already confirmed.');
export const tooManyMails = () =>
  new DomainError(429, 'TOO_MANY_MAILS', {
    nl: 'We hebben je het afgelopen uur al een paar e-mails gestuurd. Kijk ook in je map met ongewenste e-mail, of probeer het over een uur opnieuw.',
    en: 'We already sent you a few e-mails in the last hour. Check your spam folder too, or try again in an hour.',
  }, { retryAfterSeconds: 3600 });
