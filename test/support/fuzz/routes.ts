import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { z } from 'zod';
import {
  AddCollectionItemBody, AddConversationTitleBody, AddMediaBody, ChangeCollectionItemBody, CreateCollectionBody, UpdateCollectionBody, ChangeMediaBody, CreateCommunity, ChangePassword, ConfirmPasswordReset, CreateRegion, Empty, RequestPasswordReset, VerifyEmail, GrantStaffRoleBody, Id, LoginCredentials, RefreshSession, PostContributionBody, ProfileChanges, RegionSlug, RegisterAccount, StartConversation, TERMS_VERSION, UpdateCommunity, CreateInvitation, InvitationToken, BlockMember, ReportContent, HideContent, EraseMe, EraseAccount, AcceptTerms, SetRegionRetention, RegionSsoSettings,
  CreateOrganisation, UpdateOrganisationBody, AddOrganisationMemberBody, OrganisationRole,
} from '@kc/contracts';
import { hostileString, uuidish } from './strings';
import { cursorish } from './paths-and-queries';
import { accountIds, emails, hostileUrls, limits, passwords, regionQuery, slugs, text, type FuzzRoute } from './route-values';
import { CALENDAR_ROUTES } from './routes.calendar';
import { MARC, REGION_A as A, REGION_B as B } from './settings';

const EraseAccountBody = EraseAccount.request.omit({ accountId: true });

/** The routes, as the generator and the oracle see them (the calendar's in routes.calendar.ts). */
export type { Effect, FuzzRoute } from './route-values';

/** The first record of the MARC fixture (a MARC21 record says its own length in its first five bytes). */
const ONE_RECORD = (() => {
  const file = readFileSync(MARC);
  return new Uint8Array(file.subarray(0, Number(file.subarray(0, 5).toString('latin1'))));
})();

const NEVER_ISSUED_LINK_TOKEN = 'a'.repeat(43);
const linkTokens = fc.oneof(hostileString, fc.stringMatching(/^[A-Za-z0-9_-]{43}$/), fc.constantFrom('', 'a'.repeat(42), 'a'.repeat(44)));

