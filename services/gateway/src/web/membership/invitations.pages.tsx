import type { CreateInvitation, GetCommunity, GetInvitation, ListInvitations, ResponseOf } from '@kc/contracts';
import { ActionForm, Alert, ButtonLink, DataTable, ErrorSummary, Form, SubmitButton, TextField } from '../layout/components';
import { formatDate, formatDateTime } from '../layout/dates';
import type { FieldErrors, FormValues } from '../layout/forms';
import { textsFor } from '../layout/i18n';
import { PageHeading, renderPage } from '../layout/page';
import { paths } from '../layout/paths';
import { newFormKey, type WebContext } from '../web-context';
import { invitationLink } from './membership-rules';

export const invitationsText = textsFor({
  nl: {
    title: (name: string) => `Uitnodigingen voor ${name}`,
    lead: 'Met een uitnodigingslink wordt iemand uit de regio lid, hoe je community ook lid worden regelt. Deel de link alleen met wie je wilt uitnodigen.',
    create: 'Uitnodigingslink maken',
    fields: { expiresInDays: 'Geldig (aantal dagen)' },
    expiresHint: 'Van 1 tot 90 dagen. Daarna werkt de link niet meer.',
    created: 'De uitnodigingslink is gemaakt. Kopieer hem nu: hij wordt maar één keer getoond.',
    link: 'Uitnodigingslink',
    active: 'Geldige uitnodigingen',
    none: 'Er zijn geen geldige uitnodigingen.',
    columns: { created: 'Gemaakt op', expires: 'Geldig tot', accepted: 'Aangenomen', actions: 'Acties' },
    revoke: 'Intrekken',
    revokeLabel: (date: string) => `Uitnodiging van ${date} intrekken`,
    back: 'Terug naar de leden',
    // the invitation page
    invitedTo: (name: string) => `Uitnodiging voor ${name}`,
    invitedLead: 'Je bent uitgenodigd om lid te worden van deze community.',
    validUntil: 'Deze uitnodiging is geldig tot',
    accept: 'Uitnodiging aannemen',
    signInToAccept: 'Log in om de uitnodiging aan te nemen',
    noAccount: 'Nog geen account?',
    register: 'Registreer je eerst',
    already: 'Je bent al lid van deze community.',
    toCommunity: 'Naar de community',
  },
  en: {
    title: (name: string) => `Invitations for ${name}`,
    lead: 'With an invitation link someone from the region becomes a member, however your community handles joining. Share the link only with those you want to invite.',
    create: 'Create an invitation link',
    fields: { expiresInDays: 'Valid for (days)' },
    expiresHint: 'From 1 to 90 days. After that the link no longer works.',
    created: 'The invitation link has been created. Copy it now: it is shown only once.',
    link: 'Invitation link',
    active: 'Valid invitations',
    none: 'There are no valid invitations.',
    columns: { created: 'Created on', expires: 'Valid until', accepted: 'Accepted', actions: 'Actions' },
    revoke: 'Revoke',
    revokeLabel: (date: string) => `Revoke the invitation of ${date}`,
    back: 'Back to the members',
    invitedTo: (name: string) => `Invitation to ${name}`,
    invitedLead: 'You have been invited to become a member of this community.',
    validUntil: 'This invitation is valid until',
    accept: 'Accept the invitation',
    signInToAccept: 'Sign in to accept the invitation',
    noAccount: 'No account yet?',
    register: 'Register first',
    already: 'You are already a member of this community.',
    toCommunity: 'Go to the community',
  },
});

export interface InvitationsPageModel {
  community: ResponseOf<typeof GetCommunity>;
  invitations: ResponseOf<typeof ListInvitations>['items'];
  /** The invitation just made: its token is shown this once. */
  created?: ResponseOf<typeof CreateInvitation>;
  values?: FormValues;
  errors?: FieldErrors;
}

