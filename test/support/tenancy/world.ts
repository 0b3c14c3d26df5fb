import { randomBytes } from 'node:crypto';
import { daysFromNow } from '@kc/testing';
import { ApiClient, eventually } from '../api-client';

/**
 * The tenancy matrix's world: two regions, a members-only community of region B with one of
 * everything in it (each text carries the marker), and a national community that people of
 * both regions are in. Made through the gateway as its people would make it.
 */

export const REGION_A = 'tenancy-west';
export const REGION_B = 'tenancy-oost';

/** Everyone who asks: nobody, residents of either region, the community's own people, staff of region A, the operator. */
export const ACTORS = ['anonymous', 'residentA', 'residentB', 'member', 'moderator', 'organiser', 'national', 'librarianA', 'adminA', 'operator'] as const;
export type Actor = (typeof ACTORS)[number];
export type Person = { id: string; token: string; email: string; password: string };

/** The ids a route's path parameters are taken from. */
export type FixtureId =
  | 'community' | 'conversation' | 'contribution' | 'media' | 'collection' | 'item' | 'activity' | 'occurrence' | 'report' | 'invitation' | 'invitationToken'
  | 'member' | 'organiser' | 'residentB' | 'national' | 'nationalCommunity' | 'nationalFeed' | 'regionA' | 'regionB' | 'branchB' | 'roomB' | 'organisationB' | 'marker' | 'unknown';

export interface TenancyWorld {
  /** In every text of region B's members-only community, and nowhere else. */
  marker: string;
  people: Record<Exclude<Actor, 'anonymous'>, Person>;
  ids: Record<FixtureId, string>;
  /** Replacements for the fuzz route table's `«name»` placeholders. */
  values: Record<string, string>;
}

const ok = <T = any>(what: string, res: { status: number; body: T; text: string }, status = [200, 201]) => {
  if (!status.includes(res.status)) throw new Error(`tenancy setup: ${what}: ${res.status} ${res.text.slice(0, 300)}`);
  return res.body;
};

