import type { ListOccurrences, ResponseOf } from '@kc/contracts';
import { DateTime } from 'luxon';
import { ActionForm, Form, SubmitButton } from '../layout/components';
import { formatDateTime, instantToLocal } from '../layout/dates';
import type { FieldErrors, FormValues } from '../layout/forms';
import { textsFor } from '../layout/i18n';
import { paths } from '../layout/paths';
import { newFormKey, type WebContext } from '../web-context';
import { activityWhen } from './activities.pages';
import { attendanceOpen } from './attendance-window';

type OccurrenceView = ResponseOf<typeof ListOccurrences>['items'][number];

/** The repetition choices of the creation form; each becomes an RRULE from the first start (recurrenceRule). */
export const REPEATS = ['none', 'weekly', 'biweekly', 'monthly'] as const;
export type Repeat = (typeof REPEATS)[number];

export const occurrenceText = textsFor({
  nl: {
    repeat: 'Herhaling',
    repeatHint: 'Een reeks van hoogstens 260 keer binnen twee jaar, steeds op dezelfde tijd (ook na de overgang naar zomer- of wintertijd).',
    repeats: { none: 'Eenmalig', weekly: 'Elke week', biweekly: 'Om de week', monthly: 'Elke maand op dezelfde weekdag (bijvoorbeeld de eerste dinsdag)' },
    repeatCount: 'Aantal keer',
    repeatCountHint: 'Hoe vaak de activiteit plaatsvindt, de eerste keer meegeteld (2 tot 260).',
    upcoming: 'De komende keren',
    noneUpcoming: 'Er komen geen keren meer.',
    series: (rule: string) => `Deze activiteit herhaalt zich: ${rule}.`,
    rule: { weekly: 'elke week', biweekly: 'om de week', monthly: 'elke maand op dezelfde weekdag', other: 'volgens een vast patroon' },
    times: (n: number) => `${n} keer`,
    until: (date: string) => `tot en met ${date}`,
    cancelled: 'Geannuleerd',
    moved: (original: string) => `Verplaatst (was ${original})`,
    places: (left: number, of: number) => `${left} van de ${of} plaatsen vrij`,
    waiting: (n: number) => `${n} op de wachtlijst`,
    going: 'Je bent aangemeld',
    waitlisted: (n: number) => `Je staat op plaats ${n} van de wachtlijst`,
    signUp: 'Aanmelden',
    joinWaitlist: 'Aanmelden voor de wachtlijst',
    cancelPlace: 'Afmelden',
    signUpFor: (when: string) => `voor ${when}`,
    cancelOccurrence: 'Deze keer annuleren',
    move: 'Verplaatsen',
    moveTitle: 'Deze keer verplaatsen',
    startsAt: 'Nieuw begin',
    endsAt: 'Nieuw einde',
    timeHint: 'Datum en tijd in Nederlandse tijd.',
    checkIn: 'Inchecken',
    checkInCode: 'Incheckcode',
    attendees: 'Deelnemers',
    otherTimes: 'Andere keren',
  },
  en: {
    repeat: 'Repetition',
    repeatHint: 'A series of at most 260 occurrences within two years, always at the same time (also after the change to summer or winter time).',
    repeats: { none: 'Once', weekly: 'Every week', biweekly: 'Every other week', monthly: 'Every month on the same weekday (e.g. the first Tuesday)' },
    repeatCount: 'Number of times',
    repeatCountHint: 'How often the activity takes place, the first time included (2 to 260).',
    upcoming: 'Coming occurrences',
    noneUpcoming: 'There are no more occurrences.',
    series: (rule: string) => `This activity repeats: ${rule}.`,
    rule: { weekly: 'every week', biweekly: 'every other week', monthly: 'every month on the same weekday', other: 'on a fixed pattern' },
    times: (n: number) => `${n} times`,
    until: (date: string) => `until ${date}`,
    cancelled: 'Cancelled',
    moved: (original: string) => `Moved (was ${original})`,
    places: (left: number, of: number) => `${left} of ${of} places left`,
    waiting: (n: number) => `${n} on the waiting list`,
    going: 'You are signed up',
    waitlisted: (n: number) => `You are number ${n} on the waiting list`,
    signUp: 'Sign up',
    joinWaitlist: 'Join the waiting list',
    cancelPlace: 'Cancel my place',
    signUpFor: (when: string) => `for ${when}`,
    cancelOccurrence: 'Cancel this occurrence',
    move: 'Move',
    moveTitle: 'Move this occurrence',
    startsAt: 'New start',
    endsAt: 'New end',
    timeHint: 'Date and time in Dutch time.',
    checkIn: 'Check in',
    checkInCode: 'Check-in code',
    attendees: 'Attendees',
    otherTimes: 'Other occurrences',
  },
});

const DAYS = ['MO', 'TU', 'WE', 'TH', 'FR', 'SA', 'SU'];

