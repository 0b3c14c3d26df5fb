import { moderationText } from '../moderation/moderation.text';
import type { Activity, CollectionSummary, CommunityAccess, ConversationSummary, GetCommunity, GetCommunityPlan, ListCommunityPartners, ListOrganisations, ResponseOf } from '@kc/contracts';
import { CommunityCollections } from '../collections/collections.pages';
import type { z } from 'zod';
import { ActionForm, Alert, ButtonLink, Checkbox, ErrorSummary, Form, RadioGroup, SubmitButton, TextArea, TextField } from '../layout/components';
import { formatDate, formatDateTime } from '../layout/dates';
import type { FieldErrors, FormValues } from '../layout/forms';
import { textsFor } from '../layout/i18n';
import { PageHeading, renderPage } from '../layout/page';
import { paths } from '../layout/paths';
import { cohostText } from '../cohosts/cohosts.pages';
import { blockText } from '../blocks/blocks.pages';
import { PartnerLine, PartnerManagement } from '../organisations/organisations.pages';
import { communityAuditLinkText } from '../community-audit/community-audit.pages';
import { joinControlOf, mayModerate, mayOrganise, mayReadMembers } from '../membership/membership-rules';
import { JoinModeChoice } from '../membership/join-mode-choice';
import { PlanSection } from '../membership/plan.pages';
import { newFormKey, type WebContext } from '../web-context';

type CommunityView = ResponseOf<typeof GetCommunity>;