export function invitationsPage(web: WebContext, model: InvitationsPageModel): string {
  const t = invitationsText(web.lang);
  const { community } = model;
  return renderPage({
    web,
    title: t.title(community.name),
    hasErrors: !!model.errors && Object.keys(model.errors).length > 0,
    breadcrumbs: [{ href: paths.home(), label: 'KennisCloud' }, { href: paths.community(community.id), label: community.name }],
    children: (
      <>
        <PageHeading lead={t.lead}>{t.title(community.name)}</PageHeading>
        {model.created ? (
          <div class="utrecht-alert utrecht-alert--ok" role="status">
            <div class="utrecht-alert__content">
              <p class="utrecht-paragraph">{t.created}</p>
              <p class="utrecht-paragraph"><label class="utrecht-form-label" for="uitnodigingslink">{t.link}</label></p>
              <input class="utrecht-textbox utrecht-textbox--html-input kc-invitation-link" id="uitnodigingslink" type="text" readOnly value={invitationLink(web.origin, model.created.url)} />
              <p class="utrecht-paragraph">{t.validUntil} <time dateTime={model.created.expiresAt}>{formatDateTime(model.created.expiresAt, web.lang)}</time>.</p>
            </div>
          </div>
        ) : null}
        <ErrorSummary errors={model.errors ?? {}} order={['expiresInDays']} lang={web.lang} />
        <Form action={paths.communityInvitations(community.id)} csrfToken={web.csrfToken} idempotencyKey={newFormKey()} label={t.create}>
          <TextField name="expiresInDays" label={t.fields.expiresInDays} description={t.expiresHint} type="number" inputMode="numeric" min="1" values={model.values ?? { expiresInDays: '14' }} errors={model.errors} />
          <SubmitButton>{t.create}</SubmitButton>
        </Form>
        <section aria-labelledby="geldige-uitnodigingen">
          <h2 class="utrecht-heading-2" id="geldige-uitnodigingen">{t.active}</h2>
          {model.invitations.length === 0 ? <p class="utrecht-paragraph">{t.none}</p> : (
            <DataTable
              columns={[t.columns.created, t.columns.expires, t.columns.accepted, t.columns.actions]}
              rows={model.invitations.map((i) => [
                <time dateTime={i.createdAt}>{formatDateTime(i.createdAt, web.lang)}</time>,
                <time dateTime={i.expiresAt}>{formatDate(i.expiresAt, web.lang)}</time>,
                String(i.acceptedCount),
                <ActionForm action={paths.revokeInvitation(community.id, i.id)} csrfToken={web.csrfToken}>
                  <button class="utrecht-button utrecht-button--subtle-action" type="submit" aria-label={t.revokeLabel(formatDateTime(i.createdAt, web.lang))}>{t.revoke}</button>
                </ActionForm>,
              ])}
            />
          )}
        </section>
        <p class="utrecht-paragraph"><a class="utrecht-link" href={paths.members(community.id)}>{t.back}</a></p>
      </>
    ),
  });
}

/** What an invitation link leads to: the community, and accepting it (after signing in, back here). */
export function invitationPage(web: WebContext, token: string, invitation: ResponseOf<typeof GetInvitation>, error?: string): string {
  const t = invitationsText(web.lang);
  return renderPage({
    web,
    title: t.invitedTo(invitation.name),
    children: (
      <>
        <PageHeading lead={t.invitedLead}>{t.invitedTo(invitation.name)}</PageHeading>
        {error ? <Alert type="error">{error}</Alert> : null}
        {invitation.description ? <p class="utrecht-paragraph kc-body-text">{invitation.description}</p> : null}
        <p class="utrecht-paragraph kc-muted">{t.validUntil} <time dateTime={invitation.expiresAt}>{formatDateTime(invitation.expiresAt, web.lang)}</time>.</p>
        <div class="kc-actions">
          {invitation.myRole ? (
            <>
              <p class="utrecht-paragraph">{t.already}</p>
              <ButtonLink href={paths.community(invitation.communityId)}>{t.toCommunity}</ButtonLink>
            </>
          ) : web.viewer ? (
            <ActionForm action={paths.acceptInvitation(token)} csrfToken={web.csrfToken} idempotencyKey={newFormKey()}>
              <SubmitButton>{t.accept}</SubmitButton>
            </ActionForm>
          ) : (
            <ButtonLink href={paths.signIn(paths.invitation(token))}>{t.signInToAccept}</ButtonLink>
          )}
        </div>
        {!web.viewer ? <p class="utrecht-paragraph">{t.noAccount} <a class="utrecht-link" href={paths.register(undefined, paths.invitation(token))}>{t.register}</a>.</p> : null}
      </>
    ),
  });
}