/**
 * The RRULE of a repetition choice, from the first start's local date: every (other) week, or monthly on the
 * same weekday (the 1st–4th, or the last when it is the fifth of the month). Undefined for "once".
 */
export function recurrenceRule(repeat: string | undefined, count: string | undefined, startsAt: string | undefined, zone: string): string | undefined {
  if (!repeat || repeat === 'none') return undefined;
  const times = count?.trim() ? count.trim() : '';
  const end = /^\d{1,4}$/.test(times) ? `;COUNT=${times}` : times ? ';COUNT=x' : '';
  if (repeat === 'weekly') return `FREQ=WEEKLY${end}`;
  if (repeat === 'biweekly') return `FREQ=WEEKLY;INTERVAL=2${end}`;
  if (repeat === 'monthly') {
    const local = startsAt ? DateTime.fromISO(startsAt, { zone }) : null;
    if (!local?.isValid) return `FREQ=MONTHLY${end}`;
    const nth = Math.ceil(local.day / 7);
    return `FREQ=MONTHLY;BYDAY=${nth === 5 ? -1 : nth}${DAYS[local.weekday - 1]}${end}`;
  }
  return `FREQ=${repeat}`; // refused by the service as an unsupported rule
}

/** "elke week, 10 keer" from a stored RRULE. */
export function describeRule(rrule: string, lang: 'nl' | 'en', zone: string): string {
  const t = occurrenceText(lang);
  const parts = new Map(rrule.split(';').map((p) => p.split('=') as [string, string]));
  const kind = parts.get('FREQ') === 'WEEKLY' ? ((parts.get('INTERVAL') ?? '1') === '1' ? 'weekly' : parts.get('INTERVAL') === '2' ? 'biweekly' : 'other')
    : parts.get('FREQ') === 'MONTHLY' && parts.has('BYDAY') ? 'monthly' : 'other';
  const until = parts.get('UNTIL');
  const end = parts.has('COUNT') ? t.times(Number(parts.get('COUNT'))) : until
    ? t.until(DateTime.fromFormat(until, "yyyyLLdd'T'HHmmss'Z'", { zone: 'utc' }).setZone(zone).setLocale(lang).toLocaleString(DateTime.DATE_FULL))
    : '';
  return [t.rule[kind], end].filter(Boolean).join(', ');
}