export const communityText = textsFor({
  nl: {
    newTitle: 'Community starten',
    newLead: 'Start een community over een onderwerp dat jou bezighoudt. Jij wordt de organisator.',
    fields: { name: 'Naam', description: 'Beschrijving', visibility: 'Zichtbaarheid', joinMode: 'Lid worden', onBehalfOfLibrary: 'Namens de bibliotheek', scope: 'Landelijk' },
    descriptionHint: 'Waar gaat de community over, en voor wie is ze?',
    visibility: { public: 'Openbaar', members: 'Alleen leden' },
    visibilityHint: 'Een openbare community kan iedereen lezen. Bij ‘Alleen leden’ lezen alleen de leden mee.',
    create: 'Community starten',
    joinModeShort: { open: 'open voor iedereen uit de regio', approval: 'lid worden na goedkeuring', invite: 'alleen op uitnodiging', staff: 'alleen voor bibliotheekmedewerkers' },
    onBehalfOfLibraryLabel: 'Start deze community namens de bibliotheek',
    onBehalfOfLibraryHint: 'De community staat dan als community van de bibliotheek bekend. Jij wordt de organisator.',
    libraryBadge: 'Namens de bibliotheek',
    nationalBadge: 'Landelijke community',
    nationalLabel: 'Start een landelijke community',
    nationalHint: 'Zichtbaar en open voor mensen uit alle regio’s, bijvoorbeeld voor het landelijke netwerk van community-bibliothecarissen.',
    staffOnly: 'Deze landelijke community is alleen voor bibliotheekmedewerkers.',
    join: 'Lid worden',
    request: 'Verzoek sturen',
    requested: 'Verzoek verstuurd. Een organisator of moderator beslist erover.',
    inviteOnly: 'Deze community is alleen op uitnodiging. Vraag een organisator om een uitnodigingslink.',
    leave: 'Verlaten',
    leaveLabel: (name: string) => `Community ${name} verlaten`,
    signInToJoin: 'Log in om lid te worden',
    manage: 'Community beheren',
    membersLink: 'Leden',
    membersAndRequests: 'Leden en aanvragen',
    invitationsLink: 'Uitnodigingen',
    settingsLink: 'Instellingen',
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
    fields: { name: 'Name', description: 'Description', visibility: 'Visibility', joinMode: 'Joining', onBehalfOfLibrary: 'On behalf of the library', scope: 'National' },
    descriptionHint: 'What is the community about, and who is it for?',
    visibility: { public: 'Public', members: 'Members only' },
    visibilityHint: 'Anyone can read a public community. With ‘Members only’ only members read along.',
    create: 'Start the community',
    joinModeShort: { open: 'open to everyone from the region', approval: 'joining after approval', invite: 'by invitation only', staff: 'for library staff only' },
    onBehalfOfLibraryLabel: 'Start this community on behalf of the library',
    onBehalfOfLibraryHint: 'The community is then known as the library’s community. You become its organiser.',
    libraryBadge: 'On behalf of the library',
    nationalBadge: 'National community',
    nationalLabel: 'Start a national community',
    nationalHint: 'Visible and open to people from every region, for example the national network of community librarians.',
    staffOnly: 'This national community is for library staff only.',
    join: 'Become a member',
    request: 'Send a request',
    requested: 'Request sent. An organiser or moderator will decide on it.',
    inviteOnly: 'This community is by invitation only. Ask an organiser for an invitation link.',
    leave: 'Leave',
    leaveLabel: (name: string) => `Leave the community ${name}`,
    signInToJoin: 'Sign in to become a member',
    manage: 'Manage the community',
    membersLink: 'Members',
    membersAndRequests: 'Members and requests',
    invitationsLink: 'Invitations',
    settingsLink: 'Settings',
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

export const COMMUNITY_FIELDS = ['name', 'description', 'visibility', 'joinMode', 'onBehalfOfLibrary', 'scope'];

export function newCommunityPage(web: WebContext, { values, errors }: { values?: FormValues; errors?: FieldErrors } = {}): string {
  const t = communityText(web.lang);
  const region = web.viewer?.region;
  const isLibrarian = !!web.viewer?.roles.includes('community_librarian');
  const mayStartNational = isLibrarian || !!web.viewer?.isOperator;
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
          <JoinModeChoice web={web} values={values} errors={errors} staff={mayStartNational} />
          {isLibrarian ? (
            <Checkbox name="onBehalfOfLibrary" label={t.onBehalfOfLibraryLabel} description={t.onBehalfOfLibraryHint} values={values} errors={errors} />
          ) : null}
          {mayStartNational ? (
            <Checkbox name="scope" value="national" label={t.nationalLabel} description={t.nationalHint} values={values} errors={errors} />
          ) : null}
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
  plan: ResponseOf<typeof GetCommunityPlan> | null;
  partners: ResponseOf<typeof ListCommunityPartners>['items'];
  /** The region's organisations, for those who may name partners; null for others. */
  organisations: ResponseOf<typeof ListOrganisations>['items'] | null;
  regionSlug: string | null;
  regionName: string | null;
  error?: string;
}

export function communityPage(web: WebContext, model: CommunityPageModel): string {
  const t = communityText(web.lang);
  const { community, access } = model;
  const viewer = web.viewer;
  // A national community is joinable from every region.
  const sameRegion = viewer?.region?.id === community.regionId || community.scope === 'national';
  const canPlan = mayOrganise(access);
  const isStaff = !!viewer && (viewer.isOperator || viewer.roles.includes('community_librarian') || viewer.roles.includes('library_admin'));
  const control = joinControlOf({
    signedIn: !!viewer, sameRegion, isOperator: !!viewer?.isOperator, isStaff, joinMode: community.joinMode, requestPending: community.requestPending, ...access,
  });
  return renderPage({
    web,
    title: community.name,
    breadcrumbs: model.regionSlug ? [{ href: paths.home(), label: 'KennisCloud' }, { href: paths.region(model.regionSlug), label: model.regionName ?? model.regionSlug }] : undefined,
    children: (
      <>
        <PageHeading>{community.name}</PageHeading>
        {community.onBehalfOfLibrary || community.scope === 'national' ? (
          <p class="utrecht-paragraph">
            {community.scope === 'national' ? <span class="kc-badge">{t.nationalBadge}</span> : null}{' '}
            {community.onBehalfOfLibrary ? <span class="kc-badge">{t.libraryBadge}</span> : null}
          </p>
        ) : null}
        {model.error ? <Alert type="error">{model.error}</Alert> : null}
        <PartnerLine web={web} partners={model.partners} />
        {community.description ? <p class="utrecht-paragraph utrecht-paragraph--lead kc-body-text">{community.description}</p> : null}
        <p class="utrecht-paragraph kc-muted">
          {t.members(community.memberCount)} · {t.visibility[community.visibility]} · {t.joinModeShort[community.joinMode]} · {t.since} <time dateTime={community.createdAt}>{formatDate(community.createdAt, web.lang)}</time>
        </p>
        {access.role ? <p class="utrecht-paragraph">{t.yourRole[access.role]}</p> : null}
        {access.isRegionStaff && access.role !== 'organiser' ? <p class="utrecht-paragraph">{t.staffNote}</p> : null}
        <div class="kc-actions">
          {control === 'sign-in' ? <ButtonLink href={paths.signIn(paths.community(community.id))}>{t.signInToJoin}</ButtonLink> : null}
          {control === 'join' || control === 'request' ? (
            <ActionForm action={paths.joinCommunity(community.id)} csrfToken={web.csrfToken}>
              <SubmitButton>{control === 'join' ? t.join : t.request}</SubmitButton>
            </ActionForm>
          ) : null}
          {access.role ? <ButtonLink href={paths.newConversation(community.id)} variant="secondary">{t.startConversation}</ButtonLink> : null}
          {canPlan ? <ButtonLink href={paths.newActivity(community.id)} variant="secondary">{t.planActivity}</ButtonLink> : null}
          {control === 'leave' ? (
            <ActionForm action={paths.leaveCommunity(community.id)} csrfToken={web.csrfToken}>
              <button class="utrecht-button utrecht-button--subtle-action" type="submit" aria-label={t.leaveLabel(community.name)}>{t.leave}</button>
            </ActionForm>
          ) : null}
        </div>
        {control === 'requested' ? <p class="utrecht-paragraph kc-note">{t.requested}</p> : null}
        {control === 'invite-only' ? <p class="utrecht-paragraph kc-note">{t.inviteOnly}</p> : null}
        {control === 'staff-only' ? <p class="utrecht-paragraph kc-note">{t.staffOnly}</p> : null}
        {control === 'other-region' ? <p class="utrecht-paragraph kc-note">{t.otherRegion}</p> : null}
        {mayReadMembers(access) ? (
          <nav aria-label={t.manage}>
            <ul class="kc-inline-list">
              <li><a class="utrecht-link" href={paths.members(community.id)}>{mayModerate(access) ? t.membersAndRequests : t.membersLink}</a></li>
              {mayModerate(access) ? <li><a class="utrecht-link" href={paths.communityInvitations(community.id)}>{t.invitationsLink}</a></li> : null}
              {canPlan ? <li><a class="utrecht-link" href={paths.communitySettings(community.id)}>{t.settingsLink}</a></li> : null}
            </ul>
          </nav>
        ) : null}
        {model.organisations ? <PartnerManagement web={web} partners={model.partners} organisations={model.organisations} action={paths.communityPartners(community.id)} removeAction={(o) => paths.removeCommunityPartner(community.id, o)} /> : null}
        {model.plan ? <PlanSection web={web} plan={model.plan} communityId={community.id} canEdit={canPlan} /> : null}
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
            {canPlan || access.role === 'moderator' ? <p class="utrecht-paragraph"><a class="utrecht-link" href={paths.reports(community.id)}>{moderationText(web.lang).link}</a></p> : null}
            {canPlan || access.role === 'moderator' ? <p class="utrecht-paragraph"><a class="utrecht-link" href={paths.communityAudit(community.id)}>{communityAuditLinkText(web.lang)}</a></p> : null}
          </section>
        </div>
        <CommunityCollections web={web} communityId={community.id} collections={model.collections} canMake={!!access.role || access.isRegionStaff} />
      </>
    ),
  });
}
