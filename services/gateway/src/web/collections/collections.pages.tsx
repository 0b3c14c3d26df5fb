import { ModerationActions } from '../moderation/moderation.components';
import type { CollectionSummary, CommunitySummary } from '@kc/contracts';
import type { z } from 'zod';
import { linkedDataJson } from '../activities/activity-linked-data';
import { ActionForm, ButtonLink, ErrorSummary, Form, JsonLd, SubmitButton, TextArea, TextField } from '../layout/components';
import { formatDate } from '../layout/dates';
import type { FieldErrors, FormValues } from '../layout/forms';
import { PageHeading, renderPage } from '../layout/page';
import { paths } from '../layout/paths';
import { newFormKey, type WebContext } from '../web-context';
import { AddItems, ItemList, type AddItemForm } from './collection-items.pages';
import { collectionLinkedData } from './collection-linked-data';
import type { CollectionPageData } from './collection.loader';
import { COLLECTION_FIELDS, collectionText } from './collections.text';

type CommunityView = z.infer<typeof CommunitySummary>;

const communityCrumbs = (community: CommunityView) => [{ href: paths.home(), label: 'KennisCloud' }, { href: paths.community(community.id), label: community.name }];

export function newCollectionPage(web: WebContext, community: CommunityView, form: { values?: FormValues; errors?: FieldErrors } = {}): string {
  const t = collectionText(web.lang);
  return renderPage({
    web,
    title: t.newTitle,
    hasErrors: !!form.errors && Object.keys(form.errors).length > 0,
    breadcrumbs: communityCrumbs(community),
    children: (
      <>
        <PageHeading lead={t.newLead}>{t.newTitle}</PageHeading>
        <ErrorSummary errors={form.errors ?? {}} order={COLLECTION_FIELDS} lang={web.lang} />
        <Form action={paths.newCollection(community.id)} csrfToken={web.csrfToken} idempotencyKey={newFormKey()}>
          <TextField name="title" label={t.fields.title} values={form.values} errors={form.errors} required />
          <TextArea name="description" label={t.fields.description} description={t.descriptionHint} values={form.values} errors={form.errors} />
          <SubmitButton>{t.create}</SubmitButton>
        </Form>
      </>
    ),
  });
}

export interface CollectionPageForms {
  item?: AddItemForm;
  edit?: { values: FormValues; errors: FieldErrors };
}

/** A theme collection: its description (sanitised HTML from communities), its items in order, schema.org `Collection`; for editors the forms. */
export function collectionPage(web: WebContext, data: CollectionPageData, forms: CollectionPageForms = {}): string {
  const t = collectionText(web.lang);
  const { collection, community, choices } = data;
  const editValues = forms.edit?.values ?? { title: collection.title, description: collection.description };
  return renderPage({
    web,
    title: collection.title,
    hasErrors: !!forms.item || !!forms.edit,
    breadcrumbs: communityCrumbs(community),
    children: (
      <>
        <JsonLd json={linkedDataJson(collectionLinkedData(collection, community, web.origin ?? ''))} />
        <PageHeading>{collection.title}</PageHeading>
        <ModerationActions web={web} type="collection" id={collection.id} authorId={collection.createdBy} hidden={collection.hidden} hiddenReason={collection.hiddenReason} />
        <p class="utrecht-paragraph kc-muted">
          {t.madeIn} <a class="utrecht-link" href={paths.community(community.id)}>{community.name}</a> · {t.items(collection.items.length)} · {t.since}{' '}
          <time dateTime={collection.createdAt}>{formatDate(collection.createdAt, web.lang)}</time>
        </p>
        {collection.descriptionHtml ? <div class="kc-body-text kc-markdown" dangerouslySetInnerHTML={{ __html: collection.descriptionHtml }} /> : null}
        <section aria-labelledby="onderdelen">
          <h2 class="utrecht-heading-2" id="onderdelen">{t.section}</h2>
          <ItemList web={web} collection={collection} />
        </section>
        {choices ? <AddItems web={web} collection={collection} choices={choices} form={forms.item} /> : null}
        {collection.canEdit ? (
          <section aria-labelledby="collectie-wijzigen">
            <h2 class="utrecht-heading-2" id="collectie-wijzigen">{t.editHeading}</h2>
            <ErrorSummary errors={forms.edit?.errors ?? {}} order={COLLECTION_FIELDS} lang={web.lang} />
            <Form action={paths.changeCollection(collection.id)} csrfToken={web.csrfToken} idempotencyKey={newFormKey()} label={t.editHeading}>
              <TextField name="title" label={t.fields.title} values={editValues} errors={forms.edit?.errors} required />
              <TextArea name="description" label={t.fields.description} description={t.descriptionHint} values={editValues} errors={forms.edit?.errors} />
              <SubmitButton variant="secondary">{t.save}</SubmitButton>
            </Form>
            <h2 class="utrecht-heading-2" id="collectie-verwijderen">{t.deleteHeading}</h2>
            <p class="utrecht-paragraph">{t.deleteWarning}</p>
            <ActionForm action={paths.deleteCollection(collection.id)} csrfToken={web.csrfToken}>
              <SubmitButton variant="subtle">{t.delete}</SubmitButton>
            </ActionForm>
          </section>
        ) : null}
      </>
    ),
  });
}

/** The community page's section: its collections, and Themacollectie maken for members. */
export function CommunityCollections({ web, communityId, collections, canMake }: { web: WebContext; communityId: string; collections: CollectionSummary[]; canMake: boolean }) {
  const t = collectionText(web.lang);
  return (
    <section aria-labelledby="themacollecties">
      <h2 class="utrecht-heading-2" id="themacollecties">{t.section}</h2>
      {collections.length === 0 ? <p class="utrecht-paragraph">{t.none}</p> : (
        <ul class="kc-cards">
          {collections.map((c) => (
            <li class="kc-card">
              <h3 class="utrecht-heading-3 kc-card__heading"><a class="utrecht-link" href={paths.collection(c.id)}>{c.title}</a></h3>
              <p class="utrecht-paragraph kc-card__meta">{t.items(c.itemCount)}</p>
            </li>
          ))}
        </ul>
      )}
      {canMake ? <p class="utrecht-paragraph"><ButtonLink href={paths.newCollection(communityId)} variant="secondary">{t.make}</ButtonLink></p> : null}
    </section>
  );
}

/** The region page's section: the collections of its public communities. */
export function RegionCollections({ web, collections }: { web: WebContext; collections: (CollectionSummary & { communityName: string })[] }) {
  const t = collectionText(web.lang);
  return (
    <section aria-labelledby="themacollecties">
      <h2 class="utrecht-heading-2" id="themacollecties">{t.regionSection}</h2>
      {collections.length === 0 ? <p class="utrecht-paragraph">{t.regionNone}</p> : (
        <ul class="kc-cards">
          {collections.map((c) => (
            <li class="kc-card">
              <h3 class="utrecht-heading-3 kc-card__heading"><a class="utrecht-link" href={paths.collection(c.id)}>{c.title}</a></h3>
              <p class="utrecht-paragraph kc-card__meta">
                {t.items(c.itemCount)} · {t.inCommunity} <a class="utrecht-link" href={paths.community(c.communityId)}>{c.communityName}</a>
              </p>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
