import type { AuditEntry, ListRegions, Region, ResponseOf, StaffRole } from '@kc/contracts';
import type { z } from 'zod';
import { DataTable } from '../layout/components';
import { formatDateTime } from '../layout/dates';
import { commonText, textsFor, type Lang } from '../layout/i18n';
import { PageHeading, renderPage } from '../layout/page';
import { paths } from '../layout/paths';
import type { WebContext } from '../web-context';

const roleOf = (details: AuditEntry['details'], lang: Lang) => commonText(lang).roles[details.role as StaffRole] ?? String(details.role ?? '');

export const auditText = textsFor({
  nl: {
    title: 'Logboek',
    leadRegion: (region: string) => `Wie wat deed in ${region}: medewerkersrollen, blokkades, de licentie en geblokkeerde inlogpogingen. Nieuwste eerst.`,
    leadAll: 'Wie wat deed op het hele platform: medewerkersrollen, blokkades, licenties en geblokkeerde inlogpogingen. Nieuwste eerst.',
    none: 'Er staat nog niets in het logboek.',
    columns: { when: 'Wanneer', what: 'Wat', who: 'Wie', about: 'Betreft', region: 'Regio', reason: 'Reden' },
    region: 'Regio',
    allRegions: 'Alle regio’s',
    show: 'Tonen',
    older: 'Oudere meldingen',
    newest: 'Terug naar de nieuwste meldingen',
    pages: 'Pagina’s van het logboek',
    nobody: 'KennisCloud zelf',
    erased: 'Verwijderd account',
    unknownAddress: 'Een e-mailadres zonder account',
    status: { active: 'actief', suspended: 'opgeschort' } as Record<string, string>,
    actions: {
      'staff-role.granted': (d: AuditEntry['details']) => `Medewerkersrol gegeven: ${roleOf(d, 'nl')}`,
      'staff-role.revoked': (d: AuditEntry['details']) => `Medewerkersrol ingetrokken: ${roleOf(d, 'nl')}`,
      'account.blocked': () => 'Account geblokkeerd',
      'account.unblocked': () => 'Blokkade opgeheven',
      'region.licence-changed': (d: AuditEntry['details']) => `Licentie ${d.status === 'suspended' ? 'opgeschort' : 'actief'}${d.expired ? ' (verlopen)' : ''}`,
      'sign-in.locked': (d: AuditEntry['details']) => `Inloggen tijdelijk geblokkeerd na ${d.failures} foute wachtwoorden (${d.lockedSeconds} s)`,
      'session.refresh-reused': () => 'Sessie beëindigd: een oude inlogsleutel werd opnieuw gebruikt',
      'session.logout-all': (d: AuditEntry['details']) => `Overal uitgelogd (${d.endedSessions} ${d.endedSessions === 1 ? 'sessie' : 'sessies'})`,
      'account.password-changed': (d: AuditEntry['details']) => `Wachtwoord gewijzigd; ${d.endedSessions} andere ${d.endedSessions === 1 ? 'sessie' : 'sessies'} beëindigd`,
      'account.erased': (d: AuditEntry['details']) => `Account gewist${d.content === 'delete' ? ', bijdragen verwijderd' : ', bijdragen geanonimiseerd'}`,
      'account.password-reset': (d: AuditEntry['details']) => `Nieuw wachtwoord via e-mail; ${d.endedSessions} ${d.endedSessions === 1 ? 'sessie' : 'sessies'} beëindigd`,
    } satisfies Record<AuditEntry['action'], (d: AuditEntry['details']) => string>,
  },
  en: {
    title: 'Audit log',
    leadRegion: (region: string) => `Who did what in ${region}: staff roles, blocks, the licence and blocked sign-in attempts. Newest first.`,
    leadAll: 'Who did what on the whole platform: staff roles, blocks, licences and blocked sign-in attempts. Newest first.',
    none: 'The audit log is empty so far.',
    columns: { when: 'When', what: 'What', who: 'Who', about: 'Concerns', region: 'Region', reason: 'Reason' },
    region: 'Region',
    allRegions: 'All regions',
    show: 'Show',
    older: 'Older entries',
    newest: 'Back to the newest entries',
    pages: 'Pages of the audit log',
    nobody: 'KennisCloud itself',
    erased: 'Erased account',
    unknownAddress: 'An e-mail address without an account',
    status: { active: 'active', suspended: 'suspended' } as Record<string, string>,
    actions: {
      'staff-role.granted': (d: AuditEntry['details']) => `Staff role granted: ${roleOf(d, 'en')}`,
      'staff-role.revoked': (d: AuditEntry['details']) => `Staff role revoked: ${roleOf(d, 'en')}`,
      'account.blocked': () => 'Account blocked',
      'account.unblocked': () => 'Block lifted',
      'region.licence-changed': (d: AuditEntry['details']) => `Licence ${d.status === 'suspended' ? 'suspended' : 'active'}${d.expired ? ' (expired)' : ''}`,
      'sign-in.locked': (d: AuditEntry['details']) => `Sign-in locked for a while after ${d.failures} wrong passwords (${d.lockedSeconds} s)`,
      'session.refresh-reused': () => 'Session ended: an old sign-in key was used again',
      'session.logout-all': (d: AuditEntry['details']) => `Signed out everywhere (${d.endedSessions} ${d.endedSessions === 1 ? 'session' : 'sessions'})`,
      'account.password-changed': (d: AuditEntry['details']) => `Password changed; ${d.endedSessions} other ${d.endedSessions === 1 ? 'session' : 'sessions'} ended`,
      'account.erased': (d: AuditEntry['details']) => `Account erased${d.content === 'delete' ? ', contributions deleted' : ', contributions anonymised'}`,
      'account.password-reset': (d: AuditEntry['details']) => `New password through e-mail; ${d.endedSessions} ${d.endedSessions === 1 ? 'session' : 'sessions'} ended`,
    } satisfies Record<AuditEntry['action'], (d: AuditEntry['details']) => string>,
  },
});

