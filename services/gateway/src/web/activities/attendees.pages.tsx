import type { AttendanceFigures, CommunitySummary, GetActivity, ListAttendees, ListOccurrences, ResponseOf } from '@kc/contracts';
import type { z } from 'zod';
import { ActionForm, DataTable, ErrorSummary, Form, SubmitButton, TextArea, TextField } from '../layout/components';
import { formatDateTime } from '../layout/dates';
import type { FieldErrors, FormValues } from '../layout/forms';
import { textsFor } from '../layout/i18n';
import { PageHeading, renderPage } from '../layout/page';
import { paths } from '../layout/paths';
import { newFormKey, type WebContext } from '../web-context';
import { activityText, activityWhen, RoomChoice, type BranchChoice } from './activities.pages';
import { OtherOccurrences } from './occurrences.pages';

type CommunityView = z.infer<typeof CommunitySummary>;
type ActivityView = ResponseOf<typeof GetActivity>;
type AttendeesView = ResponseOf<typeof ListAttendees>;
type FiguresView = ResponseOf<typeof AttendanceFigures>;

export const attendeesText = textsFor({
  nl: {
    title: 'Deelnemers en wachtlijst',
    lead: (going: number, capacity: number | null) => (capacity === null ? `${going} aangemeld, geen maximum.` : `${going} van de ${capacity} plaatsen bezet.`),
    going: 'Aangemeld',
    waitlist: 'Wachtlijst',
    noneGoing: 'Nog niemand aangemeld.',
    noneWaiting: 'Niemand op de wachtlijst.',
    columns: { number: 'Nr.', account: 'Naam', since: 'Sinds', position: 'Plaats' },
    capacity: 'Aantal plaatsen',
    capacityHint: 'Meer plaatsen gaan meteen naar wie vooraan op de wachtlijst staat. Leeg laten: geen maximum.',
    save: 'Aantal plaatsen opslaan',
    figures: (f: FiguresView) => `Aanwezig: ${f.present} · Niet gekomen: ${f.noShow} · Wachtlijst: ${f.waitlisted}`,
    codeTitle: 'Inchecken bij de deur',
    code: (code: string) => `Zet deze code bij de ingang. Wie een plaats heeft, checkt ermee in op de pagina van de activiteit: ${code}`,
    presence: { yes: 'aanwezig', no: 'afwezig', unknown: 'nog niet vastgelegd' },
    markPresent: 'Aanwezig', markAbsent: 'Afwezig',
    markFor: (n: number) => `deelnemer ${n}`,
    cancelTitle: 'Activiteit annuleren',
    reason: 'Reden',
    reasonHint: 'Deze reden staat op de pagina en in de agenda’s. Iedereen die is aangemeld krijgt bericht.',
    cancel: 'Activiteit annuleren',
    columnsPresent: 'Aanwezigheid',
  },
  en: {
    title: 'Attendees and waiting list',
    lead: (going: number, capacity: number | null) => (capacity === null ? `${going} signed up, no maximum.` : `${going} of ${capacity} places taken.`),
    going: 'Signed up',
    waitlist: 'Waiting list',
    noneGoing: 'Nobody has signed up yet.',
    noneWaiting: 'Nobody is on the waiting list.',
    columns: { number: 'No.', account: 'Name', since: 'Since', position: 'Position' },
    capacity: 'Number of places',
    capacityHint: 'Extra places go at once to the first on the waiting list. Leave empty: no maximum.',
    save: 'Save the number of places',
    figures: (f: FiguresView) => `Present: ${f.present} · Did not come: ${f.noShow} · Waiting list: ${f.waitlisted}`,
    codeTitle: 'Check in at the door',
    code: (code: string) => `Put this code at the entrance. People with a place check in with it on the activity’s page: ${code}`,
    presence: { yes: 'present', no: 'absent', unknown: 'not recorded yet' },
    markPresent: 'Present', markAbsent: 'Absent',
    markFor: (n: number) => `attendee ${n}`,
    cancelTitle: 'Cancel the activity',
    reason: 'Reason',
    reasonHint: 'This reason is shown on the page and in the calendars. Everyone who signed up will be told.',
    cancel: 'Cancel the activity',
    columnsPresent: 'Attendance',
  },
});

