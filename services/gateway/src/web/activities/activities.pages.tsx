import type { CommunitySummary, GetActivity, ListBranches, ListCohosts, ListOccurrences, ListOrganisations, ResponseOf } from '@kc/contracts';
import type { z } from 'zod';
import { ActionForm, Alert, ButtonLink, ErrorSummary, Form, JsonLd, RadioGroup, SelectField, SubmitButton, TextArea, TextField } from '../layout/components';
import { activityLinkedData, linkedDataJson } from './activity-linked-data';
import { attendanceOpen } from './attendance-window';
import { formatDateTime, formatTime, sameDay } from '../layout/dates';
import type { FieldErrors, FormValues } from '../layout/forms';
import { textsFor } from '../layout/i18n';
import { PageHeading, renderPage } from '../layout/page';
import { paths } from '../layout/paths';
import { newFormKey, type WebContext } from '../web-context';
import { OccurrenceList, occurrenceText, REPEATS } from './occurrences.pages';
import { CohostLine, cohostText } from '../cohosts/cohosts.pages';
import { PartnerLine, PartnerManagement } from '../organisations/organisations.pages';

type CommunityView = z.infer<typeof CommunitySummary>;
type ActivityView = ResponseOf<typeof GetActivity>;
type OccurrenceView = ResponseOf<typeof ListOccurrences>['items'][number];
type CohostView = ResponseOf<typeof ListCohosts>['items'][number];