export interface AuditPageModel {
  entries: AuditEntry[];
  nextCursor: string | null;
  /** The page shown is not the first. */
  paged: boolean;
  /** A library administrator's region; absent for the operator's log of the whole platform. */
  region?: z.infer<typeof Region>;
  /** The operator filters by region. */
  regions?: ResponseOf<typeof ListRegions>['items'];
  chosenRegion?: string;
}

/** Where a page of the log is: the operator's region filter and the cursor. */
export function auditPath(query: { regio?: string; na?: string }): string {
  const params = new URLSearchParams();
  if (query.regio) params.set('regio', query.regio);
  if (query.na) params.set('na', query.na);
  const search = params.toString();
  return search ? `${paths.audit()}?${search}` : paths.audit();
}

export function auditPage(web: WebContext, model: AuditPageModel): string {
  const t = auditText(web.lang);
  const who = (entry: AuditEntry) => (entry.actor ? entry.actor.displayName ?? t.erased : t.nobody);
  const about = (entry: AuditEntry) => {
    if (!entry.target) return t.unknownAddress;
    return entry.target.displayName ?? t.erased;
  };
  const columns = [t.columns.when, t.columns.what, t.columns.who, t.columns.about, ...(model.regions ? [t.columns.region] : []), t.columns.reason];
  return renderPage({
    web,
    title: model.region ? `${t.title} – ${model.region.name}` : t.title,
    children: (
      <>
        <PageHeading lead={model.region ? t.leadRegion(model.region.name) : t.leadAll}>{t.title}</PageHeading>
        {model.regions ? (
          <form class="kc-form kc-inline-form" method="get" action={paths.audit()}>
            <label class="utrecht-form-label" for="regio-keuze">{t.region}</label>
            <select class="utrecht-select utrecht-select--html-select" id="regio-keuze" name="regio">
              <option value="" selected={!model.chosenRegion}>{t.allRegions}</option>
              {model.regions.map((r) => <option value={r.slug} selected={r.slug === model.chosenRegion}>{r.name}</option>)}
            </select>
            <button class="utrecht-button utrecht-button--secondary-action" type="submit">{t.show}</button>
          </form>
        ) : null}
        {model.entries.length === 0 ? <p class="utrecht-paragraph">{t.none}</p> : (
          <DataTable
            columns={columns}
            rows={model.entries.map((entry) => [
              <time dateTime={entry.occurredAt}>{formatDateTime(entry.occurredAt, web.lang)}</time>,
              t.actions[entry.action](entry.details),
              who(entry),
              about(entry),
              ...(model.regions ? [entry.region?.name ?? '—'] : []),
              entry.reason ?? '—',
            ])}
          />
        )}
        {model.nextCursor || model.paged ? (
          <nav aria-label={t.pages}>
            <ul class="kc-nav__list">
              {model.paged ? <li><a class="utrecht-link" href={auditPath({ regio: model.chosenRegion })}>{t.newest}</a></li> : null}
              {model.nextCursor ? <li><a class="utrecht-link" href={auditPath({ regio: model.chosenRegion, na: model.nextCursor })}>{t.older}</a></li> : null}
            </ul>
          </nav>
        ) : null}
      </>
    ),
  });
}
