import type { Activity, CollectionSummary, CommunityAccess, CommunitySummary, ConversationSummary, ResponseOf } from '@kc/contracts';
import { CommunityCollections } from '../collections/collections.pages';
import type { z } from 'zod';
import { ActionForm, Alert, ButtonLink, ErrorSummary, Form, RadioGroup, SubmitButton, TextArea, TextField } from '../layout/components';
import { formatDate, formatDateTime } from '../layout/dates';
import type { FieldErrors, FormValues } from '../layout/forms';
import { textsFor } from '../layout/i18n';
import { PageHeading, renderPage } from '../layout/page';
import { paths } from '../layout/paths';
import { cohostText } from '../cohosts/cohosts.pages';
import { blockText } from '../blocks/blocks.pages';
import { newFormKey, type WebContext } from '../web-context';

type CommunityView = z.infer<typeof CommunitySummary>;

export const communityText = textsFor({
  nl: {
    newTitle: 'Community starten',
    newLead: 'Start een community over een onderwerp dat jou bezighoudt. Jij wordt de organisator.',
    fields: { name: 'Naam', description: 'Beschrijving', visibility: 'Zichtbaarheid' },
    descriptionHint: 'Waar gaat de community over, en voor wie is ze?',
    visibility: { public: 'Openbaar', members: 'Alleen leden' },
    visibilityHint: 'Een openbare community kan iedereen lezen. Bij ‘Alleen leden’ lezen alleen de leden mee.',
    create: 'Community starten',
    join: 'Lid worden',
    signInToJoin: 'Log in om lid te worden',
    members: (n: number) => (n === 1 ? '1 lid' : `${n} leden`),
    since: 'Gestart op',
    yourRole: { organiser: 'Jij organiseert deze community.', moderator: 'Jij modereert deze community.', member: 'Je bent lid van deze community.' },
    staffNote: 'Als communitybibliothecaris van deze regio kun je hier activiteiten plannen.',
    conversations: 'Gesprekken',
    noConversations: 'Er zijn nog geen gesprekken.',
    startConversation: 'Gesprek starten',
    activities: 'Activiteiten',
    noActivities: 'Er zijn geen activiteiten gepland.',
    planActivity: 'Activiteit plannen',
    calendar: 'Zet de agenda van deze community in je eigen agenda (.ics)',
    titles: (n: number) => (n === 1 ? '1 bibliotheektitel' : `${n} bibliotheektitels`),
    otherRegion: 'Deze community hoort bij een andere regio; lid worden kan alleen in je eigen regio.',
  },
  en: {
    newTitle: 'Start a community',
    newLead: 'Start a community about a subject you care about. You become its organiser.',
    fields: { name: 'Name', description: 'Description', visibility: 'Visibility' },
    descriptionHint: 'What is the community about, and who is it for?',
    visibility: { public: 'Public', members: 'Members only' },
    visibilityHint: 'Anyone can read a public community. With ‘Members only’ only members read along.',
    create: 'Start the community',
    join: 'Become a member',
    signInToJoin: 'Sign in to become a member',
    members: (n: number) => (n === 1 ? '1 member' : `${n} members`),
    since: 'Started on',
    yourRole: { organiser: 'You organise this community.', moderator: 'You moderate this community.', member: 'You are a member of this community.' },
    staffNote: 'As a community librarian of this region you can plan activities here.',
    conversations: 'Conversations',
    noConversations: 'There are no conversations yet.',
    startConversation: 'Start a conversation',
    activities: 'Activities',
    noActivities: 'No activities have been planned.',
    planActivity: 'Plan an activity',
    calendar: 'Add this community’s calendar to your own calendar (.ics)',
    titles: (n: number) => (n === 1 ? '1 library title' : `${n} library titles`),
    otherRegion: 'This community belongs to another region; you can only join communities in your own region.',
  },
});

export const COMMUNITY_FIELDS = ['name', 'description', 'visibility'];

export function newCommunityPage(web: WebContext, { values, errors }: { values?: FormValues; errors?: FieldErrors } = {}): string {
  const t = communityText(web.lang);
  const region = web.viewer?.region;
  return renderPage({
    web,
    title: t.newTitle,
    hasErrors: !!errors && Object.keys(errors).length > 0,
    breadcrumbs: region ? [{ href: paths.home(), label: 'KennisCloud' }, { href: paths.region(region.slug), label: region.name }] : undefined,
    children: (
      <>
        <PageHeading lead={t.newLead}>{t.newTitle}</PageHeading>
        <ErrorSummary errors={errors ?? {}} order={COMMUNITY_FIELDS} lang={web.lang} />
        <Form action={paths.newCommunity()} csrfToken={web.csrfToken} idempotencyKey={newFormKey()}>
          <TextField name="name" label={t.fields.name} values={values} errors={errors} required />
          <TextArea name="description" label={t.fields.description} description={t.descriptionHint} values={values} errors={errors} />
          <RadioGroup
            name="visibility" label={t.fields.visibility} description={t.visibilityHint} values={values ?? { visibility: 'public' }} errors={errors}
            options={[{ value: 'public', label: t.visibility.public }, { value: 'members', label: t.visibility.members }]}
          />
          <SubmitButton>{t.create}</SubmitButton>
        </Form>
      </>
    ),
  });
}

