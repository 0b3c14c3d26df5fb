import type { CommunitySummary } from '@kc/contracts';
import type { z } from 'zod';
import type { BookTable, BookTableItem } from '../../book-table/book-table';
import { textsFor } from '../layout/i18n';
import { PageHeading, renderPage } from '../layout/page';
import { paths } from '../layout/paths';
import type { WebContext } from '../web-context';
import { activityWhen } from '../activities/activities.pages';

type CommunityView = z.infer<typeof CommunitySummary>;

export const bookTableText = textsFor({
  nl: {
    title: 'Boekentafel',
    lead: (n: number) => (n === 0 ? 'Nog geen titels voor de boekentafel.' : `${n} ${n === 1 ? 'titel' : 'titels'} uit de collectie om op tafel te leggen.`),
    community: 'Gekozen door de community',
    communityHint: 'Titels die leden aan de gesprekken van de community toevoegden, de vaakst gekozen eerst.',
    catalogue: 'Uit de collectie bij dit onderwerp',
    catalogueHint: 'Wat de collectie van de regio het best bij de titel en de beschrijving van de activiteit vindt.',
    none: 'Geen titels.',
    emptyAdvice: 'Voeg bibliotheektitels toe aan de gesprekken van de community, of geef de activiteit een beschrijving: dan vult de boekentafel zich vanzelf.',
    print: 'Afdrukken: gebruik Ctrl+P (⌘P op een Mac). De afdruk toont alleen de lijst.',
    by: 'door', isbn: 'ISBN',
    back: 'Terug naar de activiteit',
  },
  en: {
    title: 'Book table',
    lead: (n: number) => (n === 0 ? 'No titles for the book table yet.' : `${n} ${n === 1 ? 'title' : 'titles'} from the collection to put on the table.`),
    community: 'Chosen by the community',
    communityHint: 'Titles members added to the community’s conversations, the most often chosen first.',
    catalogue: 'From the collection on this subject',
    catalogueHint: 'What the region’s collection matches best to the activity’s title and description.',
    none: 'No titles.',
    emptyAdvice: 'Add library titles to the community’s conversations, or give the activity a description: the book table then fills itself.',
    print: 'To print, use Ctrl+P (⌘P on a Mac). The print shows only the list.',
    by: 'by', isbn: 'ISBN',
    back: 'Back to the activity',
  },
});

function TitleList({ items, web }: { items: BookTableItem[]; web: WebContext }) {
  const t = bookTableText(web.lang);
  if (items.length === 0) return <p class="utrecht-paragraph">{t.none}</p>;
  return (
    <ol class="kc-book-table">
      {items.map((item) => (
        <li class="kc-book-table__item">
          <strong>{item.title}</strong>
          {item.authors.length ? <> {t.by} {item.authors.join(', ')}</> : null}
          {item.year ? <> ({item.year})</> : null}
          {item.isbn ? <span class="kc-note"> · {t.isbn} <span class="kc-code">{item.isbn}</span></span> : null}
          <br />
          <span class="kc-note">{item.reason[web.lang]}</span>
          {item.conversations.length ? (
            <ul class="kc-book-table__conversations kc-no-print">
              {item.conversations.slice(0, 3).map((c) => <li><a class="utrecht-link" href={paths.conversation(c.id)}>{c.title}</a></li>)}
            </ul>
          ) : null}
        </li>
      ))}
    </ol>
  );
}

/** The librarian's list for the table at a meetup: printable (the stylesheet's print rules leave only the list). */
export function bookTablePage(web: WebContext, community: CommunityView, table: BookTable): string {
  const t = bookTableText(web.lang);
  const { activity } = table;
  const chosen = table.items.filter((i) => i.source === 'community');
  const matched = table.items.filter((i) => i.source === 'catalogue');
  return renderPage({
    web,
    title: `${t.title} – ${activity.title}`,
    breadcrumbs: [{ href: paths.community(community.id), label: community.name }, { href: paths.activity(activity.id), label: activity.title }],
    children: (
      <>
        <PageHeading lead={<>{activity.title} · <time dateTime={activity.startsAt}>{activityWhen(activity, web.lang)}</time>{activity.location ? <> · {activity.location}</> : null}. {t.lead(table.items.length)}</>}>
          {t.title}
        </PageHeading>
        <p class="utrecht-paragraph kc-note kc-no-print">{t.print}</p>
        {table.items.length === 0 ? <p class="utrecht-paragraph">{t.emptyAdvice}</p> : null}
        <section aria-labelledby="gekozen">
          <h2 class="utrecht-heading-2" id="gekozen">{t.community} ({chosen.length})</h2>
          <p class="utrecht-paragraph kc-note kc-no-print">{t.communityHint}</p>
          <TitleList items={chosen} web={web} />
        </section>
        <section aria-labelledby="collectie">
          <h2 class="utrecht-heading-2" id="collectie">{t.catalogue} ({matched.length})</h2>
          <p class="utrecht-paragraph kc-note kc-no-print">{t.catalogueHint}</p>
          <TitleList items={matched} web={web} />
        </section>
        <p class="utrecht-paragraph kc-no-print"><a class="utrecht-link" href={paths.activity(activity.id)}>{t.back}</a></p>
      </>
    ),
  });
}