export const activityText = textsFor({
  nl: {
    newTitle: 'Activiteit plannen',
    newLead: 'Zet een bijeenkomst in de agenda van de community: in de bibliotheek, online of allebei.',
    fields: { title: 'Titel', description: 'Beschrijving', startsAt: 'Begint', endsAt: 'Eindigt', mode: 'Vorm', location: 'Locatie', onlineUrl: 'Online link', capacity: 'Maximaal aantal deelnemers' },
    timeHint: 'Datum en tijd in Nederlandse tijd.',
    locationHint: 'Bijvoorbeeld: Bibliotheek Tilburg Centrum, zaal 2. Nodig bij ‘Op locatie’ en ‘Hybride’.',
    onlineHint: 'Een adres dat begint met https://. Nodig bij ‘Online’ en ‘Hybride’.',
    capacityHint: 'Leeg laten als er geen maximum is.',
    modes: { in_person: 'Op locatie', online: 'Online', hybrid: 'Hybride' },
    plan: 'Activiteit plannen',
    when: 'Wanneer',
    nextTime: 'Eerstvolgende keer',
    where: 'Waar',
    branch: 'Vestiging',
    room: 'Zaal',
    roomField: 'Zaal in de bibliotheek',
    roomHint: 'Kies een zaal van een vestiging: de locatie wordt dan het adres van de vestiging en er zijn hoogstens zoveel plaatsen als de zaal heeft. Laat ‘Locatie’ dan leeg.',
    noRoom: 'Geen zaal (zelf een locatie invullen)',
    saveRoom: 'Zaal opslaan',
    roomOption: (branch: string, room: string, places: number) => `${branch} – ${room} (${places} plaatsen)`,
    link: 'Online meedoen',
    places: 'Plaatsen',
    placesLeft: (left: number, of: number) => `${left} van de ${of} plaatsen vrij`,
    unlimited: 'Geen maximum',
    signUp: 'Aanmelden',
    signInToSignUp: 'Log in om je aan te melden',
    signedUp: { going: 'Je bent aangemeld.', waitlisted: 'Je staat op de wachtlijst.' },
    position: (n: number) => `Je staat op plaats ${n} van de wachtlijst. Komt er een plaats vrij, dan krijgt de eerste op de wachtlijst die meteen.`,
    waiting: (n: number) => `${n} op de wachtlijst`,
    full: 'Deze activiteit is vol. Je kunt je aanmelden voor de wachtlijst: komt er een plaats vrij, dan krijgt de eerste op de wachtlijst die meteen.',
    joinWaitlist: 'Aanmelden voor de wachtlijst',
    cancel: 'Afmelden',
    leaveWaitlist: 'Afmelden voor de wachtlijst',
    attendees: 'Deelnemers en wachtlijst',
    bookTable: 'Boekentafel: titels uit de collectie bij deze activiteit',
    cancelled: (reason: string) => `Deze activiteit is geannuleerd. Reden: ${reason}`,
    checkInTitle: 'Inchecken bij de deur',
    checkInCode: 'Incheckcode',
    checkInHint: 'De code staat bij de ingang van de zaal.',
    checkIn: 'Inchecken',
    present: 'Je bent ingecheckt.',
    ended: 'Deze activiteit is voorbij.',
    calendar: 'Zet de agenda van deze community in je eigen agenda (.ics)',
    organisedIn: 'Activiteit van',
  },
  en: {
    newTitle: 'Plan an activity',
    newLead: 'Put a meeting on the community’s calendar: in the library, online or both.',
    fields: { title: 'Title', description: 'Description', startsAt: 'Starts', endsAt: 'Ends', mode: 'Format', location: 'Location', onlineUrl: 'Online link', capacity: 'Maximum number of participants' },
    timeHint: 'Date and time in Dutch time.',
    locationHint: 'For example: Tilburg Central Library, room 2. Needed for ‘In person’ and ‘Hybrid’.',
    onlineHint: 'An address starting with https://. Needed for ‘Online’ and ‘Hybrid’.',
    capacityHint: 'Leave empty when there is no maximum.',
    modes: { in_person: 'In person', online: 'Online', hybrid: 'Hybrid' },
    plan: 'Plan the activity',
    when: 'When',
    nextTime: 'Next time',
    where: 'Where',
    branch: 'Branch',
    room: 'Room',
    roomField: 'Room in the library',
    roomHint: 'Choose a room of a branch: the location is then the branch’s address, with at most as many places as the room has. Leave ‘Location’ empty then.',
    noRoom: 'No room (enter a location yourself)',
    saveRoom: 'Save room',
    roomOption: (branch: string, room: string, places: number) => `${branch} – ${room} (${places} places)`,
    link: 'Join online',
    places: 'Places',
    placesLeft: (left: number, of: number) => `${left} of ${of} places left`,
    unlimited: 'No maximum',
    signUp: 'Sign up',
    signInToSignUp: 'Sign in to sign up',
    signedUp: { going: 'You are signed up.', waitlisted: 'You are on the waiting list.' },
    position: (n: number) => `You are number ${n} on the waiting list. When a place comes free, the first on the waiting list gets it at once.`,
    waiting: (n: number) => `${n} on the waiting list`,
    full: 'This activity is full. You can join the waiting list: when a place comes free, the first on the waiting list gets it at once.',
    joinWaitlist: 'Join the waiting list',
    cancel: 'Cancel my place',
    leaveWaitlist: 'Leave the waiting list',
    attendees: 'Attendees and waiting list',
    bookTable: 'Book table: titles from the collection for this activity',
    cancelled: (reason: string) => `This activity has been cancelled. Reason: ${reason}`,
    checkInTitle: 'Check in at the door',
    checkInCode: 'Check-in code',
    checkInHint: 'The code is shown at the entrance of the room.',
    checkIn: 'Check in',
    present: 'You have checked in.',
    ended: 'This activity is over.',
    calendar: 'Add this community’s calendar to your own calendar (.ics)',
    organisedIn: 'Activity of',
  },
});

export const ACTIVITY_FIELDS = ['title', 'description', 'startsAt', 'endsAt', 'mode', 'roomId', 'location', 'onlineUrl', 'capacity', 'repeat', 'repeatCount'];

/** The rooms an activity may take place in: every room of the region's branches. */
export type BranchChoice = ResponseOf<typeof ListBranches>['items'];

