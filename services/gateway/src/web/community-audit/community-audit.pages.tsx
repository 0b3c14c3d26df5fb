import type { CommunitySummary, ListCommunityAudit, ResponseOf } from '@kc/contracts';
import type { z } from 'zod';
import { ButtonLink, DataTable } from '../layout/components';
import { formatDateTime } from '../layout/dates';
import { textsFor, type Lang } from '../layout/i18n';
import { PageHeading, renderPage } from '../layout/page';
import { paths } from '../layout/paths';
import type { WebContext } from '../web-context';

type CommunityView = z.infer<typeof CommunitySummary>;
type EntryView = ResponseOf<typeof ListCommunityAudit>['items'][number];

const CONTENT = {
  nl: { contribution: 'een bijdrage', conversation: 'een gesprek', media: 'een link', collection: 'een themacollectie' },
  en: { contribution: 'a contribution', conversation: 'a conversation', media: 'a link', collection: 'a theme collection' },
} as const;
const ROLES = { nl: { organiser: 'organisator', moderator: 'moderator', member: 'gewoon lid' }, en: { organiser: 'organiser', moderator: 'moderator', member: 'a plain member' } } as const;
const MODES = {
  nl: { open: 'open voor iedereen', approval: 'na goedkeuring', invite: 'alleen op uitnodiging', staff: 'alleen voor bibliotheekmedewerkers' },
  en: { open: 'open to everyone', approval: 'after approval', invite: 'by invitation only', staff: 'library staff only' },
} as const;

/** What happened, said as a person would: "Blokkeerde Tom Trol", "Maakte Bram moderator". */
export function describeAction(entry: Pick<EntryView, 'action' | 'targetType' | 'targetName'>, lang: Lang): string {
  const who = entry.targetName ?? (lang === 'nl' ? 'iemand' : 'someone');
  const content = CONTENT[lang][entry.targetType as keyof (typeof CONTENT)['nl']] ?? entry.targetType ?? '';
  const [group, verb, detail] = entry.action.split('.');
  const nl: Record<string, string> = {
    'content.hidden': `Verborg ${content}`, 'content.restored': `Zette ${content} terug`, 'report.dismissed': `Wees een melding over ${content} af`,
    'member.blocked': `Blokkeerde ${who}`, 'member.unblocked': `Hief de blokkade van ${who} op`, 'member.removed': `Verwijderde ${who} uit de community`,
    'request.approved': `Keurde de aanvraag van ${who} goed`, 'request.rejected': `Wees de aanvraag van ${who} af`,
    'invitation.created': 'Maakte een uitnodigingslink', 'invitation.revoked': 'Trok een uitnodigingslink in',
  };
  const en: Record<string, string> = {
    'content.hidden': `Hid ${content}`, 'content.restored': `Restored ${content}`, 'report.dismissed': `Dismissed a report about ${content}`,
    'member.blocked': `Blocked ${who}`, 'member.unblocked': `Lifted the block of ${who}`, 'member.removed': `Removed ${who} from the community`,
    'request.approved': `Approved the request of ${who}`, 'request.rejected': `Rejected the request of ${who}`,
    'invitation.created': 'Made an invitation link', 'invitation.revoked': 'Revoked an invitation link',
  };
  if (group === 'member' && verb === 'role' && detail && detail in ROLES.nl) {
    const role = ROLES[lang][detail as keyof (typeof ROLES)['nl']];
    return lang === 'nl' ? `Maakte ${who} ${role}` : `Made ${who} ${role}`;
  }
  if (group === 'community' && verb === 'join-mode' && detail && detail in MODES.nl) {
    const mode = MODES[lang][detail as keyof (typeof MODES)['nl']];
    return lang === 'nl' ? `Veranderde lid worden in: ${mode}` : `Changed joining to: ${mode}`;
  }
  return (lang === 'nl' ? nl : en)[entry.action] ?? entry.action;
}

const text = textsFor({
  nl: {
    title: 'Logboek van de community',
    lead: 'Elke moderatie- en rolactie: wie, wat, wanneer en waarom. Alleen organisatoren, moderatoren en community-bibliothecarissen zien dit.',
    none: 'Er is nog niets gemodereerd of veranderd aan rollen.',
    columns: { at: 'Wanneer', actor: 'Wie', what: 'Wat', reason: 'Waarom' },
    more: 'Oudere acties',
    link: 'Logboek van de community',
  },
  en: {
    title: 'Community log',
    lead: 'Every moderation and role action: who, what, when and why. Only organisers, moderators and community librarians see this.',
    none: 'Nothing has been moderated and no roles have changed yet.',
    columns: { at: 'When', actor: 'Who', what: 'What', reason: 'Why' },
    more: 'Older actions',
    link: 'Community log',
  },
});
export const communityAuditLinkText = (lang: Lang) => text(lang).link;

export function communityAuditPage(web: WebContext, community: CommunityView, entries: EntryView[], nextCursor: string | null): string {
  const t = text(web.lang);
  return renderPage({
    web,
    title: `${t.title} – ${community.name}`,
    breadcrumbs: [{ href: paths.community(community.id), label: community.name }],
    children: (
      <>
        <PageHeading lead={t.lead}>{t.title}</PageHeading>
        {entries.length === 0 ? <p class="utrecht-paragraph">{t.none}</p> : (
          <DataTable
            columns={[t.columns.at, t.columns.actor, t.columns.what, t.columns.reason]}
            rows={entries.map((e) => [<time dateTime={e.at}>{formatDateTime(e.at, web.lang)}</time>, e.actorName, describeAction(e, web.lang), e.reason ?? ''])}
          />
        )}
        {nextCursor ? <ButtonLink href={`${paths.communityAudit(community.id)}?na=${encodeURIComponent(nextCursor)}`} variant="secondary">{t.more}</ButtonLink> : null}
      </>
    ),
  });
}
