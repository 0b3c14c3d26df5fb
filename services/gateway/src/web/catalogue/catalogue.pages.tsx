import type { ImportStatus } from '@kc/contracts';
import type { z } from 'zod';
import { renderToString } from 'preact-render-to-string';
import { DataTable, ErrorSummary, Form, SubmitButton } from '../layout/components';
import { formatDateTime } from '../layout/dates';
import type { FieldErrors } from '../layout/forms';
import { textsFor, type Lang } from '../layout/i18n';
import { PageHeading, renderPage } from '../layout/page';
import { paths } from '../layout/paths';
import type { WebContext } from '../web-context';

type Import = z.infer<typeof ImportStatus>;

export const catalogueText = textsFor({
  nl: {
    title: 'Catalogus',
    lead: (region: string) => `Importeer de collectie van de bibliotheek in ${region}. KennisCloud stelt er titels uit voor bij elk gesprek.`,
    file: 'Catalogusbestand',
    fileHint: 'Een MARC21-bestand (ISO 2709, .mrc) of MARCXML (.xml), hoogstens ',
    chooseFile: 'Kies een catalogusbestand.',
    import: 'Importeren',
    importTitle: 'Catalogusimport',
    started: 'Gestart op',
    status: { queued: 'In de wachtrij', running: 'Bezig met importeren', completed: 'Klaar', failed: 'Mislukt' },
    progress: 'Voortgang',
    progressText: (pct: number) => `${pct}% van het bestand gelezen`,
    refresh: 'Voortgang vernieuwen',
    refreshHint: 'Deze pagina werkt zichzelf bij; zonder JavaScript gebruik je de knop.',
    imported: (n: number) => (n === 1 ? '1 titel geïmporteerd' : `${n} titels geïmporteerd`),
    failed: (n: number) => (n === 0 ? 'Geen records met fouten.' : n === 1 ? '1 record met een fout.' : `${n} records met fouten.`),
    errorsHeading: 'Fouten per record',
    record: 'Record',
    message: 'Fout',
    another: 'Nog een bestand importeren',
  },
  en: {
    title: 'Catalogue',
    lead: (region: string) => `Import the library’s collection in ${region}. KennisCloud suggests titles from it for every conversation.`,
    file: 'Catalogue file',
    fileHint: 'A MARC21 file (ISO 2709, .mrc) or MARCXML (.xml), at most ',
    chooseFile: 'Choose a catalogue file.',
    import: 'Import',
    importTitle: 'Catalogue import',
    started: 'Started on',
    status: { queued: 'Queued', running: 'Importing', completed: 'Done', failed: 'Failed' },
    progress: 'Progress',
    progressText: (pct: number) => `${pct}% of the file read`,
    refresh: 'Refresh progress',
    refreshHint: 'This page updates itself; without JavaScript use the button.',
    imported: (n: number) => (n === 1 ? '1 title imported' : `${n} titles imported`),
    failed: (n: number) => (n === 0 ? 'No records with errors.' : n === 1 ? '1 record with an error.' : `${n} records with errors.`),
    errorsHeading: 'Errors per record',
    record: 'Record',
    message: 'Error',
    another: 'Import another file',
  },
});

export function cataloguePage(web: WebContext, regionName: string, maxSize: string, errors?: FieldErrors): string {
  const t = catalogueText(web.lang);
  return renderPage({
    web,
    title: `${t.title} – ${regionName}`,
    hasErrors: !!errors && Object.keys(errors).length > 0,
    children: (
      <>
        <PageHeading lead={t.lead(regionName)}>{t.title}</PageHeading>
        <ErrorSummary errors={errors ?? {}} order={['file']} lang={web.lang} />
        <Form action={paths.catalogue()} csrfToken={web.csrfToken} multipart>
          <div class={`utrecht-form-field utrecht-form-field--text${errors?.file ? ' utrecht-form-field--invalid' : ''}`}>
            <div class="utrecht-form-field__label"><label class="utrecht-form-label" for="veld-file">{t.file}</label></div>
            <div class="utrecht-form-field-description" id="veld-file-uitleg">{t.fileHint}{maxSize}.</div>
            {errors?.file ? <div class="utrecht-form-field-error-message" id="veld-file-fout">{errors.file}</div> : null}
            <div class="utrecht-form-field__input">
              <input
                class="kc-file" id="veld-file" name="file" type="file" accept=".mrc,.marc,.iso,.xml,.marcxml,application/marc,application/marcxml+xml,text/xml,application/xml"
                required aria-invalid={errors?.file ? 'true' : undefined} aria-describedby={errors?.file ? 'veld-file-uitleg veld-file-fout' : 'veld-file-uitleg'}
              />
            </div>
          </div>
          <SubmitButton>{t.import}</SubmitButton>
        </Form>
      </>
    ),
  });
}

export const importDone = (status: Import) => status.status === 'completed' || status.status === 'failed';

/** Percentage of the file read, 100 once done. */
export function importPercent(status: Import): number {
  if (importDone(status)) return 100;
  if (!status.bytesTotal) return 0;
  return Math.min(99, Math.floor((status.bytesRead / status.bytesTotal) * 100));
}

export function importPage(web: WebContext, status: Import): string {
  const t = catalogueText(web.lang);
  const done = importDone(status);
  return renderPage({
    web,
    title: `${t.importTitle}: ${t.status[status.status]}`,
    breadcrumbs: [{ href: paths.catalogue(), label: t.title }],
    children: (
      <>
        <PageHeading lead={<>{t.started} <time dateTime={status.createdAt}>{formatDateTime(status.createdAt, web.lang)}</time></>}>{t.importTitle}</PageHeading>
        <div
          id="importstatus"
          {...(done ? {} : { 'hx-get': paths.catalogueImportProgress(status.id), 'hx-trigger': 'every 1s', 'hx-swap': 'innerHTML' })}
        >
          <ImportProgress lang={web.lang} status={status} />
        </div>
        {done ? <p class="utrecht-paragraph"><a class="utrecht-link" href={paths.catalogue()}>{t.another}</a></p> : (
          <>
            <p class="utrecht-paragraph kc-muted">{t.refreshHint}</p>
            <p class="utrecht-paragraph"><a class="utrecht-button-link utrecht-button-link--html-a utrecht-button-link--secondary-action" href={paths.catalogueImport(status.id)}>{t.refresh}</a></p>
          </>
        )}
      </>
    ),
  });
}

export function renderImportProgress(lang: Lang, status: Import): string {
  return renderToString(<ImportProgress lang={lang} status={status} />);
}

function ImportProgress({ lang, status }: { lang: Lang; status: Import }) {
  const t = catalogueText(lang);
  const percent = importPercent(status);
  const done = importDone(status);
  return (
    <>
      <p class="utrecht-paragraph" role="status"><strong>{t.status[status.status]}</strong>{done ? `: ${t.imported(status.imported)}. ${t.failed(status.failed)}` : ''}</p>
      <label class="utrecht-form-label" for="voortgang">{t.progress}</label>
      <progress class="kc-progress" id="voortgang" max={100} value={percent} aria-valuetext={t.progressText(percent)}>{t.progressText(percent)}</progress>
      {!done ? <p class="utrecht-paragraph">{t.imported(status.imported)}</p> : null}
      {status.errors.length > 0 ? (
        <section aria-labelledby="fouten">
          <h2 class="utrecht-heading-2" id="fouten">{t.errorsHeading}</h2>
          <DataTable columns={[t.record, t.message]} rows={status.errors.map((e) => [e.record, e.message])} />
        </section>
      ) : null}
    </>
  );
}
