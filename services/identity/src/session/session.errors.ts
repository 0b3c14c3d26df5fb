import { DomainError, notFound } from '@kc/contracts';

export const refreshTokenInvalid = () =>
  new DomainError(401, 'REFRESH_TOKEN_INVALID', {
    nl: 'Je sessie is verlopen of beëindigd. Log opnieuw in.',
    en: 'Your session has expired or was ended. Please log in again.',
  });

/** A used refresh token came back: someone else may hold a copy, so the whole session ended. */
export const refreshTokenReused = () =>
  new DomainError(401, 'REFRESH_TOKEN_REUSED', {
    nl: 'Deze sessie is beëindigd omdat een oude inlogsleutel opnieuw werd gebruikt. Log opnieuw in. Was jij dat niet, wijzig dan je wachtwoord.',
    en: 'This session was ended because an old sign-in key was used again. Please log in again. If that was not you, change your password.',
  });

export const sessionNotFound = () => notFound('SESSION_NOT_FOUND', 'Deze sessie bestaat niet (meer).', 'This session does not exist (any more).');

export const wrongCurrentPassword = () =>
  new DomainError(403, 'WRONG_CURRENT_PASSWORD', {
    nl: 'Je huidige wachtwoord klopt niet.',
    en: 'Your current password is incorrect.',
  });
