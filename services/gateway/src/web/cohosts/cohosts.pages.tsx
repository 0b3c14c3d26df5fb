import type { CohostInvitations, CommunitySummary, GetActivity, ListCohosts, ResponseOf } from '@kc/contracts';
import type { z } from 'zod';
import { ActionForm, Alert, DataTable, ErrorSummary, Form, SelectField, SubmitButton } from '../layout/components';
import { formatDate, formatDateTime } from '../layout/dates';
import type { FieldErrors, FormValues } from '../layout/forms';
import { textsFor } from '../layout/i18n';
import { PageHeading, renderPage } from '../layout/page';
import { paths } from '../layout/paths';
import { newFormKey, type WebContext } from '../web-context';

type CommunityView = z.infer<typeof CommunitySummary>;
type ActivityView = ResponseOf<typeof GetActivity>;
type CohostView = ResponseOf<typeof ListCohosts>['items'][number];
type InvitationView = ResponseOf<typeof CohostInvitations>['items'][number];

export const cohostText = textsFor({
  nl: {
    title: 'Samen organiseren',
    lead: (activity: string) => `Nodig een andere community van de regio uit om ‘${activity}’ mee te organiseren. Neemt haar organisator de uitnodiging aan, dan staat de activiteit ook in haar agenda en zien haar leden de activiteit.`,
    invite: 'Community uitnodigen',
    community: 'Community',
    communityHint: 'Communities van je regio die je kunt zien.',
    noCandidates: 'Er is geen andere community in je regio om uit te nodigen.',
    current: 'Uitgenodigd en mede-organisatoren',
    none: 'Nog geen andere community uitgenodigd.',
    columns: { community: 'Community', status: 'Status', since: 'Sinds', action: 'Actie' },
    status: { invited: 'uitgenodigd, nog geen antwoord', accepted: 'organiseert mee', declined: 'afgeslagen' },
    remove: (status: CohostView['status']) => (status === 'invited' ? 'Uitnodiging intrekken' : 'Weghalen'),
    removeLabel: (action: string, name: string) => `${action}: ${name}`,
    back: 'Terug naar de activiteit',
    together: 'Samen met',
    manageLink: 'Samen organiseren met een andere community',
    invitationsTitle: 'Uitnodigingen om samen te organiseren',
    invitationsLead: (community: string) => `Andere communities vragen ${community} om activiteiten mee te organiseren. Neem je aan, dan staat de activiteit ook in jullie agenda en zien jullie leden haar.`,
    noInvitations: 'Er zijn geen openstaande uitnodigingen.',
    invitationColumns: { activity: 'Activiteit', when: 'Wanneer', host: 'Van', action: 'Antwoord' },
    accept: 'Aannemen',
    decline: 'Afslaan',
    answerLabel: (answer: string, activity: string) => `${answer}: ${activity}`,
    invitationsLink: 'Uitnodigingen om samen activiteiten te organiseren',
  },
  en: {
    title: 'Organise together',
    lead: (activity: string) => `Invite another community of the region to co-host ‘${activity}’. Once its organiser accepts, the activity is on its calendar too and its members see it.`,
    invite: 'Invite community',
    community: 'Community',
    communityHint: 'Communities of your region that you can see.',
    noCandidates: 'There is no other community in your region to invite.',
    current: 'Invited and co-hosts',
    none: 'No other community invited yet.',
    columns: { community: 'Community', status: 'Status', since: 'Since', action: 'Action' },
    status: { invited: 'invited, no answer yet', accepted: 'co-hosts', declined: 'declined' },
    remove: (status: CohostView['status']) => (status === 'invited' ? 'Withdraw invitation' : 'Remove'),
    removeLabel: (action: string, name: string) => `${action}: ${name}`,
    back: 'Back to the activity',
    together: 'Together with',
    manageLink: 'Organise together with another community',
    invitationsTitle: 'Invitations to organise together',
    invitationsLead: (community: string) => `Other communities ask ${community} to co-host activities. If you accept, the activity is on your calendar too and your members see it.`,
    noInvitations: 'There are no open invitations.',
    invitationColumns: { activity: 'Activity', when: 'When', host: 'From', action: 'Answer' },
    accept: 'Accept',
    decline: 'Decline',
    answerLabel: (answer: string, activity: string) => `${answer}: ${activity}`,
    invitationsLink: 'Invitations to organise activities together',
  },
});

/** "Samen met Buurthuis De Linde en Repair Café": the accepted co-hosts, on the activity's page. */
export function CohostLine({ web, cohosts }: { web: WebContext; cohosts: CohostView[] }) {
  const accepted = cohosts.filter((c) => c.status === 'accepted');
  if (accepted.length === 0) return null;
  const t = cohostText(web.lang);
  return (
    <p class="utrecht-paragraph kc-cohosts">
      {t.together}{' '}
      {accepted.map((c, i) => <>{i > 0 ? (i === accepted.length - 1 ? (web.lang === 'nl' ? ' en ' : ' and ') : ', ') : null}<a class="utrecht-link" href={paths.community(c.communityId)}>{c.name}</a></>)}
    </p>
  );
}

