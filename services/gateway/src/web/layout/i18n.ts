import type { StaffRole } from '@kc/contracts';
import type { Lang } from '../../http/language';

export type { Lang };

/** Text per language, Dutch first; each page area keeps its own table beside its pages. */
export type Texts<T> = { nl: T; en: T };
export const textsFor = <T>(texts: Texts<T>) => (lang: Lang): T => texts[lang];

const common = {
  nl: {
    siteName: 'KennisCloud',
    skipLink: 'Naar de inhoud',
    mainNav: 'Hoofdmenu',
    home: 'Start',
    myRegion: 'Mijn regio',
    myActivities: 'Mijn activiteiten',
    catalogue: 'Catalogus',
    staff: 'Medewerkers',
    regions: 'Regio’s',
    signIn: 'Inloggen',
    register: 'Registreren',
    signOut: 'Uitloggen',
    signedInAs: 'Ingelogd als',
    search: 'Zoeken',
    searchLabel: 'Zoeken',
    searchRegion: 'Zoeken in KennisCloud',
    languageNav: 'Taal',
    otherLanguage: 'English',
    otherLanguageCode: 'en' as Lang,
    footerNav: 'Over KennisCloud',
    terms: 'Gebruiksvoorwaarden',
    privacy: 'Privacyverklaring',
    apiDocs: 'API voor ontwikkelaars',
    noTrackers: 'Geen trackers, alleen functionele cookies.',
    errorSummaryTitle: 'Er is iets niet goed ingevuld',
    errorPrefix: 'Fout',
    roles: { community_librarian: 'Communitybibliothecaris', library_admin: 'Bibliotheekbeheerder' } satisfies Record<StaffRole, string>,
    operator: 'Landelijk beheerder',
    required: '(verplicht)',
    optional: '(niet verplicht)',
    breadcrumb: 'Kruimelpad',
  },
  en: {
    siteName: 'KennisCloud',
    skipLink: 'Skip to content',
    mainNav: 'Main menu',
    home: 'Home',
    myRegion: 'My region',
    myActivities: 'My activities',
    catalogue: 'Catalogue',
    staff: 'Staff',
    regions: 'Regions',
    signIn: 'Sign in',
    register: 'Register',
    signOut: 'Sign out',
    signedInAs: 'Signed in as',
    search: 'Search',
    searchLabel: 'Search',
    searchRegion: 'Search KennisCloud',
    languageNav: 'Language',
    otherLanguage: 'Nederlands',
    otherLanguageCode: 'nl' as Lang,
    footerNav: 'About KennisCloud',
    terms: 'Terms of use',
    privacy: 'Privacy statement',
    apiDocs: 'API for developers',
    noTrackers: 'No trackers, functional cookies only.',
    errorSummaryTitle: 'Something is not filled in correctly',
    errorPrefix: 'Error',
    roles: { community_librarian: 'Community librarian', library_admin: 'Library administrator' } satisfies Record<StaffRole, string>,
    operator: 'National operator',
    required: '(required)',
    optional: '(optional)',
    breadcrumb: 'Breadcrumb',
  },
} satisfies Texts<unknown>;

export const commonText = textsFor(common);
