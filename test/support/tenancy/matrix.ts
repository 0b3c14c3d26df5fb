import type { ApiRoute } from '../../../services/gateway/test/api-routes';
import type { Actor, FixtureId } from './world';

/**
 * Who may do what with region B's members-only community, route by route: one expectation for
 * every route the gateway serves (the type is keyed by the OpenAPI route list, so a new route
 * without an expectation does not compile, and the system test checks the running gateway's
 * document against this table too).
 *
 * - `guarded`: the route reads or writes region B's resources. A read answers 2xx to `allowed`
 *   and 401/403/404 to everyone else; a write is sent by everyone else only and is refused
 *   the same way (the world is re-read afterwards: nothing changed). Bodies come from the
 *   hostile-input fuzz table (`fuzz`: its route's valid body) unless given here.
 * - `list`: lists, search and feeds that anyone may call; only `seers` may find the marker in them.
 * - `outside`: the route touches nothing of region B's (the reason says why).
 */

/** A path parameter: a fixture's id, or `=literal`. */
export type ParamValue = FixtureId | `=${string}`;

export type TenancyRule =
  | { kind: 'guarded'; params?: Record<string, ParamValue>; query?: Record<string, ParamValue>; allowed: readonly Actor[]; fuzz?: string; body?: unknown }
  | { kind: 'list'; variants: ReadonlyArray<{ params?: Record<string, ParamValue>; query?: Record<string, ParamValue> }>; seers: readonly Actor[] }
  | { kind: 'outside'; why: string };

const MEMBERS = ['member', 'moderator', 'organiser'] as const;
const MODERATORS = ['moderator', 'organiser'] as const;
const ORGANISERS = ['organiser'] as const;
const OPERATOR = ['operator'] as const;
const NOBODY = [] as const;

const community = { id: 'community' } as const;
const conversation = { id: 'conversation' } as const;
const contribution = { id: 'contribution' } as const;
const media = { id: 'media' } as const;
const collection = { id: 'collection' } as const;
const activity = { id: 'activity' } as const;
const occurrence = { id: 'activity', start: 'occurrence' } as const;
const regionB = { slug: 'regionB' } as const;

const read = (params: Record<string, ParamValue>, allowed: readonly Actor[] = MEMBERS, query?: Record<string, ParamValue>): TenancyRule => ({ kind: 'guarded', params, allowed, query });
const write = (params: Record<string, ParamValue>, allowed: readonly Actor[], from: { fuzz?: string; body?: unknown } = {}): TenancyRule => ({ kind: 'guarded', params, allowed, ...from });
const list = (seers: readonly Actor[], ...variants: Array<{ params?: Record<string, ParamValue>; query?: Record<string, ParamValue> }>): TenancyRule => ({ kind: 'list', seers, variants: variants.length ? variants : [{}] });
const outside = (why: string): TenancyRule => ({ kind: 'outside', why });
const hide = { fuzz: 'conversations.hide' };

