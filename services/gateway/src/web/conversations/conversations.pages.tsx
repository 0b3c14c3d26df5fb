import type { Conversation, CommunitySummary, Suggestion } from '@kc/contracts';
import type { z } from 'zod';
import { renderToString } from 'preact-render-to-string';
import { ErrorSummary, Form, SubmitButton, TextArea, TextField } from '../layout/components';
import { formatDate } from '../layout/dates';
import type { FieldErrors, FormValues } from '../layout/forms';
import { textsFor, type Lang } from '../layout/i18n';
import { PageHeading, renderPage } from '../layout/page';
import { paths } from '../layout/paths';
import { newFormKey, type WebContext } from '../web-context';
import { CONTRIBUTION_FIELDS, ThreadSection, type ThreadView } from './contributions.pages';

type CommunityView = z.infer<typeof CommunitySummary>;
type ConversationView = z.infer<typeof Conversation>;

export const conversationText = textsFor({
  nl: {
    newTitle: 'Gesprek starten',
    newLead: 'Stel een vraag of deel wat je weet. KennisCloud zoekt er titels uit de bibliotheek bij.',
    fields: { title: 'Titel', body: 'Bericht' },
    titleHint: 'Waar gaat je gesprek over, in een paar woorden?',
    start: 'Gesprek starten',
    startedOn: 'Gestart op',
    titlesHeading: 'Bibliotheektitels bij dit gesprek',
    waiting: 'De bibliotheek zoekt titels bij dit gesprek. Ze verschijnen hier vanzelf; zonder JavaScript laad je de pagina opnieuw.',
    none: 'Er zijn (nog) geen titels uit de collectie bij dit gesprek gevonden.',
    by: 'door',
    why: 'Waarom:',
    unknownYear: 'jaar onbekend',
    back: 'Terug naar',
  },
  en: {
    newTitle: 'Start a conversation',
    newLead: 'Ask a question or share what you know. KennisCloud finds library titles to go with it.',
    fields: { title: 'Title', body: 'Message' },
    titleHint: 'What is your conversation about, in a few words?',
    start: 'Start the conversation',
    startedOn: 'Started on',
    titlesHeading: 'Library titles for this conversation',
    waiting: 'The library is looking for titles for this conversation. They appear here by themselves; without JavaScript, reload the page.',
    none: 'No titles from the collection have been found for this conversation (yet).',
    by: 'by',
    why: 'Why:',
    unknownYear: 'year unknown',
    back: 'Back to',
  },
});

export const CONVERSATION_FIELDS = ['title', 'body'];

export function newConversationPage(web: WebContext, community: CommunityView, { values, errors }: { values?: FormValues; errors?: FieldErrors } = {}): string {
  const t = conversationText(web.lang);
  return renderPage({
    web,
    title: `${t.newTitle} – ${community.name}`,
    hasErrors: !!errors && Object.keys(errors).length > 0,
    breadcrumbs: [{ href: paths.community(community.id), label: community.name }],
    children: (
      <>
        <PageHeading lead={t.newLead}>{t.newTitle}</PageHeading>
        <ErrorSummary errors={errors ?? {}} order={CONVERSATION_FIELDS} lang={web.lang} />
        <Form action={paths.newConversation(community.id)} csrfToken={web.csrfToken} idempotencyKey={newFormKey()}>
          <TextField name="title" label={t.fields.title} description={t.titleHint} values={values} errors={errors} required />
          <TextArea name="body" label={t.fields.body} values={values} errors={errors} rows={8} required />
          <SubmitButton>{t.start}</SubmitButton>
        </Form>
      </>
    ),
  });
}

/** Whether the page should keep asking for titles: none yet, and the worker may still be at it. */
export function awaitingTitles(conversation: Pick<ConversationView, 'suggestions' | 'createdAt'>, now = Date.now(), patienceMs = 10 * 60_000): boolean {
  return conversation.suggestions.length === 0 && now - Date.parse(conversation.createdAt) < patienceMs;
}

export function conversationPage(web: WebContext, community: CommunityView, conversation: ConversationView, waiting: boolean, thread: ThreadView): string {
  const t = conversationText(web.lang);
  return renderPage({
    web,
    title: `${conversation.title} – ${community.name}`,
    hasErrors: !!thread.form?.errors && Object.keys(thread.form.errors).length > 0,
    breadcrumbs: [{ href: paths.community(community.id), label: community.name }],
    children: (
      <>
        <PageHeading>{conversation.title}</PageHeading>
        <p class="utrecht-paragraph kc-muted">{t.startedOn} <time dateTime={conversation.createdAt}>{formatDate(conversation.createdAt, web.lang)}</time></p>
        <div class="kc-body-text utrecht-paragraph">{conversation.body}</div>
        <ErrorSummary errors={thread.form?.errors ?? {}} order={CONTRIBUTION_FIELDS} lang={web.lang} />
        <ThreadSection web={web} thread={thread} />
        <section aria-labelledby="bibliotheektitels" class="kc-titles">
          <h2 class="utrecht-heading-2" id="bibliotheektitels">{t.titlesHeading}</h2>
          {/* htmx asks for the list every few seconds while the worker is busy; HTTP 286 ends the polling. */}
          <div
            id="titels" aria-live="polite"
            {...(waiting ? { 'hx-get': paths.conversationTitles(conversation.id), 'hx-trigger': 'every 2s', 'hx-swap': 'innerHTML' } : {})}
          >
            <TitleList lang={web.lang} suggestions={conversation.suggestions} waiting={waiting} />
          </div>
        </section>
      </>
    ),
  });
}

/** The inside of the titles section, also served alone for htmx. */
export function renderTitles(lang: Lang, suggestions: Suggestion[], waiting: boolean): string {
  return renderToString(<TitleList lang={lang} suggestions={suggestions} waiting={waiting} />);
}

function TitleList({ lang, suggestions, waiting }: { lang: Lang; suggestions: Suggestion[]; waiting: boolean }) {
  const t = conversationText(lang);
  if (suggestions.length === 0) return <p class="utrecht-paragraph">{waiting ? t.waiting : t.none}</p>;
  return (
    <ol class="kc-cards kc-title-list">
      {suggestions.map((s) => (
        <li class="kc-card">
          <h3 class="utrecht-heading-3 kc-card__heading">{s.title}</h3>
          <p class="utrecht-paragraph kc-card__meta">
            {s.authors.length > 0 ? `${t.by} ${s.authors.join(', ')} · ` : ''}{s.year ?? t.unknownYear}
          </p>
          <p class="utrecht-paragraph kc-card__text"><strong>{t.why}</strong> {s.reason}</p>
        </li>
      ))}
    </ol>
  );
}
