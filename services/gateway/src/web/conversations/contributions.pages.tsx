import { ModerationActions } from '../moderation/moderation.components';
import type { CommunityMember, Contribution, ReactionKind } from '@kc/contracts';
import type { z } from 'zod';
import { ActionForm, ErrorSummary, SubmitButton } from '../layout/components';
import { formatDateTime } from '../layout/dates';
import type { FieldErrors, FormValues } from '../layout/forms';
import { textsFor } from '../layout/i18n';
import { PageHeading, renderPage } from '../layout/page';
import { paths } from '../layout/paths';
import { newFormKey, type WebContext } from '../web-context';

type Member = z.infer<typeof CommunityMember>;

export const contributionText = textsFor({
  nl: {
    heading: 'Bijdragen',
    empty: 'Nog niemand heeft bijgedragen. Begin jij?',
    yours: 'Jouw bijdrage',
    replyTo: (name: string) => `Reageer op ${name}`,
    replyHeading: 'Reageren',
    editHeading: 'Bijdrage wijzigen',
    fields: { body: 'Bericht', mentions: 'Leden noemen' },
    bodyHint: 'Je kunt Markdown gebruiken: **vet**, _schuin_, lijstjes met -, > voor een citaat en [tekst](https://…) voor een link.',
    mentionLegend: 'Leden noemen (niet verplicht)',
    mentionHint: 'Wie je noemt, krijgt daar later een melding van.',
    post: 'Plaatsen',
    save: 'Wijziging opslaan',
    cancel: 'Terug naar het gesprek',
    reply: 'Reageren',
    edit: 'Wijzigen',
    delete: 'Verwijderen',
    edited: 'gewijzigd',
    reactionsLabel: 'Reacties',
    reactions: { nuttig: 'Nuttig', eens: 'Eens', inspirerend: 'Inspirerend' } satisfies Record<ReactionKind, string>,
    reactionCount: (label: string, n: number) => `${label}: ${n}`,
    more: 'Meer bijdragen',
    joinToContribute: 'Word lid van deze community om bij te dragen.',
    signInToContribute: 'Log in om bij te dragen',
    deleteLabel: (name: string) => `Bijdrage van ${name} verwijderen`,
    replyLabel: (name: string) => `Reageren op ${name}`,
    editLabel: 'Je bijdrage wijzigen',
  },
  en: {
    heading: 'Contributions',
    empty: 'Nobody has contributed yet. Will you start?',
    yours: 'Your contribution',
    replyTo: (name: string) => `Reply to ${name}`,
    replyHeading: 'Reply',
    editHeading: 'Change contribution',
    fields: { body: 'Message', mentions: 'Mention members' },
    bodyHint: 'You can use Markdown: **bold**, _italic_, lists with -, > for a quote and [text](https://…) for a link.',
    mentionLegend: 'Mention members (optional)',
    mentionHint: 'Whoever you mention will be notified later.',
    post: 'Post',
    save: 'Save changes',
    cancel: 'Back to the conversation',
    reply: 'Reply',
    edit: 'Change',
    delete: 'Delete',
    edited: 'edited',
    reactionsLabel: 'Reactions',
    reactions: { nuttig: 'Useful', eens: 'Agree', inspirerend: 'Inspiring' } satisfies Record<ReactionKind, string>,
    reactionCount: (label: string, n: number) => `${label}: ${n}`,
    more: 'More contributions',
    joinToContribute: 'Join this community to contribute.',
    signInToContribute: 'Sign in to contribute',
    deleteLabel: (name: string) => `Delete the contribution of ${name}`,
    replyLabel: (name: string) => `Reply to ${name}`,
    editLabel: 'Change your contribution',
  },
});

export const CONTRIBUTION_FIELDS = ['body', 'mentions'];
const KINDS: ReactionKind[] = ['nuttig', 'eens', 'inspirerend'];

