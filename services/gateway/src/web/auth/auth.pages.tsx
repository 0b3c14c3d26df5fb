import { TERMS_VERSION, type ResponseOf, type ListRegions } from '@kc/contracts';
import { Checkbox, ErrorSummary, Form, SelectField, SubmitButton, TextField } from '../layout/components';
import type { FieldErrors, FormValues } from '../layout/forms';
import { textsFor } from '../layout/i18n';
import { PageHeading, renderPage } from '../layout/page';
import { paths } from '../layout/paths';
import type { WebContext } from '../web-context';
import { emailText } from '../email/email.pages';

export const authText = textsFor({
  nl: {
    signInTitle: 'Inloggen',
    signInLead: 'Log in met het e-mailadres en wachtwoord van je KennisCloud-account.',
    registerTitle: 'Registreren',
    registerLead: 'Maak een account om mee te doen in de communities van je regio.',
    noAccount: 'Nog geen account?',
    registerLink: 'Registreer je hier',
    haveAccount: 'Heb je al een account?',
    signInLink: 'Log hier in',
    fields: { displayName: 'Naam', email: 'E-mailadres', password: 'Wachtwoord', region: 'Regio', acceptedTermsVersion: 'Akkoord met de voorwaarden' },
    nameHint: 'Zo zien andere leden je. Je mag ook alleen je voornaam gebruiken.',
    passwordHint: 'Minstens 10 tekens.',
    chooseRegion: 'Kies je regio',
    termsLabel: 'Ik ga akkoord met de gebruiksvoorwaarden en de privacyverklaring',
    termsHint: ['Lees de ', 'gebruiksvoorwaarden', ' en de ', 'privacyverklaring', '.'],
    termsRequired: 'Vink aan dat je akkoord gaat met de gebruiksvoorwaarden en de privacyverklaring.',
    signInButton: 'Inloggen',
    staffTitle: 'Medewerker van een bibliotheek?',
    staffSignIn: (region: string) => `Inloggen als medewerker van ${region}`,
    registerButton: 'Registreren',
  },
  en: {
    signInTitle: 'Sign in',
    signInLead: 'Sign in with the e-mail address and password of your KennisCloud account.',
    registerTitle: 'Register',
    registerLead: 'Create an account to take part in the communities of your region.',
    noAccount: 'No account yet?',
    registerLink: 'Register here',
    haveAccount: 'Already have an account?',
    signInLink: 'Sign in here',
    fields: { displayName: 'Name', email: 'E-mail address', password: 'Password', region: 'Region', acceptedTermsVersion: 'Agreement to the terms' },
    nameHint: 'This is how other members see you. Your first name alone is fine.',
    passwordHint: 'At least 10 characters.',
    chooseRegion: 'Choose your region',
    termsLabel: 'I agree to the terms of use and the privacy statement',
    termsHint: ['Read the ', 'terms of use', ' and the ', 'privacy statement', '.'],
    termsRequired: 'Tick the box to agree to the terms of use and the privacy statement.',
    signInButton: 'Sign in',
    staffTitle: 'Library staff?',
    staffSignIn: (region: string) => `Sign in as staff of ${region}`,
    registerButton: 'Register',
  },
});

export const SIGN_IN_FIELDS = ['email', 'password'];
export const REGISTER_FIELDS = ['displayName', 'email', 'password', 'region', 'acceptedTermsVersion'];

export interface FormState {
  values?: FormValues;
  errors?: FieldErrors;
}

export function signInPage(web: WebContext, returnTo: string | undefined, { values, errors }: FormState = {}, ssoRegions: { slug: string; name: string }[] = []): string {
  const t = authText(web.lang);
  const hasErrors = !!errors && Object.keys(errors).length > 0;
  return renderPage({
    web,
    title: t.signInTitle,
    hasErrors,
    children: (
      <>
        <PageHeading lead={t.signInLead}>{t.signInTitle}</PageHeading>
        <ErrorSummary errors={errors ?? {}} order={SIGN_IN_FIELDS} lang={web.lang} />
        <Form action={paths.signIn(returnTo)} csrfToken={web.csrfToken}>
          <TextField name="email" type="email" label={t.fields.email} autocomplete="username" values={values} errors={errors} required />
          <TextField name="password" type="password" label={t.fields.password} autocomplete="current-password" values={values} errors={errors} required />
          <SubmitButton>{t.signInButton}</SubmitButton>
        </Form>
        <p class="utrecht-paragraph"><a class="utrecht-link" href={paths.forgotPassword()}>{emailText(web.lang).forgotLink}</a></p>
        <p class="utrecht-paragraph">{t.noAccount} <a class="utrecht-link" href={paths.register(undefined, returnTo)}>{t.registerLink}</a>.</p>
        {ssoRegions.length > 0 && (
          <section aria-labelledby="inloggen-medewerker">
            <h2 class="utrecht-heading-2" id="inloggen-medewerker">{t.staffTitle}</h2>
            <ul class="utrecht-unordered-list">
              {ssoRegions.map((region) => <li><a class="utrecht-link" href={paths.ssoStart(region.slug)}>{t.staffSignIn(region.name)}</a></li>)}
            </ul>
          </section>
        )}
      </>
    ),
  });
}

/** `returnTo`: where a new account goes once registered (an invitation, a community), a path on this site. */
export function registerPage(web: WebContext, regions: ResponseOf<typeof ListRegions>['items'], { values, errors }: FormState = {}, returnTo?: string): string {
  const t = authText(web.lang);
  const hasErrors = !!errors && Object.keys(errors).length > 0;
  return renderPage({
    web,
    title: t.registerTitle,
    hasErrors,
    children: (
      <>
        <PageHeading lead={t.registerLead}>{t.registerTitle}</PageHeading>
        <ErrorSummary errors={errors ?? {}} order={REGISTER_FIELDS} lang={web.lang} />
        <Form action={paths.register(undefined, returnTo)} csrfToken={web.csrfToken}>
          <TextField name="displayName" label={t.fields.displayName} description={t.nameHint} autocomplete="name" values={values} errors={errors} required />
          <TextField name="email" type="email" label={t.fields.email} autocomplete="email" values={values} errors={errors} required />
          <TextField name="password" type="password" label={t.fields.password} description={t.passwordHint} autocomplete="new-password" values={values} errors={errors} required />
          <SelectField
            name="region" label={t.fields.region} values={values} errors={errors} required
            options={[{ value: '', label: t.chooseRegion }, ...regions.filter((r) => r.status === 'active').map((r) => ({ value: r.slug, label: r.name }))]}
          />
          <TermsCheckbox web={web} values={values ?? {}} errors={errors} />
          <SubmitButton>{t.registerButton}</SubmitButton>
        </Form>
        <p class="utrecht-paragraph">{t.haveAccount} <a class="utrecht-link" href={paths.signIn()}>{t.signInLink}</a>.</p>
      </>
    ),
  });
}

/** The box that accepts the current terms and privacy statement, with links to both (registration, and consent to a new version). */
export function TermsCheckbox({ web, values, errors }: { web: WebContext; values: FormValues; errors?: FieldErrors }) {
  const t = authText(web.lang);
  const [readThe, terms, andThe, privacy, end] = t.termsHint;
  return (
    <Checkbox
      name="acceptedTermsVersion" value={TERMS_VERSION} label={t.termsLabel} values={values} errors={errors} required
      description={<>{readThe}<a class="utrecht-link" href={paths.terms()}>{terms}</a>{andThe}<a class="utrecht-link" href={paths.privacy()}>{privacy}</a>{end}</>}
    />
  );
}
