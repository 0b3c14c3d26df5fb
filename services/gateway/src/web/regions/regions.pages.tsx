import type { Activity, CollectionSummary, CommunitySummary, Region } from '@kc/contracts';
import { RegionCollections } from '../collections/collections.pages';
import type { z } from 'zod';
import { ButtonLink } from '../layout/components';
import { formatDateTime } from '../layout/dates';
import { textsFor } from '../layout/i18n';
import { PageHeading, renderPage } from '../layout/page';
import { paths } from '../layout/paths';
import type { WebContext } from '../web-context';

type RegionView = z.infer<typeof Region>;
type CommunityView = z.infer<typeof CommunitySummary>;
type ActivityView = z.infer<typeof Activity>;

const text = textsFor({
  nl: {
    homeTitle: 'Kennis delen in je eigen regio',
    homeLead: 'KennisCloud is het open, privacyvriendelijke kennisnetwerk van de openbare bibliotheken. Inwoners, communities en organisaties vinden elkaar online en in de bibliotheek, delen kennis over maatschappelijke thema’s – duurzaam wonen, nieuwe woonvormen, eenzaamheid, onderwijsinnovatie – en plannen samen activiteiten.',
    homeTitles: 'Bij elk gesprek stelt KennisCloud titels uit de collectie van je bibliotheek voor.',
    regionsHeading: 'Regio’s',
    noRegions: 'Er zijn nog geen regio’s.',
    nationalHeading: 'Landelijke communities',
    nationalLead: 'Open voor mensen uit alle regio’s.',
    suspended: 'opgeschort',
    communities: 'Communities',
    noCommunities: 'Er zijn in deze regio nog geen openbare communities.',
    activities: 'Komende activiteiten',
    noActivities: 'Er zijn nog geen openbare activiteiten gepland.',
    calendar: 'Agenda van de regio, per week of per maand',
    startCommunity: 'Community starten',
    members: (n: number) => (n === 1 ? '1 lid' : `${n} leden`),
    membersOnly: 'Alleen leden',
    yourRole: { organiser: 'Jij organiseert deze community', moderator: 'Jij modereert deze community', member: 'Je bent lid' },
    registerHere: 'Doe mee: registreer je in deze regio',
    suspendedNotice: 'De licentie van deze regio is opgeschort: je kunt alles lezen, maar er kan niets bij.',
    inCommunity: 'in',
  },
  en: {
    homeTitle: 'Share knowledge in your own region',
    homeLead: 'KennisCloud is the open, privacy-friendly knowledge network of the public libraries. Residents, communities and organisations find each other online and in the library, share knowledge on societal themes – sustainable homes, new forms of housing, loneliness, education innovation – and plan activities together.',
    homeTitles: 'For every conversation KennisCloud suggests titles from your library’s collection.',
    regionsHeading: 'Regions',
    noRegions: 'There are no regions yet.',
    nationalHeading: 'National communities',
    nationalLead: 'Open to people from every region.',
    suspended: 'suspended',
    communities: 'Communities',
    noCommunities: 'This region has no public communities yet.',
    activities: 'Upcoming activities',
    noActivities: 'No public activities have been planned yet.',
    calendar: 'The region’s calendar, by week or by month',
    startCommunity: 'Start a community',
    members: (n: number) => (n === 1 ? '1 member' : `${n} members`),
    membersOnly: 'Members only',
    yourRole: { organiser: 'You organise this community', moderator: 'You moderate this community', member: 'You are a member' },
    registerHere: 'Join in: register in this region',
    suspendedNotice: 'This region’s licence is suspended: you can read everything, but nothing can be added.',
    inCommunity: 'in',
  },
});

