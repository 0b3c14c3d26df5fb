import { ModerationActions } from '../moderation/moderation.components';
import type { MediaKind, MediaReference } from '@kc/contracts';
import { renderToString } from 'preact-render-to-string';
import { ActionForm, ErrorSummary, Form, SubmitButton, TextArea, TextField } from '../layout/components';
import type { FieldErrors, FormValues } from '../layout/forms';
import { textsFor } from '../layout/i18n';
import { paths } from '../layout/paths';
import { newFormKey, type WebContext } from '../web-context';

export const mediaText = textsFor({
  nl: {
    heading: 'Video’s, artikelen, websites en podcasts',
    none: 'Er zijn nog geen links gedeeld bij dit gesprek.',
    kinds: { video: 'Video', article: 'Artikel', website: 'Website', podcast: 'Podcast' } satisfies Record<MediaKind, string>,
    pending: 'Het voorbeeld wordt opgehaald…',
    failed: 'Geen voorbeeld beschikbaar.',
    sharedBy: (name: string) => `gedeeld door ${name}`,
    addHeading: 'Link delen',
    fields: { url: 'Adres (URL)', note: 'Toelichting (niet verplicht)', kind: 'Soort' },
    urlHint: 'Een openbaar webadres, bijvoorbeeld https://www.youtube.com/watch?v=… KennisCloud haalt zelf een voorbeeld op; je browser maakt geen contact met de site.',
    add: 'Link delen',
    change: 'Opslaan',
    changeLabel: (title: string) => `Soort en toelichting van ${title} opslaan`,
    remove: 'Weghalen',
    removeLabel: (title: string) => `${title} weghalen uit dit gesprek`,
    edit: 'Soort of toelichting wijzigen',
  },
  en: {
    heading: 'Videos, articles, websites and podcasts',
    none: 'No links have been shared in this conversation yet.',
    kinds: { video: 'Video', article: 'Article', website: 'Website', podcast: 'Podcast' } satisfies Record<MediaKind, string>,
    pending: 'Fetching the preview…',
    failed: 'No preview available.',
    sharedBy: (name: string) => `shared by ${name}`,
    addHeading: 'Share a link',
    fields: { url: 'Address (URL)', note: 'Note (optional)', kind: 'Kind' },
    urlHint: 'A public web address, for example https://www.youtube.com/watch?v=… KennisCloud fetches a preview itself; your browser does not contact the site.',
    add: 'Share the link',
    change: 'Save',
    changeLabel: (title: string) => `Save kind and note of ${title}`,
    remove: 'Remove',
    removeLabel: (title: string) => `Remove ${title} from this conversation`,
    edit: 'Change kind or note',
  },
});

export const MEDIA_FIELDS = ['url', 'note'];
const KINDS: MediaKind[] = ['video', 'article', 'website', 'podcast'];

/** What the media section shows and what the viewer may do there. */
export interface MediaView {
  conversationId: string;
  items: MediaReference[];
  /** The viewer is a member: may share a link. */
  canAdd: boolean;
  form?: { values: FormValues; errors: FieldErrors };
}

export const anyPending = (items: MediaReference[]) => items.some((m) => m.preview === 'pending');

export function MediaSection({ web, view }: { web: WebContext; view: MediaView }) {
  const t = mediaText(web.lang);
  return (
    <section aria-labelledby="media" class="kc-media">
      <h2 class="utrecht-heading-2" id="media">{t.heading}</h2>
      {/* While a preview is being fetched, htmx asks for the list every 2 s; HTTP 286 ends the polling. */}
      <div
        id="media-lijst" aria-live="polite"
        {...(anyPending(view.items) ? { 'hx-get': paths.conversationMedia(view.conversationId), 'hx-trigger': 'every 2s', 'hx-swap': 'innerHTML' } : {})}
      >
        <MediaList web={web} view={view} />
      </div>
      {view.canAdd ? (
        <div class="kc-media-add">
          <h3 class="utrecht-heading-3" id="link-delen">{t.addHeading}</h3>
          <ErrorSummary errors={view.form?.errors ?? {}} order={MEDIA_FIELDS} lang={web.lang} />
          <Form action={paths.addMedia(view.conversationId)} csrfToken={web.csrfToken} idempotencyKey={newFormKey()} label={t.addHeading}>
            <TextField name="url" type="url" inputMode="url" label={t.fields.url} description={t.urlHint} values={view.form?.values} errors={view.form?.errors} required />
            <TextArea name="note" label={t.fields.note} values={view.form?.values} errors={view.form?.errors} rows={2} />
            <SubmitButton variant="secondary">{t.add}</SubmitButton>
          </Form>
        </div>
      ) : null}
    </section>
  );
}

