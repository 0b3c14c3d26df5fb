import type { GetOrganisation, ListCommunityPartners, ListOrganisationActivities, ListOrganisations, ResponseOf } from '@kc/contracts';
import { ActionForm, Alert, ButtonLink, DataTable, ErrorSummary, Form, SelectField, SubmitButton, TextArea, TextField } from '../layout/components';
import { formatDateTime } from '../layout/dates';
import type { FieldErrors, FormValues } from '../layout/forms';
import { textsFor } from '../layout/i18n';
import { PageHeading, renderPage } from '../layout/page';
import { paths } from '../layout/paths';
import { newFormKey, type WebContext } from '../web-context';

type OrganisationView = ResponseOf<typeof GetOrganisation>;
type OrganisationItem = ResponseOf<typeof ListOrganisations>['items'][number];
type PartnerView = ResponseOf<typeof ListCommunityPartners>['items'][number];
type ActivityItem = ResponseOf<typeof ListOrganisationActivities>['items'][number];

export const organisationText = textsFor({
  nl: {
    title: 'Organisaties',
    lead: 'Omroepen, hogescholen, universiteiten en verenigingen die met de bibliotheek communities en activiteiten organiseren.',
    none: 'Er zijn nog geen organisaties.',
    national: 'Landelijk',
    create: 'Organisatie aanmaken',
    createLead: 'Een partnerorganisatie krijgt een eigen pagina. Jij wordt de eerste beheerder; voeg daarna de mensen van de organisatie toe.',
    fields: { name: 'Naam', description: 'Beschrijving', website: 'Website', accountId: 'Account-id', role: 'Rol' },
    descriptionHint: 'Markdown mag: **vet**, *schuin*, lijstjes en links.',
    websiteHint: 'Het openbare webadres, beginnend met https://',
    website: 'Website',
    members: 'Leden',
    roles: { admin: 'Beheerder', member: 'Lid' },
    columns: { name: 'Naam', role: 'Rol' },
    communities: 'Communities waaraan deze organisatie meewerkt',
    noCommunities: 'Deze organisatie werkt nog niet mee aan een community.',
    activities: 'Komende activiteiten waaraan deze organisatie meewerkt',
    noActivities: 'Er staan geen komende activiteiten van deze organisatie in de agenda (die van besloten communities zie je alleen als je erbij mag).',
    cancelled: 'Geannuleerd',
    manageMembers: 'Leden beheren',
    addMember: 'Lid toevoegen',
    submit: 'Opslaan',
    partnerLine: 'In samenwerking met',
    partners: 'Partnerorganisaties',
    addPartner: 'Partner toevoegen',
    organisation: 'Organisatie',
    noCandidates: 'Er is geen andere organisatie in de regio om toe te voegen.',
    edit: 'Profiel wijzigen',
    columns2: { action: 'Actie' },
    makeAdmin: (name: string) => `Maak beheerder: ${name}`,
    makeMember: (name: string) => `Maak gewoon lid: ${name}`,
    remove: (name: string) => `Weghalen: ${name}`,
    makeAdminShort: 'Maak beheerder',
    makeMemberShort: 'Maak gewoon lid',
    removeShort: 'Weghalen',
  },
  en: {
    title: 'Organisations',
    lead: 'Broadcasters, universities and associations that run communities and activities with the library.',
    none: 'There are no organisations yet.',
    national: 'National',
    create: 'Create an organisation',
    createLead: 'A partner organisation gets its own page. You become its first admin; then add the organisation’s people.',
    fields: { name: 'Name', description: 'Description', website: 'Website', accountId: 'Account id', role: 'Role' },
    descriptionHint: 'Markdown is allowed: **bold**, *italic*, lists and links.',
    websiteHint: 'The public web address, starting with https://',
    website: 'Website',
    members: 'Members',
    roles: { admin: 'Admin', member: 'Member' },
    columns: { name: 'Name', role: 'Role' },
    communities: 'Communities this organisation co-hosts',
    noCommunities: 'This organisation does not co-host a community yet.',
    activities: 'Upcoming activities this organisation co-hosts',
    noActivities: 'There are no upcoming activities of this organisation on the calendar (those of members-only communities show only to those allowed in).',
    cancelled: 'Cancelled',
    manageMembers: 'Manage members',
    addMember: 'Add a member',
    submit: 'Save',
    partnerLine: 'In partnership with',
    partners: 'Partner organisations',
    addPartner: 'Add partner',
    organisation: 'Organisation',
    noCandidates: 'There is no other organisation in the region to add.',
    edit: 'Edit profile',
    columns2: { action: 'Action' },
    makeAdmin: (name: string) => `Make admin: ${name}`,
    makeMember: (name: string) => `Make plain member: ${name}`,
    remove: (name: string) => `Remove: ${name}`,
    makeAdminShort: 'Make admin',
    makeMemberShort: 'Make plain member',
    removeShort: 'Remove',
  },
});