/** What the thread section needs besides the contributions: who looks, and what they may do. */
export interface ThreadView {
  conversationId: string;
  communityId: string;
  items: Contribution[];
  nextCursor: string | null | undefined;
  /** The viewer is a member: may contribute, reply and react. */
  canContribute: boolean;
  members: Member[];
  form?: { values?: FormValues; errors?: FieldErrors; mentions?: string[] };
}

/** The thread on the conversation page: top-level contributions with their replies, and the form to contribute. */
export function ThreadSection({ web, thread }: { web: WebContext; thread: ThreadView }) {
  const t = contributionText(web.lang);
  const roots = thread.items.filter((c) => c.parentId === null);
  const repliesOf = (id: string) => thread.items.filter((c) => c.parentId === id);
  // A page may start inside a thread whose first contribution was on the previous page.
  const orphans = thread.items.filter((c) => c.parentId !== null && !roots.some((r) => r.id === c.parentId));
  return (
    <section aria-labelledby="bijdragen" class="kc-thread">
      <h2 class="utrecht-heading-2" id="bijdragen">{t.heading}</h2>
      {thread.items.length === 0 ? <p class="utrecht-paragraph">{t.empty}</p> : null}
      <ol class="kc-thread__list">
        {orphans.map((c) => <li class="kc-thread__item"><ContributionView web={web} c={c} canReact={thread.canContribute} /></li>)}
        {roots.map((c) => {
          const replies = repliesOf(c.id);
          return (
            <li class="kc-thread__item">
              <ContributionView web={web} c={c} canReact={thread.canContribute} />
              {replies.length > 0 ? (
                <ol class="kc-thread__replies">
                  {replies.map((r) => <li class="kc-thread__item"><ContributionView web={web} c={r} canReact={thread.canContribute} /></li>)}
                </ol>
              ) : null}
            </li>
          );
        })}
      </ol>
      {thread.nextCursor ? (
        <p class="utrecht-paragraph"><a class="utrecht-link" href={`${paths.conversation(thread.conversationId)}?vanaf=${encodeURIComponent(thread.nextCursor)}#bijdragen`}>{t.more}</a></p>
      ) : null}
      {thread.canContribute ? (
        <ContributionForm
          web={web} heading={t.yours} headingId="jouw-bijdrage" action={paths.contributions(thread.conversationId)}
          members={thread.members} values={thread.form?.values} errors={thread.form?.errors} mentions={thread.form?.mentions} submit={t.post}
        />
      ) : web.viewer ? (
        <p class="utrecht-paragraph"><a class="utrecht-link" href={paths.community(thread.communityId)}>{t.joinToContribute}</a></p>
      ) : (
        <p class="utrecht-paragraph"><a class="utrecht-link" href={paths.signIn(web.path)}>{t.signInToContribute}</a></p>
      )}
    </section>
  );
}

function ContributionView({ web, c, canReact }: { web: WebContext; c: Contribution; canReact: boolean }) {
  const t = contributionText(web.lang);
  const headingId = `bijdrage-${c.id}-kop`;
  return (
    <article class={`kc-contribution${c.deleted || c.hidden ? ' kc-contribution--gone' : ''}`} id={`bijdrage-${c.id}`} aria-labelledby={headingId}>
      <h3 class="kc-contribution__meta" id={headingId}>
        <span class="kc-contribution__author">{c.author.displayName}</span>
        {' · '}<time dateTime={c.createdAt}>{formatDateTime(c.createdAt, web.lang)}</time>
        {c.editedAt ? <> · <span class="kc-muted">{t.edited}</span></> : null}
      </h3>
      {/* Rendered from Markdown and sanitised with an allow-list by communities (ADR 0017). */}
      <div class="kc-contribution__body utrecht-paragraph" dangerouslySetInnerHTML={{ __html: c.html }} />
      {c.hidden ? <ModerationActions web={web} type="contribution" id={c.id} authorId={c.author.id} hidden hiddenReason={c.hiddenReason} /> : null}
      {c.deleted || c.hidden ? null : (
        <div class="kc-contribution__actions">
          <Reactions web={web} c={c} canReact={canReact} />
          {canReact ? <a class="utrecht-link" href={paths.replyContribution(c.id)} aria-label={t.replyLabel(c.author.displayName)}>{t.reply}</a> : null}
          {c.canEdit ? <a class="utrecht-link" href={paths.editContribution(c.id)} aria-label={t.editLabel}>{t.edit}</a> : null}
          {c.canDelete ? (
            <ActionForm action={paths.deleteContribution(c.id)} csrfToken={web.csrfToken} idempotencyKey={newFormKey()}>
              <button class="utrecht-button utrecht-button--subtle-action" type="submit" aria-label={t.deleteLabel(c.author.displayName)}>{t.delete}</button>
            </ActionForm>
          ) : null}
          <ModerationActions web={web} type="contribution" id={c.id} authorId={c.author.id} />
        </div>
      )}
    </article>
  );
}

