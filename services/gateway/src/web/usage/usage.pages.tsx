import type { OperatorUsage } from '../../usage/operator-usage';
import { DataTable } from '../layout/components';
import { formatDateTime } from '../layout/dates';
import { textsFor, type Lang } from '../layout/i18n';
import { PageHeading, renderPage } from '../layout/page';
import { paths } from '../layout/paths';
import type { WebContext } from '../web-context';

export const usageText = textsFor({
  nl: {
    title: 'Gebruik per regio',
    lead: (at: string) => `Wat elke dienst per regio bewaart, geteld op ${at}. Actieve leden: accounts die in de laatste 30 dagen inlogden.`,
    none: 'Er zijn nog geen regio’s.',
    columns: {
      region: 'Regio', status: 'Licentie', accounts: 'Accounts', active: 'Actief (30 dagen)', communities: 'Communities', members: 'Lidmaatschappen',
      conversations: 'Gesprekken', contributions: 'Bijdragen', activities: 'Activiteiten', signUps: 'Aanmeldingen', titles: 'Titels', storage: 'Opslag',
    },
    status: { active: 'Actief', suspended: 'Opgeschort' },
    total: 'Totaal',
    storageOf: (parts: string) => `per dienst: ${parts}`,
  },
  en: {
    title: 'Usage per region',
    lead: (at: string) => `What each service holds per region, counted at ${at}. Active members: accounts that signed in within the last 30 days.`,
    none: 'There are no regions yet.',
    columns: {
      region: 'Region', status: 'Licence', accounts: 'Accounts', active: 'Active (30 days)', communities: 'Communities', members: 'Memberships',
      conversations: 'Conversations', contributions: 'Contributions', activities: 'Activities', signUps: 'Sign-ups', titles: 'Titles', storage: 'Storage',
    },
    status: { active: 'Active', suspended: 'Suspended' },
    total: 'Total',
    storageOf: (parts: string) => `per service: ${parts}`,
  },
});

/** 1 234 567 bytes as "1,2 MB" (Dutch) or "1.2 MB". */
export function formatBytes(bytes: number, lang: Lang): string {
  const units = ['B', 'kB', 'MB', 'GB', 'TB'];
  let value = bytes;
  let unit = 0;
  while (value >= 1000 && unit < units.length - 1) {
    value /= 1000;
    unit += 1;
  }
  const digits = unit === 0 || value >= 100 ? 0 : 1;
  return `${value.toLocaleString(lang === 'nl' ? 'nl-NL' : 'en-GB', { maximumFractionDigits: digits, minimumFractionDigits: digits })} ${units[unit]}`;
}

export function usagePage(web: WebContext, usage: OperatorUsage): string {
  const t = usageText(web.lang);
  const number = (n: number) => n.toLocaleString(web.lang === 'nl' ? 'nl-NL' : 'en-GB');
  const c = t.columns;
  const sum = (pick: (row: OperatorUsage['items'][number]) => number) => usage.items.reduce((s, r) => s + pick(r), 0);
  const figures = (row: OperatorUsage['items'][number] | null) => {
    const of = (pick: (r: OperatorUsage['items'][number]) => number) => number(row ? pick(row) : sum(pick));
    const bytes = row ? row.storageBytes.total : sum((r) => r.storageBytes.total);
    return [
      of((r) => r.accounts), of((r) => r.activeLast30Days), of((r) => r.communities), of((r) => r.members), of((r) => r.conversations),
      of((r) => r.contributions), of((r) => r.activities), of((r) => r.signUps), of((r) => r.titles),
      row ? <span title={t.storageOf(`identity ${formatBytes(row.storageBytes.identity, web.lang)}, communities ${formatBytes(row.storageBytes.communities, web.lang)}, events ${formatBytes(row.storageBytes.events, web.lang)}, catalogue ${formatBytes(row.storageBytes.catalogue, web.lang)}`)}>{formatBytes(bytes, web.lang)}</span> : formatBytes(bytes, web.lang),
    ];
  };
  return renderPage({
    web,
    title: t.title,
    children: (
      <>
        <PageHeading lead={t.lead(formatDateTime(usage.generatedAt, web.lang, 'Europe/Amsterdam'))}>{t.title}</PageHeading>
        {usage.items.length === 0 ? <p class="utrecht-paragraph">{t.none}</p> : (
          <DataTable
            columns={[c.region, c.status, c.accounts, c.active, c.communities, c.members, c.conversations, c.contributions, c.activities, c.signUps, c.titles, c.storage]}
            rows={[
              ...usage.items.map((row) => [<a class="utrecht-link" href={paths.region(row.slug)}>{row.name}</a>, t.status[row.status], ...figures(row)]),
              [<strong>{t.total}</strong>, '', ...figures(null)],
            ]}
          />
        )}
      </>
    ),
  });
}
