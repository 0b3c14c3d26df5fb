import { randomUUID } from 'node:crypto';
import {
  AcceptInvitation, CreateCommunity, CreateInvitation, DomainError, GetCommunity, GetConversation, JoinCommunity, ListCommunities, RegionCreated, StartConversation, UpdateCommunity,
} from '@kc/contracts';
import { InProcessService, TestIdentity, TestScope } from '@kc/testing';
import { failure } from '../../identity/test/identity-test-kit';
import { publishEvent, startCommunities } from './support';

const refusal = async (attempt: Promise<unknown>) => {
  const error = await failure<DomainError>(attempt);
  expect(error).toBeInstanceOf(DomainError);
  expect(error.messages.nl.length).toBeGreaterThan(10);
  return { status: error.statusCode, code: error.code };
};

/**
 * National communities: started by a community librarian or the operator, visible and joinable
 * from every region (or by library staff alone), while the regions' own members-only content stays
 * where it is: a member from region B sees nothing of region A's through the national community.
 */
describe('communities: national communities (real PostgreSQL and NATS)', () => {
  const scope = new TestScope('national');
  let svc: InProcessService;
  let tokens: TestIdentity;
  const regionA = randomUUID();
  const regionB = randomUUID();
  const ids = { librarianA: randomUUID(), librarianB: randomUUID(), adminB: randomUUID(), residentA: randomUUID(), residentB: randomUUID() };
  type Who = keyof typeof ids;
  const as = {} as Record<Who, string>;

  beforeAll(async () => {
    tokens = await new TestIdentity(scope.namespace).start();
    svc = await startCommunities(scope);
    const roles: Partial<Record<Who, Array<'community_librarian' | 'library_admin'>>> = { librarianA: ['community_librarian'], librarianB: ['community_librarian'], adminB: ['library_admin'] };
    for (const who of Object.keys(ids) as Who[]) {
      as[who] = await tokens.token({ accountId: ids[who], regionId: who.endsWith('A') ? regionA : regionB, ...(roles[who] ? { roles: roles[who] } : {}) });
    }
    await publishEvent(scope, RegionCreated, { regionId: regionA, slug: `noord-${randomUUID().slice(0, 5)}`, name: 'Noord' }, regionA);
    await publishEvent(scope, RegionCreated, { regionId: regionB, slug: `zuid-${randomUUID().slice(0, 5)}`, name: 'Zuid' }, regionB);
  });
  afterAll(async () => {
    await svc?.close();
    await tokens?.stop();
    await scope.dispose();
  });

  it('a staff-only national network takes staff from every region and no residents; an open one everyone', async () => {
    const network = (await svc.send(CreateCommunity, { name: 'Netwerk community-bibliothecarissen', visibility: 'public', scope: 'national', joinMode: 'staff' }, as.librarianA)).id;
    expect(await svc.send(GetCommunity, { id: network }, as.residentB)).toMatchObject({ scope: 'national', joinMode: 'staff', regionId: regionA });
    expect(await svc.send(JoinCommunity, { communityId: network }, as.librarianB)).toMatchObject({ status: 'member' });
    expect(await svc.send(JoinCommunity, { communityId: network }, as.adminB)).toMatchObject({ status: 'member' });
    expect(await refusal(svc.send(JoinCommunity, { communityId: network }, as.residentB))).toEqual({ status: 403, code: 'STAFF_ONLY' });
    expect(await refusal(svc.send(JoinCommunity, { communityId: network }, as.residentA))).toEqual({ status: 403, code: 'STAFF_ONLY' });

    const open = (await svc.send(CreateCommunity, { name: 'Landelijk leesnetwerk', visibility: 'public', scope: 'national' }, as.librarianB)).id;
    expect(await svc.send(JoinCommunity, { communityId: open }, as.residentA)).toMatchObject({ status: 'member' });

    // Listed nationally for everyone, anonymous too; not in a region's own list (unless one's own).
    const national = async (token?: string) => (await svc.send(ListCommunities, { scope: 'national' }, token)).items.map((c) => c.id);
    for (const token of [undefined, as.residentA, as.residentB]) expect(await national(token)).toEqual(expect.arrayContaining([network, open]));
    expect((await svc.send(ListCommunities, {}, as.residentB)).items.map((c) => c.id)).not.toContain(network);
    expect((await svc.send(ListCommunities, {}, as.residentA)).items.map((c) => c.id)).toContain(open);
  });

  it('refuses national communities to residents and a staff-only join mode to regional ones, changing nothing', async () => {
    expect(await refusal(svc.send(CreateCommunity, { name: 'Mijn landelijke club', visibility: 'public', scope: 'national' }, as.residentA))).toEqual({ status: 403, code: 'NOT_ALLOWED_NATIONAL' });
    expect(await refusal(svc.send(CreateCommunity, { name: 'Alleen staf', visibility: 'public', joinMode: 'staff' }, as.librarianA))).toEqual({ status: 400, code: 'STAFF_JOIN_ONLY_NATIONAL' });
    const regional = (await svc.send(CreateCommunity, { name: 'Buurtclub Noord', visibility: 'public' }, as.residentA)).id;
    expect(await refusal(svc.send(UpdateCommunity, { communityId: regional, joinMode: 'staff' }, as.residentA))).toEqual({ status: 400, code: 'STAFF_JOIN_ONLY_NATIONAL' });
    expect(await svc.send(GetCommunity, { id: regional }, as.residentA)).toMatchObject({ joinMode: 'open', scope: 'regional' });
    const mine = (await svc.send(ListCommunities, { scope: 'national' }, as.residentA)).items.map((c) => c.name);
    expect(mine).not.toContain('Mijn landelijke club');
  });

  it('a members-only national community admits another region by invitation; regional members-only content stays out of reach', async () => {
    const circle = (await svc.send(CreateCommunity, { name: 'Landelijke kring leesbevordering', visibility: 'members', scope: 'national' }, as.librarianA)).id;
    const { token } = await svc.send(CreateInvitation, { communityId: circle, expiresInDays: 7 }, as.librarianA);
    expect((await svc.send(AcceptInvitation, { token }, as.residentB)).role).toBe('member');
    const talk = (await svc.send(StartConversation, { communityId: circle, title: 'Voorleesweek', body: 'Wat doen jullie in de voorleesweek?' }, as.librarianA)).id;
    expect(await svc.send(GetConversation, { id: talk }, as.residentB)).toMatchObject({ title: 'Voorleesweek' });

    // Region A's own members-only community and its conversation: nowhere for the national member from B.
    const local = (await svc.send(CreateCommunity, { name: 'Besloten leesclub Noord', visibility: 'members' }, as.residentA)).id;
    const secret = (await svc.send(StartConversation, { communityId: local, title: 'Ons boek van de maand', body: 'Alleen voor ons.' }, as.residentA)).id;
    expect(await refusal(svc.send(GetCommunity, { id: local }, as.residentB))).toMatchObject({ status: 404 });
    expect(await refusal(svc.send(GetConversation, { id: secret }, as.residentB))).toMatchObject({ status: 404 });
    expect(await refusal(svc.send(JoinCommunity, { communityId: local }, as.residentB))).toMatchObject({ status: 404 });
    for (const query of [{}, { scope: 'national' as const }]) {
      expect((await svc.send(ListCommunities, query, as.residentB)).items.map((c) => c.id)).not.toContain(local);
    }
    // A community librarian of region B has no staff powers over region A's community through the network either.
    expect(await refusal(svc.send(GetCommunity, { id: local }, as.librarianB))).toMatchObject({ status: 404 });
  });
});
