import { ModerationActions } from '../moderation/moderation.components';
import type { Conversation, CommunitySummary } from '@kc/contracts';
import type { z } from 'zod';
import { ErrorSummary, Form, SubmitButton, TextArea, TextField } from '../layout/components';
import { formatDate } from '../layout/dates';
import type { FieldErrors, FormValues } from '../layout/forms';
import { textsFor } from '../layout/i18n';
import { PageHeading, renderPage } from '../layout/page';
import { paths } from '../layout/paths';
import { newFormKey, type WebContext } from '../web-context';
import { TitlesSection, type TitlesView } from './conversation-titles.pages';
import { CONTRIBUTION_FIELDS, ThreadSection, type ThreadView } from './contributions.pages';
import { MediaSection, type MediaView } from './media.pages';
import { mayModerate } from '../membership/membership-rules';

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
    closedWhileHidden: 'Dit gesprek is verborgen door een moderator. Er kunnen geen bijdragen of links bij tot het is teruggezet.',
    back: 'Terug naar',
  },
  en: {
    newTitle: 'Start a conversation',
    newLead: 'Ask a question or share what you know. KennisCloud finds library titles to go with it.',
    fields: { title: 'Title', body: 'Message' },
    titleHint: 'What is your conversation about, in a few words?',
    start: 'Start the conversation',
    startedOn: 'Started on',
    closedWhileHidden: 'A moderator hid this conversation. No contributions or links can be added until it is restored.',
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
export function awaitingTitles(conversation: Pick<ConversationView, 'suggestions' | 'createdAt'> & { titles?: unknown[] }, now = Date.now(), patienceMs = 10 * 60_000): boolean {
  return conversation.suggestions.length === 0 && (conversation.titles?.length ?? 0) === 0 && now - Date.parse(conversation.createdAt) < patienceMs;
}

export function conversationPage(web: WebContext, community: CommunityView, conversation: ConversationView, titles: TitlesView, thread: ThreadView, mediaForm?: MediaView['form']): string {
  const t = conversationText(web.lang);
  const isRegionStaff = !!web.viewer?.roles.includes('community_librarian') && web.viewer.region?.id === community.regionId;
  // A conversation a moderator hid is closed to its members until restored (communities refuses it too).
  const closed = conversation.hidden && !mayModerate({ role: community.myRole, isRegionStaff });
  const media: MediaView = { conversationId: conversation.id, items: conversation.media, canAdd: community.myRole !== null && !closed, form: mediaForm };
  const shownThread = closed ? { ...thread, canContribute: false } : thread;
  return renderPage({
    web,
    title: `${conversation.title} – ${community.name}`,
    hasErrors: (!!thread.form?.errors && Object.keys(thread.form.errors).length > 0) || (!!mediaForm && Object.keys(mediaForm.errors).length > 0),
    breadcrumbs: [{ href: paths.community(community.id), label: community.name }],
    children: (
      <>
        <PageHeading>{conversation.title}</PageHeading>
        <ModerationActions web={web} type="conversation" id={conversation.id} authorId={conversation.author.id} hidden={conversation.hidden} hiddenReason={conversation.hiddenReason} />
        <p class="utrecht-paragraph kc-muted">{t.startedOn} <time dateTime={conversation.createdAt}>{formatDate(conversation.createdAt, web.lang)}</time></p>
        <div class="kc-body-text utrecht-paragraph">{conversation.body}</div>
        <ErrorSummary errors={thread.form?.errors ?? {}} order={CONTRIBUTION_FIELDS} lang={web.lang} />
        <MediaSection web={web} view={media} />
        <TitlesSection web={web} view={titles} />
        {closed ? <p class="utrecht-paragraph kc-note" role="note">{t.closedWhileHidden}</p> : null}
        <ThreadSection web={web} thread={shownThread} />
      </>
    ),
  });
}
