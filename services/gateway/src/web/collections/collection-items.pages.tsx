import type { Collection, CollectionItem, CollectionItemType } from '@kc/contracts';
import { ActionForm, ErrorSummary, Form, SubmitButton, TextArea, TextField } from '../layout/components';
import type { FieldErrors, FormValues } from '../layout/forms';
import { paths } from '../layout/paths';
import { newFormKey, type WebContext } from '../web-context';
import type { Choice, ItemChoices } from './collection.loader';
import { collectionText, ITEM_FIELDS } from './collections.text';

/** Where an item leads on this site or beyond (a library title has no page of its own here). */
function itemHref(item: CollectionItem): string | null {
  if (item.type === 'conversation') return paths.conversation(item.ref);
  if (item.type === 'activity') return paths.activity(item.ref);
  return item.url;
}

/** The items in order; for editors each with its note, Omhoog/Omlaag and Weghalen as plain forms. */
export function ItemList({ web, collection }: { web: WebContext; collection: Collection }) {
  const t = collectionText(web.lang);
  if (collection.items.length === 0) return <p class="utrecht-paragraph">{t.empty}</p>;
  const last = collection.items.length;
  return (
    <ol class="kc-cards kc-collection-items">
      {collection.items.map((item) => {
        const href = itemHref(item);
        const external = item.type === 'link' || item.type === 'media';
        return (
          <li class="kc-card kc-collection-item" id={`onderdeel-${item.id}`} data-type={item.type}>
            <p class="utrecht-paragraph kc-card__meta"><span class="kc-badge">{t.types[item.type]}</span>{item.siteName ? ` · ${item.siteName}` : ''}</p>
            <h3 class="utrecht-heading-4 kc-card__heading">
              {href ? <a class="utrecht-link" href={href} rel={external ? 'nofollow ugc noopener noreferrer' : undefined}>{item.title}</a> : item.title}
            </h3>
            {item.description ? <p class="utrecht-paragraph kc-card__text">{item.description}</p> : null}
            {item.preview === 'pending' ? <p class="utrecht-paragraph kc-muted">{t.pending}</p> : null}
            {item.note && !collection.canEdit ? <blockquote class="utrecht-blockquote kc-media-note"><p class="utrecht-paragraph">{item.note}</p></blockquote> : null}
            {collection.canEdit ? <ItemControls web={web} collection={collection} item={item} last={last} /> : null}
          </li>
        );
      })}
    </ol>
  );
}

function ItemControls({ web, collection, item, last }: { web: WebContext; collection: Collection; item: CollectionItem; last: number }) {
  const t = collectionText(web.lang);
  const noteId = `toelichting-${item.id}`;
  return (
    <div class="kc-collection-item__controls">
      <form class="kc-action-form" method="post" action={paths.changeCollectionItem(collection.id, item.id)}>
        <input type="hidden" name="_csrf" value={web.csrfToken} />
        <label class="utrecht-form-label" for={noteId}>{t.noteLabel(item.title)}</label>
        <textarea class="utrecht-textarea utrecht-textarea--html-textarea" id={noteId} name="note" rows={2} maxLength={1000}>{item.note}</textarea>
        <button class="utrecht-button utrecht-button--secondary-action" type="submit">{t.noteSave}</button>
      </form>
      <div class="kc-actions">
        {item.position > 1 ? (
          <ActionForm action={paths.moveCollectionItem(collection.id, item.id)} csrfToken={web.csrfToken} hidden={{ position: String(item.position - 1) }}>
            <button class="utrecht-button utrecht-button--secondary-action" type="submit" aria-label={t.upLabel(item.title)}>{t.up}</button>
          </ActionForm>
        ) : null}
        {item.position < last ? (
          <ActionForm action={paths.moveCollectionItem(collection.id, item.id)} csrfToken={web.csrfToken} hidden={{ position: String(item.position + 1) }}>
            <button class="utrecht-button utrecht-button--secondary-action" type="submit" aria-label={t.downLabel(item.title)}>{t.down}</button>
          </ActionForm>
        ) : null}
        <ActionForm action={paths.removeCollectionItem(collection.id, item.id)} csrfToken={web.csrfToken}>
          <button class="utrecht-button utrecht-button--subtle-action" type="submit" aria-label={t.removeLabel(item.title)}>{t.remove}</button>
        </ActionForm>
      </div>
    </div>
  );
}

export interface AddItemForm {
  values: FormValues;
  errors: FieldErrors;
}

