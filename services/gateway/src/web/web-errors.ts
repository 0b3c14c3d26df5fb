import { DomainError } from '@kc/contracts';
import type { Viewer, WebContext } from './web-context';

/** Thrown by a page that needs a signed-in person: the error filter sends them to `Inloggen` and back. */
export class SignInRequired extends Error {
  constructor(readonly returnTo: string) {
    super('sign-in required');
  }
}

/** A signed-in person who has not accepted the current terms: sent to the consent page first, and back. */
export class ConsentRequired extends Error {
  constructor(readonly returnTo: string) {
    super('consent required');
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
  /** Shown instead of a management page to someone without the role; the service still decides every action. */
  notYours: () =>
    new DomainError(403, 'PAGE_FORBIDDEN', {
      nl: 'Deze pagina is alleen voor medewerkers met de juiste rol. Denk je dat je die hebt? Neem contact op met de bibliotheek van je regio.',
      en: 'This page is only for staff with the right role. Think you have it? Contact the library of your region.',
    }),
  sessionsUnavailable: () =>
    new DomainError(503, 'SESSIONS_UNAVAILABLE', {
      nl: 'Inloggen lukt op dit moment niet. Probeer het over een paar minuten opnieuw.',
      en: 'Signing in is not possible right now. Please try again in a few minutes.',
    }),
  ssoFlowExpired: () =>
    new DomainError(400, 'SSO_FLOW_EXPIRED', {
      nl: 'Dit inloggen via je bibliotheek is verlopen of is in een andere browser begonnen. Begin opnieuw op de pagina Inloggen.',
      en: 'This sign-in through your library has expired or was started in another browser. Start again on the Sign in page.',
    }),
};

/** The signed-in viewer, or a redirect to `Inloggen` that comes back to this page. */
export function requireViewer(web: Pick<WebContext, 'viewer' | 'path'>): Viewer {
  if (!web.viewer) throw new SignInRequired(web.path);
  return web.viewer;
}
