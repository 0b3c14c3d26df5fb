import { textsFor } from '../layout/i18n';
import { PageHeading, renderPage } from '../layout/page';
import type { WebContext } from '../web-context';

/**
 * The terms of use and the privacy statement a person accepts when registering. Their version
 * is the one identity records with the account (`TERMS_VERSION`).
 */
const text = textsFor({
  nl: {
    termsTitle: 'Gebruiksvoorwaarden',
    privacyTitle: 'Privacyverklaring',
    version: 'Versie',
    terms: [
      ['Wat KennisCloud is', 'KennisCloud is het kennisnetwerk van de openbare bibliotheken. Je deelt er kennis in communities, voert gesprekken en plant activiteiten met anderen uit je regio.'],
      ['Hoe we met elkaar omgaan', 'Je schrijft respectvol, deelt alleen wat je mag delen en plaatst geen persoonsgegevens van anderen zonder hun toestemming. Communitybibliothecarissen mogen berichten die dat niet doen verbergen.'],
      ['Je account', 'Je account is persoonlijk. Houd je wachtwoord geheim en log uit op een computer die anderen ook gebruiken, zoals in de bibliotheek.'],
      ['Wat je deelt', 'Wat je in een openbare community schrijft, kan iedereen lezen. In een community voor alleen leden lezen alleen de leden mee.'],
    ],
    privacy: [
      ['Welke gegevens', 'We bewaren je naam, e-mailadres, regio, de communities waar je lid van bent en wat je zelf schrijft of plant. Je wachtwoord bewaren we alleen als onomkeerbare hash (argon2id).'],
      ['Waarvoor', 'Alleen om KennisCloud te laten werken: je laten inloggen, je bijdragen tonen en je aanmeldingen bijhouden. Geen advertenties, geen trackers, geen profielen voor anderen.'],
      ['Cookies', 'Alleen functionele cookies: één voor je sessie (tot je uitlogt of je sessie verloopt), één die formulieren beschermt en één voor je taalkeuze; wie inlogt via de bibliotheek krijgt er tien minuten lang één bij die dat inloggen aan deze browser bindt. Scripts kunnen ze niet lezen.'],
      ['Je rechten', 'Je kunt je gegevens inzien, meenemen en laten wissen (AVG artikel 15, 17 en 20). Vraag het aan de bibliotheek van je regio.'],
    ],
  },
  en: {
    termsTitle: 'Terms of use',
    privacyTitle: 'Privacy statement',
    version: 'Version',
    terms: [
      ['What KennisCloud is', 'KennisCloud is the knowledge network of the public libraries. You share knowledge in communities, hold conversations and plan activities with others from your region.'],
      ['How we treat each other', 'Write respectfully, share only what you may share and never post other people’s personal data without their consent. Community librarians may hide posts that do not respect this.'],
      ['Your account', 'Your account is personal. Keep your password secret and sign out on a computer that others use too, such as in the library.'],
      ['What you share', 'What you write in a public community can be read by anyone. In a members-only community only its members read along.'],
    ],
    privacy: [
      ['Which data', 'We keep your name, e-mail address, region, the communities you are a member of and what you write or plan yourself. Your password is kept only as an irreversible hash (argon2id).'],
      ['What for', 'Only to make KennisCloud work: signing you in, showing your contributions and keeping track of your sign-ups. No advertising, no trackers, no profiles for others.'],
      ['Cookies', 'Functional cookies only: one for your session (until you sign out or it expires), one that protects forms and one for your language; signing in through your library adds one for ten minutes that binds that sign-in to this browser. Scripts cannot read them.'],
      ['Your rights', 'You can see, take along and erase your data (GDPR articles 15, 17 and 20). Ask the library of your region.'],
    ],
  },
});

function legalPage(web: WebContext, title: string, version: string, sections: string[][]): string {
  const t = text(web.lang);
  return renderPage({
    web,
    title,
    children: (
      <>
        <PageHeading lead={`${t.version} ${version}`}>{title}</PageHeading>
        {sections.map(([heading, body]) => (
          <section>
            <h2 class="utrecht-heading-2">{heading}</h2>
            <p class="utrecht-paragraph">{body}</p>
          </section>
        ))}
      </>
    ),
  });
}

export const termsPage = (web: WebContext, version: string) => legalPage(web, text(web.lang).termsTitle, version, text(web.lang).terms);
export const privacyPage = (web: WebContext, version: string) => legalPage(web, text(web.lang).privacyTitle, version, text(web.lang).privacy);