/** The room choice: none, or a room of one of the region's branches. */
export function RoomChoice({ web, branches, values, errors }: { web: WebContext; branches: BranchChoice; values?: FormValues; errors?: FieldErrors }) {
  const t = activityText(web.lang);
  if (branches.every((b) => b.rooms.length === 0)) return null;
  const options = [{ value: '', label: t.noRoom }, ...branches.flatMap((b) => b.rooms.map((r) => ({ value: r.id, label: t.roomOption(b.name, r.name, r.capacity) })))];
  return <SelectField name="roomId" label={t.roomField} description={t.roomHint} values={values} errors={errors} options={options} />;
}

export function newActivityPage(web: WebContext, community: CommunityView, { values, errors, branches = [] }: { values?: FormValues; errors?: FieldErrors; branches?: BranchChoice } = {}): string {
  const t = activityText(web.lang);
  const o = occurrenceText(web.lang);
  return renderPage({
    web,
    title: `${t.newTitle} – ${community.name}`,
    hasErrors: !!errors && Object.keys(errors).length > 0,
    breadcrumbs: [{ href: paths.community(community.id), label: community.name }],
    children: (
      <>
        <PageHeading lead={t.newLead}>{t.newTitle}</PageHeading>
        <ErrorSummary errors={errors ?? {}} order={ACTIVITY_FIELDS} lang={web.lang} />
        <Form action={paths.newActivity(community.id)} csrfToken={web.csrfToken} idempotencyKey={newFormKey()}>
          <TextField name="title" label={t.fields.title} values={values} errors={errors} required />
          <TextArea name="description" label={t.fields.description} values={values} errors={errors} />
          <TextField name="startsAt" type="datetime-local" label={t.fields.startsAt} description={t.timeHint} values={values} errors={errors} required />
          <TextField name="endsAt" type="datetime-local" label={t.fields.endsAt} description={t.timeHint} values={values} errors={errors} required />
          <RadioGroup
            name="mode" label={t.fields.mode} values={values ?? { mode: 'in_person' }} errors={errors}
            options={(['in_person', 'online', 'hybrid'] as const).map((m) => ({ value: m, label: t.modes[m] }))}
          />
          <RoomChoice web={web} branches={branches} values={values} errors={errors} />
          <TextField name="location" label={t.fields.location} description={t.locationHint} values={values} errors={errors} />
          <TextField name="onlineUrl" type="url" label={t.fields.onlineUrl} description={t.onlineHint} values={values} errors={errors} inputMode="url" />
          <TextField name="capacity" type="number" label={t.fields.capacity} description={t.capacityHint} values={values} errors={errors} inputMode="numeric" min="1" />
          <RadioGroup
            name="repeat" label={o.repeat} description={o.repeatHint} values={values?.repeat ? values : { repeat: 'none' }} errors={errors}
            options={REPEATS.map((r) => ({ value: r, label: o.repeats[r] }))}
          />
          <TextField name="repeatCount" type="number" label={o.repeatCount} description={o.repeatCountHint} values={values} errors={errors} inputMode="numeric" min="2" />
          <SubmitButton>{t.plan}</SubmitButton>
        </Form>
      </>
    ),
  });
}

/** Whether to offer the attendee list: the community's organiser or a community librarian of its region (the service decides). */
export function mayManage(web: WebContext, community: CommunityView): boolean {
  const viewer = web.viewer;
  return !!viewer && (community.myRole === 'organiser' || (viewer.roles.includes('community_librarian') && viewer.region?.id === community.regionId));
}

/** "zaterdag 14 maart 2027, 19:30 – 21:00", or both moments in full when it runs past midnight. */
export function activityWhen(activity: Pick<ActivityView, 'startsAt' | 'endsAt' | 'timeZone'>, lang: 'nl' | 'en'): string {
  const start = formatDateTime(activity.startsAt, lang, activity.timeZone);
  const end = sameDay(activity.startsAt, activity.endsAt, activity.timeZone) ? formatTime(activity.endsAt, activity.timeZone) : formatDateTime(activity.endsAt, lang, activity.timeZone);
  return `${start} – ${end}`;
}

