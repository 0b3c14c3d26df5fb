import type { Activity, CommunitySummary, Region } from '@kc/contracts';
import type { z } from 'zod';
import { activityText } from '../activities/activities.pages';
import { SelectField } from '../layout/components';
import { formatTime } from '../layout/dates';
import { textsFor, type Lang } from '../layout/i18n';
import { PageHeading, renderPage } from '../layout/page';
import { paths } from '../layout/paths';
import type { WebContext } from '../web-context';
import { dayOf, type Period, type View } from './period';

type ActivityView = z.infer<typeof Activity>;
type CommunityView = z.infer<typeof CommunitySummary>;

export interface CalendarFilters {
  mode?: 'in_person' | 'online' | 'hybrid';
  communityId?: string;
}

export const calendarText = textsFor({
  nl: {
    title: (region: string) => `Agenda van ${region}`,
    lead: 'Alle openbare activiteiten in de regio, en die van jouw communities.',
    week: 'Week', month: 'Maand',
    weekOf: (from: string, to: string) => `Week van ${from} tot en met ${to}`,
    previous: { week: 'Vorige week', maand: 'Vorige maand' },
    next: { week: 'Volgende week', maand: 'Volgende maand' },
    thisPeriod: { week: 'Deze week', maand: 'Deze maand' },
    views: 'Weergave',
    periodNav: 'Andere periode',
    filters: 'Filteren',
    mode: 'Vorm', anyMode: 'Alle vormen',
    community: 'Community', anyCommunity: 'Alle communities',
    apply: 'Filter toepassen',
    nothing: 'Geen activiteiten.',
    nothingInPeriod: 'In deze periode staan geen activiteiten in de agenda.',
    full: 'vol',
    feed: 'Zet de openbare agenda van deze regio in je eigen agenda (.ics)',
  },
  en: {
    title: (region: string) => `Calendar of ${region}`,
    lead: 'Every public activity in the region, and those of your communities.',
    week: 'Week', month: 'Month',
    weekOf: (from: string, to: string) => `Week from ${from} to ${to}`,
    previous: { week: 'Previous week', maand: 'Previous month' },
    next: { week: 'Next week', maand: 'Next month' },
    thisPeriod: { week: 'This week', maand: 'This month' },
    views: 'View',
    periodNav: 'Another period',
    filters: 'Filter',
    mode: 'Format', anyMode: 'All formats',
    community: 'Community', anyCommunity: 'All communities',
    apply: 'Apply the filter',
    nothing: 'No activities.',
    nothingInPeriod: 'There are no activities on the calendar in this period.',
    full: 'full',
    feed: 'Add this region’s public calendar to your own calendar (.ics)',
  },
});

const LOCALE: Record<Lang, string> = { nl: 'nl-NL', en: 'en-GB' };

export function regionCalendarPage(
  web: WebContext, region: z.infer<typeof Region>, period: Period, activities: ActivityView[], communities: CommunityView[], filters: CalendarFilters,
): string {
  const t = calendarText(web.lang);
  const a = activityText(web.lang);
  const locale = LOCALE[web.lang];
  const link = (view: View, date?: string) => paths.regionCalendar(region.slug, { view, date, ...filters });
  const heading = period.view === 'week'
    ? t.weekOf(period.start.setLocale(locale).toFormat('d LLLL'), period.end.minus({ days: 1 }).setLocale(locale).toFormat('d LLLL yyyy'))
    : period.start.setLocale(locale).toFormat('LLLL yyyy');
  const byDay = Map.groupBy(activities, (x) => dayOf(x.startsAt));
  // A month shows the days that have activities; a week every day.
  const days = period.view === 'week' ? period.days : period.days.filter((d) => byDay.has(d.toISODate()!));
  return renderPage({
    web,
    title: `${t.title(region.name)} – ${heading}`,
    breadcrumbs: [{ href: paths.region(region.slug), label: region.name }],
    children: (
      <>
        <PageHeading lead={t.lead}>{t.title(region.name)}</PageHeading>
        <nav aria-label={t.views} class="kc-actions">
          <ul class="kc-nav__list">
            <li><a class="utrecht-link" href={link('week', period.start.toISODate()!)} aria-current={period.view === 'week' ? 'page' : undefined}>{t.week}</a></li>
            <li><a class="utrecht-link" href={link('maand', period.start.toISODate()!)} aria-current={period.view === 'maand' ? 'page' : undefined}>{t.month}</a></li>
          </ul>
        </nav>
        <form class="utrecht-form kc-form" method="get" action={paths.regionCalendar(region.slug)} aria-label={t.filters}>
          <input type="hidden" name="weergave" value={period.view} />
          <input type="hidden" name="datum" value={period.start.toISODate()!} />
          <SelectField
            name="vorm" label={t.mode} values={{ vorm: filters.mode ?? '' }}
            options={[{ value: '', label: t.anyMode }, ...(['in_person', 'online', 'hybrid'] as const).map((m) => ({ value: m, label: a.modes[m] }))]}
          />
          <SelectField
            name="community" label={t.community} values={{ community: filters.communityId ?? '' }}
            options={[{ value: '', label: t.anyCommunity }, ...communities.map((c) => ({ value: c.id, label: c.name }))]}
          />
          <button class="utrecht-button utrecht-button--secondary-action" type="submit">{t.apply}</button>
        </form>
        <h2 class="utrecht-heading-2" id="periode">{heading}</h2>
        <nav aria-label={t.periodNav}>
          <ul class="kc-nav__list">
            <li><a class="utrecht-link" href={link(period.view, period.previous)}>{t.previous[period.view]}</a></li>
            <li><a class="utrecht-link" href={link(period.view, period.today)}>{t.thisPeriod[period.view]}</a></li>
            <li><a class="utrecht-link" href={link(period.view, period.next)}>{t.next[period.view]}</a></li>
          </ul>
        </nav>
        {days.length === 0 ? <p class="utrecht-paragraph">{t.nothingInPeriod}</p> : days.map((day) => {
          const list = byDay.get(day.toISODate()!) ?? [];
          return (
            <section aria-labelledby={`dag-${day.toISODate()}`}>
              <h3 class="utrecht-heading-3" id={`dag-${day.toISODate()}`}>{day.setLocale(locale).toFormat('cccc d LLLL')}</h3>
              {list.length === 0 ? <p class="utrecht-paragraph kc-note">{t.nothing}</p> : (
                <ul class="kc-cards">
                  {list.map((x) => (
                    <li class="kc-card">
                      <h4 class="utrecht-heading-4 kc-card__heading"><a class="utrecht-link" href={paths.activity(x.id)}>{x.title}</a></h4>
                      <p class="utrecht-paragraph kc-card__meta">
                        <time dateTime={x.startsAt}>{formatTime(x.startsAt, x.timeZone)}</time>–<time dateTime={x.endsAt}>{formatTime(x.endsAt, x.timeZone)}</time>
                        {' · '}{a.modes[x.mode]}{x.location ? ` · ${x.location}` : ''}
                        {x.capacity !== null && x.attendeeCount >= x.capacity ? ` · ${t.full}` : ''}
                      </p>
                    </li>
                  ))}
                </ul>
              )}
            </section>
          );
        })}
        <p class="utrecht-paragraph"><a class="utrecht-link" href={paths.regionCalendarFeed(region.slug)} download="agenda.ics">{t.feed}</a></p>
      </>
    ),
  });
}