export async function buildTenancyWorld(api: ApiClient, operatorAccount: { email: string; password: string }): Promise<TenancyWorld> {
  // Letters only, so search finds it as one word; random, so it can only come from these fixtures.
  const marker = `geheimpje${[...randomBytes(8)].map((b) => String.fromCharCode(97 + (b % 26))).join('')}`;
  const operatorToken = await api.login(operatorAccount.email, operatorAccount.password);
  const operatorId = ok<{ id: string }>('operator /me', await api.get('/me', operatorToken)).id;
  for (const [slug, name] of [[REGION_A, 'Tenancy West'], [REGION_B, 'Tenancy Oost']]) ok(`region ${slug}`, await api.post('/regions', { slug, name }, operatorToken));

  const residents = [
    ['residentA', REGION_A, 'Anna West'], ['librarianA', REGION_A, 'Lotte West'], ['adminA', REGION_A, 'Bram Beheer'], ['national', REGION_A, 'Nina Landelijk'],
    ['residentB', REGION_B, 'Bas Oost'], ['member', REGION_B, 'Mila Lid'], ['moderator', REGION_B, 'Mo Moderator'], ['organiser', REGION_B, 'Olga Organisator'],
  ] as const;
  const made = await Promise.all(residents.map(([, region, name]) => api.resident(region, name)));
  const people = Object.fromEntries(residents.map(([key], i) => [key, made[i]!])) as TenancyWorld['people'];
  people.operator = { id: operatorId, token: operatorToken, ...operatorAccount };
  ok('librarian', await api.post(`/regions/${REGION_A}/staff`, { accountId: people.librarianA.id, role: 'community_librarian' }, operatorToken));
  ok('admin', await api.post(`/regions/${REGION_A}/staff`, { accountId: people.adminA.id, role: 'library_admin' }, operatorToken));
  const { organiser, member, moderator } = people;

  const community = ok('community', await api.post('/communities', {
    name: `Besloten kring ${marker}`, description: `Alleen voor leden: ${marker}.`, visibility: 'members', joinMode: 'invite',
  }, organiser.token)).id as string;
  const invitation = ok('invitation', await api.post(`/communities/${community}/invitations`, { expiresInDays: 7 }, organiser.token));
  for (const who of [member, moderator]) ok('accept', await api.post(`/invitations/${invitation.token}/accept`, {}, who.token));
  ok('role', await api.put(`/communities/${community}/members/${moderator.id}/role`, { role: 'moderator' }, organiser.token));

  const conversation = ok('conversation', await api.post(`/communities/${community}/conversations`, { title: `Gesprek ${marker}`, body: `Wat we delen: ${marker}.` }, member.token)).id as string;
  const contribution = ok('contribution', await api.post(`/conversations/${conversation}/contributions`, { body: `Mijn antwoord: **${marker}**.` }, moderator.token)).id as string;
  const media = ok('media', await api.post(`/conversations/${conversation}/media`, { url: `https://example.org/${marker}`, note: `Kijktip ${marker}` }, member.token)).id as string;
  const collection = ok('collection', await api.post(`/communities/${community}/collections`, { title: `Collectie ${marker}`, description: `Wat ${marker} leert.` }, organiser.token)).id as string;
  const item = ok('item', await api.post(`/collections/${collection}/items`, { type: 'conversation', refId: conversation, note: `Lees eerst ${marker}` }, organiser.token)).id as string;
  ok('media item', await api.post(`/collections/${collection}/items`, { type: 'media', refId: media, note: `Kijk ook ${marker}` }, organiser.token));
  const occurrence = daysFromNow(30, 18);
  const activity = ok('activity', await api.post(`/communities/${community}/activities`, {
    title: `Bijeenkomst ${marker}`, description: `Alleen leden: ${marker}.`, mode: 'in_person', location: `Zaal ${marker}`, startsAt: occurrence, endsAt: daysFromNow(30, 20), capacity: 20,
  }, organiser.token)).id as string;
  ok('rsvp', await api.post(`/activities/${activity}/rsvp`, {}, member.token));
  // A public partner organisation of region B (its name without the marker) co-hosts the kring's activity, once events knows it.
  const organisationB = ok('organisation', await api.post('/organisations', { name: 'Omroep Oost', website: 'https://omroep-oost.example.nl', region: REGION_B }, operatorToken)).id as string;
  await eventually(async () => (await api.post(`/activities/${activity}/partner-organisations`, { organisationId: organisationB }, organiser.token)).status === 201 || undefined, 10_000, 'events to know the organisation');
  const report = ok('report', await api.post('/reports', { targetType: 'contribution', targetId: contribution, reason: `Meldreden ${marker}` }, member.token)).id as string;
  ok('plan', await api.put(`/communities/${community}/plan`, { goals: `Doel ${marker}`, targetGroup: `Voor ${marker}`, conditions: `Nodig ${marker}`, approach: `Zo ${marker}` }, organiser.token));
  ok('block', await api.post(`/communities/${community}/blocks`, { accountId: people.residentB.id, reason: `Blokkade ${marker}` }, moderator.token));

  // The national community (started by region A's librarian): its members from both regions share it, and nothing of region B's kring.
  const nationalCommunity = await eventually(async () => {
    const res = await api.post('/communities', { name: 'Landelijk netwerk', description: 'Voor iedereen.', visibility: 'public', scope: 'national' }, people.librarianA.token);
    return res.status === 201 ? (res.body.id as string) : undefined;
  }, 10_000, 'the librarian role to reach communities');
  for (const who of [people.national, member]) ok('national join', await api.post(`/communities/${nationalCommunity}/members`, {}, who.token));
  ok('national conversation', await api.post(`/communities/${nationalCommunity}/conversations`, { title: 'Landelijke vraag', body: 'Hoe doen jullie het?' }, member.token));
  const branchB = ok('branch', await api.post(`/regions/${REGION_B}/branches`, { name: 'Bibliotheek Oost', address: 'Oostplein 1', postcode: '7511 AA', city: 'Enschede' }, operatorToken)).id as string;
  const roomB = ok('room', await api.post(`/branches/${branchB}/rooms`, { name: 'Leeszaal', capacity: 30 }, operatorToken)).id as string;
  const feedUrl = ok<{ url: string }>('feed', await api.get('/me/calendar-feed', people.national.token)).url;

  const ids: TenancyWorld['ids'] = {
    community, conversation, contribution, media, collection, item, activity, occurrence, report, invitation: invitation.id, invitationToken: invitation.token,
    member: member.id, organiser: organiser.id, residentB: people.residentB.id, national: people.national.id, nationalCommunity,
    nationalFeed: /calendar-feeds\/([A-Za-z0-9_-]{43})\//.exec(feedUrl)![1]!, regionA: REGION_A, regionB: REGION_B, branchB, roomB, organisationB, marker, unknown: '00000000-0000-7000-8000-000000000000',
  };
  const values = {
    'member.id': member.id, 'organiser.id': organiser.id, 'outsider.id': people.residentB.id, 'admin.id': people.adminA.id, 'operator.id': operatorId,
    'conversation.id': conversation, 'community.id': community, 'collectionItem.id': item, 'scratch.community': nationalCommunity, 'activity.start': occurrence, 'room.id': ids.unknown, 'fresh.branch': 'Bibliotheek Oost 2', 'fresh.room': 'Zaal 2',
  };
  return { marker, people, ids, values };
}
