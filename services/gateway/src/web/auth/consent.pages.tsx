import { TERMS_VERSION } from '@kc/contracts';
import { ActionForm, ErrorSummary, Form, SubmitButton } from '../layout/components';
import type { FieldErrors } from '../layout/forms';
import { textsFor } from '../layout/i18n';
import { PageHeading, renderPage } from '../layout/page';
import { paths } from '../layout/paths';
import type { WebContext } from '../web-context';
import { TermsCheckbox } from './auth.pages';

export const consentText = textsFor({
  nl: {
    title: 'Nieuwe gebruiksvoorwaarden',
    lead: (version: string) => `De gebruiksvoorwaarden en de privacyverklaring van KennisCloud zijn gewijzigd (versie ${version}). Lees wat er verandert en ga akkoord om verder te gaan.`,
    accept: 'Akkoord en verder',
    otherwise: 'Niet akkoord? Je kunt je gegevens downloaden of je account wissen op',
    myData: 'Mijn gegevens',
    signOut: 'Uitloggen',
  },
  en: {
    title: 'New terms of use',
    lead: (version: string) => `The terms of use and the privacy statement of KennisCloud have changed (version ${version}). Read what changes and agree to continue.`,
    accept: 'Agree and continue',
    otherwise: 'Do not agree? You can download your data or erase your account on',
    myData: 'My data',
    signOut: 'Sign out',
  },
});

/** Asked before anything else after a new version of the terms: agree, or download and erase, or sign out. */
export function consentPage(web: WebContext, returnTo: string, errors?: FieldErrors): string {
  const t = consentText(web.lang);
  return renderPage({
    web,
    title: t.title,
    hasErrors: !!errors && Object.keys(errors).length > 0,
    children: (
      <>
        <PageHeading lead={t.lead(TERMS_VERSION)}>{t.title}</PageHeading>
        <ErrorSummary errors={errors ?? {}} order={['acceptedTermsVersion']} lang={web.lang} />
        <Form action={paths.consent(returnTo)} csrfToken={web.csrfToken}>
          <TermsCheckbox web={web} values={{}} errors={errors} />
          <SubmitButton>{t.accept}</SubmitButton>
        </Form>
        <p class="utrecht-paragraph">{t.otherwise} <a class="utrecht-link" href={paths.myData()}>{t.myData}</a>.</p>
        <ActionForm action={paths.signOut()} csrfToken={web.csrfToken}>
          <SubmitButton variant="secondary">{t.signOut}</SubmitButton>
        </ActionForm>
      </>
    ),
  });
}
