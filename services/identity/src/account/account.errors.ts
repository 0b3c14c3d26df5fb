import { DomainError, conflict, notFound } from '@kc/contracts';

export const emailTaken = () =>
  conflict('EMAIL_TAKEN', 'Er bestaat al een account met dit e-mailadres.', 'An account with this e-mail address already exists.');
export const accountNotFound = () => notFound('ACCOUNT_NOT_FOUND', 'Dit account bestaat niet.', 'This account does not exist.');
/** One answer for an unknown e-mail address and a wrong password: nothing tells them apart. */
export const invalidCredentials = () =>
  new DomainError(401, 'INVALID_CREDENTIALS', {
    nl: 'Het e-mailadres of het wachtwoord klopt niet.',
    en: 'The e-mail address or password is incorrect.',
  });