export interface CommunityPageModel {
  community: CommunityView;
  access: ResponseOf<typeof CommunityAccess>;
  conversations: z.infer<typeof ConversationSummary>[];
  activities: z.infer<typeof Activity>[];
  collections: CollectionSummary[];
  regionSlug: string | null;
  regionName: string | null;
  error?: string;
}

export function communityPage(web: WebContext, model: CommunityPageModel): string {
  const t = communityText(web.lang);
  const { community, access } = model;
  const viewer = web.viewer;
  const sameRegion = viewer?.region?.id === community.regionId;
  const canPlan = access.role === 'organiser' || access.isRegionStaff;
  return renderPage({
    web,
    title: community.name,
    breadcrumbs: model.regionSlug ? [{ href: paths.home(), label: 'KennisCloud' }, { href: paths.region(model.regionSlug), label: model.regionName ?? model.regionSlug }] : undefined,
    children: (
      <>
        <PageHeading>{community.name}</PageHeading>
        {model.error ? <Alert type="error">{model.error}</Alert> : null}
        {community.description ? <p class="utrecht-paragraph utrecht-paragraph--lead kc-body-text">{community.description}</p> : null}
        <p class="utrecht-paragraph kc-muted">
          {t.members(community.memberCount)} · {communityText(web.lang).visibility[community.visibility]} · {t.since} <time dateTime={community.createdAt}>{formatDate(community.createdAt, web.lang)}</time>
        </p>
        {access.role ? <p class="utrecht-paragraph">{t.yourRole[access.role]}</p> : null}
        {access.isRegionStaff && access.role !== 'organiser' ? <p class="utrecht-paragraph">{t.staffNote}</p> : null}
        <div class="kc-actions">
          {!viewer ? <ButtonLink href={paths.signIn(paths.community(community.id))}>{t.signInToJoin}</ButtonLink> : null}
          {viewer && !access.role && sameRegion ? (
            <ActionForm action={paths.joinCommunity(community.id)} csrfToken={web.csrfToken}>
              <SubmitButton>{t.join}</SubmitButton>
            </ActionForm>
          ) : null}
          {access.role ? <ButtonLink href={paths.newConversation(community.id)} variant="secondary">{t.startConversation}</ButtonLink> : null}
          {canPlan ? <ButtonLink href={paths.newActivity(community.id)} variant="secondary">{t.planActivity}</ButtonLink> : null}
        </div>
        {viewer && !access.role && !sameRegion && !viewer.isOperator ? <p class="utrecht-paragraph kc-note">{t.otherRegion}</p> : null}
        <div class="kc-columns">
          <section aria-labelledby="gesprekken">
            <h2 class="utrecht-heading-2" id="gesprekken">{t.conversations}</h2>
            {model.conversations.length === 0 ? <p class="utrecht-paragraph">{t.noConversations}</p> : (
              <ul class="kc-cards">
                {model.conversations.map((c) => (
                  <li class="kc-card">
                    <h3 class="utrecht-heading-3 kc-card__heading"><a class="utrecht-link" href={paths.conversation(c.id)}>{c.title}</a></h3>
                    <p class="utrecht-paragraph kc-card__meta">
                      <time dateTime={c.createdAt}>{formatDate(c.createdAt, web.lang)}</time>
                      {c.suggestionCount > 0 ? ` · ${t.titles(c.suggestionCount)}` : ''}
                    </p>
                  </li>
                ))}
              </ul>
            )}
          </section>
          <section aria-labelledby="activiteiten">
            <h2 class="utrecht-heading-2" id="activiteiten">{t.activities}</h2>
            {model.activities.length === 0 ? <p class="utrecht-paragraph">{t.noActivities}</p> : (
              <ul class="kc-cards">
                {model.activities.map((a) => (
                  <li class="kc-card">
                    <h3 class="utrecht-heading-3 kc-card__heading"><a class="utrecht-link" href={paths.activity(a.id)}>{a.title}</a></h3>
                    <p class="utrecht-paragraph kc-card__meta"><time dateTime={a.startsAt}>{formatDateTime(a.startsAt, web.lang, a.timeZone)}</time></p>
                  </li>
                ))}
              </ul>
            )}
            <p class="utrecht-paragraph"><a class="utrecht-link" href={paths.communityCalendar(community.id)} download="agenda.ics">{t.calendar}</a></p>
            {canPlan ? <p class="utrecht-paragraph"><a class="utrecht-link" href={paths.cohostInvitations(community.id)}>{cohostText(web.lang).invitationsLink}</a></p> : null}
            {canPlan || access.role === 'moderator' ? <p class="utrecht-paragraph"><a class="utrecht-link" href={paths.blocks(community.id)}>{blockText(web.lang).link}</a></p> : null}
          </section>
        </div>
        <CommunityCollections web={web} communityId={community.id} collections={model.collections} canMake={!!access.role || access.isRegionStaff} />
      </>
    ),
  });
}
