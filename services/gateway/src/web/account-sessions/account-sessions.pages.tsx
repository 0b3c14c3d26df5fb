import type { SessionInfo } from '@kc/contracts';
import { ActionForm, DataTable, ErrorSummary, Form, SubmitButton, TextField } from '../layout/components';
import { formatDateTime } from '../layout/dates';
import type { FieldErrors, FormValues } from '../layout/forms';
import { textsFor } from '../layout/i18n';
import { PageHeading, renderPage } from '../layout/page';
import { paths } from '../layout/paths';
import { newFormKey, type WebContext } from '../web-context';

export const sessionsText = textsFor({
  nl: {
    title: 'Ingelogde apparaten',
    lead: 'Op deze apparaten ben je ingelogd. Herken je er een niet, log het dan uit en wijzig je wachtwoord.',
    columns: { device: 'Apparaat', since: 'Ingelogd op', used: 'Laatst gebruikt', action: 'Actie' },
    unknownDevice: 'Onbekend apparaat',
    current: 'dit apparaat',
    signOut: 'Uitloggen',
    signOutOf: (device: string, since: string) => `${device}, ingelogd op ${since}, uitloggen`,
    everywhere: 'Overal uitloggen',
    everywhereHint: 'Je wordt op al je apparaten uitgelogd, ook op dit.',
    passwordLink: 'Wachtwoord wijzigen',
  },
  en: {
    title: 'Signed-in devices',
    lead: 'You are signed in on these devices. If you do not recognise one, sign it out and change your password.',
    columns: { device: 'Device', since: 'Signed in on', used: 'Last used', action: 'Action' },
    unknownDevice: 'Unknown device',
    current: 'this device',
    signOut: 'Sign out',
    signOutOf: (device: string, since: string) => `Sign out ${device}, signed in on ${since}`,
    everywhere: 'Sign out everywhere',
    everywhereHint: 'You will be signed out on all your devices, this one included.',
    passwordLink: 'Change password',
  },
});

/** Ingelogde apparaten: every active session of the person, this one first and marked, each with Uitloggen; and Overal uitloggen. */
export function sessionsPage(web: WebContext, sessions: SessionInfo[]): string {
  const t = sessionsText(web.lang);
  const when = (iso: string) => formatDateTime(iso, web.lang, 'Europe/Amsterdam');
  return renderPage({
    web,
    title: t.title,
    children: (
      <>
        <PageHeading lead={t.lead}>{t.title}</PageHeading>
        <DataTable
          columns={[t.columns.device, t.columns.since, t.columns.used, t.columns.action]}
          rows={[...sessions].sort((a, b) => Number(b.current) - Number(a.current)).map((s) => {
            const device = s.device ?? t.unknownDevice;
            return [
              s.current ? <>{device} <span class="kc-badge">{t.current}</span></> : device,
              <time dateTime={s.createdAt}>{when(s.createdAt)}</time>,
              <time dateTime={s.lastUsedAt}>{when(s.lastUsedAt)}</time>,
              <ActionForm action={paths.endMySession(s.id)} csrfToken={web.csrfToken}>
                <button class="utrecht-button utrecht-button--secondary-action" type="submit" aria-label={t.signOutOf(device, when(s.createdAt))}>{t.signOut}</button>
              </ActionForm>,
            ];
          })}
        />
        <p class="utrecht-paragraph kc-note">{t.everywhereHint}</p>
        <ActionForm action={paths.signOutEverywhere()} csrfToken={web.csrfToken}>
          <SubmitButton variant="secondary">{t.everywhere}</SubmitButton>
        </ActionForm>
        <p class="utrecht-paragraph"><a class="utrecht-link" href={paths.myPassword()}>{t.passwordLink}</a></p>
      </>
    ),
  });
}

export const passwordText = textsFor({
  nl: {
    title: 'Wachtwoord wijzigen',
    lead: 'Kies een nieuw wachtwoord van minstens 10 tekens. Op je andere apparaten word je daarna uitgelogd; hier blijf je ingelogd.',
    fields: { currentPassword: 'Huidig wachtwoord', newPassword: 'Nieuw wachtwoord' },
    newHint: 'Minstens 10 tekens.',
    save: 'Wachtwoord wijzigen',
    sessionsLink: 'Ingelogde apparaten',
  },
  en: {
    title: 'Change password',
    lead: 'Choose a new password of at least 10 characters. You will then be signed out on your other devices; here you stay signed in.',
    fields: { currentPassword: 'Current password', newPassword: 'New password' },
    newHint: 'At least 10 characters.',
    save: 'Change password',
    sessionsLink: 'Signed-in devices',
  },
});

export const PASSWORD_FIELDS = ['currentPassword', 'newPassword'];

/** Wachtwoord wijzigen. A password is never put back into the form. */
export function passwordPage(web: WebContext, errors?: FieldErrors): string {
  const t = passwordText(web.lang);
  const values: FormValues = {};
  return renderPage({
    web,
    title: t.title,
    hasErrors: !!errors && Object.keys(errors).length > 0,
    children: (
      <>
        <PageHeading lead={t.lead}>{t.title}</PageHeading>
        <ErrorSummary errors={errors ?? {}} order={PASSWORD_FIELDS} lang={web.lang} />
        <Form action={paths.myPassword()} csrfToken={web.csrfToken} idempotencyKey={newFormKey()}>
          <TextField name="currentPassword" type="password" label={t.fields.currentPassword} autocomplete="current-password" values={values} errors={errors} required />
          <TextField name="newPassword" type="password" label={t.fields.newPassword} description={t.newHint} autocomplete="new-password" values={values} errors={errors} required />
          <SubmitButton>{t.save}</SubmitButton>
        </Form>
        <p class="utrecht-paragraph"><a class="utrecht-link" href={paths.mySessions()}>{t.sessionsLink}</a></p>
      </>
    ),
  });
}
