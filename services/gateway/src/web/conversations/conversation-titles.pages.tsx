import type { CatalogueTitle, ConversationTitle, Suggestion } from '@kc/contracts';
import type { z } from 'zod';
import { renderToString } from 'preact-render-to-string';
import { ActionForm, SubmitButton } from '../layout/components';
import { textsFor, type Lang } from '../layout/i18n';
import { paths } from '../layout/paths';
import type { WebContext } from '../web-context';

type FoundTitle = z.infer<typeof CatalogueTitle>;

export const titleText = textsFor({
  nl: {
    heading: 'Bibliotheektitels bij dit gesprek',
    added: 'Toegevoegd door leden',
    suggested: 'Voorgesteld door de bibliotheek',
    waiting: 'De bibliotheek zoekt titels bij dit gesprek. Ze verschijnen hier vanzelf; zonder JavaScript laad je de pagina opnieuw.',
    none: 'Er zijn (nog) geen titels uit de collectie bij dit gesprek gevonden.',
    by: 'door',
    why: 'Waarom:',
    unknownYear: 'jaar onbekend',
    addedBy: (name: string) => `toegevoegd door ${name}`,
    fromSuggestion: 'uit de voorstellen',
    add: 'Toevoegen',
    addLabel: (title: string) => `${title} toevoegen aan dit gesprek`,
    dismiss: 'Niet passend',
    dismissLabel: (title: string) => `Niet passend: ${title}`,
    reason: 'Waarom niet? (niet verplicht)',
    remove: 'Weghalen',
    removeLabel: (title: string) => `${title} weghalen uit dit gesprek`,
    searchHeading: 'Zoek in de collectie',
    searchLabel: 'Titel, schrijver of onderwerp',
    search: 'Zoeken',
    results: (q: string) => `Gevonden in de collectie voor ‘${q}’`,
    noResults: (q: string) => `Niets gevonden in de collectie voor ‘${q}’.`,
    alreadyAdded: 'al toegevoegd',
  },
  en: {
    heading: 'Library titles for this conversation',
    added: 'Added by members',
    suggested: 'Suggested by the library',
    waiting: 'The library is looking for titles for this conversation. They appear here by themselves; without JavaScript, reload the page.',
    none: 'No titles from the collection have been found for this conversation (yet).',
    by: 'by',
    why: 'Why:',
    unknownYear: 'year unknown',
    addedBy: (name: string) => `added by ${name}`,
    fromSuggestion: 'from the suggestions',
    add: 'Add',
    addLabel: (title: string) => `Add ${title} to this conversation`,
    dismiss: 'Not fitting',
    dismissLabel: (title: string) => `Not fitting: ${title}`,
    reason: 'Why not? (optional)',
    remove: 'Remove',
    removeLabel: (title: string) => `Remove ${title} from this conversation`,
    searchHeading: 'Search the collection',
    searchLabel: 'Title, author or subject',
    search: 'Search',
    results: (q: string) => `Found in the collection for ‘${q}’`,
    noResults: (q: string) => `Nothing found in the collection for ‘${q}’.`,
    alreadyAdded: 'already added',
  },
});

/** What the titles section shows and what the viewer may do there. */
export interface TitlesView {
  conversationId: string;
  added: ConversationTitle[];
  suggestions: Suggestion[];
  waiting: boolean;
  /** The viewer is a member: may add, dismiss and search the collection. */
  canAct: boolean;
  search?: { q: string; items: FoundTitle[] };
}

const meta = (lang: Lang, t: { authors: string[]; year: number | null }) => {
  const text = titleText(lang);
  return `${t.authors.length > 0 ? `${text.by} ${t.authors.join(', ')} · ` : ''}${t.year ?? text.unknownYear}`;
};

export function TitlesSection({ web, view }: { web: WebContext; view: TitlesView }) {
  const t = titleText(web.lang);
  return (
    <section aria-labelledby="bibliotheektitels" class="kc-titles">
      <h2 class="utrecht-heading-2" id="bibliotheektitels">{t.heading}</h2>
      {view.added.length > 0 ? (
        <>
          <h3 class="utrecht-heading-3">{t.added}</h3>
          <ul class="kc-cards kc-title-list">
            {view.added.map((a) => (
              <li class="kc-card">
                <h4 class="utrecht-heading-4 kc-card__heading">{a.title}</h4>
                <p class="utrecht-paragraph kc-card__meta">{meta(web.lang, a)}</p>
                <p class="utrecht-paragraph kc-card__text">{t.addedBy(a.addedBy.displayName)}{a.fromSuggestion ? ` (${t.fromSuggestion})` : ''}</p>
                {a.canRemove ? (
                  <ActionForm action={paths.removeConversationTitle(view.conversationId, a.titleId)} csrfToken={web.csrfToken}>
                    <button class="utrecht-button utrecht-button--subtle-action" type="submit" aria-label={t.removeLabel(a.title)}>{t.remove}</button>
                  </ActionForm>
                ) : null}
              </li>
            ))}
          </ul>
        </>
      ) : null}
      <h3 class="utrecht-heading-3">{t.suggested}</h3>
      {/* htmx asks for the list every few seconds while the worker is busy; HTTP 286 ends the polling. */}
      <div
        id="titels" aria-live="polite"
        {...(view.waiting ? { 'hx-get': paths.conversationTitles(view.conversationId), 'hx-trigger': 'every 2s', 'hx-swap': 'innerHTML' } : {})}
      >
        <SuggestionList web={web} view={view} />
      </div>
      {view.canAct ? <CatalogueSearch web={web} view={view} /> : null}
    </section>
  );
}

