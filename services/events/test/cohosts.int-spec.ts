import { randomUUID } from 'node:crypto';
import ICAL from 'ical.js';
import {
  AddActivityPartner, CreateOrganisation, ListActivityPartners, ListOrganisationActivities, RemoveActivityPartner, UpdateOrganisation,
  AnswerCohost, CancelActivity, CohostInvitations, CommunityCalendar, CreateCommunity, GetActivity, InviteCohost, JoinCommunity, ListActivities, ListCohosts,
  RegionActivities, RemoveCohost, ScheduleActivity,
} from '@kc/contracts';
import { createLogger } from '@kc/observability';
import { daysFromNow, InProcessService, TestIdentity, TestScope, waitFor } from '@kc/testing';
import { failure } from '../../identity/test/identity-test-kit';
import { sql, startCommunities } from '../../communities/test/support';
import { loadEventsConfig } from '../src/config';
import { EventsModule } from '../src/events.module';

interface Refusal { statusCode: number; code: string }

describe('events: co-hosting an activity with another community (communities and events in-process, real PostgreSQL and NATS)', () => {
  const scope = new TestScope('cohosts');
  let communities: InProcessService;
  let events: InProcessService;
  let tokens: TestIdentity;
  const region = randomUUID();
  const slug = `oost-${randomUUID().slice(0, 6)}`;
  let host: string;
  let guest: string;
  let guestMember: string;
  let stranger: string;
  let librarian: string;
  let hostId: string;
  let guestId: string;
  let otherRegionId: string;

  const plan = async (title: string, extra: Record<string, unknown> = {}) =>
    (await events.send(ScheduleActivity, {
      communityId: hostId, title, startsAt: daysFromNow(5, 18), endsAt: daysFromNow(5, 20), mode: 'in_person', location: 'Bibliotheek Oost', ...extra,
    }, host)).id;
  const titlesIn = async (communityId: string, token?: string) => (await events.send(ListActivities, { communityId }, token)).items.map((a) => a.title);
  const cohostRows = (activityId: string) => sql<{ community_id: string; status: string }>(events, 'SELECT community_id, status FROM activity_cohosts WHERE activity_id = ?', [activityId]);

  beforeAll(async () => {
    tokens = await new TestIdentity(scope.namespace).start();
    await tokens.setRegionStatus(region, 'active', slug);
    communities = await startCommunities(scope);
    scope.dbName('events');
    events = await InProcessService.start({ service: 'events', scope, module: EventsModule.forRoot(loadEventsConfig(scope.env()), createLogger('events', 'silent')) });
    host = await tokens.token({ accountId: randomUUID(), regionId: region });
    guest = await tokens.token({ accountId: randomUUID(), regionId: region });
    guestMember = await tokens.token({ accountId: randomUUID(), regionId: region });
    stranger = await tokens.token({ accountId: randomUUID(), regionId: region });
    librarian = await tokens.token({ accountId: randomUUID(), regionId: region, roles: ['community_librarian'] });
    const otherRegion = randomUUID();
    await tokens.setRegionStatus(otherRegion, 'active', `${slug}-west`);
    hostId = (await communities.send(CreateCommunity, { name: 'Mantelzorgkring Oost', visibility: 'members' }, host)).id;
    guestId = (await communities.send(CreateCommunity, { name: 'Buurthuis De Linde', visibility: 'public' }, guest)).id;
    await communities.send(JoinCommunity, { communityId: guestId }, guestMember);
    otherRegionId = (await communities.send(CreateCommunity, { name: 'Leesclub West', visibility: 'public' }, await tokens.token({ accountId: randomUUID(), regionId: otherRegion }))).id;
  });
  afterAll(async () => {
    await events?.close();
    await communities?.close();
    await tokens?.stop();
    await scope.dispose();
  });

  it('puts an accepted co-host’s activity in its calendar, its feed and its members’ region calendar; a declined or open invitation does not', async () => {
    // Communities of this test alone: the others schedule in and co-host with the shared ones, and this test lists their calendars whole.
    const hostId = (await communities.send(CreateCommunity, { name: 'Mantelzorgkring Oost', visibility: 'members' }, host)).id;
    const guestId = (await communities.send(CreateCommunity, { name: 'Buurthuis De Linde', visibility: 'public' }, guest)).id;
    await communities.send(JoinCommunity, { communityId: guestId }, guestMember);
    const activityId = await plan('Samen koken', { communityId: hostId });
    const invited = await events.send(InviteCohost, { activityId, communityId: guestId }, host);
    expect(invited).toMatchObject({ communityId: guestId, name: 'Buurthuis De Linde', status: 'invited', answeredAt: null });

    // Invited, not yet accepted: the guest's organiser sees the invitation, its members do not see the activity.
    const open = await events.send(CohostInvitations, { communityId: guestId }, guest);
    expect(open.items).toEqual([expect.objectContaining({ activityId, title: 'Samen koken', hostCommunityId: hostId, hostCommunityName: 'Mantelzorgkring Oost' })]);
    expect(await titlesIn(guestId, guestMember)).toEqual([]);
    expect(await failure<Refusal>(events.send(GetActivity, { id: activityId }, guestMember))).toMatchObject({ statusCode: 404 });

    const accepted = await events.send(AnswerCohost, { activityId, communityId: guestId, accept: true }, guest);
    expect(accepted).toMatchObject({ status: 'accepted', answeredAt: expect.any(String) });
    expect((await events.send(CohostInvitations, { communityId: guestId }, guest)).items).toEqual([]);

    // In both calendars; the guest's members see it as the host's members do.
    expect(await titlesIn(hostId, host)).toEqual(['Samen koken']);
    expect(await titlesIn(guestId, guestMember)).toEqual(['Samen koken']);
    expect(await events.send(GetActivity, { id: activityId }, guestMember)).toMatchObject({ id: activityId, cohostCommunityIds: [guestId] });
    const { ics } = await events.send(CommunityCalendar, { communityId: guestId }, guestMember);
    const vevents = new ICAL.Component(ICAL.parse(ics)).getAllSubcomponents('vevent').map((c) => new ICAL.Event(c));
    expect(vevents.map((e) => e.summary)).toEqual(['Samen koken']);
    const region = async (query: Record<string, unknown>, token?: string) => (await events.send(RegionActivities, { region: slug, ...query }, token)).items.map((a) => a.title);
    expect(await region({ communityId: guestId }, guestMember)).toEqual(['Samen koken']);
    // The whole region holds the other tests' activities as well.
    expect(await region({}, guestMember)).toContain('Samen koken');
    // Someone in neither community sees nothing of the members-only activity, though the co-host is public.
    expect(await region({}, stranger)).not.toContain('Samen koken');
    expect(await region({ communityId: guestId }, stranger)).toEqual([]);
    expect(await titlesIn(guestId, stranger)).toEqual([]);
    expect((await events.send(CommunityCalendar, { communityId: guestId }, stranger)).ics).not.toContain('Samen koken');
    expect(await failure<Refusal>(events.send(GetActivity, { id: activityId }, stranger))).toMatchObject({ statusCode: 404 });

    // Everyone who may see it sees the accepted co-host; answering twice the same is the same answer.
    expect((await events.send(ListCohosts, { activityId }, guestMember)).items).toEqual([expect.objectContaining({ communityId: guestId, status: 'accepted' })]);
    expect(await events.send(AnswerCohost, { activityId, communityId: guestId, accept: true }, guest)).toMatchObject({ status: 'accepted' });
    expect(await failure<Refusal>(events.send(AnswerCohost, { activityId, communityId: guestId, accept: false }, guest))).toMatchObject({ statusCode: 409, code: 'COHOST_ALREADY_ANSWERED' });

    // The co-host steps back: gone from its calendar at once.
    await events.send(RemoveCohost, { activityId, communityId: guestId }, guest);
    expect(await titlesIn(guestId, guestMember)).toEqual([]);
    expect(await cohostRows(activityId)).toEqual([]);

    // Declined: not in the calendar, listed for the host's organiser only; it may be invited again.
    await events.send(InviteCohost, { activityId, communityId: guestId }, host);
    await events.send(AnswerCohost, { activityId, communityId: guestId, accept: false }, guest);
    expect(await titlesIn(guestId, guestMember)).toEqual([]);
    expect((await events.send(ListCohosts, { activityId }, host)).items).toEqual([expect.objectContaining({ status: 'declined' })]);
    expect(await events.send(InviteCohost, { activityId, communityId: guestId }, host)).toMatchObject({ status: 'invited' });

    const changes = await sql<{ status: string }>(events, `SELECT payload->'data'->>'status' AS status FROM kc_outbox WHERE subject LIKE '%cohost-changed%' AND payload->'data'->>'activityId' = ? ORDER BY created_at, id`, [activityId]);
    expect(changes.map((c) => c.status)).toEqual(['invited', 'accepted', 'removed', 'invited', 'declined', 'invited']);
  });

  it('refuses what a person may not do, and bad co-hosts, with a clear code, changing nothing', async () => {
    const activityId = await plan('Wandelen');
    const refusals: Array<[string, () => Promise<unknown>, number, string]> = [
      ['someone outside the host invites', () => events.send(InviteCohost, { activityId, communityId: guestId }, guestMember), 404, 'ACTIVITY_NOT_FOUND'],
      ['the host invites itself', () => events.send(InviteCohost, { activityId, communityId: hostId }, host), 400, 'COHOST_IS_HOST'],
      ['a community of another region', () => events.send(InviteCohost, { activityId, communityId: otherRegionId }, host), 400, 'COHOST_OTHER_REGION'],
      ['a community that does not exist', () => events.send(InviteCohost, { activityId, communityId: randomUUID() }, host), 404, 'COMMUNITY_NOT_FOUND'],
      ['answering without an invitation', () => events.send(AnswerCohost, { activityId, communityId: guestId, accept: true }, guest), 404, 'COHOST_INVITATION_NOT_FOUND'],
      ['a stranger sees the invitations', () => events.send(CohostInvitations, { communityId: guestId }, stranger), 403, 'NOT_ALLOWED_TO_SEE_COHOST_INVITATIONS'],
      ['a member sees the invitations', () => events.send(CohostInvitations, { communityId: guestId }, guestMember), 403, 'NOT_ALLOWED_TO_SEE_COHOST_INVITATIONS'],
    ];
    for (const [what, attempt, status, code] of refusals) {
      const { statusCode, code: got } = await failure<Refusal>(attempt());
      expect({ what, statusCode, code: got }).toEqual({ what, statusCode: status, code });
    }
    expect(await cohostRows(activityId)).toEqual([]);

    await events.send(InviteCohost, { activityId, communityId: guestId }, host);
    expect(await failure<Refusal>(events.send(InviteCohost, { activityId, communityId: guestId }, host))).toMatchObject({ statusCode: 409, code: 'COHOST_ALREADY_INVITED' });
    // Only the invited community's organiser (or the region's community librarian) answers.
    expect(await failure<Refusal>(events.send(AnswerCohost, { activityId, communityId: guestId, accept: true }, guestMember))).toMatchObject({ statusCode: 403, code: 'NOT_ALLOWED_TO_ANSWER_COHOST' });
    expect(await failure<Refusal>(events.send(RemoveCohost, { activityId, communityId: guestId }, guestMember))).toMatchObject({ statusCode: 403 });
    expect(await cohostRows(activityId)).toEqual([{ community_id: guestId, status: 'invited' }]);
    expect(await events.send(AnswerCohost, { activityId, communityId: guestId, accept: true }, librarian)).toMatchObject({ status: 'accepted' });

    // A cancelled activity takes no new co-hosts.
    const cancelled = await plan('Afgelast');
    await events.send(CancelActivity, { id: cancelled, reason: 'Ziek' }, host);
    expect(await failure<Refusal>(events.send(InviteCohost, { activityId: cancelled, communityId: guestId }, host))).toMatchObject({ statusCode: 409, code: 'ACTIVITY_CANCELLED' });
  });

  it('names a partner organisation co-host of an activity; events learns organisations and their new names from communities’ events', async () => {
    const activityId = await plan('Radio-uitzending live');
    const admin = await tokens.token({ accountId: randomUUID(), regionId: region, roles: ['library_admin'] });
    const organisationId = (await communities.send(CreateOrganisation, { name: 'Omroep Oost', website: 'https://omroep-oost.example.nl' }, admin)).id;
    const otherAdmin = await tokens.token({ accountId: randomUUID(), regionId: randomUUID(), roles: ['library_admin'] });
    const elsewhere = (await communities.send(CreateOrganisation, { name: 'Omroep West', website: 'https://omroep-west.example.nl' }, otherAdmin)).id;
    await waitFor(async () => (await sql(events, 'SELECT 1 FROM organisations WHERE id IN (?, ?)', [organisationId, elsewhere])).length === 2);

    expect(await failure<Refusal>(events.send(AddActivityPartner, { activityId, organisationId }, guestMember))).toMatchObject({ statusCode: 404 });
    expect(await failure<Refusal>(events.send(AddActivityPartner, { activityId, organisationId }, stranger))).toMatchObject({ statusCode: 404 });
    expect(await failure<Refusal>(events.send(AddActivityPartner, { activityId, organisationId: elsewhere }, host))).toMatchObject({ statusCode: 409, code: 'ORGANISATION_OF_OTHER_REGION' });
    expect(await failure<Refusal>(events.send(AddActivityPartner, { activityId, organisationId: randomUUID() }, host))).toMatchObject({ statusCode: 404, code: 'ORGANISATION_NOT_FOUND' });
    expect(await events.send(AddActivityPartner, { activityId, organisationId }, host)).toEqual({ organisationId, name: 'Omroep Oost' });
    expect(await failure<Refusal>(events.send(AddActivityPartner, { activityId, organisationId }, host))).toMatchObject({ statusCode: 409, code: 'ALREADY_PARTNER' });

    await communities.send(UpdateOrganisation, { id: organisationId, name: 'Omroep Oost Brabant' }, admin);
    await waitFor(async () => (await events.send(ListActivityPartners, { activityId }, host)).items[0]?.name === 'Omroep Oost Brabant');
    await events.send(RemoveActivityPartner, { activityId, organisationId }, host);
    expect((await events.send(ListActivityPartners, { activityId }, host)).items).toEqual([]);
  });

  it('lists the upcoming activities an organisation co-hosts: public ones for anyone, a members-only one only for those who may read it, soonest first', async () => {
    const admin = await tokens.token({ accountId: randomUUID(), regionId: region, roles: ['library_admin'] });
    const organisationId = (await communities.send(CreateOrganisation, { name: 'Bibliotheekomroep', website: 'https://bibliotheekomroep.example.nl' }, admin)).id;
    await waitFor(async () => (await sql(events, 'SELECT 1 FROM organisations WHERE id = ?', [organisationId])).length === 1);
    // The host community is members-only; the guest community is public.
    const kring = await plan('Besloten luistersessie', { startsAt: daysFromNow(6, 18), endsAt: daysFromNow(6, 20) });
    const past = await plan('Vorige uitzending', { startsAt: daysFromNow(-3, 18), endsAt: daysFromNow(-3, 20) });
    const open = (await events.send(ScheduleActivity, {
      communityId: guestId, title: 'Open radiocafé', startsAt: daysFromNow(4, 18), endsAt: daysFromNow(4, 20), mode: 'in_person', location: 'Buurthuis De Linde',
    }, guest)).id;
    await plan('Zonder omroep');
    for (const [activityId, token] of [[kring, host], [past, host], [open, guest]] as const) await events.send(AddActivityPartner, { activityId, organisationId }, token);

    const titles = async (token?: string) => (await events.send(ListOrganisationActivities, { organisationId }, token)).items.map((a) => a.title);
    expect(await titles()).toEqual(['Open radiocafé']);
    expect(await titles(stranger)).toEqual(['Open radiocafé']);
    expect(await titles(guestMember)).toEqual(['Open radiocafé']);
    expect(await titles(host)).toEqual(['Open radiocafé', 'Besloten luistersessie']);
    const first = await events.send(ListOrganisationActivities, { organisationId, limit: 1 }, host);
    expect(first.items.map((a) => a.title)).toEqual(['Open radiocafé']);
    const second = await events.send(ListOrganisationActivities, { organisationId, limit: 1, cursor: first.nextCursor! }, host);
    expect([second.items.map((a) => a.title), second.nextCursor]).toEqual([['Besloten luistersessie'], null]);

    await events.send(RemoveActivityPartner, { activityId: open, organisationId }, guest);
    expect(await titles(stranger)).toEqual([]);
    expect(await failure<Refusal>(events.send(ListOrganisationActivities, { organisationId: randomUUID() }, host))).toMatchObject({ statusCode: 404, code: 'ORGANISATION_NOT_FOUND' });
    expect(await failure<Refusal>(events.send(ListOrganisationActivities, { organisationId, cursor: 'niet-een-cursor' }, host))).toMatchObject({ statusCode: 400, code: 'INVALID_CURSOR' });
  });
});