/** The coming occurrences of a series on its page: per occurrence its state, the caller's sign-up and, for organisers, cancel and move. */
export function OccurrenceList({ web, activity, occurrences, manage, now, errors, values }: {
  web: WebContext; activity: { id: string; timeZone: string; cancelledAt: string | null; recurrence: { rrule: string } | null }; occurrences: OccurrenceView[];
  manage: boolean; now: number; errors?: FieldErrors; values?: FormValues;
}) {
  const t = occurrenceText(web.lang);
  return (
    <section aria-labelledby="keren">
      <h2 class="utrecht-heading-2" id="keren">{t.upcoming}</h2>
      {activity.recurrence ? <p class="utrecht-paragraph">{t.series(describeRule(activity.recurrence.rrule, web.lang, activity.timeZone))}</p> : null}
      {occurrences.length === 0 ? <p class="utrecht-paragraph">{t.noneUpcoming}</p> : (
        <ul class="utrecht-unordered-list kc-occurrences">
          {occurrences.map((o, i) => {
            const when = activityWhen({ ...o, timeZone: activity.timeZone }, web.lang);
            const full = o.capacity !== null && o.attendeeCount >= o.capacity;
            const open = !o.cancelledAt && Date.parse(o.endsAt) > now;
            const keer = { keer: o.start };
            return (
              <li class="utrecht-unordered-list__item kc-occurrence" data-start={o.start}>
                <p class="utrecht-paragraph">
                  <strong><time dateTime={o.startsAt}>{when}</time></strong>
                  {o.cancelledAt ? <> · <span class="kc-status kc-status--cancelled">{t.cancelled}</span></> : null}
                  {o.moved ? <> · {t.moved(formatDateTime(o.start, web.lang, activity.timeZone))}</> : null}
                  {o.cancelledAt ? null : <> · {o.capacity === null ? '' : t.places(Math.max(0, o.capacity - o.attendeeCount), o.capacity)}{o.waitlistCount > 0 ? ` · ${t.waiting(o.waitlistCount)}` : ''}</>}
                  {o.myRsvp === 'going' ? <> · <em>{t.going}</em></> : o.myRsvp === 'waitlisted' ? <> · <em>{t.waitlisted(o.myWaitlistPosition ?? 1)}</em></> : null}
                </p>
                {open && web.viewer ? (
                  <ActionForm action={o.myRsvp ? paths.cancelRsvp(activity.id) : paths.rsvp(activity.id)} csrfToken={web.csrfToken} idempotencyKey={newFormKey()} hidden={keer}>
                    <button class={`utrecht-button utrecht-button--${o.myRsvp ? 'secondary' : 'primary'}-action`} type="submit" aria-label={`${o.myRsvp ? t.cancelPlace : full ? t.joinWaitlist : t.signUp} ${t.signUpFor(when)}`}>
                      {o.myRsvp ? t.cancelPlace : full ? t.joinWaitlist : t.signUp}
                    </button>
                  </ActionForm>
                ) : null}
                {o.myRsvp === 'going' && !o.cancelledAt && attendanceOpen(o, now) ? (
                  <Form action={paths.checkIn(activity.id)} csrfToken={web.csrfToken} idempotencyKey={newFormKey()} label={`${t.checkIn} ${t.signUpFor(when)}`}>
                    <input type="hidden" name="keer" value={o.start} />
                    <OccurrenceField id={`code-${i}`} name="code" label={t.checkInCode} value={values?.keer === o.start ? values.code ?? '' : ''} error={values?.keer === o.start ? errors?.code : undefined} />
                    <SubmitButton>{t.checkIn}</SubmitButton>
                  </Form>
                ) : null}
                {manage ? <p class="utrecht-paragraph"><a class="utrecht-link" href={`${paths.attendees(activity.id)}?keer=${encodeURIComponent(o.start)}`}>{t.attendees} {t.signUpFor(when)}</a></p> : null}
                {manage && open && !activity.cancelledAt ? (
                  <>
                    <ActionForm action={paths.cancelOccurrence(activity.id)} csrfToken={web.csrfToken} idempotencyKey={newFormKey()} hidden={keer}>
                      <button class="utrecht-button utrecht-button--secondary-action" type="submit" aria-label={`${t.cancelOccurrence}: ${when}`}>{t.cancelOccurrence}</button>
                    </ActionForm>
                    <details class="kc-details">
                      <summary>{t.move}</summary>
                      <Form action={paths.moveOccurrence(activity.id)} csrfToken={web.csrfToken} idempotencyKey={newFormKey()} label={`${t.moveTitle}: ${when}`}>
                        <input type="hidden" name="keer" value={o.start} />
                        <OccurrenceField id={`begin-${i}`} name="startsAt" type="datetime-local" label={t.startsAt} description={t.timeHint} value={instantToLocal(o.startsAt, activity.timeZone)} />
                        <OccurrenceField id={`einde-${i}`} name="endsAt" type="datetime-local" label={t.endsAt} description={t.timeHint} value={instantToLocal(o.endsAt, activity.timeZone)} />
                        <SubmitButton variant="secondary">{t.moveTitle}</SubmitButton>
                      </Form>
                    </details>
                  </>
                ) : null}
              </li>
            );
          })}
        </ul>
      )}
    </section>
  );
}

/** A text field of one occurrence's form: ids of its own, since the page repeats the form per occurrence. */
function OccurrenceField({ id, name, label, value, description, error, type = 'text' }: { id: string; name: string; label: string; value: string; description?: string; error?: string; type?: 'text' | 'datetime-local' }) {
  const described = [description ? `${id}-uitleg` : '', error ? `${id}-fout` : ''].filter(Boolean).join(' ') || undefined;
  return (
    <div class={`utrecht-form-field utrecht-form-field--text${error ? ' utrecht-form-field--invalid' : ''}`}>
      <div class="utrecht-form-field__label"><label class="utrecht-form-label" for={id}>{label}</label></div>
      {description ? <div class="utrecht-form-field-description" id={`${id}-uitleg`}>{description}</div> : null}
      {error ? <div class="utrecht-form-field-error-message" id={`${id}-fout`}>{error}</div> : null}
      <div class="utrecht-form-field__input">
        <input class={`utrecht-textbox utrecht-textbox--html-input${error ? ' utrecht-textbox--invalid' : ''}`} id={id} name={name} type={type as 'text'} value={value}
          autocomplete="off" aria-invalid={error ? 'true' : undefined} aria-describedby={described} />
      </div>
    </div>
  );
}

/** Links to the attendee list of the series' other occurrences. */
export function OtherOccurrences({ web, activityId, timeZone, occurrences, current }: { web: WebContext; activityId: string; timeZone: string; occurrences: OccurrenceView[]; current: string }) {
  const t = occurrenceText(web.lang);
  return (
    <nav aria-labelledby="andere-keren">
      <h2 class="utrecht-heading-2" id="andere-keren">{t.otherTimes}</h2>
      <ul class="utrecht-unordered-list">
        {occurrences.filter((o) => o.start !== current).slice(0, 12).map((o) => (
          <li class="utrecht-unordered-list__item"><a class="utrecht-link" href={`${paths.attendees(activityId)}?keer=${encodeURIComponent(o.start)}`}>{activityWhen({ ...o, timeZone }, web.lang)}</a></li>
        ))}
      </ul>
    </nav>
  );
}