/** The inside of the list, also served alone for htmx. */
export function renderMediaList(web: WebContext, view: MediaView): string {
  return renderToString(<MediaList web={web} view={view} />);
}

/**
 * Preview cards. The link goes out with `rel="nofollow ugc noopener noreferrer"`; the page's
 * image is not shown (it would load from another host and track readers: CSP `img-src 'self'`).
 */
function MediaList({ web, view }: { web: WebContext; view: MediaView }) {
  const t = mediaText(web.lang);
  if (view.items.length === 0) return <p class="utrecht-paragraph">{t.none}</p>;
  return (
    <ul class="kc-cards kc-media-list">
      {view.items.map((m) => {
        const name = m.title ?? m.url;
        return (
          <li class="kc-card kc-media-card" id={`media-${m.id}`} data-preview={m.preview}>
            <p class="utrecht-paragraph kc-card__meta"><span class="kc-badge">{t.kinds[m.kind]}</span>{m.siteName ? ` · ${m.siteName}` : ''}</p>
            <h3 class="utrecht-heading-4 kc-card__heading">
              <a class="utrecht-link" href={m.url} rel="nofollow ugc noopener noreferrer">{name}</a>
            </h3>
            {m.description ? <p class="utrecht-paragraph kc-card__text">{m.description}</p> : null}
            {m.preview === 'pending' ? <p class="utrecht-paragraph kc-muted">{t.pending}</p> : m.preview === 'failed' ? <p class="utrecht-paragraph kc-muted">{t.failed}</p> : null}
            {m.note ? <blockquote class="utrecht-blockquote kc-media-note"><p class="utrecht-paragraph">{m.note}</p></blockquote> : null}
            <p class="utrecht-paragraph kc-muted">{t.sharedBy(m.addedBy.displayName)}</p>
            <ModerationActions web={web} type="media" id={m.id} authorId={m.addedBy.id} hidden={m.hidden} hiddenReason={m.hiddenReason} />
            {m.canEdit ? (
              <details class="kc-media-edit">
                <summary>{t.edit}</summary>
                <form class="kc-action-form" method="post" action={paths.changeMedia(view.conversationId, m.id)}>
                  <input type="hidden" name="_csrf" value={web.csrfToken} />
                  <label class="utrecht-form-label" for={`soort-${m.id}`}>{t.fields.kind}</label>
                  <select class="utrecht-select utrecht-select--html-select" id={`soort-${m.id}`} name="kind">
                    {KINDS.map((k) => <option value={k} selected={k === m.kind}>{t.kinds[k]}</option>)}
                  </select>
                  <label class="utrecht-form-label" for={`toelichting-${m.id}`}>{t.fields.note}</label>
                  <textarea class="utrecht-textarea utrecht-textarea--html-textarea" id={`toelichting-${m.id}`} name="note" rows={2} maxLength={1000}>{m.note}</textarea>
                  <button class="utrecht-button utrecht-button--secondary-action" type="submit" aria-label={t.changeLabel(name)}>{t.change}</button>
                </form>
              </details>
            ) : null}
            {m.canRemove ? (
              <ActionForm action={paths.removeMedia(view.conversationId, m.id)} csrfToken={web.csrfToken}>
                <button class="utrecht-button utrecht-button--subtle-action" type="submit" aria-label={t.removeLabel(name)}>{t.remove}</button>
              </ActionForm>
            ) : null}
          </li>
        );
      })}
    </ul>
  );
}
