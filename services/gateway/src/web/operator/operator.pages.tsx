import type { ListRegions, ResponseOf } from '@kc/contracts';
import { DataTable, ErrorSummary, Form, SubmitButton, TextField } from '../layout/components';
import type { FieldErrors, FormValues } from '../layout/forms';
import { textsFor } from '../layout/i18n';
import { PageHeading, renderPage } from '../layout/page';
import { paths } from '../layout/paths';
import { newFormKey, type WebContext } from '../web-context';

export const operatorText = textsFor({
  nl: {
    title: 'Regio’s',
    lead: 'De gelicentieerde bibliotheekregio’s van KennisCloud.',
    add: 'Regio toevoegen',
    fields: { name: 'Naam', slug: 'Korte naam' },
    slugHint: 'Voor in het webadres: kleine letters, cijfers en koppeltekens, bijvoorbeeld midden-brabant.',
    submit: 'Regio toevoegen',
    all: 'Alle regio’s',
    none: 'Er zijn nog geen regio’s.',
    columns: { name: 'Naam', slug: 'Korte naam', status: 'Status', staff: 'Medewerkers', settings: 'Instellingen' },
    status: { active: 'Actief', suspended: 'Opgeschort' },
    staffOf: (name: string) => `Medewerkers van ${name}`,
    settingsOf: (name: string) => `Regio-instellingen van ${name}`,
  },
  en: {
    title: 'Regions',
    lead: 'The licensed library regions of KennisCloud.',
    add: 'Add a region',
    fields: { name: 'Name', slug: 'Short name' },
    slugHint: 'For the web address: lower-case letters, digits and hyphens, for example midden-brabant.',
    submit: 'Add the region',
    all: 'All regions',
    none: 'There are no regions yet.',
    columns: { name: 'Name', slug: 'Short name', status: 'Status', staff: 'Staff', settings: 'Settings' },
    status: { active: 'Active', suspended: 'Suspended' },
    staffOf: (name: string) => `Staff of ${name}`,
    settingsOf: (name: string) => `Region settings of ${name}`,
  },
});

export const REGION_FIELDS = ['name', 'slug'];

export function regionsAdminPage(web: WebContext, regions: ResponseOf<typeof ListRegions>['items'], { values, errors }: { values?: FormValues; errors?: FieldErrors } = {}): string {
  const t = operatorText(web.lang);
  return renderPage({
    web,
    title: t.title,
    hasErrors: !!errors && Object.keys(errors).length > 0,
    children: (
      <>
        <PageHeading lead={t.lead}>{t.title}</PageHeading>
        <section aria-labelledby="toevoegen">
          <h2 class="utrecht-heading-2" id="toevoegen">{t.add}</h2>
          <ErrorSummary errors={errors ?? {}} order={REGION_FIELDS} lang={web.lang} />
          <Form action={paths.operatorRegions()} csrfToken={web.csrfToken} idempotencyKey={newFormKey()}>
            <TextField name="name" label={t.fields.name} values={values} errors={errors} required />
            <TextField name="slug" label={t.fields.slug} description={t.slugHint} values={values} errors={errors} autocomplete="off" required />
            <SubmitButton>{t.submit}</SubmitButton>
          </Form>
        </section>
        <section aria-labelledby="alle">
          <h2 class="utrecht-heading-2" id="alle">{t.all}</h2>
          {regions.length === 0 ? <p class="utrecht-paragraph">{t.none}</p> : (
            <DataTable
              columns={[t.columns.name, t.columns.slug, t.columns.status, t.columns.staff, t.columns.settings]}
              rows={regions.map((r) => [
                <a class="utrecht-link" href={paths.region(r.slug)}>{r.name}</a>,
                <span class="kc-code">{r.slug}</span>,
                t.status[r.status],
                <a class="utrecht-link" href={`${paths.staff()}?regio=${encodeURIComponent(r.slug)}`} aria-label={t.staffOf(r.name)}>{t.columns.staff}</a>,
                <a class="utrecht-link" href={`${paths.regionSettings()}?regio=${encodeURIComponent(r.slug)}`} aria-label={t.settingsOf(r.name)}>{t.columns.settings}</a>,
              ])}
            />
          )}
        </section>
      </>
    ),
  });
}
