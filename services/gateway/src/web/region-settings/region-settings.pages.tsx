import type { GetRegionRetention, GetRegionSso, ListRegions, Region, ResponseOf } from '@kc/contracts';
import type { z } from 'zod';
import { Checkbox, ErrorSummary, Form, SubmitButton, TextField } from '../layout/components';
import { formatDateTime } from '../layout/dates';
import type { FieldErrors, FormValues } from '../layout/forms';
import { textsFor } from '../layout/i18n';
import { PageHeading, renderPage } from '../layout/page';
import { RegionChoice } from '../regions/region-choice';
import { paths, Routes } from '../layout/paths';
import { managedRegionPath } from '../regions/managed-region';
import { newFormKey, type WebContext } from '../web-context';

export const regionSettingsText = textsFor({
  nl: {
    title: 'Regio-instellingen',
    lead: (region: string) => `Hoe lang ${region} accounts bewaart die niemand meer gebruikt, en hoe medewerkers inloggen via de bibliotheek.`,
    region: 'Regio',
    show: 'Tonen',
    retention: 'Inactieve accounts',
    retentionNow: (months: number, days: number) => `Een account waarmee ${months} maanden niemand heeft ingelogd, wordt gewist: wat de persoon schreef blijft staan, ondertekend ‘Oud-deelnemer’. ${days} dagen vooraf krijgt de persoon een e-mail; wie dan inlogt, houdt het account.`,
    retentionFields: { inactiveAccountMonths: 'Bewaartermijn in maanden' },
    monthsHint: 'Een heel getal van 6 tot en met 120. Standaard is 24 (twee jaar).',
    saveRetention: 'Bewaartermijn opslaan',
    sso: 'Inloggen via de bibliotheek',
    ssoLead: 'Medewerkers loggen in met het account van de bibliotheek (OpenID Connect, bijvoorbeeld Entra ID, Google Workspace of Keycloak). Er wordt nooit een account of rol aangemaakt uit de gegevens van de provider: die beheer je in KennisCloud.',
    ssoNone: 'Nog niet ingesteld: medewerkers loggen in met hun KennisCloud-wachtwoord.',
    ssoOn: (region: string) => `Aan: op de pagina Inloggen staat ‘Inloggen als medewerker van ${region}’.`,
    ssoOff: 'Uit: de instelling is bewaard, maar de pagina Inloggen biedt het niet aan.',
    ssoUpdated: (when: string) => `Laatst gewijzigd op ${when}.`,
    callback: (path: string) => `Geef de provider als redirect-URI het webadres van KennisCloud met ${path} erachter.`,
    ssoFields: { issuer: 'Issuer (adres van de provider)', clientId: 'Client-ID', clientSecret: 'Client secret', enabled: 'Medewerkers kunnen inloggen via de bibliotheek' },
    issuerHint: 'Het https-adres van de provider, zonder /.well-known/openid-configuration. KennisCloud haalt de gegevens van de provider meteen op.',
    secretNew: 'Van de provider. KennisCloud bewaart het versleuteld en toont het nooit.',
    secretKept: 'Er is een client secret bewaard; dat tonen we nooit. Laat dit veld leeg om het te houden, of vul een nieuw in.',
    saveSso: 'Inloggen via de bibliotheek opslaan',
  },
  en: {
    title: 'Region settings',
    lead: (region: string) => `How long ${region} keeps accounts nobody uses any more, and how staff sign in through the library.`,
    region: 'Region',
    show: 'Show',
    retention: 'Inactive accounts',
    retentionNow: (months: number, days: number) => `An account nobody has signed in to for ${months} months is erased: what the person wrote stays, signed ‘Oud-deelnemer’. ${days} days before, the person gets an e-mail; signing in then keeps the account.`,
    retentionFields: { inactiveAccountMonths: 'Retention in months' },
    monthsHint: 'A whole number from 6 to 120. The default is 24 (two years).',
    saveRetention: 'Save the retention',
    sso: 'Sign in through the library',
    ssoLead: 'Staff sign in with the library’s account (OpenID Connect, for example Entra ID, Google Workspace or Keycloak). No account or role is ever created from the provider’s data: you manage those in KennisCloud.',
    ssoNone: 'Not set up yet: staff sign in with their KennisCloud password.',
    ssoOn: (region: string) => `On: the Sign in page shows ‘Inloggen als medewerker van ${region}’.`,
    ssoOff: 'Off: the setting is kept, but the Sign in page does not offer it.',
    ssoUpdated: (when: string) => `Last changed on ${when}.`,
    callback: (path: string) => `Give the provider KennisCloud’s web address followed by ${path} as its redirect URI.`,
    ssoFields: { issuer: 'Issuer (the provider’s address)', clientId: 'Client ID', clientSecret: 'Client secret', enabled: 'Staff can sign in through the library' },
    issuerHint: 'The provider’s https address, without /.well-known/openid-configuration. KennisCloud fetches the provider’s metadata at once.',
    secretNew: 'From the provider. KennisCloud stores it encrypted and never shows it.',
    secretKept: 'A client secret is stored; we never show it. Leave this field empty to keep it, or enter a new one.',
    saveSso: 'Save sign in through the library',
  },
});

