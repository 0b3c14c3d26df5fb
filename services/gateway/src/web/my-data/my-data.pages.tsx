import type { ListDataExports, ResponseOf } from '@kc/contracts';
import { ActionForm, DataTable, ErrorSummary, Form, RadioGroup, SubmitButton, TextField } from '../layout/components';
import type { FieldErrors, FormValues } from '../layout/forms';
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
    erase: {
      heading: 'Mijn account wissen',
      lead: 'Elke dienst van KennisCloud verwijdert wat hij over je bewaart: je account, profiel, lidmaatschappen, reacties, aanmeldingen en aanwezigheid. Dit kan niet ongedaan worden gemaakt. Download eerst je gegevens als je ze wilt bewaren.',
      fields: { content: 'Wat er met je gesprekken en bijdragen gebeurt', password: 'Je wachtwoord, ter bevestiging' },
      anonymise: 'Laten staan, ondertekend als ‘Oud-deelnemer’ (anderen houden de draad van het gesprek)',
      delete: 'Verwijderen (in een draad staat dan ‘Deze bijdrage is verwijderd’)',
      submit: 'Mijn account definitief wissen',
    },
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
    erase: {
      heading: 'Erase my account',
      lead: 'Every KennisCloud service deletes what it holds about you: your account, profile, memberships, reactions, sign-ups and attendance. This cannot be undone. Download your data first if you want to keep it.',
      fields: { content: 'What happens to your conversations and contributions', password: 'Your password, to confirm' },
      anonymise: 'Keep them, signed ‘Oud-deelnemer’ (others keep the thread of the conversation)',
      delete: 'Delete them (a thread then shows ‘This contribution was deleted’)',
      submit: 'Erase my account for good',
    },
  },
});

/** Mijn gegevens: ask for an export and download the ones of the last week; refreshes while one is being collected. */
export const ERASE_FIELDS = ['content', 'password'];

export function myDataPage(web: WebContext, exports: Exports, erase?: { values: FormValues; errors: FieldErrors }): string {
  const t = myDataText(web.lang);
  const pending = exports.some((e) => e.status === 'pending');
  const when = (iso: string) => formatDateTime(iso, web.lang, 'Europe/Amsterdam');
  return renderPage({
    web,
    title: t.title,
    refreshSeconds: pending && !erase ? 3 : undefined,
    hasErrors: !!erase && Object.keys(erase.errors).length > 0,
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
        <section aria-labelledby="account-wissen">
          <h2 class="utrecht-heading-2" id="account-wissen">{t.erase.heading}</h2>
          <p class="utrecht-paragraph">{t.erase.lead}</p>
          <ErrorSummary errors={erase?.errors ?? {}} order={ERASE_FIELDS} lang={web.lang} />
          <Form action={paths.myAccountErase()} csrfToken={web.csrfToken} idempotencyKey={newFormKey()}>
            <RadioGroup name="content" label={t.erase.fields.content} values={erase?.values ?? { content: 'anonymise' }} errors={erase?.errors}
              options={[{ value: 'anonymise', label: t.erase.anonymise }, { value: 'delete', label: t.erase.delete }]} />
            <TextField name="password" type="password" label={t.erase.fields.password} autocomplete="current-password" values={{}} errors={erase?.errors} required />
            <SubmitButton variant="secondary">{t.erase.submit}</SubmitButton>
          </Form>
        </section>
      </>
    ),
  });
}
