import { conflict, DomainError, notFound } from '@kc/contracts';

export const erasureNotFound = () => notFound('ERASURE_NOT_FOUND', 'Deze verwijdering bestaat niet.', 'This erasure does not exist.');
export const operatorNotErasable = () =>
  conflict('OPERATOR_NOT_ERASABLE', 'Een account van de landelijke beheerder kan niet worden gewist; maak eerst een andere beheerder aan.', 'A national operator account cannot be erased; create another operator first.');
export const erasurePasswordWrong = () =>
  new DomainError(403, 'PASSWORD_INCORRECT', {
    nl: 'Het wachtwoord klopt niet. Je account is niet gewist.',
    en: 'The password is incorrect. Your account has not been erased.',
  });
