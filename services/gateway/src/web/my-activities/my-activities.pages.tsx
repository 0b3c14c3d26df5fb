import type { MyActivities, ResponseOf } from '@kc/contracts';
import { ActionForm, ButtonLink, SubmitButton } from '../layout/components';
import { textsFor } from '../layout/i18n';
import { PageHeading, renderPage } from '../layout/page';
import { paths } from '../layout/paths';
import { newFormKey, type WebContext } from '../web-context';
import { activityText, activityWhen } from '../activities/activities.pages';

type MyActivitiesView = ResponseOf<typeof MyActivities>;

export const myActivitiesText = textsFor({
  nl: {
    title: 'Mijn activiteiten',
    lead: 'De activiteiten waarvoor je je hebt aangemeld, de eerstvolgende bovenaan.',
    upcoming: 'Komend',
    past: 'Geweest',
    none: 'Je bent nog niet aangemeld voor een activiteit. Kijk in de agenda van een community.',
    nonePast: 'Nog geen activiteiten geweest.',
    status: { going: 'Aangemeld', waitlisted: 'Wachtlijst' },
    position: (n: number) => `plaats ${n}`,
    more: 'Meer activiteiten',
    feedTitle: 'Je activiteiten in je eigen agenda',
    feedLead: 'Met deze geheime link toont je agenda-app (Outlook, Google Agenda, Apple Agenda) de activiteiten waarvoor je bent aangemeld. Deel de link niet: wie hem heeft, ziet je activiteiten.',
    feedLabel: 'Jouw agenda-link',
    rotate: 'Nieuwe agenda-link maken',
    rotateHint: 'Heb je de link gedeeld of ben je hem kwijt? Maak een nieuwe; de oude werkt dan meteen niet meer.',
  },
  en: {
    title: 'My activities',
    lead: 'The activities you signed up for, the next one first.',
    upcoming: 'Coming up',
    past: 'Past',
    none: 'You have not signed up for an activity yet. Have a look at a community’s calendar.',
    nonePast: 'No past activities yet.',
    status: { going: 'Signed up', waitlisted: 'Waiting list' },
    position: (n: number) => `number ${n}`,
    more: 'More activities',
    feedTitle: 'Your activities in your own calendar',
    feedLead: 'With this secret link your calendar app (Outlook, Google Calendar, Apple Calendar) shows the activities you signed up for. Do not share it: whoever has it sees your activities.',
    feedLabel: 'Your calendar link',
    rotate: 'Make a new calendar link',
    rotateHint: 'Shared the link or lost it? Make a new one; the old one stops working at once.',
  },
});

export function myActivitiesPage(web: WebContext, upcoming: MyActivitiesView, past: MyActivitiesView, feedUrl: string, nextPage?: string): string {
  const t = myActivitiesText(web.lang);
  const list = (view: MyActivitiesView, empty: string) =>
    view.items.length === 0 ? <p class="utrecht-paragraph">{empty}</p> : (
      <ul class="kc-cards">
        {view.items.map((a) => (
          <li class="kc-card">
            <h3 class="utrecht-heading-3 kc-card__heading"><a class="utrecht-link" href={paths.activity(a.id)}>{a.title}</a></h3>
            <p class="utrecht-paragraph kc-card__meta"><time dateTime={a.startsAt}>{activityWhen(a, web.lang)}</time> · {activityText(web.lang).modes[a.mode]}</p>
            <p class="utrecht-paragraph"><span class="kc-badge">{t.status[a.myRsvp]}{a.myWaitlistPosition ? `: ${t.position(a.myWaitlistPosition)}` : ''}</span></p>
          </li>
        ))}
      </ul>
    );
  return renderPage({
    web,
    title: t.title,
    children: (
      <>
        <PageHeading lead={t.lead}>{t.title}</PageHeading>
        <section aria-labelledby="komend">
          <h2 class="utrecht-heading-2" id="komend">{t.upcoming}</h2>
          {list(upcoming, t.none)}
          {nextPage ? <ButtonLink href={nextPage} variant="secondary">{t.more}</ButtonLink> : null}
        </section>
        <section aria-labelledby="geweest">
          <h2 class="utrecht-heading-2" id="geweest">{t.past}</h2>
          {list(past, t.nonePast)}
        </section>
        <section aria-labelledby="agenda-link">
          <h2 class="utrecht-heading-2" id="agenda-link">{t.feedTitle}</h2>
          <p class="utrecht-paragraph">{t.feedLead}</p>
          <div class="utrecht-form-field utrecht-form-field--text">
            <div class="utrecht-form-field__label"><label class="utrecht-form-label" for="agenda-link-adres">{t.feedLabel}</label></div>
            <div class="utrecht-form-field__input">
              <input class="utrecht-textbox utrecht-textbox--html-input kc-code" id="agenda-link-adres" type="url" readOnly value={feedUrl} />
            </div>
          </div>
          <p class="utrecht-paragraph kc-note">{t.rotateHint}</p>
          <ActionForm action={paths.rotateCalendarFeed()} csrfToken={web.csrfToken} idempotencyKey={newFormKey()}>
            <SubmitButton variant="secondary">{t.rotate}</SubmitButton>
          </ActionForm>
        </section>
      </>
    ),
  });
}