export const RETENTION_FIELDS = ['inactiveAccountMonths'];
export const SSO_FIELDS = ['issuer', 'clientId', 'clientSecret', 'enabled'];

/** A form that came back refused: which one, what was typed and what is wrong. */
export interface RefusedSettingsForm {
  form: 'retention' | 'sso';
  values: FormValues;
  errors: FieldErrors;
}

export interface RegionSettingsModel {
  region: z.infer<typeof Region>;
  retention: ResponseOf<typeof GetRegionRetention>;
  /** Null while the region has no provider. */
  sso: ResponseOf<typeof GetRegionSso> | null;
  /** The operator chooses the region; a library administrator has their own. */
  regions?: ResponseOf<typeof ListRegions>['items'];
  refused?: RefusedSettingsForm;
}

export function regionSettingsPage(web: WebContext, model: RegionSettingsModel): string {
  const t = regionSettingsText(web.lang);
  const { region, retention, sso, refused } = model;
  const retentionForm = refused?.form === 'retention' ? refused : undefined;
  const ssoForm = refused?.form === 'sso' ? refused : undefined;
  const retentionValues = retentionForm?.values ?? { inactiveAccountMonths: String(retention.inactiveAccountMonths) };
  const ssoValues = ssoForm?.values ?? (sso ? { issuer: sso.issuer, clientId: sso.clientId, ...(sso.enabled ? { enabled: 'ja' } : {}) } : {});
  return renderPage({
    web,
    title: `${t.title} – ${region.name}`,
    hasErrors: !!refused && Object.keys(refused.errors).length > 0,
    children: (
      <>
        <PageHeading lead={t.lead(region.name)}>{t.title}</PageHeading>
        {model.regions ? <RegionChoice action={paths.regionSettings()} regions={model.regions} chosen={region.slug} label={t.region} show={t.show} /> : null}
        <section aria-labelledby="inactieve-accounts">
          <h2 class="utrecht-heading-2" id="inactieve-accounts">{t.retention}</h2>
          <p class="utrecht-paragraph">{t.retentionNow(retention.inactiveAccountMonths, retention.warningDays)}</p>
          <ErrorSummary errors={retentionForm?.errors ?? {}} order={RETENTION_FIELDS} lang={web.lang} />
          <Form action={managedRegionPath(paths.regionRetention(), web.viewer, region)} csrfToken={web.csrfToken} idempotencyKey={newFormKey()} label={t.retention}>
            <TextField
              name="inactiveAccountMonths" type="number" inputMode="numeric" min="6" label={t.retentionFields.inactiveAccountMonths} description={t.monthsHint}
              values={retentionValues} errors={retentionForm?.errors} autocomplete="off" required
            />
            <SubmitButton>{t.saveRetention}</SubmitButton>
          </Form>
        </section>
        <section aria-labelledby="inloggen-via-bibliotheek">
          <h2 class="utrecht-heading-2" id="inloggen-via-bibliotheek">{t.sso}</h2>
          <p class="utrecht-paragraph">{t.ssoLead}</p>
          <p class="utrecht-paragraph">
            {!sso ? t.ssoNone : sso.enabled ? t.ssoOn(region.name) : t.ssoOff}
            {sso ? <> {t.ssoUpdated(formatDateTime(sso.updatedAt, web.lang))}</> : null}
          </p>
          <p class="utrecht-paragraph">{t.callback(Routes.ssoCallback)}</p>
          <ErrorSummary errors={ssoForm?.errors ?? {}} order={SSO_FIELDS} lang={web.lang} />
          <Form action={managedRegionPath(paths.regionSso(), web.viewer, region)} csrfToken={web.csrfToken} idempotencyKey={newFormKey()} label={t.sso}>
            <TextField name="issuer" type="url" inputMode="url" label={t.ssoFields.issuer} description={t.issuerHint} values={ssoValues} errors={ssoForm?.errors} autocomplete="off" required />
            <TextField name="clientId" label={t.ssoFields.clientId} values={ssoValues} errors={ssoForm?.errors} autocomplete="off" required />
            <TextField
              name="clientSecret" type="password" label={t.ssoFields.clientSecret} description={sso?.hasClientSecret ? t.secretKept : t.secretNew}
              errors={ssoForm?.errors} autocomplete="new-password" required={!sso?.hasClientSecret}
            />
            <Checkbox name="enabled" label={t.ssoFields.enabled} values={ssoValues} errors={ssoForm?.errors} />
            <SubmitButton>{t.saveSso}</SubmitButton>
          </Form>
        </section>
      </>
    ),
  });
}
