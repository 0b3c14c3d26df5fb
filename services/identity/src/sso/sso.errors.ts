import { badRequest, DomainError, notFound } from '@kc/contracts';

export const ssoNotConfigured = () =>
  notFound('SSO_NOT_CONFIGURED', 'Voor deze regio is inloggen via de bibliotheek niet ingesteld.', 'Signing in through the library is not set up for this region.');
export const issuerNotHttps = () =>
  badRequest('SSO_ISSUER_NOT_HTTPS', 'De issuer moet een https-adres zijn, zonder gebruikersnaam, wachtwoord of #-deel.', 'The issuer must be an https address, without user name, password or fragment.');
export const clientSecretRequired = () =>
  badRequest('SSO_CLIENT_SECRET_REQUIRED', 'Vul het client secret in: voor deze regio is er nog geen bewaard.', 'Enter the client secret: none is stored for this region yet.');
export const discoveryFailed = (issuer: string) =>
  badRequest(
    'SSO_DISCOVERY_FAILED',
    `De gegevens van de identity provider konden niet worden opgehaald van ${issuer}/.well-known/openid-configuration. Controleer de issuer.`,
    `The identity provider's metadata could not be fetched from ${issuer}/.well-known/openid-configuration. Check the issuer.`,
  );
export const ssoSignInFailed = () =>
  badRequest('SSO_SIGN_IN_FAILED', 'Inloggen via je bibliotheek is niet gelukt (de aanmelding was verlopen of ongeldig). Probeer het opnieuw.', 'Signing in through your library failed (the sign-in expired or was invalid). Please try again.');
export const ssoEmailNotVerified = () =>
  new DomainError(403, 'SSO_EMAIL_NOT_VERIFIED', {
    nl: 'Je bibliotheek heeft je e-mailadres niet als bevestigd doorgegeven, dus we kunnen je niet aan een KennisCloud-account koppelen.',
    en: 'Your library did not pass on your e-mail address as verified, so we cannot link you to a KennisCloud account.',
  });
export const ssoNoAccount = (regionName: string) =>
  new DomainError(403, 'SSO_NO_ACCOUNT', {
    nl: `Er is geen KennisCloud-account van ${regionName} met dit e-mailadres (of het adres is nog niet bevestigd). Vraag je bibliotheekbeheerder om een account, of log in met je wachtwoord en bevestig je e-mailadres.`,
    en: `There is no KennisCloud account of ${regionName} with this e-mail address (or the address is not confirmed yet). Ask your library administrator for an account, or sign in with your password and confirm your address.`,
  });