const mayCreate = (web: WebContext) => !!web.viewer && (web.viewer.isOperator || web.viewer.roles.includes('library_admin'));

export function organisationsPage(web: WebContext, organisations: OrganisationItem[]): string {
  const t = organisationText(web.lang);
  return renderPage({
    web,
    title: t.title,
    children: (
      <>
        <PageHeading lead={t.lead}>{t.title}</PageHeading>
        {mayCreate(web) ? <div class="kc-actions"><ButtonLink href={paths.newOrganisation()}>{t.create}</ButtonLink></div> : null}
        {organisations.length === 0 ? <p class="utrecht-paragraph">{t.none}</p> : (
          <ul class="kc-cards">
            {organisations.map((o) => (
              <li class="kc-card">
                <h2 class="utrecht-heading-3 kc-card__heading"><a class="utrecht-link" href={paths.organisation(o.id)}>{o.name}</a></h2>
                {o.regionId === null ? <p class="utrecht-paragraph kc-card__meta"><span class="kc-badge">{t.national}</span></p> : null}
              </li>
            ))}
          </ul>
        )}
      </>
    ),
  });
}

/** `activities`: the upcoming ones it co-hosts that the viewer may see (asked of events). */
export function organisationPage(web: WebContext, org: OrganisationView, activities: ActivityItem[], form: { values?: FormValues; errors?: FieldErrors; error?: string } = {}): string {
  const t = organisationText(web.lang);
  return renderPage({
    web,
    title: org.name,
    hasErrors: !!form.errors && Object.keys(form.errors).length > 0,
    breadcrumbs: [{ href: paths.organisations(), label: t.title }],
    children: (
      <>
        <PageHeading>{org.name}</PageHeading>
        {form.error ? <Alert type="error">{form.error}</Alert> : null}
        {org.canManage ? <div class="kc-actions"><ButtonLink href={paths.editOrganisation(org.id)} variant="secondary">{t.edit}</ButtonLink></div> : null}
        {org.regionId === null ? <p class="utrecht-paragraph"><span class="kc-badge">{t.national}</span></p> : null}
        {org.descriptionHtml ? <div class="utrecht-paragraph kc-body-text" dangerouslySetInnerHTML={{ __html: org.descriptionHtml }} /> : null}
        <p class="utrecht-paragraph">{t.website}: <a class="utrecht-link" href={org.website} rel="nofollow noopener">{org.website}</a></p>
        <section aria-labelledby="communities">
          <h2 class="utrecht-heading-2" id="communities">{t.communities}</h2>
          {org.communities.length === 0 ? <p class="utrecht-paragraph">{t.noCommunities}</p> : (
            <ul class="utrecht-unordered-list">
              {org.communities.map((c) => <li><a class="utrecht-link" href={paths.community(c.id)}>{c.name}</a></li>)}
            </ul>
          )}
        </section>
        <section aria-labelledby="activiteiten">
          <h2 class="utrecht-heading-2" id="activiteiten">{t.activities}</h2>
          {activities.length === 0 ? <p class="utrecht-paragraph">{t.noActivities}</p> : (
            <ul class="kc-cards">
              {activities.map((a) => (
                <li class="kc-card">
                  <h3 class="utrecht-heading-3 kc-card__heading"><a class="utrecht-link" href={paths.activity(a.id)}>{a.title}</a></h3>
                  <p class="utrecht-paragraph kc-card__meta">
                    <time dateTime={a.startsAt}>{formatDateTime(a.startsAt, web.lang, a.timeZone)}</time>
                    {a.cancelledAt ? <> <span class="kc-badge kc-badge--muted">{t.cancelled}</span></> : null}
                  </p>
                </li>
              ))}
            </ul>
          )}
        </section>
        {org.members ? (
          <section aria-labelledby="leden">
            <h2 class="utrecht-heading-2" id="leden">{t.members}</h2>
            <DataTable
              columns={org.canManage ? [t.columns.name, t.columns.role, t.columns2.action] : [t.columns.name, t.columns.role]}
              rows={org.members.map((m) => [m.displayName, t.roles[m.role], ...(org.canManage ? [<MemberActions web={web} organisationId={org.id} member={m} />] : [])])}
            />
            {org.canManage ? (
              <>
                <h3 class="utrecht-heading-3">{t.addMember}</h3>
                <ErrorSummary errors={form.errors ?? {}} order={['accountId', 'role']} lang={web.lang} />
                <Form action={paths.organisationMembers(org.id)} csrfToken={web.csrfToken} idempotencyKey={newFormKey()}>
                  <TextField name="accountId" label={t.fields.accountId} values={form.values} errors={form.errors} required />
                  <SelectField name="role" label={t.fields.role} values={form.values} errors={form.errors} required options={[{ value: 'member', label: t.roles.member }, { value: 'admin', label: t.roles.admin }]} />
                  <SubmitButton>{t.addMember}</SubmitButton>
                </Form>
              </>
            ) : null}
          </section>
        ) : null}
      </>
    ),
  });
}