/** The inside of the suggestions, also served alone for htmx. */
export function renderSuggestions(web: WebContext, view: TitlesView): string {
  return renderToString(<SuggestionList web={web} view={view} />);
}

function SuggestionList({ web, view }: { web: WebContext; view: TitlesView }) {
  const t = titleText(web.lang);
  if (view.suggestions.length === 0) return <p class="utrecht-paragraph">{view.waiting ? t.waiting : t.none}</p>;
  return (
    <ol class="kc-cards kc-title-list">
      {view.suggestions.map((s) => (
        <li class="kc-card">
          <h4 class="utrecht-heading-4 kc-card__heading">{s.title}</h4>
          <p class="utrecht-paragraph kc-card__meta">{meta(web.lang, s)}</p>
          <p class="utrecht-paragraph kc-card__text"><strong>{t.why}</strong> {s.reason}</p>
          {view.canAct ? (
            <div class="kc-title-actions">
              <ActionForm action={paths.addConversationTitle(view.conversationId)} csrfToken={web.csrfToken} hidden={{ titleId: s.titleId }}>
                <button class="utrecht-button utrecht-button--primary-action" type="submit" aria-label={t.addLabel(s.title)}>{t.add}</button>
              </ActionForm>
              <form class="kc-action-form kc-dismiss-form" method="post" action={paths.dismissSuggestion(view.conversationId, s.titleId)}>
                <input type="hidden" name="_csrf" value={web.csrfToken} />
                <label class="utrecht-form-label" for={`reden-${s.titleId}`}>{t.reason}</label>
                <input class="utrecht-textbox utrecht-textbox--html-input" type="text" id={`reden-${s.titleId}`} name="reason" maxLength={500} />
                <button class="utrecht-button utrecht-button--secondary-action" type="submit" aria-label={t.dismissLabel(s.title)}>{t.dismiss}</button>
              </form>
            </div>
          ) : null}
        </li>
      ))}
    </ol>
  );
}

/** A plain GET form on the conversation page itself: the results come back on it, each with Toevoegen. */
function CatalogueSearch({ web, view }: { web: WebContext; view: TitlesView }) {
  const t = titleText(web.lang);
  const addedIds = new Set(view.added.map((a) => a.titleId));
  return (
    <div class="kc-catalogue-search">
      <h3 class="utrecht-heading-3" id="zoek-in-collectie">{t.searchHeading}</h3>
      <form class="utrecht-form kc-form" method="get" action={`${paths.conversation(view.conversationId)}#zoek-in-collectie`} role="search" aria-labelledby="zoek-in-collectie">
        <div class="utrecht-form-field utrecht-form-field--text">
          <div class="utrecht-form-field__label"><label class="utrecht-form-label" for="veld-zoektitel">{t.searchLabel}</label></div>
          <div class="utrecht-form-field__input">
            <input class="utrecht-textbox utrecht-textbox--html-input" type="search" id="veld-zoektitel" name="zoektitel" value={view.search?.q ?? ''} maxLength={200} />
          </div>
        </div>
        <SubmitButton variant="secondary">{t.search}</SubmitButton>
      </form>
      {view.search ? (
        view.search.items.length === 0 ? <p class="utrecht-paragraph">{t.noResults(view.search.q)}</p> : (
          <>
            <h4 class="utrecht-heading-4">{t.results(view.search.q)}</h4>
            <ul class="kc-cards kc-title-list">
              {view.search.items.map((found) => (
                <li class="kc-card">
                  <h5 class="utrecht-heading-5 kc-card__heading">{found.title}</h5>
                  <p class="utrecht-paragraph kc-card__meta">{meta(web.lang, found)}</p>
                  {addedIds.has(found.id) ? <p class="utrecht-paragraph kc-muted">{t.alreadyAdded}</p> : (
                    <ActionForm action={paths.addConversationTitle(view.conversationId)} csrfToken={web.csrfToken} hidden={{ titleId: found.id }}>
                      <button class="utrecht-button utrecht-button--primary-action" type="submit" aria-label={t.addLabel(found.title)}>{t.add}</button>
                    </ActionForm>
                  )}
                </li>
              ))}
            </ul>
          </>
        )
      ) : null}
    </div>
  );
}
