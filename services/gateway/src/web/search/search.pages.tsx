import type { SearchHit } from '@kc/contracts';
import type { z } from 'zod';
import { ErrorSummary } from '../layout/components';
import { textsFor } from '../layout/i18n';
import { PageHeading, renderPage } from '../layout/page';
import { paths } from '../layout/paths';
import type { WebContext } from '../web-context';

type Hit = z.infer<typeof SearchHit>;
export const HIT_TYPES = ['community', 'collection', 'conversation', 'activity', 'media'] as const;

const text = textsFor({
  nl: {
    title: 'Zoeken',
    resultsFor: (q: string) => `Zoekresultaten voor ‘${q}’`,
    lead: 'Zoek in de communities, themacollecties, gesprekken en activiteiten die je mag zien. Gebruik het zoekveld bovenaan de pagina.',
    count: (n: number) => (n === 0 ? 'Niets gevonden. Probeer een ander of korter woord.' : n === 1 ? '1 resultaat' : `${n} resultaten`),
    groups: { community: 'Communities', collection: 'Themacollecties', conversation: 'Gesprekken', activity: 'Activiteiten', media: 'Gedeelde links (in gesprekken)' },
    label: 'Zoekterm',
  },
  en: {
    title: 'Search',
    resultsFor: (q: string) => `Search results for ‘${q}’`,
    lead: 'Search the communities, theme collections, conversations and activities you may see. Use the search field at the top of the page.',
    count: (n: number) => (n === 0 ? 'Nothing found. Try another or a shorter word.' : n === 1 ? '1 result' : `${n} results`),
    groups: { community: 'Communities', collection: 'Theme collections', conversation: 'Conversations', activity: 'Activities', media: 'Shared links (in conversations)' },
    label: 'Search term',
  },
});

/** A snippet with the search service's «highlight» marks as `<mark>`; everything else is text. */
export function Snippet({ text: snippet }: { text: string }) {
  const parts = snippet.split(/[«»]/);
  return <>{parts.map((part, i) => (i % 2 === 1 ? <mark class="utrecht-mark">{part}</mark> : part))}</>;
}

const hitPath = (hit: Hit) =>
  hit.type === 'community' ? paths.community(hit.id)
    : hit.type === 'conversation' ? paths.conversation(hit.id)
      : hit.type === 'collection' ? paths.collection(hit.id)
      : hit.type === 'media' ? `${paths.conversation(hit.conversationId ?? hit.id)}#media-${hit.id}`
        : paths.activity(hit.id);

export function searchPage(web: WebContext, query: string | undefined, hits: Hit[] | null, error?: string): string {
  const t = text(web.lang);
  const title = query && hits ? t.resultsFor(query) : t.title;
  return renderPage({
    web,
    title,
    hasErrors: !!error,
    children: (
      <>
        <PageHeading>{title}</PageHeading>
        {error ? <ErrorSummary errors={{ '': error }} order={[]} lang={web.lang} /> : null}
        {hits === null ? <p class="utrecht-paragraph">{t.lead}</p> : (
          <>
            <p class="utrecht-paragraph" role="status">{t.count(hits.length)}</p>
            {HIT_TYPES.map((type) => {
              const group = hits.filter((h) => h.type === type);
              if (group.length === 0) return null;
              return (
                <section aria-labelledby={`resultaten-${type}`}>
                  <h2 class="utrecht-heading-2" id={`resultaten-${type}`}>{t.groups[type]} ({group.length})</h2>
                  <ul class="kc-cards">
                    {group.map((hit) => (
                      <li class="kc-card">
                        <h3 class="utrecht-heading-3 kc-card__heading"><a class="utrecht-link" href={hitPath(hit)}>{hit.title}</a></h3>
                        <p class="utrecht-paragraph kc-card__text"><Snippet text={hit.snippet} /></p>
                      </li>
                    ))}
                  </ul>
                </section>
              );
            })}
          </>
        )}
      </>
    ),
  });
}
