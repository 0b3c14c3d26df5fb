import type { ListRegions, ListStaffRoles, Region, ResponseOf, StaffRole } from '@kc/contracts';
import type { z } from 'zod';
import { ActionForm, DataTable, ErrorSummary, Form, RadioGroup, SubmitButton, TextField } from '../layout/components';
import { formatDate } from '../layout/dates';
import type { FieldErrors, FormValues } from '../layout/forms';
import { commonText, textsFor } from '../layout/i18n';
import { PageHeading, renderPage } from '../layout/page';
import { RegionChoice } from '../regions/region-choice';
import { paths } from '../layout/paths';
import { newFormKey, type WebContext } from '../web-context';

type StaffList = ResponseOf<typeof ListStaffRoles>['items'];

export const staffText = textsFor({
  nl: {
    title: 'Medewerkers',
    lead: (region: string) => `Wie in ${region} communities ondersteunt en de bibliotheek beheert.`,
    appoint: 'Medewerker aanstellen',
    appointLead: 'De persoon moet al een account in deze regio hebben.',
    fields: { email: 'E-mailadres', role: 'Rol', reason: 'Reden' },
    reasonHint: 'Komt in het logboek van de regio.',
    roleHints: { community_librarian: 'ondersteunt communities en plant activiteiten in de hele regio', library_admin: 'beheert de catalogus en de medewerkers van de regio' },
    grant: 'Aanstellen',
    current: 'Huidige medewerkers',
    none: 'Deze regio heeft nog geen medewerkers.',
    columns: { name: 'Naam', role: 'Rol', since: 'Sinds', action: 'Actie' },
    revoke: 'Intrekken',
    revokeLabel: (role: string, name: string) => `Rol ${role} van ${name} intrekken`,
    chooseRegion: 'Kies een regio',
    region: 'Regio',
    show: 'Tonen',
  },
  en: {
    title: 'Staff',
    lead: (region: string) => `Who supports communities and manages the library in ${region}.`,
    appoint: 'Appoint a staff member',
    appointLead: 'The person must already have an account in this region.',
    fields: { email: 'E-mail address', role: 'Role', reason: 'Reason' },
    reasonHint: 'Goes into the region’s audit log.',
    roleHints: { community_librarian: 'supports communities and plans activities across the region', library_admin: 'manages the region’s catalogue and staff' },
    grant: 'Appoint',
    current: 'Current staff',
    none: 'This region has no staff yet.',
    columns: { name: 'Name', role: 'Role', since: 'Since', action: 'Action' },
    revoke: 'Revoke',
    revokeLabel: (role: string, name: string) => `Revoke role ${role} of ${name}`,
    chooseRegion: 'Choose a region',
    region: 'Region',
    show: 'Show',
  },
});

export const STAFF_FIELDS = ['email', 'role', 'reason'];

export interface StaffPageModel {
  region: z.infer<typeof Region>;
  staff: StaffList;
  /** The operator chooses the region; a library administrator has their own. */
  regions?: ResponseOf<typeof ListRegions>['items'];
  values?: FormValues;
  errors?: FieldErrors;
}

export function staffPage(web: WebContext, model: StaffPageModel): string {
  const t = staffText(web.lang);
  const roles = commonText(web.lang).roles;
  const { region, staff, values, errors } = model;
  const regionQuery = model.regions ? `?regio=${encodeURIComponent(region.slug)}` : '';
  const action = `${paths.staff()}${regionQuery}`;
  return renderPage({
    web,
    title: `${t.title} – ${region.name}`,
    hasErrors: !!errors && Object.keys(errors).length > 0,
    children: (
      <>
        <PageHeading lead={t.lead(region.name)}>{t.title}</PageHeading>
        {model.regions ? <RegionChoice action={paths.staff()} regions={model.regions} chosen={region.slug} label={t.region} show={t.show} /> : null}
        <section aria-labelledby="aanstellen">
          <h2 class="utrecht-heading-2" id="aanstellen">{t.appoint}</h2>
          <p class="utrecht-paragraph">{t.appointLead}</p>
          <ErrorSummary errors={errors ?? {}} order={STAFF_FIELDS} lang={web.lang} />
          <Form action={action} csrfToken={web.csrfToken} idempotencyKey={newFormKey()}>
            <TextField name="email" type="email" label={t.fields.email} values={values} errors={errors} autocomplete="off" required />
            <RadioGroup
              name="role" label={t.fields.role} values={values ?? { role: 'community_librarian' }} errors={errors}
              options={(['community_librarian', 'library_admin'] as StaffRole[]).map((r) => ({ value: r, label: `${roles[r]} (${r}): ${t.roleHints[r]}` }))}
            />
            <TextField name="reason" label={t.fields.reason} description={t.reasonHint} values={values} errors={errors} autocomplete="off" />
            <SubmitButton>{t.grant}</SubmitButton>
          </Form>
        </section>
        <section aria-labelledby="huidig">
          <h2 class="utrecht-heading-2" id="huidig">{t.current}</h2>
          {staff.length === 0 ? <p class="utrecht-paragraph">{t.none}</p> : (
            <DataTable
              columns={[t.columns.name, t.columns.role, t.columns.since, t.columns.action]}
              rows={staff.map((member) => [
                member.displayName,
                roles[member.role],
                <time dateTime={member.grantedAt}>{formatDate(member.grantedAt, web.lang)}</time>,
                <ActionForm action={`${paths.revokeStaff()}${regionQuery}`} csrfToken={web.csrfToken} hidden={{ accountId: member.accountId, role: member.role }}>
                  <button class="utrecht-button utrecht-button--secondary-action" type="submit" aria-label={t.revokeLabel(roles[member.role], member.displayName)}>{t.revoke}</button>
                </ActionForm>,
              ])}
            />
          )}
        </section>
      </>
    ),
  });
}
