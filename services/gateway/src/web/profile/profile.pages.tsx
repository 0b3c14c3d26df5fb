import type { ListRegionPeople, Profile, Region, ResponseOf } from '@kc/contracts';
import { BRINKMAN_ATTRIBUTION, MAX_EXPERTISE } from '@kc/contracts';
import type { z } from 'zod';
import { Checkbox, ErrorSummary, Form, SubmitButton, TextArea, TextField, type SuggestAttributes } from '../layout/components';
import type { FieldErrors, FormValues } from '../layout/forms';
import { textsFor } from '../layout/i18n';
import { PageHeading, renderPage } from '../layout/page';
import { UnverifiedEmailNotice } from '../email/email.pages';
import { paths } from '../layout/paths';
import { newFormKey, type WebContext } from '../web-context';

const suggestText = textsFor({
  nl: {
    label: 'Onderwerpen uit de Brinkman-thesaurus',
    one: '1 onderwerp voorgesteld. Kies met pijltje omlaag en Enter, of typ verder.',
    many: '{n} onderwerpen voorgesteld. Kies met pijltje omlaag en Enter, of typ verder.',
    none: 'Geen onderwerp uit de thesaurus gevonden; je eigen woord kan ook.',
    note: `Onderwerpen uit de Brinkman-thesaurus van de KB. ${BRINKMAN_ATTRIBUTION}`,
  },
  en: {
    label: 'Subjects from the Brinkman thesaurus',
    one: '1 subject suggested. Choose with arrow down and Enter, or keep typing.',
    many: '{n} subjects suggested. Choose with arrow down and Enter, or keep typing.',
    none: 'No subject found in the thesaurus; your own word is fine too.',
    note: `Subjects from the KB's Brinkman thesaurus. ${BRINKMAN_ATTRIBUTION}`,
  },
});

/** Brinkman subjects offered as someone types (ADR 0041): for the keyword after the last comma (`list`) or the whole field. */
function brinkmanSuggestions(lang: WebContext['lang'], mode: 'list' | 'single'): SuggestAttributes {
  const t = suggestText(lang);
  return {
    'data-kc-suggest': paths.brinkmanSuggestions(), 'data-kc-suggest-mode': mode, 'data-kc-suggest-label': t.label,
    'data-kc-suggest-one': t.one, 'data-kc-suggest-many': t.many, 'data-kc-suggest-none': t.none, 'data-kc-suggest-note': t.note,
  };
}

export const profileText = textsFor({
  nl: {
    title: 'Mijn profiel',
    lead: 'Wat anderen over je kunnen lezen. Je profiel is privé, tenzij je kiest voor ‘Wie weet wat’.',
    fields: { displayName: 'Naam', bio: 'Over mij', expertise: 'Waar weet je veel van?', directory: 'Wie weet wat' },
    bioHint: 'Bijvoorbeeld wat je doet of waar je anderen mee kunt helpen. Hoogstens 1000 tekens.',
    expertiseHint: `Trefwoorden, gescheiden door komma’s, bijvoorbeeld: zonnepanelen, moestuin, Excel. Hoogstens ${MAX_EXPERTISE}.`,
    directory: (region: string) => `Toon mij in ‘Wie weet wat’ van ${region}`,
    directoryHint: 'Dan zien alleen leden van je regio je naam, wat je over jezelf schrijft en je trefwoorden. Staat dit uit, dan ziet niemand je profiel.',
    save: 'Profiel opslaan',
    peopleLink: 'Bekijk wie wat weet in je regio',
    myDataLink: 'Al je gegevens downloaden (Mijn gegevens)',
    sessionsLink: 'Ingelogde apparaten',
    passwordLink: 'Wachtwoord wijzigen',
  },
  en: {
    title: 'My profile',
    lead: 'What others can read about you. Your profile is private unless you choose ‘Who knows what’.',
    fields: { displayName: 'Name', bio: 'About me', expertise: 'What do you know a lot about?', directory: 'Who knows what' },
    bioHint: 'For example what you do or what you can help others with. At most 1000 characters.',
    expertiseHint: `Keywords, separated by commas, for example: solar panels, vegetable garden, Excel. At most ${MAX_EXPERTISE}.`,
    directory: (region: string) => `Show me in ‘Who knows what’ of ${region}`,
    directoryHint: 'Then only members of your region see your name, what you write about yourself and your keywords. When this is off, nobody sees your profile.',
    save: 'Save profile',
    peopleLink: 'See who knows what in your region',
    myDataLink: 'Download all your data (My data)',
    sessionsLink: 'Signed-in devices',
    passwordLink: 'Change password',
  },
});