/** Members press a reaction to give it or take it back (aria-pressed says which); others see the counts. */
function Reactions({ web, c, canReact }: { web: WebContext; c: Contribution; canReact: boolean }) {
  const t = contributionText(web.lang);
  return (
    <ul class="kc-reactions" aria-label={t.reactionsLabel}>
      {KINDS.map((kind) => {
        const mine = c.myReactions.includes(kind);
        const label = t.reactionCount(t.reactions[kind], c.reactions[kind]);
        return (
          <li class="kc-reactions__item">
            {canReact ? (
              <ActionForm action={paths.reactContribution(c.id)} csrfToken={web.csrfToken} hidden={{ soort: kind, aan: mine ? 'nee' : 'ja' }}>
                <button class={`utrecht-button utrecht-button--secondary-action kc-reaction${mine ? ' kc-reaction--mine' : ''}`} type="submit" aria-pressed={mine ? 'true' : 'false'}>
                  {label}
                </button>
              </ActionForm>
            ) : <span class="kc-reaction kc-reaction--count">{label}</span>}
          </li>
        );
      })}
    </ul>
  );
}

/**
 * The Markdown field and the mention picker: a checkbox per member, so it works without
 * JavaScript and with the keyboard alone.
 */
function ContributionForm({ web, heading, headingId, action, members, values, errors, mentions, submit, parentId, level = 3 }: {
  web: WebContext; heading: string; headingId: string; action: string; members: Member[]; values?: FormValues; errors?: FieldErrors;
  mentions?: string[]; submit: string; parentId?: string; level?: 2 | 3;
}) {
  const t = contributionText(web.lang);
  const error = errors?.body;
  const mentionError = errors?.mentions;
  const others = members.filter((m) => m.accountId !== web.viewer?.id);
  return (
    <form class="utrecht-form kc-form kc-contribution-form" method="post" action={action} noValidate aria-labelledby={headingId}>
      {level === 2 ? <h2 class="utrecht-heading-2" id={headingId}>{heading}</h2> : <h3 class="utrecht-heading-3" id={headingId}>{heading}</h3>}
      <input type="hidden" name="_csrf" value={web.csrfToken} />
      <input type="hidden" name="_idem" value={newFormKey()} />
      {parentId ? <input type="hidden" name="parentId" value={parentId} /> : null}
      <div class={`utrecht-form-field utrecht-form-field--text${error ? ' utrecht-form-field--invalid' : ''}`}>
        <div class="utrecht-form-field__label"><label class="utrecht-form-label" for="veld-body">{t.fields.body}</label></div>
        <div class="utrecht-form-field-description" id="veld-body-uitleg">{t.bodyHint}</div>
        {error ? <div class="utrecht-form-field-error-message" id="veld-body-fout">{error}</div> : null}
        <div class="utrecht-form-field__input">
          <textarea
            class={`utrecht-textarea utrecht-textarea--html-textarea${error ? ' utrecht-textarea--invalid' : ''}`} id="veld-body" name="body" rows={5} required
            aria-invalid={error ? 'true' : undefined} aria-describedby={`veld-body-uitleg${error ? ' veld-body-fout' : ''}`}
          >{values?.body ?? ''}</textarea>
        </div>
      </div>
      {others.length > 0 ? (
        <fieldset class={`utrecht-form-fieldset kc-fieldset kc-mentions${mentionError ? ' utrecht-form-fieldset--invalid' : ''}`} aria-describedby={`veld-mentions-uitleg${mentionError ? ' veld-mentions-fout' : ''}`}>
          <legend class="utrecht-form-fieldset__legend utrecht-form-label">{t.mentionLegend}</legend>
          <div class="utrecht-form-field-description" id="veld-mentions-uitleg">{t.mentionHint}</div>
          {mentionError ? <div class="utrecht-form-field-error-message" id="veld-mentions-fout">{mentionError}</div> : null}
          {others.map((m, index) => {
            const id = index === 0 ? 'veld-mentions' : `veld-mentions-${m.accountId}`;
            return (
              <div class="utrecht-form-field utrecht-form-field--checkbox">
                <div class="utrecht-form-field__input">
                  <input class="utrecht-checkbox utrecht-checkbox--html-input" type="checkbox" id={id} name="mentions" value={m.accountId} checked={mentions?.includes(m.accountId)} />
                </div>
                <div class="utrecht-form-field__label utrecht-form-field__label--checkbox">
                  <label class="utrecht-form-label utrecht-form-label--checkbox" for={id}>{m.displayName}</label>
                </div>
              </div>
            );
          })}
        </fieldset>
      ) : null}
      <SubmitButton>{submit}</SubmitButton>
    </form>
  );
}