export const ROUTES: Record<string, FuzzRoute> = {
  'regions.create': {
    name: 'regions.create', method: 'POST', path: 'regions', effect: 'region', bodySchema: CreateRegion.request, actors: ['operator'],
    body: { valid: { slug: '«fresh.slug»', name: 'Fuzz West' }, fields: { slug: { kind: 'string', values: slugs }, name: { kind: 'string', values: text('Fuzz Oost') } } },
  },
  'regions.list': { name: 'regions.list', method: 'GET', path: 'regions', actors: ['anonymous', 'organiser'] },
  'staff.grant': {
    name: 'staff.grant', method: 'POST', path: 'regions/:slug/staff', knownIds: ['regionA', 'regionB'], params: z.object({ slug: RegionSlug }), effect: 'staff', actors: ['operator', 'admin'],
    bodySchema: GrantStaffRoleBody,
    body: { valid: { accountId: '«admin.id»', role: 'community_librarian' }, fields: { accountId: { kind: 'uuid', values: accountIds }, role: { kind: 'enum', values: fc.constantFrom('library_admin', 'community_librarian', 'koning', 'operator', '') } } },
  },
  'staff.list': { name: 'staff.list', method: 'GET', path: 'regions/:slug/staff', knownIds: ['regionA', 'regionB'], params: z.object({ slug: RegionSlug }), actors: ['operator', 'admin', 'organiser'] },
  'audit.region': {
    name: 'audit.region', method: 'GET', path: 'regions/:slug/audit', knownIds: ['regionA', 'regionB'], params: z.object({ slug: RegionSlug }), actors: ['operator', 'admin', 'organiser'],
    query: { limit: limits, cursor: cursorish }, validQuery: { limit: '5' },
  },
  'audit.operator': { name: 'audit.operator', method: 'GET', path: 'operator/audit', actors: ['operator', 'admin'], query: { region: regionQuery, limit: limits, cursor: cursorish }, validQuery: { limit: '5' } },
  'operator.usage': { name: 'operator.usage', method: 'GET', path: 'operator/usage', actors: ['operator', 'admin', 'member', 'anonymous'] },
  'export.list': { name: 'export.list', method: 'GET', path: 'me/export', actors: ['member', 'operator', 'anonymous'] },
  'export.get': { name: 'export.get', method: 'GET', path: 'me/export/:id', knownIds: ['community', 'activity', 'conversation'], params: z.object({ id: Id }), actors: ['member', 'operator', 'anonymous'] },
  // Never a real password, and never the operator: the fuzz must not erase its own actors; the refusals are what is tried.
  'erasure.self': {
    name: 'erasure.self', method: 'DELETE', path: 'me', bodySchema: EraseMe.request, actors: ['member', 'outsider', 'anonymous'],
    body: {
      valid: { password: 'Wachtwoord-fout-1', content: 'anonymise' },
      fields: { password: { kind: 'string', values: fc.oneof(fc.constantFrom('Wachtwoord-fout-1', 'kort', ''), hostileString) }, content: { kind: 'enum', values: fc.constantFrom('anonymise', 'delete', 'wis', '') } },
    },
  },
  'consent.accept': {
    name: 'consent.accept', method: 'POST', path: 'me/consent', bodySchema: AcceptTerms.request, actors: ['member', 'outsider', 'anonymous'],
    body: { valid: { acceptedTermsVersion: TERMS_VERSION }, fields: { acceptedTermsVersion: { kind: 'string', values: fc.oneof(fc.constantFrom(TERMS_VERSION, '2020-01-01', ''), hostileString) } } },
  },
  'retention.get': { name: 'retention.get', method: 'GET', path: 'regions/:slug/retention', knownIds: ['regionA', 'regionB'], params: z.object({ slug: RegionSlug }), actors: ['operator', 'admin', 'member', 'anonymous'] },
  'retention.set': {
    name: 'retention.set', method: 'PUT', path: 'regions/:slug/retention', knownIds: ['regionA', 'regionB'], params: z.object({ slug: RegionSlug }), bodySchema: SetRegionRetention.request.omit({ region: true }),
    actors: ['admin', 'member', 'anonymous'],
    body: { valid: { inactiveAccountMonths: 36 }, fields: { inactiveAccountMonths: { kind: 'number', values: fc.oneof(fc.integer({ min: -1, max: 200 }), fc.constantFrom(5, 6, 120, 121, 1.5, 1e21)) } } },
  },
  'sso.get': { name: 'sso.get', method: 'GET', path: 'regions/:slug/sso', knownIds: ['regionA', 'regionB'], params: z.object({ slug: RegionSlug }), actors: ['operator', 'admin', 'member', 'anonymous'] },
  'sso.set': {
    name: 'sso.set', method: 'PUT', path: 'regions/:slug/sso', knownIds: ['regionA', 'regionB'], params: z.object({ slug: RegionSlug }), bodySchema: RegionSsoSettings,
    actors: ['admin', 'member', 'anonymous'],
    // Valid in shape but not reachable: the service must answer with a 400 (discovery failed), never a 500.
    body: {
      valid: { issuer: 'https://127.0.0.1:1', clientId: 'kenniscloud', clientSecret: 'geheim', enabled: true },
      fields: {
        issuer: { kind: 'string', values: fc.oneof(fc.constantFrom('https://127.0.0.1:1', 'http://idp.invalid', 'http://127.0.0.1:1', 'javascript:alert(1)', 'https://user:pw@idp.invalid', ''), hostileString) },
        clientId: { kind: 'string', values: text('kenniscloud', '') },
        clientSecret: { kind: 'string', values: text('geheim', '') },
        enabled: { kind: 'enum', values: fc.constantFrom(true, false, 'ja', 1) },
      },
    },
  },
  'erasure.account': {
    name: 'erasure.account', method: 'POST', path: 'accounts/:id/erase', knownIds: ['community', 'activity'], params: z.object({ id: Id }), bodySchema: EraseAccountBody, actors: ['admin', 'member', 'anonymous'],
    body: { valid: { content: 'delete', reason: 'Op verzoek' }, fields: { content: { kind: 'enum', values: fc.constantFrom('anonymise', 'delete', 'x') }, reason: { kind: 'string', values: text('Verzoek per brief', '') } } },
  },
  'erasure.get': { name: 'erasure.get', method: 'GET', path: 'operator/erasures/:id', knownIds: ['community', 'activity'], params: z.object({ id: Id }), actors: ['operator', 'admin', 'member', 'anonymous'] },
  'auth.register': {
    name: 'auth.register', method: 'POST', path: 'auth/register', effect: 'account', bodySchema: RegisterAccount.request, actors: ['anonymous'],
    body: {
      valid: { email: '«fresh.email»', password: 'Wachtwoord-12345', displayName: 'Nieuwe Inwoner', region: A, acceptedTermsVersion: TERMS_VERSION },
      fields: { email: { kind: 'string', values: emails }, password: { kind: 'string', values: passwords }, displayName: { kind: 'string', values: text('Anna') }, region: { kind: 'string', values: slugs } },
    },
  },
  'auth.login': {
    name: 'auth.login', method: 'POST', path: 'auth/login', bodySchema: LoginCredentials, actors: ['anonymous'],
    body: { valid: { email: '«organiser.email»', password: 'Wachtwoord-fout-1' }, fields: { email: { kind: 'string', values: emails }, password: { kind: 'string', values: passwords } } },
  },
  'auth.refresh': {
    name: 'auth.refresh', method: 'POST', path: 'auth/refresh', bodySchema: RefreshSession.request, actors: ['anonymous'],
    body: { valid: { refreshToken: 'nooit-uitgegeven-verversingstoken' }, fields: { refreshToken: { kind: 'string', values: fc.oneof(hostileString, fc.base64String(), fc.constantFrom('', 'x'.repeat(200), 'x'.repeat(201))) } } },
  },
  // Signing out ends the caller's session(s): the harness signs them in again after a 2xx ('session').
  'auth.logout': { name: 'auth.logout', method: 'POST', path: 'auth/logout', body: 'empty', bodySchema: Empty, effect: 'session', actors: ['member', 'anonymous'] },
  'auth.logoutAll': { name: 'auth.logoutAll', method: 'POST', path: 'auth/logout-all', body: 'empty', bodySchema: Empty, effect: 'session', actors: ['outsider', 'anonymous'] },
  'sessions.list': { name: 'sessions.list', method: 'GET', path: 'me/sessions', actors: ['member', 'operator', 'anonymous'] },
  // Only ids that are nobody's own session: a valid request is 404.
  'sessions.end': { name: 'sessions.end', method: 'DELETE', path: 'me/sessions/:id', knownIds: ['community', 'activity'], params: z.object({ id: Id }), actors: ['member', 'anonymous'] },
  'password.change': {
    // Never the actor's real password: a valid request is a wrong current password (403), and nothing changes.
    name: 'password.change', method: 'PUT', path: 'me/password', bodySchema: ChangePassword.request, actors: ['outsider', 'anonymous'],
    body: {
      valid: { currentPassword: 'Niet-mijn-wachtwoord-1', newPassword: 'Nieuw-wachtwoord-123' },
      fields: { currentPassword: { kind: 'string', values: fc.oneof(hostileString, fc.constantFrom('', 'Wachtwoord-123', 'x'.repeat(201))) }, newPassword: { kind: 'string', values: passwords } },
    },
  },
  // Tokens that were never issued: a valid request is 410, and nothing changes.
  'email.verify': {
    name: 'email.verify', method: 'POST', path: 'auth/verify-email', bodySchema: VerifyEmail.request, actors: ['anonymous', 'member'],
    body: { valid: { token: NEVER_ISSUED_LINK_TOKEN }, fields: { token: { kind: 'string', values: linkTokens } } },
  },
  'email.resend': { name: 'email.resend', method: 'POST', path: 'me/email-verification', body: 'empty', bodySchema: Empty, actors: ['member', 'anonymous'] },
  'password.reset': {
    name: 'password.reset', method: 'POST', path: 'auth/password-reset', bodySchema: RequestPasswordReset.request, actors: ['anonymous'],
    body: { valid: { email: '«organiser.email»' }, fields: { email: { kind: 'string', values: emails } } },
  },
  'password.resetConfirm': {
    name: 'password.resetConfirm', method: 'POST', path: 'auth/password-reset/confirm', bodySchema: ConfirmPasswordReset.request, actors: ['anonymous'],
    body: { valid: { token: NEVER_ISSUED_LINK_TOKEN, newPassword: 'Nieuw-wachtwoord-123' }, fields: { token: { kind: 'string', values: linkTokens }, newPassword: { kind: 'string', values: passwords } } },
  },
  me: { name: 'me', method: 'GET', path: 'me' },
  'profile.get': { name: 'profile.get', method: 'GET', path: 'me/profile' },
  'profile.update': {
    // No displayName among the fuzzed fields: the snapshot compares /me before and after.
    name: 'profile.update', method: 'PATCH', path: 'me/profile', effect: 'profile', bodySchema: ProfileChanges, actors: ['member', 'outsider'],
    body: {
      valid: { bio: 'Fuzzprofiel', expertise: ['fuzz'], directory: false },
      fields: {
        bio: { kind: 'string', values: text('') },
        expertise: { kind: 'enum', values: fc.oneof(fc.array(text('Zonnepanelen', ''), { maxLength: 25 }), fc.constantFrom([], ['a', 'A', ' a '], 'zonnepanelen', null, [1], [['x']])) },
        directory: { kind: 'enum', values: fc.constantFrom(true, false, 'ja', 1, 0, null, 'true') },
      },
    },
  },
  'people.list': {
    name: 'people.list', method: 'GET', path: 'regions/:slug/people', knownIds: ['regionA', 'regionB'], params: z.object({ slug: RegionSlug }), actors: ['member', 'outsider', 'operator'],
    query: { expertise: fc.oneof(hostileString, fc.constantFrom('zonne', '%', '_', '\\', 'x'.repeat(60), 'x'.repeat(61), '')), limit: limits, cursor: cursorish }, validQuery: { expertise: 'zonne', limit: '5' },
  },
  'communities.list': { name: 'communities.list', method: 'GET', path: 'communities', query: { region: regionQuery, limit: limits, cursor: cursorish }, validQuery: { region: A, limit: '5' } },
  'communities.get': { name: 'communities.get', method: 'GET', path: 'communities/:id', knownIds: ['community', 'privateCommunity', 'otherRegionCommunity', 'conversation'], params: z.object({ id: Id }) },
  'communities.create': {
    name: 'communities.create', method: 'POST', path: 'communities', effect: 'community', bodySchema: CreateCommunity.request, actors: ['organiser', 'member', 'outsider'],
    body: {
      valid: { name: 'Fuzzclub', description: 'Wordt nooit aangemaakt.', visibility: 'public' },
      fields: { name: { kind: 'string', values: text('abc') }, description: { kind: 'string', values: text('') }, visibility: { kind: 'enum', values: fc.constantFrom('public', 'members', 'PUBLIC', 'private', '') },
        onBehalfOfLibrary: { kind: 'enum', values: fc.constantFrom(true, false, 'true', 1, null) } },
    },
  },
  'communities.join': {
    name: 'communities.join', method: 'POST', path: 'communities/:id/members', knownIds: ['community', 'scratch', 'privateCommunity', 'otherRegionCommunity', 'activity'], params: z.object({ id: Id }),
    body: 'empty', bodySchema: Empty, effect: 'join', actors: ['member', 'admin', 'outsider'],
  },
  'conversations.start': {
    name: 'conversations.start', method: 'POST', path: 'communities/:id/conversations', knownIds: ['scratch', 'community', 'privateCommunity', 'otherRegionCommunity', 'conversation'], params: z.object({ id: Id }),
    effect: 'conversation', actors: ['organiser'], bodySchema: StartConversation.request.omit({ communityId: true }),
    body: { valid: { title: 'Fuzzgesprek', body: 'Mag nooit verschijnen.' }, fields: { title: { kind: 'string', values: text('abc') }, body: { kind: 'string', values: text('x') } } },
  },
  'conversations.list': {
    name: 'conversations.list', method: 'GET', path: 'communities/:id/conversations', knownIds: ['community', 'privateCommunity', 'otherRegionCommunity', 'conversation'], params: z.object({ id: Id }),
    query: { limit: limits, cursor: cursorish }, validQuery: { limit: '5' },
  },
  'conversations.get': { name: 'conversations.get', method: 'GET', path: 'conversations/:id', knownIds: ['conversation', 'community', 'activity'], params: z.object({ id: Id }) },
  'contributions.post': {
    name: 'contributions.post', method: 'POST', path: 'conversations/:id/contributions', knownIds: ['conversation', 'community', 'activity'], params: z.object({ id: Id }),
    effect: 'contribution', actors: ['organiser', 'member', 'outsider'], bodySchema: PostContributionBody,
    body: {
      valid: { body: 'Fuzzbijdrage' },
      fields: {
        body: { kind: 'string', values: text('**vet**', '[x](javascript:alert(1))', '<script>alert(1)</script>', '[r]: https://example.org') },
        parentId: { kind: 'uuid', values: uuidish },
        mentions: { kind: 'enum', values: fc.oneof(fc.array(uuidish, { maxLength: 3 }), fc.constant([]), fc.array(fc.constant('00000000-0000-7000-8000-000000000000'), { minLength: 2, maxLength: 2 })) },
      },
    },
  },
  'contributions.list': {
    name: 'contributions.list', method: 'GET', path: 'conversations/:id/contributions', knownIds: ['conversation', 'community', 'activity'], params: z.object({ id: Id }),
    query: { limit: limits, cursor: cursorish }, validQuery: { limit: '10' },
  },
  'titles.add': {
    name: 'titles.add', method: 'POST', path: 'conversations/:id/titles', knownIds: ['conversation', 'community', 'activity'], params: z.object({ id: Id }),
    effect: 'title', actors: ['organiser', 'member', 'outsider'], bodySchema: AddConversationTitleBody,
    body: { valid: { titleId: '00000000-0000-7000-8000-000000000000' }, fields: { titleId: { kind: 'uuid', values: uuidish } } },
  },
  'media.add': {
    name: 'media.add', method: 'POST', path: 'conversations/:id/media', knownIds: ['conversation', 'community', 'activity'], params: z.object({ id: Id }),
    effect: 'media', actors: ['organiser', 'member', 'outsider'], bodySchema: AddMediaBody,
    body: {
      valid: { url: 'https://example.org/fuzz' },
      fields: {
        url: {
          kind: 'string',
          values: hostileUrls,
        },
        note: { kind: 'string', values: text('', '<script>alert(1)</script>') },
      },
    },
  },
  'media.change': {
    name: 'media.change', method: 'PATCH', path: 'media/:id', knownIds: ['conversation', 'community', 'activity'], params: z.object({ id: Id }), effect: 'media',
    actors: ['organiser', 'member', 'outsider'], bodySchema: ChangeMediaBody,
    body: { valid: { kind: 'video' }, fields: { kind: { kind: 'enum', values: fc.constantFrom('video', 'article', 'website', 'podcast', 'film', '', null) }, note: { kind: 'string', values: text('') } } },
  },
  'media.remove': { name: 'media.remove', method: 'DELETE', path: 'media/:id', knownIds: ['conversation', 'community', 'activity'], params: z.object({ id: Id }), effect: 'media', actors: ['organiser', 'member', 'outsider'] },
  // Theme collections: the setup's collection (the organiser's, with one item) is changed only by those refused (a member, another region).
  'collections.create': {
    name: 'collections.create', method: 'POST', path: 'communities/:id/collections', knownIds: ['community', 'privateCommunity', 'otherRegionCommunity', 'collection'], params: z.object({ id: Id }),
    effect: 'collection', actors: ['organiser', 'member', 'outsider'], bodySchema: CreateCollectionBody,
    body: { valid: { title: 'Fuzzcollectie', description: '' }, fields: { title: { kind: 'string', values: text('Repareren') }, description: { kind: 'string', values: text('', '<script>alert(1)</script> [x](javascript:alert(1))') } } },
  },
  'collections.list': {
    name: 'collections.list', method: 'GET', path: 'communities/:id/collections', knownIds: ['community', 'privateCommunity', 'otherRegionCommunity'], params: z.object({ id: Id }),
    query: { limit: limits, cursor: cursorish }, validQuery: { limit: '10' }, actors: ['organiser', 'outsider', 'anonymous'],
  },
  'collections.region': {
    name: 'collections.region', method: 'GET', path: 'regions/:slug/collections', knownIds: ['regionA', 'regionB'], params: z.object({ slug: RegionSlug }),
    query: { limit: limits }, validQuery: { limit: '10' }, actors: ['anonymous', 'outsider'],
  },
  'collections.get': { name: 'collections.get', method: 'GET', path: 'collections/:id', knownIds: ['collection', 'community'], params: z.object({ id: Id }), actors: ['organiser', 'outsider', 'anonymous'] },
  'collections.update': {
    name: 'collections.update', method: 'PATCH', path: 'collections/:id', knownIds: ['collection', 'community'], params: z.object({ id: Id }), effect: 'collection', actors: ['member', 'outsider'],
    bodySchema: UpdateCollectionBody,
    body: { valid: { title: 'Overgenomen' }, fields: { title: { kind: 'string', values: text('') }, description: { kind: 'string', values: text('', '<img src=x onerror=alert(1)>') } } },
  },
  'collections.delete': { name: 'collections.delete', method: 'DELETE', path: 'collections/:id', knownIds: ['collection', 'community'], params: z.object({ id: Id }), effect: 'collection', actors: ['member', 'outsider'] },
  'collections.items.add': {
    name: 'collections.items.add', method: 'POST', path: 'collections/:id/items', knownIds: ['collection', 'community'], params: z.object({ id: Id }), effect: 'collection',
    actors: ['member', 'outsider'], bodySchema: AddCollectionItemBody,
    body: {
      valid: { type: 'link', url: 'https://example.org/fuzz' },
      fields: {
        type: { kind: 'enum', values: fc.constantFrom('title', 'media', 'conversation', 'activity', 'link', 'boek', '', null, 1) },
        refId: { kind: 'uuid', values: fc.oneof(uuidish, fc.constantFrom('«organiser.id»')) },
        url: { kind: 'string', values: hostileUrls },
        note: { kind: 'string', values: text('', '<script>alert(1)</script>') },
      },
    },
  },
  'collections.items.change': {
    name: 'collections.items.change', method: 'PATCH', path: 'collections/:id/items/«collectionItem.id»', knownIds: ['collection', 'community'], params: z.object({ id: Id }), effect: 'collection',
    actors: ['member', 'outsider'], bodySchema: ChangeCollectionItemBody,
    body: { valid: { position: 1 }, fields: { position: { kind: 'enum', values: fc.constantFrom(1, 2, 200, 201, 0, -1, 1.5, '1', null, 1e308) }, note: { kind: 'string', values: text('') } } },
  },
  'collections.items.remove': {
    name: 'collections.items.remove', method: 'DELETE', path: 'collections/:id/items/«collectionItem.id»', knownIds: ['collection', 'community'], params: z.object({ id: Id }), effect: 'collection', actors: ['member', 'outsider'],
  },
  'members.list': {
    name: 'members.list', method: 'GET', path: 'communities/:id/members', knownIds: ['community', 'privateCommunity', 'otherRegionCommunity', 'conversation'], params: z.object({ id: Id }),
    query: { limit: limits }, validQuery: { limit: '10' }, actors: ['organiser', 'member', 'outsider'],
  },
  // Membership: the writes are tried by those refused (a member, another region), so the fuzz world's communities keep their join mode and members.
  'communities.update': {
    name: 'communities.update', method: 'PATCH', path: 'communities/:id', knownIds: ['community', 'privateCommunity', 'otherRegionCommunity'], params: z.object({ id: Id }), actors: ['member', 'outsider'],
    bodySchema: UpdateCommunity.request.omit({ communityId: true }),
    body: { valid: { joinMode: 'invite' }, fields: { joinMode: { kind: 'enum', values: fc.constantFrom('open', 'approval', 'invite', 'OPEN', '', 'secret', null) } } },
  },
  'membership.requests': {
    name: 'membership.requests', method: 'GET', path: 'communities/:id/membership-requests', knownIds: ['community', 'privateCommunity', 'otherRegionCommunity'], params: z.object({ id: Id }), actors: ['organiser', 'member', 'outsider'],
  },
  'membership.approve': {
    name: 'membership.approve', method: 'POST', path: 'communities/:id/membership-requests/«outsider.id»/approve', knownIds: ['community', 'privateCommunity', 'otherRegionCommunity'], params: z.object({ id: Id }),
    body: 'empty', bodySchema: Empty, actors: ['member', 'outsider'],
  },
  'invitations.create': {
    name: 'invitations.create', method: 'POST', path: 'communities/:id/invitations', knownIds: ['community', 'privateCommunity', 'otherRegionCommunity'], params: z.object({ id: Id }), actors: ['member', 'outsider'],
    bodySchema: CreateInvitation.request.omit({ communityId: true }),
    body: { valid: { expiresInDays: 7 }, fields: { expiresInDays: { kind: 'enum', values: fc.constantFrom(1, 90, 0, 91, -1, 1.5, '7', null, 1e308) } } },
  },
  'invitations.list': {
    name: 'invitations.list', method: 'GET', path: 'communities/:id/invitations', knownIds: ['community', 'privateCommunity', 'otherRegionCommunity'], params: z.object({ id: Id }), actors: ['organiser', 'member', 'outsider'],
  },
  'invitations.get': {
    name: 'invitations.get', method: 'GET', path: 'invitations/:token', knownIds: ['community'], params: z.object({ token: InvitationToken }), actors: ['member', 'outsider'],
  },
  'invitations.accept': {
    name: 'invitations.accept', method: 'POST', path: 'invitations/:token/accept', knownIds: ['community'], params: z.object({ token: InvitationToken }), body: 'empty', bodySchema: Empty, actors: ['member', 'outsider'],
  },
  'members.remove': {
    name: 'members.remove', method: 'DELETE', path: 'communities/:id/members/«outsider.id»', knownIds: ['community', 'privateCommunity', 'otherRegionCommunity'], params: z.object({ id: Id }), actors: ['member', 'outsider'],
  },
  // Blocking: tried by those who may not (a member, another region's resident); the target is the setup's member.
  'blocks.create': {
    name: 'blocks.create', method: 'POST', path: 'communities/:id/blocks', knownIds: ['community', 'privateCommunity', 'otherRegionCommunity'], params: z.object({ id: Id }), effect: 'join', actors: ['member', 'outsider'],
    bodySchema: BlockMember.request.omit({ communityId: true }),
    body: { valid: { accountId: '«member.id»', reason: 'Fuzz: mag nooit gebeuren.' }, fields: { accountId: { kind: 'uuid', values: accountIds }, reason: { kind: 'string', values: text('ab', '') } } },
  },
  // Reports and hiding: the writes are tried by those refused (a member hides, another region reports), so the fuzz world's content stays visible.
  'reports.create': {
    name: 'reports.create', method: 'POST', path: 'reports', actors: ['outsider', 'anonymous'], bodySchema: ReportContent.request,
    body: {
      valid: { targetType: 'conversation', targetId: '«conversation.id»', reason: 'Fuzz: dit hoort hier niet.' },
      fields: {
        targetType: { kind: 'enum', values: fc.constantFrom('contribution', 'conversation', 'media', 'collection', 'Conversation', 'community', '', null) },
        targetId: { kind: 'uuid', values: fc.oneof(fc.constantFrom('«conversation.id»', '«collectionItem.id»'), uuidish) },
        reason: { kind: 'string', values: text('ab', '', 'x'.repeat(1001)) },
      },
    },
  },
  'reports.list': { name: 'reports.list', method: 'GET', path: 'communities/:id/reports', knownIds: ['community', 'privateCommunity', 'otherRegionCommunity'], params: z.object({ id: Id }), actors: ['organiser', 'member', 'outsider'] },
  'reports.dismiss': {
    name: 'reports.dismiss', method: 'POST', path: 'reports/:id/dismiss', knownIds: ['conversation', 'community'], params: z.object({ id: Id }), body: 'empty', bodySchema: Empty, actors: ['organiser', 'member', 'outsider'],
  },
  'conversations.hide': {
    name: 'conversations.hide', method: 'POST', path: 'conversations/:id/hide', knownIds: ['conversation', 'collection', 'community'], params: z.object({ id: Id }), effect: 'conversation',
    actors: ['member', 'outsider'], bodySchema: HideContent.request.pick({ reason: true }).strict(),
    body: { valid: { reason: 'Fuzz: mag nooit gebeuren.' }, fields: { reason: { kind: 'string', values: text('ab', '', 'x'.repeat(1001)) } } },
  },
  'collections.hide': {
    name: 'collections.hide', method: 'POST', path: 'collections/:id/hide', knownIds: ['collection', 'conversation'], params: z.object({ id: Id }), effect: 'collection',
    actors: ['member', 'outsider'], bodySchema: HideContent.request.pick({ reason: true }).strict(),
    body: { valid: { reason: 'Fuzz: mag nooit gebeuren.' }, fields: { reason: { kind: 'string', values: text('ab', '') } } },
  },
  'conversations.restore': {
    name: 'conversations.restore', method: 'POST', path: 'conversations/:id/restore', knownIds: ['conversation', 'collection'], params: z.object({ id: Id }), body: 'empty', bodySchema: Empty,
    effect: 'conversation', actors: ['member', 'outsider'],
  },
  'blocks.list': { name: 'blocks.list', method: 'GET', path: 'communities/:id/blocks', knownIds: ['community', 'privateCommunity', 'otherRegionCommunity'], params: z.object({ id: Id }), actors: ['organiser', 'member', 'outsider'] },
  'community.audit': {
    name: 'community.audit', method: 'GET', path: 'communities/:id/audit', knownIds: ['community', 'privateCommunity', 'otherRegionCommunity'], params: z.object({ id: Id }), actors: ['organiser', 'member', 'outsider', 'anonymous'],
    query: { limit: limits, cursor: cursorish }, validQuery: { limit: '5' },
  },
  'blocks.remove': {
    name: 'blocks.remove', method: 'DELETE', path: 'communities/:id/blocks/«outsider.id»', knownIds: ['community', 'privateCommunity', 'otherRegionCommunity'], params: z.object({ id: Id }), actors: ['member', 'outsider'],
  },
  'plan.get': {
    name: 'plan.get', method: 'GET', path: 'communities/:id/plan', knownIds: ['community', 'privateCommunity', 'otherRegionCommunity'], params: z.object({ id: Id }), actors: ['organiser', 'member', 'outsider'],
  },
  // Organisations: the world has none, so every id is unknown (404) and the writes are tried by those refused (a resident, another region).
  'organisations.create': {
    name: 'organisations.create', method: 'POST', path: 'organisations', actors: ['member', 'outsider', 'anonymous'], bodySchema: CreateOrganisation.request,
    body: {
      valid: { name: 'Omroep Fuzz', description: 'Wij maken **radio**.', website: 'https://omroep.example.nl', region: A },
      fields: { name: { kind: 'string', values: text('Omroep', '') }, description: { kind: 'string', values: text('<script>alert(1)</script>') }, website: { kind: 'string', values: hostileUrls }, region: { kind: 'string', values: slugs } },
    },
  },
  'organisations.list': { name: 'organisations.list', method: 'GET', path: 'organisations', actors: ['anonymous', 'member', 'outsider'], query: { region: regionQuery, limit: limits, cursor: cursorish }, validQuery: { region: A, limit: '5' } },
  'organisations.get': { name: 'organisations.get', method: 'GET', path: 'organisations/:id', knownIds: ['community', 'activity'], params: z.object({ id: Id }), actors: ['anonymous', 'member', 'admin'] },
  'organisations.update': {
    name: 'organisations.update', method: 'PATCH', path: 'organisations/:id', knownIds: ['community', 'activity'], params: z.object({ id: Id }), actors: ['member', 'admin', 'outsider'], bodySchema: UpdateOrganisationBody,
    body: { valid: { name: 'Omroep Fuzz' }, fields: { name: { kind: 'string', values: text('Omroep', '') }, website: { kind: 'string', values: hostileUrls } } },
  },
  'organisations.members.add': {
    name: 'organisations.members.add', method: 'POST', path: 'organisations/:id/members', knownIds: ['community', 'activity'], params: z.object({ id: Id }), actors: ['member', 'admin', 'outsider'], bodySchema: AddOrganisationMemberBody,
    body: { valid: { accountId: '«member.id»', role: 'member' }, fields: { accountId: { kind: 'uuid', values: accountIds }, role: { kind: 'enum', values: fc.constantFrom(...OrganisationRole.options, 'owner', '') } } },
  },
  'organisations.members.role': {
    name: 'organisations.members.role', method: 'PUT', path: 'organisations/:id/members/«member.id»/role', knownIds: ['community', 'activity'], params: z.object({ id: Id }), actors: ['member', 'admin'], bodySchema: z.object({ role: OrganisationRole }).strict(),
    body: { valid: { role: 'admin' }, fields: { role: { kind: 'enum', values: fc.constantFrom('admin', 'member', 'koning', '') } } },
  },
  'organisations.members.remove': {
    name: 'organisations.members.remove', method: 'DELETE', path: 'organisations/:id/members/«member.id»', knownIds: ['community', 'activity'], params: z.object({ id: Id }), actors: ['member', 'admin'],
  },
  'partners.add': {
    name: 'partners.add', method: 'POST', path: 'communities/:id/partners', knownIds: ['community', 'privateCommunity', 'otherRegionCommunity'], params: z.object({ id: Id }), actors: ['organiser', 'member', 'outsider'],
    bodySchema: z.object({ organisationId: Id }).strict(), body: { valid: { organisationId: '«outsider.id»' }, fields: { organisationId: { kind: 'uuid', values: uuidish } } },
  },
  'partners.list': { name: 'partners.list', method: 'GET', path: 'communities/:id/partners', knownIds: ['community', 'privateCommunity', 'otherRegionCommunity'], params: z.object({ id: Id }), actors: ['anonymous', 'member', 'outsider'] },
  'partners.remove': {
    name: 'partners.remove', method: 'DELETE', path: 'communities/:id/partners/«outsider.id»', knownIds: ['community', 'privateCommunity', 'otherRegionCommunity'], params: z.object({ id: Id }), actors: ['organiser', 'member', 'outsider'],
  },
  'activityPartners.add': {
    name: 'activityPartners.add', method: 'POST', path: 'activities/:id/partner-organisations', knownIds: ['activity', 'community'], params: z.object({ id: Id }), actors: ['organiser', 'member', 'outsider'],
    bodySchema: z.object({ organisationId: Id }).strict(), body: { valid: { organisationId: '«outsider.id»' }, fields: { organisationId: { kind: 'uuid', values: uuidish } } },
  },
  'organisations.activities': {
    name: 'organisations.activities', method: 'GET', path: 'organisations/:id/activities', knownIds: ['community', 'activity'], params: z.object({ id: Id }), actors: ['anonymous', 'member', 'outsider'],
    query: { limit: limits, cursor: cursorish }, validQuery: { limit: '5' },
  },
  'activityPartners.list': { name: 'activityPartners.list', method: 'GET', path: 'activities/:id/partner-organisations', knownIds: ['activity', 'community'], params: z.object({ id: Id }), actors: ['anonymous', 'member', 'outsider'] },
  'activityPartners.remove': {
    name: 'activityPartners.remove', method: 'DELETE', path: 'activities/:id/partner-organisations/«outsider.id»', knownIds: ['activity', 'community'], params: z.object({ id: Id }), actors: ['organiser', 'member', 'outsider'],
  },
  ...CALENDAR_ROUTES,
  search: {
    name: 'search', method: 'GET', path: 'search',
    query: { q: fc.oneof(hostileString, fc.constantFrom('zonnepanelen', 'a & b', '!', '"', '-', 'or', ':*', '\\', "'", '(', 'a <-> b', 'x'.repeat(200), 'x'.repeat(201))), region: regionQuery, types: fc.constantFrom('community', 'conversation,activity', 'x', 'community,x', ',', ''), limit: limits },
    validQuery: { q: 'repareren', region: A, types: 'community,conversation', limit: '5' },
  },
  'titles.search': {
    name: 'titles.search', method: 'GET', path: 'catalogue/titles',
    query: { q: fc.oneof(hostileString, fc.constantFrom('opera', 'a & b', '!', '"', '-', 'or', ':*', "'", '(', 'x'.repeat(200), 'x'.repeat(201))), region: regionQuery, limit: limits },
    validQuery: { q: 'the', region: A, limit: '5' }, actors: ['organiser', 'operator', 'outsider'],
  },
  'thesaurus.brinkman': {
    name: 'thesaurus.brinkman', method: 'GET', path: 'thesaurus/brinkman',
    query: { q: fc.oneof(hostileString, fc.constantFrom('eenzaam', 'Ëën', '%', '_', ' ; ', '   ', '', 'x'.repeat(100), 'x'.repeat(101))), limit: limits },
    validQuery: { q: 'duurz', limit: '5' }, actors: ['anonymous', 'outsider'],
  },
  'imports.start': {
    name: 'imports.start', method: 'POST', path: 'catalogue/imports', body: 'upload', effect: 'import', query: { region: regionQuery }, validQuery: { region: B }, actors: ['operator'],
    upload: { bytes: ONE_RECORD, contentType: 'application/marc' },
  },
  'imports.get': { name: 'imports.get', method: 'GET', path: 'catalogue/imports/:id', knownIds: ['import', 'community', 'activity'], params: z.object({ id: Id }), actors: ['admin', 'operator'] },
};