export const PROFILE_FIELDS = ['displayName', 'bio', 'expertise', 'directory'];

/** The form's values for a stored profile. */
export const profileValues = (profile: Profile): FormValues => ({
  displayName: profile.displayName, bio: profile.bio, expertise: profile.expertise.join(', '), ...(profile.directory ? { directory: 'ja' } : {}),
});

/** Keywords as typed into the one field: separated by commas or new lines. */
export const expertiseFromField = (value: string | undefined) => (value ?? '').split(/[,\n]/);

export function profilePage(web: WebContext, { values, errors, region }: { values: FormValues; errors?: FieldErrors; region: z.infer<typeof Region> | null }): string {
  const t = profileText(web.lang);
  return renderPage({
    web,
    title: t.title,
    hasErrors: !!errors && Object.keys(errors).length > 0,
    children: (
      <>
        <PageHeading lead={t.lead}>{t.title}</PageHeading>
        <UnverifiedEmailNotice web={web} />
        <ErrorSummary errors={errors ?? {}} order={PROFILE_FIELDS} lang={web.lang} />
        <Form action={paths.myProfile()} csrfToken={web.csrfToken} idempotencyKey={newFormKey()}>
          <TextField name="displayName" label={t.fields.displayName} values={values} errors={errors} autocomplete="name" required />
          <TextArea name="bio" label={t.fields.bio} description={t.bioHint} values={values} errors={errors} rows={4} />
          <TextField name="expertise" label={t.fields.expertise} description={t.expertiseHint} values={values} errors={errors} autocomplete="off" suggest={brinkmanSuggestions(web.lang, 'list')} />
          {region ? <Checkbox name="directory" label={t.directory(region.name)} description={t.directoryHint} values={values} errors={errors} /> : null}
          <SubmitButton>{t.save}</SubmitButton>
        </Form>
        {region ? <p class="utrecht-paragraph"><a class="utrecht-link" href={paths.people(region.slug)}>{t.peopleLink}</a></p> : null}
        <p class="utrecht-paragraph"><a class="utrecht-link" href={paths.myData()}>{t.myDataLink}</a></p>
        <p class="utrecht-paragraph"><a class="utrecht-link" href={paths.mySessions()}>{t.sessionsLink}</a></p>
        <p class="utrecht-paragraph"><a class="utrecht-link" href={paths.myPassword()}>{t.passwordLink}</a></p>
      </>
    ),
  });
}