type ContributionPageInput = { values?: FormValues; errors?: FieldErrors; mentions?: string[] };

/** Reacting to one contribution, on a page of its own (works without JavaScript; the thread page stays light). */
export function replyPage(web: WebContext, conversation: { id: string; title: string }, parent: Contribution, members: Member[], form: ContributionPageInput = {}): string {
  const t = contributionText(web.lang);
  return renderPage({
    web,
    title: `${t.replyTo(parent.author.displayName)} – ${conversation.title}`,
    hasErrors: !!form.errors && Object.keys(form.errors).length > 0,
    breadcrumbs: [{ href: paths.conversation(conversation.id), label: conversation.title }],
    children: (
      <>
        <PageHeading>{t.replyTo(parent.author.displayName)}</PageHeading>
        <ErrorSummary errors={form.errors ?? {}} order={CONTRIBUTION_FIELDS} lang={web.lang} />
        <blockquote class="kc-contribution kc-contribution--quoted">
          <div class="kc-contribution__body utrecht-paragraph" dangerouslySetInnerHTML={{ __html: parent.html }} />
        </blockquote>
        <ContributionForm
          web={web} heading={t.replyHeading} headingId="reageren" action={paths.contributions(conversation.id)} parentId={parent.id} level={2}
          members={members} values={form.values} errors={form.errors} mentions={form.mentions} submit={t.post}
        />
        <p class="utrecht-paragraph"><a class="utrecht-link" href={`${paths.conversation(conversation.id)}#bijdrage-${parent.id}`}>{t.cancel}</a></p>
      </>
    ),
  });
}

export function editPage(web: WebContext, conversation: { id: string; title: string }, contribution: Contribution, form: ContributionPageInput = {}): string {
  const t = contributionText(web.lang);
  return renderPage({
    web,
    title: `${t.editHeading} – ${conversation.title}`,
    hasErrors: !!form.errors && Object.keys(form.errors).length > 0,
    breadcrumbs: [{ href: paths.conversation(conversation.id), label: conversation.title }],
    children: (
      <>
        <PageHeading>{t.editHeading}</PageHeading>
        <ErrorSummary errors={form.errors ?? {}} order={CONTRIBUTION_FIELDS} lang={web.lang} />
        <ContributionForm
          web={web} heading={t.editLabel} headingId="wijzigen" action={paths.editContribution(contribution.id)}
          members={[]} values={form.values} errors={form.errors} submit={t.save} level={2}
        />
        <p class="utrecht-paragraph"><a class="utrecht-link" href={`${paths.conversation(conversation.id)}#bijdrage-${contribution.id}`}>{t.cancel}</a></p>
      </>
    ),
  });
}
