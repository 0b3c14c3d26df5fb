import { Alert, ActionForm, ErrorSummary, Form, SubmitButton, TextField } from '../layout/components';
import type { FieldErrors, FormValues } from '../layout/forms';
import { textsFor } from '../layout/i18n';
import { PageHeading, renderPage } from '../layout/page';
import { paths } from '../layout/paths';
import type { WebContext } from '../web-context';

export const emailText = textsFor({
  nl: {
    forgotLink: 'Wachtwoord vergeten?',
    forgotTitle: 'Wachtwoord vergeten',
    forgotLead: 'Vul het e-mailadres van je account in. We sturen je een link waarmee je een nieuw wachtwoord kiest.',
    forgotButton: 'Stuur mij een link',
    checkTitle: 'Controleer je e-mail',
    checkLead: (email: string) => `Als er een KennisCloud-account is met het adres ${email}, staat er nu een e-mail met een link voor een nieuw wachtwoord in je inbox. De link werkt één uur. Niets ontvangen? Kijk ook bij ongewenste e-mail.`,
    resetTitle: 'Kies een nieuw wachtwoord',
    resetLead: 'Na het opslaan word je op al je apparaten uitgelogd en log je in met je nieuwe wachtwoord.',
    resetButton: 'Wachtwoord opslaan',
    fields: { email: 'E-mailadres', token: 'Code uit de e-mail', newPassword: 'Nieuw wachtwoord' },
    passwordHint: 'Minstens 10 tekens.',
    verifyTitle: 'E-mailadres bevestigen',
    verifyLead: 'Bevestig dat dit jouw e-mailadres is.',
    verifyButton: 'Bevestig mijn e-mailadres',
    unverified: 'Je e-mailadres is nog niet bevestigd. Klik op de link in de e-mail die we je stuurden.',
    resend: 'Stuur opnieuw',
  },
  en: {
    forgotLink: 'Forgot your password?',
    forgotTitle: 'Forgot your password',
    forgotLead: 'Enter the e-mail address of your account. We will send you a link to choose a new password.',
    forgotButton: 'Send me a link',
    checkTitle: 'Check your e-mail',
    checkLead: (email: string) => `If there is a KennisCloud account with the address ${email}, an e-mail with a link for a new password is now in your inbox. The link works for one hour. Nothing arrived? Check your spam folder too.`,
    resetTitle: 'Choose a new password',
    resetLead: 'Once saved, you are signed out on all your devices and sign in with your new password.',
    resetButton: 'Save password',
    fields: { email: 'E-mail address', token: 'Code from the e-mail', newPassword: 'New password' },
    passwordHint: 'At least 10 characters.',
    verifyTitle: 'Confirm your e-mail address',
    verifyLead: 'Confirm that this is your e-mail address.',
    verifyButton: 'Confirm my e-mail address',
    unverified: 'Your e-mail address is not confirmed yet. Click the link in the e-mail we sent you.',
    resend: 'Send again',
  },
});

export const FORGOT_FIELDS = ['email'];
export const RESET_FIELDS = ['token', 'newPassword'];

interface FormState {
  values?: FormValues;
  errors?: FieldErrors;
}

const hasErrors = (errors?: FieldErrors) => !!errors && Object.keys(errors).length > 0;

export function forgotPasswordPage(web: WebContext, { values, errors }: FormState = {}): string {
  const t = emailText(web.lang);
  return renderPage({
    web, title: t.forgotTitle, hasErrors: hasErrors(errors),
    children: (
      <>
        <PageHeading lead={t.forgotLead}>{t.forgotTitle}</PageHeading>
        <ErrorSummary errors={errors ?? {}} order={FORGOT_FIELDS} lang={web.lang} />
        <Form action={paths.forgotPassword()} csrfToken={web.csrfToken}>
          <TextField name="email" type="email" label={t.fields.email} autocomplete="username" values={values} errors={errors} required />
          <SubmitButton>{t.forgotButton}</SubmitButton>
        </Form>
      </>
    ),
  });
}

/** The same page whether or not the address has an account. */
export function checkYourMailPage(web: WebContext, email: string): string {
  const t = emailText(web.lang);
  return renderPage({ web, title: t.checkTitle, children: <PageHeading lead={t.checkLead(email)}>{t.checkTitle}</PageHeading> });
}

export function resetPasswordPage(web: WebContext, token: string, { values, errors }: FormState = {}): string {
  const t = emailText(web.lang);
  return renderPage({
    web, title: t.resetTitle, hasErrors: hasErrors(errors),
    children: (
      <>
        <PageHeading lead={t.resetLead}>{t.resetTitle}</PageHeading>
        <ErrorSummary errors={errors ?? {}} order={RESET_FIELDS} lang={web.lang} />
        <Form action={paths.resetPassword()} csrfToken={web.csrfToken}>
          <input type="hidden" name="token" value={token} />
          <TextField name="newPassword" type="password" label={t.fields.newPassword} description={t.passwordHint} autocomplete="new-password" values={values} errors={errors} required />
          <SubmitButton>{t.resetButton}</SubmitButton>
        </Form>
      </>
    ),
  });
}

/** A button, not an action on opening: mail scanners open links too, and the token works once. */
export function verifyEmailPage(web: WebContext, token: string): string {
  const t = emailText(web.lang);
  return renderPage({
    web, title: t.verifyTitle,
    children: (
      <>
        <PageHeading lead={t.verifyLead}>{t.verifyTitle}</PageHeading>
        <ActionForm action={paths.verifyEmail()} csrfToken={web.csrfToken} hidden={{ token }}>
          <SubmitButton>{t.verifyButton}</SubmitButton>
        </ActionForm>
      </>
    ),
  });
}

/** On the account page while the address is not confirmed. */
export function UnverifiedEmailNotice({ web }: { web: WebContext }) {
  if (!web.viewer || web.viewer.emailVerified) return null;
  const t = emailText(web.lang);
  return (
    <>
      <Alert type="warning">{t.unverified}</Alert>
      <ActionForm action={paths.resendVerification()} csrfToken={web.csrfToken}>
        <SubmitButton variant="secondary">{t.resend}</SubmitButton>
      </ActionForm>
    </>
  );
}