export const peopleText = textsFor({
  nl: {
    title: 'Wie weet wat',
    lead: (region: string) => `Mensen in ${region} die hun kennis willen delen. Alleen wie daarvoor koos staat hier, en alleen leden van de regio zien het.`,
    search: 'Zoek op kennis',
    searchLandmark: 'Zoeken in Wie weet wat',
    searchHint: 'Een trefwoord of een deel ervan, bijvoorbeeld: zonne',
    submit: 'Zoek mensen',
    found: (n: number, more: boolean) => (n === 0 ? 'Niemand gevonden.' : `${n}${more ? '+' : ''} ${n === 1 ? 'persoon' : 'personen'} gevonden.`),
    nobodyFor: (term: string) => `Niemand in de lijst noemt ‘${term}’. Probeer een ander of korter woord.`,
    nobody: 'Nog niemand in deze regio staat in ‘Wie weet wat’.',
    expertise: 'Weet veel van',
    more: 'Meer mensen',
    first: 'Terug naar het begin',
    pages: 'Pagina’s van de lijst',
    ownProfile: 'Zelf in de lijst staan? Kies ervoor in Mijn profiel.',
  },
  en: {
    title: 'Who knows what',
    lead: (region: string) => `People in ${region} who want to share what they know. Only those who chose to are listed, and only members of the region see it.`,
    search: 'Search by knowledge',
    searchLandmark: 'Search Who knows what',
    searchHint: 'A keyword or part of one, for example: solar',
    submit: 'Find people',
    found: (n: number, more: boolean) => (n === 0 ? 'Nobody found.' : `${n}${more ? '+' : ''} ${n === 1 ? 'person' : 'people'} found.`),
    nobodyFor: (term: string) => `Nobody in the list mentions ‘${term}’. Try another or a shorter word.`,
    nobody: 'Nobody in this region is in ‘Who knows what’ yet.',
    expertise: 'Knows a lot about',
    more: 'More people',
    first: 'Back to the start',
    pages: 'Pages of the list',
    ownProfile: 'Want to be listed yourself? Choose so in My profile.',
  },
});

export interface PeoplePageModel {
  region: z.infer<typeof Region>;
  people: ResponseOf<typeof ListRegionPeople>;
  term?: string;
  paged: boolean;
  errors?: FieldErrors;
}

export function peoplePage(web: WebContext, model: PeoplePageModel): string {
  const t = peopleText(web.lang);
  const { region, people, term } = model;
  const at = (cursor?: string) => {
    const params = new URLSearchParams();
    if (term) params.set('kennis', term);
    if (cursor) params.set('na', cursor);
    const search = params.toString();
    return `${paths.people(region.slug)}${search ? `?${search}` : ''}`;
  };
  return renderPage({
    web,
    title: `${t.title} – ${region.name}`,
    hasErrors: !!model.errors && Object.keys(model.errors).length > 0,
    children: (
      <>
        <PageHeading lead={t.lead(region.name)}>{t.title}</PageHeading>
        <ErrorSummary errors={model.errors ?? {}} order={['kennis']} lang={web.lang} />
        <form class="kc-form kc-inline-form" method="get" action={paths.people(region.slug)} role="search" aria-label={t.searchLandmark}>
          <TextField name="kennis" type="search" label={t.search} description={t.searchHint} values={{ kennis: term ?? '' }} errors={model.errors} autocomplete="off" suggest={brinkmanSuggestions(web.lang, 'single')} />
          <SubmitButton variant="secondary">{t.submit}</SubmitButton>
        </form>
        <p class="utrecht-paragraph" role="status">{term ? t.found(people.items.length, !!people.nextCursor) : null}</p>
        {people.items.length === 0 ? <p class="utrecht-paragraph">{term ? t.nobodyFor(term) : t.nobody}</p> : (
          <ul class="kc-cards">
            {people.items.map((person) => (
              <li class="kc-card">
                <h2 class="utrecht-heading-3 kc-card__heading">{person.displayName}</h2>
                {person.bio ? <p class="utrecht-paragraph kc-card__text">{person.bio}</p> : null}
                {person.expertise.length > 0 ? (
                  <p class="utrecht-paragraph kc-card__meta">
                    {t.expertise}: {person.expertise.map((k, i) => <>{i > 0 ? ', ' : ''}<span class="kc-badge kc-badge--muted">{k}</span></>)}
                  </p>
                ) : null}
              </li>
            ))}
          </ul>
        )}
        {people.nextCursor || model.paged ? (
          <nav aria-label={t.pages}>
            <ul class="kc-nav__list">
              {model.paged ? <li><a class="utrecht-link" href={at()}>{t.first}</a></li> : null}
              {people.nextCursor ? <li><a class="utrecht-link" href={at(people.nextCursor)}>{t.more}</a></li> : null}
            </ul>
          </nav>
        ) : null}
        <p class="utrecht-paragraph"><a class="utrecht-link" href={paths.myProfile()}>{t.ownProfile}</a></p>
      </>
    ),
  });
}