export const TENANCY: Record<ApiRoute, TenancyRule> = {
  'POST /api/v1/regions': outside('licensing a new region: the operator’s, nothing of region B'),
  'GET /api/v1/regions': list(NOBODY),
  'POST /api/v1/auth/register': outside('makes one’s own account'),
  'POST /api/v1/auth/login': outside('one’s own account'),
  'GET /api/v1/me': list(NOBODY),
  'POST /api/v1/auth/refresh': outside('renews one’s own session'),
  'POST /api/v1/auth/logout': outside('ends one’s own session'),
  'POST /api/v1/auth/logout-all': outside('ends one’s own sessions'),
  'GET /api/v1/me/sessions': list(NOBODY),
  'DELETE /api/v1/me/sessions/{id}': outside('ends one’s own session, by an id only its owner is shown'),
  'PUT /api/v1/me/password': outside('one’s own password'),
  'POST /api/v1/auth/verify-email': outside('a token mailed to one’s own address'),
  'POST /api/v1/me/email-verification': outside('one’s own address'),
  'POST /api/v1/auth/password-reset': outside('a mail to the address named, telling nothing about it'),
  'POST /api/v1/auth/password-reset/confirm': outside('a token mailed to one’s own address'),
  'DELETE /api/v1/me': outside('erases one’s own account'),
  // Erasing the kring's member: the operator's alone (and not tried: it would end the world).
  'POST /api/v1/accounts/{id}/erase': write({ id: 'member' }, OPERATOR, { fuzz: 'erasure.account' }),
  'POST /api/v1/me/consent': outside('one’s own consent'),
  'GET /api/v1/regions/{slug}/retention': read(regionB, OPERATOR),
  'PUT /api/v1/regions/{slug}/retention': write(regionB, OPERATOR, { fuzz: 'retention.set' }),
  // Region B has no sign-in set up: 404 for the operator too, refused for everyone else.
  'GET /api/v1/regions/{slug}/sso': list(NOBODY, { params: regionB }),
  'PUT /api/v1/regions/{slug}/sso': write(regionB, OPERATOR, { fuzz: 'sso.set' }),
  'POST /api/v1/organisations': outside('starts an organisation of one’s own'),
  'GET /api/v1/organisations': list(NOBODY, { query: { region: 'regionB' } }, {}),
  // Partner organisations are public profiles; this world has none in region B's kring yet.
  'GET /api/v1/organisations/{id}': outside('a public organisation profile'),
  'PATCH /api/v1/organisations/{id}': outside('an organisation’s own profile; none is a partner of the kring here'),
  'POST /api/v1/organisations/{id}/members': outside('an organisation’s own people; none is a partner of the kring here'),
  'PUT /api/v1/organisations/{id}/members/{accountId}/role': outside('an organisation’s own people; none is a partner of the kring here'),
  'DELETE /api/v1/organisations/{id}/members/{accountId}': outside('an organisation’s own people; none is a partner of the kring here'),
  'POST /api/v1/communities/{id}/partners': write(community, ORGANISERS, { fuzz: 'partners.add' }),
  'DELETE /api/v1/communities/{id}/partners/{organisationId}': write({ id: 'community', organisationId: 'unknown' }, ORGANISERS),
  'GET /api/v1/communities/{id}/partners': read(community),
  'POST /api/v1/activities/{id}/partner-organisations': write(activity, ORGANISERS, { fuzz: 'activityPartners.add' }),
  'DELETE /api/v1/activities/{id}/partner-organisations/{organisationId}': write({ id: 'activity', organisationId: 'unknown' }, ORGANISERS),
  'GET /api/v1/activities/{id}/partner-organisations': read(activity),
  // Region B's public organisation co-hosts the kring's activity: anyone may list what it co-hosts, only the kring's people see that one.
  'GET /api/v1/organisations/{id}/activities': list(MEMBERS, { params: { id: 'organisationB' } }, { params: { id: 'unknown' } }),
  'GET /api/v1/operator/erasures/{id}': outside('an erasure, by an id only the operator has'),
  'POST /api/v1/regions/{slug}/staff': write(regionB, OPERATOR, { fuzz: 'staff.grant' }),
  'GET /api/v1/regions/{slug}/staff': read(regionB, OPERATOR),
  'DELETE /api/v1/regions/{slug}/staff/{accountId}/{role}': write({ slug: 'regionB', accountId: 'organiser', role: '=library_admin' }, OPERATOR),
  'PUT /api/v1/regions/{slug}/licence': write(regionB, OPERATOR, { body: { status: 'active' } }),
  'GET /api/v1/regions/{slug}/audit': read(regionB, OPERATOR, { limit: '=50' }),
  'GET /api/v1/operator/audit': list(NOBODY, { query: { region: 'regionB' } }),
  'GET /api/v1/me/profile': list(NOBODY),
  'PATCH /api/v1/me/profile': outside('changes one’s own profile'),
  'GET /api/v1/regions/{slug}/people': read(regionB, ['residentB', ...MEMBERS]),
  'POST /api/v1/accounts/{id}/block': write({ id: 'member' }, OPERATOR),
  'POST /api/v1/accounts/{id}/unblock': write({ id: 'residentB' }, OPERATOR),
  'POST /api/v1/communities': outside('starts a community of one’s own'),
  'GET /api/v1/communities': list(MEMBERS, { query: { region: 'regionB' } }, { query: { region: 'regionA' } }, { query: { scope: '=national' } }, {}),
  'GET /api/v1/communities/{id}': read(community),
  'POST /api/v1/communities/{id}/members': write(community, MEMBERS, { fuzz: 'communities.join' }),
  'GET /api/v1/communities/{id}/members': read(community),
  'PATCH /api/v1/communities/{id}': write(community, ORGANISERS, { body: { joinMode: 'open' } }),
  'GET /api/v1/communities/{id}/membership-requests': read(community, MODERATORS),
  'POST /api/v1/communities/{id}/membership-requests/{accountId}/approve': write({ id: 'community', accountId: 'residentB' }, MODERATORS),
  'POST /api/v1/communities/{id}/membership-requests/{accountId}/reject': write({ id: 'community', accountId: 'residentB' }, MODERATORS),
  'POST /api/v1/communities/{id}/invitations': write(community, MODERATORS, { fuzz: 'invitations.create' }),
  'GET /api/v1/communities/{id}/invitations': read(community, MODERATORS),
  'DELETE /api/v1/communities/{id}/invitations/{invitationId}': write({ id: 'community', invitationId: 'invitation' }, MODERATORS),
  // The link is the permission: whoever holds it sees what it invites to (test/membership cases); joining through it stays in region B.
  'GET /api/v1/invitations/{token}': read({ token: 'invitationToken' }, ['anonymous', 'residentA', 'residentB', 'national', 'librarianA', 'adminA', 'operator', ...MEMBERS]),
  'POST /api/v1/invitations/{token}/accept': write({ token: 'invitationToken' }, MEMBERS),
  'PUT /api/v1/communities/{id}/members/{accountId}/role': write({ id: 'community', accountId: 'member' }, ORGANISERS, { body: { role: 'organiser' } }),
  'DELETE /api/v1/communities/{id}/members/{accountId}': write({ id: 'community', accountId: 'member' }, ['member', ...MODERATORS]),
  'POST /api/v1/communities/{id}/blocks': write(community, MODERATORS, { fuzz: 'blocks.create' }),
  'DELETE /api/v1/communities/{id}/blocks/{accountId}': write({ id: 'community', accountId: 'residentB' }, MODERATORS),
  'GET /api/v1/communities/{id}/blocks': read(community, MODERATORS),
  'GET /api/v1/communities/{id}/audit': read(community, MODERATORS),
  'POST /api/v1/reports': write({}, MEMBERS, { fuzz: 'reports.create' }),
  'GET /api/v1/communities/{id}/reports': read(community, MODERATORS),
  'POST /api/v1/reports/{id}/dismiss': write({ id: 'report' }, MODERATORS),
  'POST /api/v1/contributions/{id}/hide': write(contribution, MODERATORS, hide),
  'POST /api/v1/contributions/{id}/restore': write(contribution, MODERATORS),
  'POST /api/v1/conversations/{id}/hide': write(conversation, MODERATORS, hide),
  'POST /api/v1/conversations/{id}/restore': write(conversation, MODERATORS),
  'POST /api/v1/media/{id}/hide': write(media, MODERATORS, hide),
  'POST /api/v1/media/{id}/restore': write(media, MODERATORS),
  'POST /api/v1/collections/{id}/hide': write(collection, MODERATORS, { fuzz: 'collections.hide' }),
  'POST /api/v1/collections/{id}/restore': write(collection, MODERATORS),
  'PUT /api/v1/communities/{id}/plan': write(community, ORGANISERS, { body: { goals: 'Overgenomen', targetGroup: '', conditions: '', approach: '' } }),
  'GET /api/v1/communities/{id}/plan': read(community),
  'POST /api/v1/communities/{id}/conversations': write(community, MEMBERS, { fuzz: 'conversations.start' }),
  'GET /api/v1/communities/{id}/conversations': read(community),
  'GET /api/v1/conversations/{id}': read(conversation),
  'POST /api/v1/conversations/{id}/contributions': write(conversation, MEMBERS, { fuzz: 'contributions.post' }),
  'GET /api/v1/conversations/{id}/contributions': read(conversation),
  // The contribution is the moderator's own.
  'PATCH /api/v1/contributions/{id}': write(contribution, ['moderator'], { body: { body: 'Overgenomen' } }),
  'DELETE /api/v1/contributions/{id}': write(contribution, MODERATORS),
  'PUT /api/v1/contributions/{id}/reactions/{kind}': write({ id: 'contribution', kind: '=nuttig' }, MEMBERS),
  'DELETE /api/v1/contributions/{id}/reactions/{kind}': write({ id: 'contribution', kind: '=nuttig' }, MEMBERS),
  'POST /api/v1/conversations/{id}/titles': write(conversation, MEMBERS, { fuzz: 'titles.add' }),
  'DELETE /api/v1/conversations/{id}/titles/{titleId}': write({ id: 'conversation', titleId: 'unknown' }, MEMBERS),
  'POST /api/v1/conversations/{id}/suggestions/{titleId}/dismiss': write({ id: 'conversation', titleId: 'unknown' }, MEMBERS),
  'POST /api/v1/conversations/{id}/media': write(conversation, MEMBERS, { fuzz: 'media.add' }),
  // The media link is the member's own.
  'PATCH /api/v1/media/{id}': write(media, ['member', ...MODERATORS], { fuzz: 'media.change' }),
  'DELETE /api/v1/media/{id}': write(media, ['member', ...MODERATORS]),
  'POST /api/v1/communities/{id}/collections': write(community, MEMBERS, { fuzz: 'collections.create' }),
  'GET /api/v1/communities/{id}/collections': read(community),
  'GET /api/v1/regions/{slug}/collections': list(NOBODY, { params: { slug: 'regionB' } }, { params: { slug: 'regionA' } }),
  'GET /api/v1/collections/{id}': read(collection),
  'PATCH /api/v1/collections/{id}': write(collection, MODERATORS, { fuzz: 'collections.update' }),
  'DELETE /api/v1/collections/{id}': write(collection, MODERATORS),
  'POST /api/v1/collections/{id}/items': write(collection, MODERATORS, { fuzz: 'collections.items.add' }),
  'PATCH /api/v1/collections/{id}/items/{itemId}': write({ id: 'collection', itemId: 'item' }, MODERATORS, { fuzz: 'collections.items.change' }),
  'DELETE /api/v1/collections/{id}/items/{itemId}': write({ id: 'collection', itemId: 'item' }, MODERATORS),
  'POST /api/v1/communities/{id}/activities': write(community, ORGANISERS, { fuzz: 'activities.schedule' }),
  'GET /api/v1/communities/{id}/activities': read(community),
  'GET /api/v1/communities/{id}/calendar.ics': read(community),
  'GET /api/v1/activities/{id}': read(activity),
  'PATCH /api/v1/activities/{id}': write(activity, ORGANISERS, { fuzz: 'activities.update' }),
  'POST /api/v1/activities/{id}/rsvp': write(activity, MEMBERS, { fuzz: 'rsvp' }),
  'DELETE /api/v1/activities/{id}/rsvp': write(activity, MEMBERS),
  'GET /api/v1/activities/{id}/attendees': read(activity, ORGANISERS),
  'GET /api/v1/me/activities': list(MEMBERS, { query: { when: '=upcoming' } }),
  'GET /api/v1/regions/{slug}/activities': list(MEMBERS, { params: { slug: 'regionB' } }, { params: { slug: 'regionA' } }),
  'GET /api/v1/regions/{slug}/calendar.ics': list(MEMBERS, { params: { slug: 'regionB' } }, { params: { slug: 'regionA' } }),
  'GET /api/v1/me/calendar-feed': list(NOBODY),
  'POST /api/v1/me/calendar-feed/rotate': outside('renews one’s own feed address'),
  // The national member's own feed: anyone holding its address reads it, and it holds nothing of region B's kring.
  'GET /api/v1/calendar-feeds/{token}/calendar.ics': list(NOBODY, { params: { token: 'nationalFeed' } }),
  'POST /api/v1/activities/{id}/cancel': write(activity, ORGANISERS, { fuzz: 'activities.cancel' }),
  'POST /api/v1/activities/{id}/attendance': write(activity, ORGANISERS, { fuzz: 'attendance.record' }),
  'GET /api/v1/activities/{id}/check-in-code': read(activity, ORGANISERS),
  'POST /api/v1/activities/{id}/check-in': write(activity, MEMBERS, { fuzz: 'checkin' }),
  'GET /api/v1/activities/{id}/attendance': read(activity, ORGANISERS),
  'GET /api/v1/activities/{id}/occurrences': read(activity),
  'PATCH /api/v1/activities/{id}/occurrences/{start}': write(occurrence, ORGANISERS, { fuzz: 'occurrences.update' }),
  'POST /api/v1/activities/{id}/occurrences/{start}/rsvp': write(occurrence, MEMBERS, { fuzz: 'occurrences.rsvp' }),
  'DELETE /api/v1/activities/{id}/occurrences/{start}/rsvp': write(occurrence, MEMBERS),
  'GET /api/v1/activities/{id}/occurrences/{start}/attendees': read(occurrence, ORGANISERS),
  'POST /api/v1/activities/{id}/occurrences/{start}/attendance': write(occurrence, ORGANISERS, { fuzz: 'occurrences.attendance.record' }),
  'GET /api/v1/activities/{id}/occurrences/{start}/check-in-code': read(occurrence, ORGANISERS),
  'POST /api/v1/activities/{id}/occurrences/{start}/check-in': write(occurrence, MEMBERS, { fuzz: 'occurrences.checkin' }),
  'GET /api/v1/activities/{id}/occurrences/{start}/attendance': read(occurrence, ORGANISERS),
  'GET /api/v1/activities/{id}/book-table': read(activity),
  'GET /api/v1/operator/usage': list(NOBODY),
  // Co-hosting by the national community: nobody invited it, so there is nothing to accept or decline.
  'POST /api/v1/activities/{id}/cohosts': write(activity, ORGANISERS, { fuzz: 'cohosts.invite' }),
  'GET /api/v1/activities/{id}/cohosts': read(activity),
  'POST /api/v1/activities/{id}/cohosts/{communityId}/accept': write({ id: 'activity', communityId: 'nationalCommunity' }, NOBODY),
  'POST /api/v1/activities/{id}/cohosts/{communityId}/decline': write({ id: 'activity', communityId: 'nationalCommunity' }, NOBODY),
  'DELETE /api/v1/activities/{id}/cohosts/{communityId}': write({ id: 'activity', communityId: 'nationalCommunity' }, ORGANISERS),
  'GET /api/v1/communities/{id}/cohost-invitations': read(community, ORGANISERS),
  'POST /api/v1/me/export': outside('exports one’s own data'),
  'GET /api/v1/me/export': list(MEMBERS),
  'GET /api/v1/me/export/{id}': outside('one’s own export, by an id only its owner has'),
  'GET /api/v1/search': list(MEMBERS, { query: { q: 'marker' } }, { query: { q: 'marker', region: 'regionB' } }, { query: { q: 'marker', region: 'regionA' } }),
  'POST /api/v1/catalogue/imports': outside('a region’s own catalogue, by its library administrators'),
  'GET /api/v1/catalogue/imports/{id}': outside('an import, by an id only its region’s administrators have'),
  'GET /api/v1/catalogue/titles': list(NOBODY, { query: { q: 'marker', region: 'regionB' } }),
  'GET /api/v1/thesaurus/brinkman': outside('a published vocabulary, the same for everyone: no region’s data'),
  'GET /health': outside('no data'),
  'POST /api/v1/regions/{slug}/branches': write(regionB, OPERATOR, { fuzz: 'branches.create' }),
  'GET /api/v1/regions/{slug}/branches': list(NOBODY, { params: { slug: 'regionB' } }),
  'PATCH /api/v1/branches/{id}': write({ id: 'branchB' }, OPERATOR, { fuzz: 'branches.update' }),
  'DELETE /api/v1/branches/{id}': write({ id: 'branchB' }, OPERATOR),
  'POST /api/v1/branches/{id}/rooms': write({ id: 'branchB' }, OPERATOR, { fuzz: 'rooms.create' }),
  'GET /api/v1/branches/{id}/rooms': list(NOBODY, { params: { id: 'branchB' } }),
  'PATCH /api/v1/rooms/{id}': write({ id: 'roomB' }, OPERATOR, { fuzz: 'rooms.update' }),
  'DELETE /api/v1/rooms/{id}': write({ id: 'roomB' }, OPERATOR),
};