export const GROUPS: Array<{ name: string; routes: string[] }> = [
  { name: 'regions and staff roles', routes: ['regions.create', 'regions.list', 'staff.grant', 'staff.list'] },
  { name: 'audit log, usage and the links in mails', routes: ['audit.region', 'audit.operator', 'operator.usage', 'email.verify', 'email.resend', 'password.reset', 'password.resetConfirm'] },
  { name: 'registration, login, sessions and /me', routes: ['auth.register', 'auth.login', 'auth.refresh', 'auth.logout', 'auth.logoutAll', 'sessions.list', 'sessions.end', 'password.change', 'me'] },
  { name: 'profiles, the people directory and data exports', routes: ['profile.get', 'profile.update', 'people.list', 'export.list', 'export.get'] },
  { name: 'erasure (refused: a wrong password, not the operator), its ledger, consent and retention', routes: ['erasure.self', 'erasure.account', 'erasure.get', 'consent.accept', 'retention.get', 'retention.set', 'sso.get', 'sso.set'] },
  { name: 'communities (list, get, create, join)', routes: ['communities.list', 'communities.get', 'communities.create', 'communities.join'] },
  { name: 'conversations', routes: ['conversations.start', 'conversations.list', 'conversations.get'] },
  { name: 'contributions and members', routes: ['contributions.post', 'contributions.list', 'members.list', 'titles.add'] },
  { name: 'media in conversations', routes: ['media.add', 'media.change', 'media.remove'] },
  {
    name: 'theme collections and their items',
    routes: ['collections.create', 'collections.list', 'collections.region', 'collections.get', 'collections.update', 'collections.delete', 'collections.items.add', 'collections.items.change', 'collections.items.remove'],
  },
  { name: 'membership: join modes, requests, invitations, roles, plan', routes: ['communities.update', 'membership.requests', 'membership.approve', 'invitations.create', 'invitations.list', 'invitations.get', 'invitations.accept', 'members.remove', 'plan.get'] },
  { name: 'moderation: reports, hide and restore', routes: ['reports.create', 'reports.list', 'reports.dismiss', 'conversations.hide', 'collections.hide', 'conversations.restore'] },
  { name: 'moderation: blocks and the community log', routes: ['blocks.create', 'blocks.list', 'blocks.remove', 'community.audit'] },
  {
    name: 'partner organisations: profiles, members, co-hosting communities and activities',
    routes: ['organisations.create', 'organisations.list', 'organisations.get', 'organisations.update', 'organisations.members.add', 'organisations.members.role', 'organisations.members.remove', 'partners.add', 'partners.list', 'partners.remove', 'activityPartners.add', 'activityPartners.list', 'activityPartners.remove', 'organisations.activities'],
  },
  { name: 'activities, calendar.ics and rsvp', routes: ['activities.schedule', 'activities.list', 'activities.get', 'calendar', 'rsvp'] },
  { name: 'waitlist: cancel, capacity, attendees, my activities', routes: ['rsvp.cancel', 'activities.update', 'attendees', 'me.activities'] },
  { name: 'cancelling, attendance and check-in', routes: ['activities.cancel', 'attendance.record', 'checkin.code', 'checkin', 'attendance.figures', 'book-table'] },
  { name: 'co-hosting: invite, list, accept, invitations', routes: ['cohosts.invite', 'cohosts.list', 'cohosts.accept', 'cohosts.invitations'] },
  { name: 'region calendar and feeds', routes: ['regions.activities', 'regions.calendar', 'me.calendarFeed', 'me.calendarFeed.rotate', 'calendarFeeds.get'] },
  { name: 'search, catalogue titles and the Brinkman thesaurus', routes: ['search', 'titles.search', 'thesaurus.brinkman'] },
  { name: 'branches and rooms', routes: ['branches.create', 'branches.list', 'branches.update', 'branches.remove', 'rooms.create', 'rooms.list', 'rooms.update', 'rooms.remove'] },
  { name: 'catalogue imports', routes: ['imports.start', 'imports.get'] },
  {
    name: 'occurrences: list, cancel or move, rsvp, attendees and attendance',
    routes: ['occurrences.list', 'occurrences.update', 'occurrences.rsvp', 'occurrences.rsvp.cancel', 'occurrences.attendees', 'occurrences.attendance.record', 'occurrences.checkin.code', 'occurrences.checkin', 'occurrences.attendance.figures'],
  },
];