export function homePage(web: WebContext, regions: RegionView[], national: CommunityView[] = []): string {
  const t = text(web.lang);
  return renderPage({
    web,
    title: t.homeTitle,
    children: (
      <>
        <PageHeading lead={t.homeLead}>{t.homeTitle}</PageHeading>
        <p class="utrecht-paragraph">{t.homeTitles}</p>
        <section aria-labelledby="regios">
          <h2 class="utrecht-heading-2" id="regios">{t.regionsHeading}</h2>
          {regions.length === 0 ? <p class="utrecht-paragraph">{t.noRegions}</p> : (
            <ul class="kc-cards">
              {regions.map((r) => (
                <li class="kc-card">
                  <a class="utrecht-link kc-card__title" href={paths.region(r.slug)}>{r.name}</a>
                  {r.status === 'suspended' ? <span class="kc-badge kc-badge--muted">{t.suspended}</span> : null}
                </li>
              ))}
            </ul>
          )}
        </section>
        {national.length > 0 ? (
          <section aria-labelledby="landelijk">
            <h2 class="utrecht-heading-2" id="landelijk">{t.nationalHeading}</h2>
            <p class="utrecht-paragraph">{t.nationalLead}</p>
            <ul class="kc-cards">
              {national.map((c) => (
                <li class="kc-card"><a class="utrecht-link kc-card__title" href={paths.community(c.id)}>{c.name}</a></li>
              ))}
            </ul>
          </section>
        ) : null}
      </>
    ),
  });
}

export interface RegionPageModel {
  region: RegionView;
  communities: CommunityView[];
  activities: { activity: ActivityView; community: CommunityView }[];
  /** The theme collections of the region's public communities. */
  collections: (CollectionSummary & { communityName: string })[];
  /** The viewer lives in this region (may start a community here). */
  isHome: boolean;
}

export function regionPage(web: WebContext, model: RegionPageModel): string {
  const t = text(web.lang);
  const { region } = model;
  return renderPage({
    web,
    title: region.name,
    breadcrumbs: [{ href: paths.home(), label: 'KennisCloud' }],
    children: (
      <>
        <PageHeading>{region.name}</PageHeading>
        {region.status === 'suspended' ? <p class="utrecht-paragraph kc-note">{t.suspendedNotice}</p> : null}
        {model.isHome && region.status === 'active' ? <p class="utrecht-paragraph"><ButtonLink href={paths.newCommunity()}>{t.startCommunity}</ButtonLink></p> : null}
        {!web.viewer && region.status === 'active' ? <p class="utrecht-paragraph"><a class="utrecht-link" href={paths.register(region.slug)}>{t.registerHere}</a></p> : null}
        <div class="kc-columns">
          <section aria-labelledby="communities">
            <h2 class="utrecht-heading-2" id="communities">{t.communities}</h2>
            {model.communities.length === 0 ? <p class="utrecht-paragraph">{t.noCommunities}</p> : (
              <ul class="kc-cards">
                {model.communities.map((c) => (
                  <li class="kc-card">
                    <h3 class="utrecht-heading-3 kc-card__heading"><a class="utrecht-link" href={paths.community(c.id)}>{c.name}</a></h3>
                    {c.description ? <p class="utrecht-paragraph kc-card__text">{excerpt(c.description)}</p> : null}
                    <p class="utrecht-paragraph kc-card__meta">
                      {t.members(c.memberCount)}
                      {c.visibility === 'members' ? <span class="kc-badge kc-badge--muted">{t.membersOnly}</span> : null}
                      {c.myRole ? <span class="kc-badge">{t.yourRole[c.myRole]}</span> : null}
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
                {model.activities.map(({ activity, community }) => (
                  <li class="kc-card">
                    <h3 class="utrecht-heading-3 kc-card__heading"><a class="utrecht-link" href={paths.activity(activity.id)}>{activity.title}</a></h3>
                    <p class="utrecht-paragraph kc-card__meta">
                      <time dateTime={activity.startsAt}>{formatDateTime(activity.startsAt, web.lang, activity.timeZone)}</time>
                      {' '}{t.inCommunity} <a class="utrecht-link" href={paths.community(community.id)}>{community.name}</a>
                    </p>
                  </li>
                ))}
              </ul>
            )}
            <p class="utrecht-paragraph"><a class="utrecht-link" href={paths.regionCalendar(model.region.slug)}>{t.calendar}</a></p>
          </section>
        </div>
        <RegionCollections web={web} collections={model.collections} />
      </>
    ),
  });
}

/** The first lines of a long text, cut at a word. */
export function excerpt(text: string, max = 200): string {
  if (text.length <= max) return text;
  const cut = text.slice(0, max);
  return `${cut.slice(0, Math.max(cut.lastIndexOf(' '), max - 30)).trimEnd()}…`;
}
