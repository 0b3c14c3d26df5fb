import type { CommunityAccess, GetCommunity, ListMembers, ListMembershipRequests, MemberRole, ResponseOf } from '@kc/contracts';
import { ActionForm, Alert, DataTable } from '../layout/components';
import { CSRF_FIELD } from '../layout/forms';
import { formatDate } from '../layout/dates';
import { textsFor } from '../layout/i18n';
import { PageHeading, renderPage } from '../layout/page';
import { paths } from '../layout/paths';
import type { WebContext } from '../web-context';
import { memberActionsFor } from './membership-rules';

const ROLES: MemberRole[] = ['organiser', 'moderator', 'member'];

export const membersText = textsFor({
  nl: {
    title: (name: string) => `Leden van ${name}`,
    lead: 'Wie er in deze community zit, en met welke rol.',
    roles: { organiser: 'Organisator', moderator: 'Moderator', member: 'Lid' } satisfies Record<MemberRole, string>,
    columns: { name: 'Naam', role: 'Rol', actions: 'Acties' },
    members: (n: number) => `Leden (${n})`,
    you: '(jij)',
    roleLabel: (name: string) => `Rol van ${name}`,
    changeRole: 'Rol wijzigen',
    changeRoleLabel: (name: string) => `Rol wijzigen van ${name}`,
    remove: 'Verwijderen',
    removeLabel: (name: string) => `${name} uit de community verwijderen`,
    requests: 'Aanvragen om lid te worden',
    noRequests: 'Er zijn geen open aanvragen.',
    requestedOn: 'Aangevraagd op',
    approve: 'Goedkeuren',
    approveLabel: (name: string) => `Aanvraag van ${name} goedkeuren`,
    reject: 'Afwijzen',
    rejectLabel: (name: string) => `Aanvraag van ${name} afwijzen`,
    invitations: 'Uitnodigingen beheren',
  },
  en: {
    title: (name: string) => `Members of ${name}`,
    lead: 'Who is in this community, and in which role.',
    roles: { organiser: 'Organiser', moderator: 'Moderator', member: 'Member' } satisfies Record<MemberRole, string>,
    columns: { name: 'Name', role: 'Role', actions: 'Actions' },
    members: (n: number) => `Members (${n})`,
    you: '(you)',
    roleLabel: (name: string) => `Role of ${name}`,
    changeRole: 'Change role',
    changeRoleLabel: (name: string) => `Change role of ${name}`,
    remove: 'Remove',
    removeLabel: (name: string) => `Remove ${name} from the community`,
    requests: 'Requests to join',
    noRequests: 'There are no open requests.',
    requestedOn: 'Requested on',
    approve: 'Approve',
    approveLabel: (name: string) => `Approve the request of ${name}`,
    reject: 'Reject',
    rejectLabel: (name: string) => `Reject the request of ${name}`,
    invitations: 'Manage invitations',
  },
});

export interface MembersPageModel {
  community: ResponseOf<typeof GetCommunity>;
  access: ResponseOf<typeof CommunityAccess>;
  members: ResponseOf<typeof ListMembers>['items'];
  /** Open requests, for those who answer them (null for the others). */
  requests: ResponseOf<typeof ListMembershipRequests>['items'] | null;
  /** A refusal of the service (the last organiser, a moderator removing an organiser), in the person's language. */
  error?: string;
}

export function membersPage(web: WebContext, model: MembersPageModel): string {
  const t = membersText(web.lang);
  const { community, access } = model;
  const viewer = { accountId: web.viewer?.id ?? '', role: access.role, isRegionStaff: access.isRegionStaff };
  return renderPage({
    web,
    title: t.title(community.name),
    breadcrumbs: [{ href: paths.home(), label: 'KennisCloud' }, { href: paths.community(community.id), label: community.name }],
    children: (
      <>
        <PageHeading lead={t.lead}>{t.title(community.name)}</PageHeading>
        {model.error ? <Alert type="error">{model.error}</Alert> : null}
        {model.requests ? (
          <section aria-labelledby="aanvragen">
            <h2 class="utrecht-heading-2" id="aanvragen">{t.requests}</h2>
            {model.requests.length === 0 ? <p class="utrecht-paragraph">{t.noRequests}</p> : (
              <DataTable
                columns={[t.columns.name, t.requestedOn, t.columns.actions]}
                rows={model.requests.map((r) => [
                  r.displayName,
                  <time dateTime={r.requestedAt}>{formatDate(r.requestedAt, web.lang)}</time>,
                  <div class="kc-actions">
                    <ActionForm action={paths.approveRequest(community.id, r.accountId)} csrfToken={web.csrfToken}>
                      <button class="utrecht-button utrecht-button--primary-action" type="submit" aria-label={t.approveLabel(r.displayName)}>{t.approve}</button>
                    </ActionForm>
                    <ActionForm action={paths.rejectRequest(community.id, r.accountId)} csrfToken={web.csrfToken}>
                      <button class="utrecht-button utrecht-button--secondary-action" type="submit" aria-label={t.rejectLabel(r.displayName)}>{t.reject}</button>
                    </ActionForm>
                  </div>,
                ])}
              />
            )}
          </section>
        ) : null}
        <section aria-labelledby="leden">
          <h2 class="utrecht-heading-2" id="leden">{t.members(model.members.length)}</h2>
          <DataTable
            columns={[t.columns.name, t.columns.role, t.columns.actions]}
            rows={model.members.map((m) => {
              const may = memberActionsFor(viewer, m);
              const selectId = `rol-${m.accountId}`;
              return [
                <>{m.displayName}{may.leave ? ` ${t.you}` : ''}</>,
                t.roles[m.role],
                <div class="kc-actions">
                  {may.changeRole ? (
                    <form class="kc-action-form" method="post" action={paths.memberRole(community.id, m.accountId)}>
                      <input type="hidden" name={CSRF_FIELD} value={web.csrfToken} />
                      <label class="utrecht-form-label kc-visually-hidden" for={selectId}>{t.roleLabel(m.displayName)}</label>
                      <select class="utrecht-select utrecht-select--html-select" id={selectId} name="role">
                        {ROLES.map((role) => <option value={role} selected={role === m.role}>{t.roles[role]}</option>)}
                      </select>{' '}
                      <button class="utrecht-button utrecht-button--secondary-action" type="submit" aria-label={t.changeRoleLabel(m.displayName)}>{t.changeRole}</button>
                    </form>
                  ) : null}
                  {may.remove ? (
                    <ActionForm action={paths.removeMember(community.id, m.accountId)} csrfToken={web.csrfToken}>
                      <button class="utrecht-button utrecht-button--subtle-action" type="submit" aria-label={t.removeLabel(m.displayName)}>{t.remove}</button>
                    </ActionForm>
                  ) : null}
                </div>,
              ];
            })}
          />
        </section>
        {model.requests ? <p class="utrecht-paragraph"><a class="utrecht-link" href={paths.communityInvitations(community.id)}>{t.invitations}</a></p> : null}
      </>
    ),
  });
}
