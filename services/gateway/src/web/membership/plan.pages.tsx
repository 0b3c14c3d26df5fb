import type { GetCommunity, GetCommunityPlan, ResponseOf } from '@kc/contracts';
import { ErrorSummary, Form, SubmitButton, TextArea } from '../layout/components';
import { formatDate } from '../layout/dates';
import type { FieldErrors, FormValues } from '../layout/forms';
import { textsFor } from '../layout/i18n';
import { PageHeading, renderPage } from '../layout/page';
import { paths } from '../layout/paths';
import { newFormKey, type WebContext } from '../web-context';
import { JoinModeChoice } from './join-mode-choice';

type Plan = ResponseOf<typeof GetCommunityPlan>;
type Community = ResponseOf<typeof GetCommunity>;

export const PLAN_FIELDS = ['goals', 'targetGroup', 'conditions', 'approach'] as const;

export const planText = textsFor({
  nl: {
    heading: 'Communityplan',
    fields: { goals: 'Doelen', targetGroup: 'Doelgroep', conditions: 'Voorwaarden', approach: 'Aanpak' },
    hints: {
      goals: 'Wat wil de community bereiken?',
      targetGroup: 'Voor wie is de community?',
      conditions: 'Wat is er nodig: ruimte, mensen, middelen, afspraken?',
      approach: 'Hoe pakt de community het aan, en wat doet de bibliotheek?',
    },
    markdown: 'Je kunt Markdown gebruiken: **vet**, *cursief*, lijstjes met een streepje en links.',
    empty: 'Er is nog geen communityplan.',
    noField: 'Nog niet ingevuld.',
    edit: 'Plan bewerken',
    write: 'Plan schrijven',
    save: 'Plan opslaan',
    editTitle: (name: string) => `Communityplan van ${name}`,
    editLead: 'Samen met de communitybibliothecaris leg je vast waar de community voor staat (de Probiblio-methode). De leden lezen het plan op de communitypagina.',
    updated: 'Laatst bijgewerkt op',
    settingsTitle: (name: string) => `Instellingen van ${name}`,
    settingsLead: 'Bepaal hoe mensen lid worden. Wie al lid is, blijft lid.',
    saveSettings: 'Instellingen opslaan',
  },
  en: {
    heading: 'Community plan',
    fields: { goals: 'Goals', targetGroup: 'Target group', conditions: 'Conditions', approach: 'Approach' },
    hints: {
      goals: 'What does the community want to achieve?',
      targetGroup: 'Who is the community for?',
      conditions: 'What is needed: space, people, means, agreements?',
      approach: 'How does the community go about it, and what does the library do?',
    },
    markdown: 'You can use Markdown: **bold**, *italic*, lists with a dash, and links.',
    empty: 'There is no community plan yet.',
    noField: 'Not filled in yet.',
    edit: 'Edit the plan',
    write: 'Write the plan',
    save: 'Save the plan',
    editTitle: (name: string) => `Community plan of ${name}`,
    editLead: 'Together with the community librarian you write down what the community stands for (the Probiblio method). Members read the plan on the community page.',
    updated: 'Last updated on',
    settingsTitle: (name: string) => `Settings of ${name}`,
    settingsLead: 'Decide how people become members. Whoever is a member stays one.',
    saveSettings: 'Save the settings',
  },
});

const breadcrumbsOf = (community: Community) => [{ href: paths.home(), label: 'KennisCloud' }, { href: paths.community(community.id), label: community.name }];

/** The plan on the community page: the service's sanitised HTML per field (rendered as contributions are). */
export function PlanSection({ web, plan, communityId, canEdit }: { web: WebContext; plan: Plan; communityId: string; canEdit: boolean }) {
  const t = planText(web.lang);
  const written = PLAN_FIELDS.some((f) => plan.html[f] !== '');
  return (
    <section aria-labelledby="communityplan">
      <h2 class="utrecht-heading-2" id="communityplan">{t.heading}</h2>
      {written ? (
        <dl class="kc-plan">
          {PLAN_FIELDS.map((f) => (
            <>
              <dt>{t.fields[f]}</dt>
              {plan.html[f] ? <dd class="kc-contribution__body" dangerouslySetInnerHTML={{ __html: plan.html[f] }} /> : <dd class="kc-muted">{t.noField}</dd>}
            </>
          ))}
        </dl>
      ) : <p class="utrecht-paragraph">{t.empty}</p>}
      {plan.updatedAt ? <p class="utrecht-paragraph kc-muted">{t.updated} <time dateTime={plan.updatedAt}>{formatDate(plan.updatedAt, web.lang)}</time></p> : null}
      {canEdit ? <p class="utrecht-paragraph"><a class="utrecht-link" href={paths.communityPlan(communityId)}>{written ? t.edit : t.write}</a></p> : null}
    </section>
  );
}

export function planEditPage(web: WebContext, community: Community, { values, errors }: { values: FormValues; errors?: FieldErrors }): string {
  const t = planText(web.lang);
  return renderPage({
    web,
    title: t.editTitle(community.name),
    hasErrors: !!errors && Object.keys(errors).length > 0,
    breadcrumbs: breadcrumbsOf(community),
    children: (
      <>
        <PageHeading lead={t.editLead}>{t.editTitle(community.name)}</PageHeading>
        <ErrorSummary errors={errors ?? {}} order={[...PLAN_FIELDS]} lang={web.lang} />
        <p class="utrecht-paragraph kc-muted">{t.markdown}</p>
        <Form action={paths.communityPlan(community.id)} csrfToken={web.csrfToken} idempotencyKey={newFormKey()}>
          {PLAN_FIELDS.map((f) => <TextArea name={f} label={t.fields[f]} description={t.hints[f]} values={values} errors={errors} rows={5} />)}
          <SubmitButton>{t.save}</SubmitButton>
        </Form>
      </>
    ),
  });
}

export function settingsPage(web: WebContext, community: Community, { values, errors }: { values: FormValues; errors?: FieldErrors }): string {
  const t = planText(web.lang);
  return renderPage({
    web,
    title: t.settingsTitle(community.name),
    hasErrors: !!errors && Object.keys(errors).length > 0,
    breadcrumbs: breadcrumbsOf(community),
    children: (
      <>
        <PageHeading lead={t.settingsLead}>{t.settingsTitle(community.name)}</PageHeading>
        <ErrorSummary errors={errors ?? {}} order={['joinMode']} lang={web.lang} />
        <Form action={paths.communitySettings(community.id)} csrfToken={web.csrfToken} idempotencyKey={newFormKey()}>
          <JoinModeChoice web={web} values={values} errors={errors} staff={community.scope === 'national'} />
          <SubmitButton>{t.saveSettings}</SubmitButton>
        </Form>
      </>
    ),
  });
}