/** One small form per kind of item; a select offers what the community has that is not in the collection yet. */
export function AddItems({ web, collection, choices, form }: { web: WebContext; collection: Collection; choices: ItemChoices; form?: AddItemForm }) {
  const t = collectionText(web.lang);
  const linkValues = form?.values.type === 'link' ? form.values : undefined;
  return (
    <section aria-labelledby="onderdeel-toevoegen" class="kc-collection-add">
      <h2 class="utrecht-heading-2" id="onderdeel-toevoegen">{t.addHeading}</h2>
      <p class="utrecht-paragraph">{t.addLead}</p>
      <ErrorSummary errors={form?.errors ?? {}} order={ITEM_FIELDS} lang={web.lang} />
      <h3 class="utrecht-heading-3" id="webadres-toevoegen">{t.addLink}</h3>
      <Form action={paths.addCollectionItem(collection.id)} csrfToken={web.csrfToken} idempotencyKey={newFormKey()} label={t.addLink}>
        <input type="hidden" name="type" value="link" />
        <TextField name="url" type="url" inputMode="url" label={t.fields.url} description={t.urlHint} values={linkValues} errors={linkValues ? form?.errors : undefined} required />
        <TextArea name="note" label={t.fields.note} values={linkValues} errors={linkValues ? form?.errors : undefined} rows={2} />
        <SubmitButton variant="secondary">{t.addLink}</SubmitButton>
      </Form>
      <ChoiceForm web={web} collection={collection} type="conversation" heading={t.addConversation} choices={choices.conversations} />
      <ChoiceForm web={web} collection={collection} type="activity" heading={t.addActivity} choices={choices.activities} />
      <ChoiceForm web={web} collection={collection} type="media" heading={t.addMedia} choices={choices.media} />
      <ChoiceForm web={web} collection={collection} type="title" heading={t.addTitle} choices={choices.titles} hint={t.communityTitles} />
      <TitleSearch web={web} collection={collection} search={choices.search} />
    </section>
  );
}

function ChoiceForm({ web, collection, type, heading, choices, hint }: { web: WebContext; collection: Collection; type: CollectionItemType; heading: string; choices: Choice[]; hint?: string }) {
  const t = collectionText(web.lang);
  const headingId = `${type}-toevoegen`;
  return (
    <>
      <h3 class="utrecht-heading-3" id={headingId}>{heading}</h3>
      {choices.length === 0 ? <p class="utrecht-paragraph kc-muted">{t.nothingToAdd}</p> : (
        <form class="utrecht-form kc-form" method="post" action={paths.addCollectionItem(collection.id)} aria-labelledby={headingId}>
          <input type="hidden" name="_csrf" value={web.csrfToken} />
          <input type="hidden" name="_idem" value={newFormKey()} />
          <input type="hidden" name="type" value={type} />
          <div class="utrecht-form-field utrecht-form-field--select">
            <div class="utrecht-form-field__label"><label class="utrecht-form-label" for={`keuze-${type}`}>{hint ?? heading}</label></div>
            <div class="utrecht-form-field__input">
              <select class="utrecht-select utrecht-select--html-select" id={`keuze-${type}`} name="refId">
                {choices.map((c) => <option value={c.id}>{c.label}</option>)}
              </select>
            </div>
          </div>
          <div class="utrecht-form-field utrecht-form-field--textarea">
            <div class="utrecht-form-field__label"><label class="utrecht-form-label" for={`toelichting-${type}`}>{t.fields.note}</label></div>
            <div class="utrecht-form-field__input">
              <textarea class="utrecht-textarea utrecht-textarea--html-textarea" id={`toelichting-${type}`} name="note" rows={2} maxLength={1000} />
            </div>
          </div>
          <SubmitButton variant="secondary">{heading}</SubmitButton>
        </form>
      )}
    </>
  );
}

/** A plain GET form on the collection page itself: the catalogue's hits come back on it, each with Toevoegen. */
function TitleSearch({ web, collection, search }: { web: WebContext; collection: Collection; search?: { q: string; items: Choice[] } }) {
  const t = collectionText(web.lang);
  return (
    <div class="kc-catalogue-search">
      <form class="utrecht-form kc-form" method="get" action={`${paths.collection(collection.id)}#zoek-titel`} role="search" aria-label={t.searchLabel}>
        <div class="utrecht-form-field utrecht-form-field--text">
          <div class="utrecht-form-field__label"><label class="utrecht-form-label" for="zoek-titel">{t.searchLabel}</label></div>
          <div class="utrecht-form-field__input">
            <input class="utrecht-textbox utrecht-textbox--html-input" type="search" id="zoek-titel" name="zoektitel" value={search?.q ?? ''} maxLength={200} />
          </div>
        </div>
        <SubmitButton variant="secondary">{t.search}</SubmitButton>
      </form>
      {search ? (
        search.items.length === 0 ? <p class="utrecht-paragraph">{t.noResults(search.q)}</p> : (
          <>
            <h4 class="utrecht-heading-4">{t.results(search.q)}</h4>
            <ul class="kc-cards kc-title-list">
              {search.items.map((found) => (
                <li class="kc-card">
                  <p class="utrecht-paragraph kc-card__heading">{found.label}</p>
                  <ActionForm action={paths.addCollectionItem(collection.id)} csrfToken={web.csrfToken} idempotencyKey={newFormKey()} hidden={{ type: 'title', refId: found.id }}>
                    <button class="utrecht-button utrecht-button--primary-action" type="submit" aria-label={t.addLabel(found.label)}>{t.add}</button>
                  </ActionForm>
                </li>
              ))}
            </ul>
          </>
        )
      ) : null}
    </div>
  );
}
