import type { WebContext } from '../web-context';
import { textsFor } from './i18n';
import { PageHeading, renderPage } from './page';
import { paths } from './paths';

const text = textsFor({
  nl: {
    titles: { 400: 'Dit verzoek klopt niet', 403: 'Geen toegang', 404: 'Niet gevonden', 409: 'Dat kan niet (meer)', 410: 'Niet meer geldig', 429: 'Even wachten', 503: 'Tijdelijk niet beschikbaar', 504: 'Tijdelijk niet beschikbaar', 500: 'Er ging iets mis' } as Record<number, string>,
    home: 'Naar de startpagina',
    reference: 'Kenmerk voor de helpdesk:',
  },
  en: {
    titles: { 400: 'This request is not right', 403: 'No access', 404: 'Not found', 409: 'That is not possible (any more)', 410: 'No longer valid', 429: 'Please wait', 503: 'Temporarily unavailable', 504: 'Temporarily unavailable', 500: 'Something went wrong' } as Record<number, string>,
    home: 'Go to the home page',
    reference: 'Reference for the help desk:',
  },
});

export function errorTitle(status: number, web: Pick<WebContext, 'lang'>): string {
  const titles = text(web.lang).titles;
  return titles[status] ?? titles[status >= 500 ? 500 : 400]!;
}

/** The page for anything that went wrong: what happened in the person's language, and a way on. */
export function renderErrorPage(web: WebContext, status: number, message: string): string {
  const t = text(web.lang);
  return renderPage({
    web,
    title: errorTitle(status, web),
    children: (
      <>
        <PageHeading>{errorTitle(status, web)}</PageHeading>
        <p class="utrecht-paragraph">{message}</p>
        <p class="utrecht-paragraph"><a class="utrecht-link" href={paths.home()}>{t.home}</a></p>
        <p class="utrecht-paragraph kc-muted">{t.reference} <span class="kc-code">{web.meta.correlationId}</span></p>
      </>
    ),
  });
}