function MemberActions({ web, organisationId, member }: { web: WebContext; organisationId: string; member: NonNullable<OrganisationView['members']>[number] }) {
  const t = organisationText(web.lang);
  const other = member.role === 'admin' ? 'member' : 'admin';
  return (
    <div class="kc-actions">
      <ActionForm action={paths.organisationMemberRole(organisationId, member.accountId)} csrfToken={web.csrfToken} idempotencyKey={newFormKey()} hidden={{ role: other }}>
        <button type="submit" class="utrecht-button utrecht-button--secondary-action" aria-label={other === 'admin' ? t.makeAdmin(member.displayName) : t.makeMember(member.displayName)}>
          {other === 'admin' ? t.makeAdminShort : t.makeMemberShort}
        </button>
      </ActionForm>
      <ActionForm action={paths.removeOrganisationMember(organisationId, member.accountId)} csrfToken={web.csrfToken} idempotencyKey={newFormKey()}>
        <button type="submit" class="utrecht-button utrecht-button--subtle-action" aria-label={t.remove(member.displayName)}>{t.removeShort}</button>
      </ActionForm>
    </div>
  );
}

/** The create form, and the edit form when `org` is given (its current profile filled in). */
export function newOrganisationPage(web: WebContext, form: { values?: FormValues; errors?: FieldErrors } = {}, org?: OrganisationView): string {
  const t = organisationText(web.lang);
  const values = form.values ?? (org ? { name: org.name, website: org.website, description: org.description } : undefined);
  form = { ...form, values };
  return renderPage({
    web,
    title: org ? t.edit : t.create,
    hasErrors: !!form.errors && Object.keys(form.errors).length > 0,
    breadcrumbs: [{ href: paths.organisations(), label: t.title }],
    children: (
      <>
        <PageHeading lead={org ? undefined : t.createLead}>{org ? `${t.edit}: ${org.name}` : t.create}</PageHeading>
        <ErrorSummary errors={form.errors ?? {}} order={['name', 'website', 'description']} lang={web.lang} />
        <Form action={org ? paths.editOrganisation(org.id) : paths.newOrganisation()} csrfToken={web.csrfToken} idempotencyKey={newFormKey()}>
          <TextField name="name" label={t.fields.name} values={form.values} errors={form.errors} required />
          <TextField name="website" label={t.fields.website} description={t.websiteHint} type="url" values={form.values} errors={form.errors} required />
          <TextArea name="description" label={t.fields.description} description={t.descriptionHint} values={form.values} errors={form.errors} />
          <SubmitButton>{org ? t.submit : t.create}</SubmitButton>
        </Form>
      </>
    ),
  });
}

/** "In samenwerking met …" on a community's page, each organisation linked to its page. */
export function PartnerLine({ web, partners }: { web: WebContext; partners: PartnerView[] }) {
  if (partners.length === 0) return null;
  const t = organisationText(web.lang);
  return (
    <p class="utrecht-paragraph kc-partners">
      {t.partnerLine}{' '}
      {partners.map((p, i) => <>{i > 0 ? ', ' : ''}<a class="utrecht-link" href={paths.organisation(p.organisationId)}>{p.name}</a></>)}
    </p>
  );
}

/**
 * For those who name partners (a community's organisers, an activity's host organisers): its
 * partner organisations with 'Weghalen', and a form to add one of the region's. `action` adds,
 * `removeAction` takes one off.
 */
export function PartnerManagement({ web, partners, organisations, action, removeAction }: { web: WebContext; partners: PartnerView[]; organisations: OrganisationItem[]; action: string; removeAction: (organisationId: string) => string }) {
  const t = organisationText(web.lang);
  const candidates = organisations.filter((o) => !partners.some((p) => p.organisationId === o.id));
  return (
    <section aria-labelledby="partners">
      <h2 class="utrecht-heading-2" id="partners">{t.partners}</h2>
      {partners.length > 0 ? (
        <ul class="utrecht-unordered-list">
          {partners.map((p) => (
            <li>
              <a class="utrecht-link" href={paths.organisation(p.organisationId)}>{p.name}</a>{' '}
              <ActionForm action={removeAction(p.organisationId)} csrfToken={web.csrfToken} idempotencyKey={newFormKey()}>
                <button type="submit" class="utrecht-button utrecht-button--subtle-action" aria-label={t.remove(p.name)}>{t.removeShort}</button>
              </ActionForm>
            </li>
          ))}
        </ul>
      ) : null}
      {candidates.length === 0 ? <p class="utrecht-paragraph">{t.noCandidates}</p> : (
        <Form action={action} csrfToken={web.csrfToken} idempotencyKey={newFormKey()}>
          <SelectField name="organisationId" label={t.organisation} required options={candidates.map((o) => ({ value: o.id, label: o.name }))} />
          <SubmitButton variant="secondary">{t.addPartner}</SubmitButton>
        </Form>
      )}
    </section>
  );
}
