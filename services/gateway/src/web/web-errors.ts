import { DomainError } from '@kc/contracts';

/** Thrown by a page that needs a signed-in person: the error filter sends them to `Inloggen` and back. */
export class SignInRequired extends Error {
  constructor(readonly returnTo: string) {
    super('sign-in required');
  }
}

export const WebErrors = {
  csrf: () =>
    new DomainError(403, 'FORM_EXPIRED', {
      nl: 'Dit formulier is verlopen of kwam niet van deze site. Ga terug, laad de pagina opnieuw en probeer het nog eens.',
      en: 'This form has expired or did not come from this site. Go back, reload the page and try again.',
    }),
  pageNotFound: () =>
    new DomainError(404, 'PAGE_NOT_FOUND', {
      nl: 'Deze pagina bestaat niet (meer). Controleer het adres, of begin op de startpagina.',
      en: 'This page does not exist (any more). Check the address, or start from the home page.',
    }),
  sessionsUnavailable: () =>
    new DomainError(503, 'SESSIONS_UNAVAILABLE', {
      nl: 'Inloggen lukt op dit moment niet. Probeer het over een paar minuten opnieuw.',
      en: 'Signing in is not possible right now. Please try again in a few minutes.',
    }),
};

/** The signed-in viewer, or a redirect to `Inloggen` that comes back to this page. */
export function requireViewer<W extends { viewer: V | null; path: string }, V>(web: W): V {
  if (!web.viewer) throw new SignInRequired(web.path);
  return web.viewer;
}
