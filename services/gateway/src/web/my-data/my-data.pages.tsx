import type { ListDataExports, ResponseOf } from '@kc/contracts';
import { ActionForm, DataTable, SubmitButton } from '../layout/components';
import { formatDateTime } from '../layout/dates';
import { textsFor } from '../layout/i18n';
import { PageHeading, renderPage } from '../layout/page';
import { paths } from '../layout/paths';
import { newFormKey, type WebContext } from '../web-context';

type Exports = ResponseOf<typeof ListDataExports>['items'];

export const myDataText = textsFor({
  nl: {
    title: 'Mijn gegevens',
    lead: 'Download alles wat KennisCloud over je bewaart: je account en profiel, je lidmaatschappen, gesprekken, bijdragen en reacties, de titels die je toevoegde of niet passend vond, je aanmeldingen en aanwezigheid. Elke dienst levert zijn eigen deel; het bestand is JSON, leesbaar voor mensen en programma’s.',
    request: 'Mijn gegevens opvragen',
    kept: 'Een export blijft een week te downloaden.',
    none: 'Je hebt nog geen gegevens opgevraagd.',
    columns: { requested: 'Gevraagd', status: 'Status', file: 'Bestand' },
    status: { pending: 'Wordt verzameld…', ready: 'Klaar', failed: 'Mislukt' },
    download: 'Downloaden',
    downloadOf: (at: string) => `Gegevens van ${at} downloaden`,
    pendingHint: 'Deze pagina ververst zich vanzelf tot je export klaar is.',
  },
  en: {
    title: 'My data',
    lead: 'Download everything KennisCloud holds about you: your account and profile, your memberships, conversations, contributions and reactions, the titles you added or found not fitting, your sign-ups and attendance. Every service delivers its own part; the file is JSON, readable by people and programs.',
    request: 'Ask for my data',
    kept: 'An export can be downloaded for a week.',
    none: 'You have not asked for your data yet.',
    columns: { requested: 'Asked', status: 'Status', file: 'File' },
    status: { pending: 'Being collected…', ready: 'Ready', failed: 'Failed' },
    download: 'Download',
    downloadOf: (at: string) => `Download the data of ${at}`,
    pendingHint: 'This page refreshes itself until your export is ready.',
  },
});

/** Mijn gegevens: ask for an export and download the ones of the last week; refreshes while one is being collected. */
export function myDataPage(web: WebContext, exports: Exports): string {
  const t = myDataText(web.lang);
  const pending = exports.some((e) => e.status === 'pending');
  const when = (iso: string) => formatDateTime(iso, web.lang, 'Europe/Amsterdam');
  return renderPage({
    web,
    title: t.title,
    refreshSeconds: pending ? 3 : undefined,
    children: (
      <>
        <PageHeading lead={t.lead}>{t.title}</PageHeading>
        <ActionForm action={paths.myData()} csrfToken={web.csrfToken} idempotencyKey={newFormKey()}>
          <SubmitButton>{t.request}</SubmitButton>
        </ActionForm>
        <p class="utrecht-paragraph kc-note">{t.kept}</p>
        {pending ? <p class="utrecht-paragraph" role="status">{t.pendingHint}</p> : null}
        {exports.length === 0 ? <p class="utrecht-paragraph">{t.none}</p> : (
          <DataTable
            columns={[t.columns.requested, t.columns.status, t.columns.file]}
            rows={exports.map((e) => [
              <time dateTime={e.requestedAt}>{when(e.requestedAt)}</time>,
              t.status[e.status],
              e.status === 'ready' ? <a class="utrecht-link" href={paths.myDataDownload(e.id)} download aria-label={t.downloadOf(when(e.requestedAt))}>{t.download}</a> : '',
            ])}
          />
        )}
      </>
    ),
  });
}