/** The host's organisers invite, see the answers and take co-hosts off. */
export function activityCohostsPage(
  web: WebContext, community: CommunityView, activity: ActivityView, cohosts: CohostView[], candidates: CommunityView[],
  form: { values?: FormValues; errors?: FieldErrors; error?: string } = {},
): string {
  const t = cohostText(web.lang);
  const taken = new Set(cohosts.filter((c) => c.status !== 'declined').map((c) => c.communityId));
  const options = candidates.filter((c) => c.id !== community.id && !taken.has(c.id));
  return renderPage({
    web,
    title: `${t.title} – ${activity.title}`,
    hasErrors: !!form.errors && Object.keys(form.errors).length > 0,
    breadcrumbs: [{ href: paths.community(community.id), label: community.name }, { href: paths.activity(activity.id), label: activity.title }],
    children: (
      <>
        <PageHeading lead={t.lead(activity.title)}>{t.title}</PageHeading>
        {form.error ? <Alert type="error">{form.error}</Alert> : null}
        <section aria-labelledby="uitnodigen">
          <h2 class="utrecht-heading-2" id="uitnodigen">{t.invite}</h2>
          {options.length === 0 ? <p class="utrecht-paragraph">{t.noCandidates}</p> : (
            <>
              <ErrorSummary errors={form.errors ?? {}} order={['communityId']} lang={web.lang} />
              <Form action={paths.activityCohosts(activity.id)} csrfToken={web.csrfToken} idempotencyKey={newFormKey()}>
                <SelectField name="communityId" label={t.community} description={t.communityHint} values={form.values} errors={form.errors} required options={options.map((c) => ({ value: c.id, label: c.name }))} />
                <SubmitButton>{t.invite}</SubmitButton>
              </Form>
            </>
          )}
        </section>
        <section aria-labelledby="mede-organisatoren">
          <h2 class="utrecht-heading-2" id="mede-organisatoren">{t.current}</h2>
          {cohosts.length === 0 ? <p class="utrecht-paragraph">{t.none}</p> : (
            <DataTable
              columns={[t.columns.community, t.columns.status, t.columns.since, t.columns.action]}
              rows={cohosts.map((c) => [
                <a class="utrecht-link" href={paths.community(c.communityId)}>{c.name}</a>,
                t.status[c.status],
                formatDate(c.answeredAt ?? c.invitedAt, web.lang),
                <ActionForm action={paths.removeCohost(activity.id, c.communityId)} csrfToken={web.csrfToken} idempotencyKey={newFormKey()}>
                  <button type="submit" class="utrecht-button utrecht-button--subtle-action" aria-label={t.removeLabel(t.remove(c.status), c.name)}>{t.remove(c.status)}</button>
                </ActionForm>,
              ])}
            />
          )}
        </section>
        <p class="utrecht-paragraph"><a class="utrecht-link" href={paths.activity(activity.id)}>{t.back}</a></p>
      </>
    ),
  });
}

/** The invited community's organisers answer. */
export function cohostInvitationsPage(web: WebContext, community: CommunityView, invitations: InvitationView[], error?: string): string {
  const t = cohostText(web.lang);
  return renderPage({
    web,
    title: `${t.invitationsTitle} – ${community.name}`,
    breadcrumbs: [{ href: paths.community(community.id), label: community.name }],
    children: (
      <>
        <PageHeading lead={t.invitationsLead(community.name)}>{t.invitationsTitle}</PageHeading>
        {error ? <Alert type="error">{error}</Alert> : null}
        {invitations.length === 0 ? <p class="utrecht-paragraph">{t.noInvitations}</p> : (
          <DataTable
            columns={[t.invitationColumns.activity, t.invitationColumns.when, t.invitationColumns.host, t.invitationColumns.action]}
            rows={invitations.map((i) => [
              i.title,
              <time dateTime={i.startsAt}>{formatDateTime(i.startsAt, web.lang)}</time>,
              i.hostCommunityName,
              <div class="kc-actions">
                {(['aannemen', 'afslaan'] as const).map((answer) => (
                  <ActionForm action={paths.answerCohost(community.id, i.activityId, answer)} csrfToken={web.csrfToken} idempotencyKey={newFormKey()}>
                    <button type="submit" class={`utrecht-button utrecht-button--${answer === 'aannemen' ? 'primary-action' : 'secondary-action'}`} aria-label={t.answerLabel(answer === 'aannemen' ? t.accept : t.decline, i.title)}>
                      {answer === 'aannemen' ? t.accept : t.decline}
                    </button>
                  </ActionForm>
                ))}
              </div>,
            ])}
          />
        )}
      </>
    ),
  });
}