export function attendeesPage(
  web: WebContext, community: CommunityView, activity: ActivityView, attendees: AttendeesView & { names?: ReadonlyMap<string, string> },
  { values, errors, branches = [] }: { values?: FormValues; errors?: FieldErrors; branches?: BranchChoice } = {},
  extra?: { code: string; figures: FiguresView },
  series?: { current: string; occurrences: Array<ResponseOf<typeof ListOccurrences>['items'][number]> },
): string {
  const t = attendeesText(web.lang);
  const since = (iso: string) => <time dateTime={iso}>{formatDateTime(iso, web.lang, activity.timeZone)}</time>;
  // The name as identity knows it now; an account it no longer knows shows its id.
  const account = (id: string) => {
    const name = attendees.names?.get(id);
    return name ? <span>{name}</span> : <span class="kc-code">{id}</span>;
  };
  return renderPage({
    web,
    title: `${t.title} – ${activity.title}`,
    hasErrors: !!errors && Object.keys(errors).length > 0,
    breadcrumbs: [{ href: paths.community(community.id), label: community.name }, { href: paths.activity(activity.id), label: activity.title }],
    children: (
      <>
        <PageHeading lead={<>{activityWhen(activity, web.lang)}. {t.lead(attendees.going.length, attendees.capacity)}</>}>{t.title}</PageHeading>
        <ErrorSummary errors={errors ?? {}} order={['capacity', 'roomId']} lang={web.lang} />
        <section aria-labelledby="aangemeld">
          <h2 class="utrecht-heading-2" id="aangemeld">{t.going} ({attendees.going.length})</h2>
          {attendees.going.length === 0 ? <p class="utrecht-paragraph">{t.noneGoing}</p>
            : <DataTable
                columns={[t.columns.number, t.columns.account, t.columns.since, t.columnsPresent]}
                rows={attendees.going.map((a, i) => [String(i + 1), account(a.accountId), since(a.since), (
                  <>
                    <span>{a.present === null ? t.presence.unknown : a.present ? t.presence.yes : t.presence.no}</span>
                    {activity.cancelledAt ? null : [true, false].map((present) => (
                      <ActionForm action={paths.attendance(activity.id)} csrfToken={web.csrfToken} idempotencyKey={newFormKey()} hidden={{ accountId: a.accountId, present: present ? 'ja' : 'nee', ...(series ? { keer: series.current } : {}) }}>
                        <button class="utrecht-button utrecht-button--subtle" type="submit" aria-label={`${present ? t.markPresent : t.markAbsent}: ${t.markFor(i + 1)}`}>{present ? t.markPresent : t.markAbsent}</button>
                      </ActionForm>
                    ))}
                  </>
                )])}
              />}
        </section>
        <section aria-labelledby="wachtlijst">
          <h2 class="utrecht-heading-2" id="wachtlijst">{t.waitlist} ({attendees.waitlist.length})</h2>
          {attendees.waitlist.length === 0 ? <p class="utrecht-paragraph">{t.noneWaiting}</p>
            : <DataTable columns={[t.columns.position, t.columns.account, t.columns.since]} rows={attendees.waitlist.map((a) => [String(a.position), account(a.accountId), since(a.since)])} />}
        </section>
        {extra ? <p class="utrecht-paragraph">{t.figures(extra.figures)}</p> : null}
        {extra && !activity.cancelledAt ? (
          <section aria-labelledby="incheckcode">
            <h2 class="utrecht-heading-2" id="incheckcode">{t.codeTitle}</h2>
            <p class="utrecht-paragraph">{t.code(extra.code)}</p>
          </section>
        ) : null}
        {series ? <OtherOccurrences web={web} activityId={activity.id} timeZone={activity.timeZone} occurrences={series.occurrences} current={series.current} /> : null}
        <Form action={paths.activityCapacity(activity.id)} csrfToken={web.csrfToken} idempotencyKey={newFormKey()}>
          <TextField
            name="capacity" type="number" label={t.capacity} description={t.capacityHint} inputMode="numeric" min="1" errors={errors}
            values={values ?? { capacity: attendees.capacity === null ? '' : String(attendees.capacity) }}
          />
          <SubmitButton variant="secondary">{t.save}</SubmitButton>
        </Form>
        {activity.cancelledAt || activity.mode === 'online' || branches.every((b) => b.rooms.length === 0) ? null : (
          <Form action={paths.activityRoom(activity.id)} csrfToken={web.csrfToken} idempotencyKey={newFormKey()} label={activityText(web.lang).roomField}>
            <RoomChoice web={web} branches={branches} errors={errors} values={values?.roomId !== undefined ? values : { roomId: activity.place?.roomId ?? '' }} />
            <SubmitButton variant="secondary">{activityText(web.lang).saveRoom}</SubmitButton>
          </Form>
        )}
        {activity.cancelledAt ? null : (
          <section aria-labelledby="annuleren">
            <h2 class="utrecht-heading-2" id="annuleren">{t.cancelTitle}</h2>
            <Form action={paths.cancelActivity(activity.id)} csrfToken={web.csrfToken} idempotencyKey={newFormKey()}>
              <TextArea name="reason" label={t.reason} description={t.reasonHint} values={values} errors={errors} rows={3} />
              <SubmitButton variant="secondary">{t.cancel}</SubmitButton>
            </Form>
          </section>
        )}
      </>
    ),
  });
}