export function activityPage(
  web: WebContext, community: CommunityView, activity: ActivityView, error?: string, now = Date.now(), checkIn?: { values: FormValues; errors: FieldErrors }, occurrences: OccurrenceView[] = [],
  cohosts: CohostView[] = [], partners: Array<{ organisationId: string; name: string }> = [],
  /** The region's organisations, for the host's organisers to name partners from; null for everyone else. */
  organisations: ResponseOf<typeof ListOrganisations>['items'] | null = null,
): string {
  const hosted = community.id === activity.communityId;
  const manage = hosted && mayManage(web, community);
  const t = activityText(web.lang);
  const series = activity.recurrence !== null;
  // A series: the next occurrence that is not cancelled (the first start may be long past).
  const next = series ? occurrences.find((o) => !o.cancelledAt) : undefined;
  const ended = Date.parse(activity.endsAt) <= now;
  const full = activity.capacity !== null && activity.attendeeCount >= activity.capacity;
  return renderPage({
    web,
    title: `${activity.title} – ${community.name}`,
    hasErrors: !!checkIn && Object.keys(checkIn.errors).length > 0,
    breadcrumbs: [{ href: paths.community(community.id), label: community.name }],
    children: (
      <>
        <JsonLd json={linkedDataJson(activityLinkedData(activity, community, web.origin ?? '', partners))} />
        <PageHeading lead={hosted ? <>{t.organisedIn} <a class="utrecht-link" href={paths.community(community.id)}>{community.name}</a></> : undefined}>{activity.title}</PageHeading>
        <CohostLine web={web} cohosts={cohosts} />
        <PartnerLine web={web} partners={partners} />
        {error ? <Alert type="error">{error}</Alert> : null}
        {activity.cancelledAt ? <Alert type="warning">{t.cancelled(activity.cancelReason ?? '')}</Alert> : null}
        <dl class="utrecht-data-list kc-facts">
          <div class="utrecht-data-list__item"><dt class="utrecht-data-list__item-key">{series && next ? t.nextTime : t.when}</dt><dd class="utrecht-data-list__item-value"><time dateTime={(next ?? activity).startsAt}>{activityWhen({ ...(next ?? activity), timeZone: activity.timeZone }, web.lang)}</time></dd></div>
          <div class="utrecht-data-list__item"><dt class="utrecht-data-list__item-key">{t.fields.mode}</dt><dd class="utrecht-data-list__item-value">{t.modes[activity.mode]}</dd></div>
          {activity.place ? (
            <>
              <div class="utrecht-data-list__item"><dt class="utrecht-data-list__item-key">{t.branch}</dt><dd class="utrecht-data-list__item-value">{activity.place.branchName}, {activity.place.address}, {activity.place.postcode} {activity.place.city}</dd></div>
              <div class="utrecht-data-list__item"><dt class="utrecht-data-list__item-key">{t.room}</dt><dd class="utrecht-data-list__item-value">{activity.place.roomName}</dd></div>
            </>
          ) : activity.location ? <div class="utrecht-data-list__item"><dt class="utrecht-data-list__item-key">{t.where}</dt><dd class="utrecht-data-list__item-value">{activity.location}</dd></div> : null}
          {activity.onlineUrl ? <div class="utrecht-data-list__item"><dt class="utrecht-data-list__item-key">{t.link}</dt><dd class="utrecht-data-list__item-value"><a class="utrecht-link kc-code" href={activity.onlineUrl} rel="noopener noreferrer">{activity.onlineUrl}</a></dd></div> : null}
          {series ? null : <div class="utrecht-data-list__item"><dt class="utrecht-data-list__item-key">{t.places}</dt><dd class="utrecht-data-list__item-value">{activity.capacity === null ? t.unlimited : t.placesLeft(Math.max(0, activity.capacity - activity.attendeeCount), activity.capacity)}{activity.waitlistCount > 0 ? ` · ${t.waiting(activity.waitlistCount)}` : ''}</dd></div>}
        </dl>
        {activity.description ? <div class="utrecht-paragraph kc-body-text">{activity.description}</div> : null}
        {series ? <OccurrenceList web={web} activity={activity} occurrences={occurrences} manage={manage} now={now} errors={checkIn?.errors} values={checkIn?.values} /> : null}
        {series ? null : <div class="kc-actions">
          {activity.myRsvp ? (
            <>
              <p class="utrecht-paragraph"><strong>{t.signedUp[activity.myRsvp]}</strong>{activity.myWaitlistPosition ? <> {t.position(activity.myWaitlistPosition)}</> : null}</p>
              {ended || activity.cancelledAt ? null : (
                <ActionForm action={paths.cancelRsvp(activity.id)} csrfToken={web.csrfToken} idempotencyKey={newFormKey()}>
                  <SubmitButton variant="secondary">{activity.myRsvp === 'waitlisted' ? t.leaveWaitlist : t.cancel}</SubmitButton>
                </ActionForm>
              )}
            </>
          ) : activity.cancelledAt ? null : ended ? <p class="utrecht-paragraph">{t.ended}</p>
            : web.viewer ? (
              <>
                {full ? <p class="utrecht-paragraph kc-note">{t.full}</p> : null}
                <ActionForm action={paths.rsvp(activity.id)} csrfToken={web.csrfToken} idempotencyKey={newFormKey()}>
                  <SubmitButton>{full ? t.joinWaitlist : t.signUp}</SubmitButton>
                </ActionForm>
              </>
            ) : <>{full ? <p class="utrecht-paragraph kc-note">{t.full}</p> : null}<ButtonLink href={paths.signIn(paths.activity(activity.id))}>{t.signInToSignUp}</ButtonLink></>}
        </div>}
        {series && !web.viewer && !activity.cancelledAt ? <ButtonLink href={paths.signIn(paths.activity(activity.id))}>{t.signInToSignUp}</ButtonLink> : null}
        {!series && activity.myRsvp === 'going' && !activity.cancelledAt && attendanceOpen(activity, now) ? (
          <section aria-labelledby="inchecken">
            <h2 class="utrecht-heading-2" id="inchecken">{t.checkInTitle}</h2>
            <ErrorSummary errors={checkIn?.errors ?? {}} order={['code']} lang={web.lang} />
            <Form action={paths.checkIn(activity.id)} csrfToken={web.csrfToken} idempotencyKey={newFormKey()}>
              <TextField name="code" label={t.checkInCode} description={t.checkInHint} values={checkIn?.values} errors={checkIn?.errors} autocomplete="off" />
              <SubmitButton>{t.checkIn}</SubmitButton>
            </Form>
          </section>
        ) : null}
        {manage && organisations && !activity.cancelledAt ? (
          <PartnerManagement web={web} partners={partners} organisations={organisations} action={paths.activityPartners(activity.id)} removeAction={(o) => paths.removeActivityPartner(activity.id, o)} />
        ) : null}
        {manage && !series ? <p class="utrecht-paragraph"><a class="utrecht-link" href={paths.attendees(activity.id)}>{t.attendees}</a></p> : null}
        {manage && !activity.cancelledAt ? <p class="utrecht-paragraph"><a class="utrecht-link" href={paths.activityCohosts(activity.id)}>{cohostText(web.lang).manageLink}</a></p> : null}
        <p class="utrecht-paragraph"><a class="utrecht-link" href={paths.bookTable(activity.id)}>{t.bookTable}</a></p>
        <p class="utrecht-paragraph"><a class="utrecht-link" href={paths.communityCalendar(community.id)} download="agenda.ics">{t.calendar}</a></p>
      </>
    ),
  });
}
