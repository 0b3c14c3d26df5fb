import { randomUUID } from 'node:crypto';
import {
  AcceptInvitation, AnswerMembershipRequest, ChangeMemberRole, CreateCommunity, CreateInvitation, DomainError, GetCommunity, GetCommunityPlan, GetInvitation,
  JoinCommunity, ListInvitations, ListMembers, ListMembershipRequests, RegionCreated, RemoveMember, RevokeInvitation, SetCommunityPlan, UpdateCommunity,
} from '@kc/contracts';
import { InProcessService, TestIdentity, TestScope } from '@kc/testing';
import { publishEvent, sql, startCommunities } from './support';

const failure = (promise: Promise<unknown>) =>
  promise.then(
    (value) => { throw new Error(`expected a failure, got ${JSON.stringify(value)}`); },
    (error: unknown) => error as DomainError,
  );
const expectRefused = async (promise: Promise<unknown>, status: number, code?: string) => {
  const error = await failure(promise);
  expect(error).toBeInstanceOf(DomainError);
  expect(error.statusCode).toBe(status);
  if (code) expect(error.code).toBe(code);
  expect(error.messages.nl.length).toBeGreaterThan(10);
  expect(error.messages.en.length).toBeGreaterThan(10);
  return error;
};

describe('membership: join modes, invitations, roles and the plan (real PostgreSQL and NATS)', () => {
  const scope = new TestScope('membership');
  let svc: InProcessService;
  let tokens: TestIdentity;
  const regionA = randomUUID();
  const regionB = randomUUID();
  const ids = { organiser: randomUUID(), second: randomUUID(), moderator: randomUUID(), member: randomUUID(), asker: randomUUID(), stranger: randomUUID(), outsider: randomUUID(), librarian: randomUUID(), otherLibrarian: randomUUID() };
  type Who = keyof typeof ids;
  const as = {} as Record<Who, string>;

  beforeAll(async () => {
    tokens = await new TestIdentity(scope.namespace).start();
    svc = await startCommunities(scope);
    for (const who of Object.keys(ids) as Who[]) {
      const regionId = who === 'outsider' || who === 'otherLibrarian' ? regionB : regionA;
      as[who] = await tokens.token({ accountId: ids[who], regionId, ...(who.endsWith('ibrarian') ? { roles: ['community_librarian' as const] } : {}) });
    }
    await publishEvent(scope, RegionCreated, { regionId: regionA, slug: 'regio-a', name: 'Regio A' }, regionA);
    await publishEvent(scope, RegionCreated, { regionId: regionB, slug: 'regio-b', name: 'Regio B' }, regionB);
  });
  afterAll(async () => {
    await svc?.close();
    await tokens?.stop();
    await scope.dispose();
  });

  const members = async (communityId: string) =>
    Object.fromEntries((await sql<{ account_id: string; role: string }>(svc, 'SELECT account_id, role FROM memberships WHERE community_id = ?', [communityId])).map((r) => [r.account_id, r.role]));

  it('sets the join mode at creation (open by default) and only organisers or the region’s librarians change it', async () => {
    const { id } = await svc.send(CreateCommunity, { name: 'Open kring', visibility: 'public' }, as.organiser);
    expect(await svc.send(GetCommunity, { id }, as.organiser)).toMatchObject({ joinMode: 'open', myRole: 'organiser' });
    await expectRefused(svc.send(CreateCommunity, { name: 'Foute modus', visibility: 'public', joinMode: 'secret' }, as.organiser), 400, 'VALIDATION_FAILED');
    await svc.send(JoinCommunity, { communityId: id }, as.member);
    await expectRefused(svc.send(UpdateCommunity, { communityId: id, joinMode: 'invite' }, as.member), 403, 'NOT_AN_ORGANISER');
    await expectRefused(svc.send(UpdateCommunity, { communityId: id, joinMode: 'invite' }, as.otherLibrarian), 403);
    await expectRefused(svc.send(UpdateCommunity, { communityId: id, joinMode: 'nope' }, as.organiser), 400);
    expect((await svc.send(GetCommunity, { id }, as.organiser)).joinMode).toBe('open');
    expect(await svc.send(UpdateCommunity, { communityId: id, joinMode: 'approval' }, as.librarian)).toEqual({ id, joinMode: 'approval' });
  });

  it('only a community librarian of the region starts a community on behalf of the library', async () => {
    await expectRefused(svc.send(CreateCommunity, { name: 'Namens wie?', visibility: 'public', onBehalfOfLibrary: true }, as.member), 403, 'NOT_A_COMMUNITY_LIBRARIAN');
    await expectRefused(svc.send(CreateCommunity, { name: 'Namens wie?', visibility: 'public', onBehalfOfLibrary: 'ja' }, as.librarian), 400, 'VALIDATION_FAILED');
    const { id } = await svc.send(CreateCommunity, { name: 'Leesclub van de bibliotheek', visibility: 'public', onBehalfOfLibrary: true }, as.librarian);
    expect(await svc.send(GetCommunity, { id }, as.member)).toMatchObject({ onBehalfOfLibrary: true, myRole: null });
    const own = await svc.send(CreateCommunity, { name: 'Eigen kring', visibility: 'public' }, as.member);
    expect(await svc.send(GetCommunity, { id: own.id }, as.member)).toMatchObject({ onBehalfOfLibrary: false, myRole: 'organiser' });
    expect((await sql<{ name: string }>(svc, 'SELECT name FROM communities WHERE on_behalf_of_library')).map((r) => r.name)).toEqual(['Leesclub van de bibliotheek']);
  });

  it('approval: joining is a request that organisers and moderators answer; others cannot see or answer it', async () => {
    const { id } = await svc.send(CreateCommunity, { name: 'Kring op goedkeuring', visibility: 'public', joinMode: 'approval' }, as.organiser);
    const asked = await svc.send(JoinCommunity, { communityId: id }, as.asker);
    expect(asked).toMatchObject({ status: 'requested', role: null });
    expect(await svc.send(GetCommunity, { id }, as.asker)).toMatchObject({ requestPending: true, myRole: null });
    expect(await svc.send(GetCommunity, { id }, as.member)).toMatchObject({ requestPending: false });
    expect(await svc.send(JoinCommunity, { communityId: id }, as.asker)).toMatchObject({ status: 'requested' });
    await svc.send(JoinCommunity, { communityId: id }, as.stranger);
    expect(await members(id)).toEqual({ [ids.organiser]: 'organiser' });
    await expectRefused(svc.send(ListMembershipRequests, { communityId: id }, as.asker), 403, 'NOT_A_MODERATOR');
    await expectRefused(svc.send(AnswerMembershipRequest, { communityId: id, accountId: ids.asker, approve: true }, as.stranger), 403);
    await expectRefused(svc.send(JoinCommunity, { communityId: id }, as.outsider), 403, 'COMMUNITY_OTHER_REGION');

    const open = await svc.send(ListMembershipRequests, { communityId: id }, as.organiser);
    expect(open.items.map((r) => r.accountId).sort()).toEqual([ids.asker, ids.stranger].sort());
    expect(await svc.send(AnswerMembershipRequest, { communityId: id, accountId: ids.asker, approve: true }, as.organiser)).toMatchObject({ status: 'member' });
    expect(await svc.send(AnswerMembershipRequest, { communityId: id, accountId: ids.stranger, approve: false }, as.librarian)).toMatchObject({ status: 'rejected' });
    await expectRefused(svc.send(AnswerMembershipRequest, { communityId: id, accountId: ids.stranger, approve: true }, as.organiser), 404, 'MEMBERSHIP_REQUEST_NOT_FOUND');
    expect(await members(id)).toEqual({ [ids.organiser]: 'organiser', [ids.asker]: 'member' });
    expect(await svc.send(GetCommunity, { id }, as.asker)).toMatchObject({ requestPending: false, myRole: 'member' });
    expect(await svc.send(GetCommunity, { id }, as.stranger)).toMatchObject({ requestPending: false, myRole: null });
    expect((await svc.send(ListMembershipRequests, { communityId: id }, as.organiser)).items).toEqual([]);
    // The region's community librarian joins directly.
    expect(await svc.send(JoinCommunity, { communityId: id }, as.librarian)).toMatchObject({ status: 'member', role: 'member' });
  });

  it('invite: a link with only its hash stored; accepting joins, expired or revoked is 410, other regions 403', async () => {
    const { id } = await svc.send(CreateCommunity, { name: 'Besloten kring', visibility: 'members', joinMode: 'invite' }, as.organiser);
    await expectRefused(svc.send(CreateInvitation, { communityId: id }, as.member), 404, 'COMMUNITY_NOT_FOUND');
    await expectRefused(svc.send(CreateInvitation, { communityId: id, expiresInDays: 0 }, as.organiser), 400);
    await expectRefused(svc.send(CreateInvitation, { communityId: id, expiresInDays: 1000 }, as.organiser), 400);
    const invitation = await svc.send(CreateInvitation, { communityId: id, expiresInDays: 7 }, as.organiser);
    expect(invitation.url).toContain(invitation.token);
    expect(new Date(invitation.expiresAt).getTime()).toBeGreaterThan(Date.now() + 6 * 86_400_000);
    const stored = await sql<{ token_hash: Buffer }>(svc, 'SELECT token_hash FROM invitations WHERE id = ?', [invitation.id]);
    expect(stored[0].token_hash.toString('base64url')).not.toBe(invitation.token);
    expect(JSON.stringify(await sql(svc, 'SELECT * FROM invitations'))).not.toContain(invitation.token);

    await expectRefused(svc.send(JoinCommunity, { communityId: id }, as.member), 404);
    // The link shows what it leads to, to whoever holds it (signed in or not), even for a members-only community.
    const shown = await svc.send(GetInvitation, { token: invitation.token });
    expect(shown).toEqual({ communityId: id, regionId: regionA, name: 'Besloten kring', description: '', expiresAt: invitation.expiresAt, myRole: null });
    expect(await svc.send(GetInvitation, { token: invitation.token }, as.organiser)).toMatchObject({ myRole: 'organiser' });
    await expectRefused(svc.send(GetInvitation, { token: 'y'.repeat(43) }, as.member), 404, 'INVITATION_NOT_FOUND');
    await expectRefused(svc.send(AcceptInvitation, { token: invitation.token }, as.outsider), 403, 'COMMUNITY_OTHER_REGION');
    await expectRefused(svc.send(AcceptInvitation, { token: 'x'.repeat(43) }, as.member), 404, 'INVITATION_NOT_FOUND');
    await expectRefused(svc.send(AcceptInvitation, { token: 'short' }, as.member), 400);
    expect(await svc.send(AcceptInvitation, { token: invitation.token }, as.member)).toEqual({ communityId: id, accountId: ids.member, role: 'member' });
    expect(await svc.send(AcceptInvitation, { token: invitation.token }, as.member)).toMatchObject({ role: 'member' });
    expect((await svc.send(ListInvitations, { communityId: id }, as.organiser)).items).toMatchObject([{ id: invitation.id, acceptedCount: 1 }]);

    await expectRefused(svc.send(RevokeInvitation, { communityId: id, invitationId: invitation.id }, as.member), 403, 'NOT_A_MODERATOR');
    await svc.send(RevokeInvitation, { communityId: id, invitationId: invitation.id }, as.organiser);
    await expectRefused(svc.send(AcceptInvitation, { token: invitation.token }, as.stranger), 410, 'INVITATION_GONE');
    await expectRefused(svc.send(GetInvitation, { token: invitation.token }, as.stranger), 410, 'INVITATION_GONE');
    const old = await svc.send(CreateInvitation, { communityId: id, expiresInDays: 1 }, as.organiser);
    await sql(svc, "UPDATE invitations SET expires_at = now() - interval '1 minute' WHERE id = ?", [old.id]);
    await expectRefused(svc.send(AcceptInvitation, { token: old.token }, as.stranger), 410, 'INVITATION_GONE');
    expect(await members(id)).toEqual({ [ids.organiser]: 'organiser', [ids.member]: 'member' });
  });

  it('roles: organisers give roles, moderators remove members, anyone leaves; the last organiser stays', async () => {
    const { id } = await svc.send(CreateCommunity, { name: 'Rollenkring', visibility: 'public' }, as.organiser);
    for (const who of ['second', 'moderator', 'member'] as const) await svc.send(JoinCommunity, { communityId: id }, as[who]);
    await expectRefused(svc.send(ChangeMemberRole, { communityId: id, accountId: ids.moderator, role: 'moderator' }, as.member), 403, 'NOT_AN_ORGANISER');
    await expectRefused(svc.send(ChangeMemberRole, { communityId: id, accountId: ids.moderator, role: 'boss' }, as.organiser), 400);
    await expectRefused(svc.send(ChangeMemberRole, { communityId: id, accountId: ids.stranger, role: 'moderator' }, as.organiser), 404, 'MEMBER_NOT_FOUND');
    await svc.send(ChangeMemberRole, { communityId: id, accountId: ids.moderator, role: 'moderator' }, as.organiser);
    expect((await svc.send(GetCommunity, { id }, as.moderator)).myRole).toBe('moderator');
    await expectRefused(svc.send(ChangeMemberRole, { communityId: id, accountId: ids.organiser, role: 'member' }, as.organiser), 409, 'LAST_ORGANISER');
    await expectRefused(svc.send(RemoveMember, { communityId: id, accountId: ids.organiser }, as.organiser), 409, 'LAST_ORGANISER');
    await expectRefused(svc.send(RemoveMember, { communityId: id, accountId: ids.organiser }, as.moderator), 403, 'CANNOT_REMOVE_ROLE');
    await expectRefused(svc.send(RemoveMember, { communityId: id, accountId: ids.moderator }, as.member), 403, 'NOT_A_MODERATOR');
    const listed = await svc.send(ListMembers, { communityId: id }, as.member);
    expect(listed.items.find((m) => m.accountId === ids.moderator)?.role).toBe('moderator');

    await svc.send(RemoveMember, { communityId: id, accountId: ids.member }, as.moderator);
    await svc.send(RemoveMember, { communityId: id, accountId: ids.second }, as.second);
    await expectRefused(svc.send(RemoveMember, { communityId: id, accountId: ids.second }, as.organiser), 404, 'MEMBER_NOT_FOUND');
    expect(await members(id)).toEqual({ [ids.organiser]: 'organiser', [ids.moderator]: 'moderator' });
    expect((await svc.send(GetCommunity, { id }, as.organiser)).memberCount).toBe(2);
    const events = await sql<{ subject: string; payload: { data: Record<string, unknown> } }>(
      svc, "SELECT subject, payload FROM kc_outbox WHERE payload->'data'->>'communityId' = ? ORDER BY id", [id]);
    const kinds = events.map((e) => e.subject.split('.').slice(-3).join('.'));
    expect(kinds).toEqual(expect.arrayContaining(['member.role-changed.v1', 'member.left.v1']));
    expect(events.find((e) => e.subject.endsWith('member.left.v1'))!.payload.data).toEqual({ communityId: id, accountId: ids.member });
  });

  it('two organisers demoting each other at once: one wins, the community keeps an organiser (row lock)', async () => {
    for (let round = 0; round < 5; round++) {
      const { id } = await svc.send(CreateCommunity, { name: `Gelijktijdig ${round}`, visibility: 'public' }, as.organiser);
      await svc.send(JoinCommunity, { communityId: id }, as.second);
      await svc.send(ChangeMemberRole, { communityId: id, accountId: ids.second, role: 'organiser' }, as.organiser);
      const results = await Promise.allSettled([
        round % 2 === 0
          ? svc.send(ChangeMemberRole, { communityId: id, accountId: ids.organiser, role: 'member' }, as.second)
          : svc.send(RemoveMember, { communityId: id, accountId: ids.organiser }, as.organiser),
        round % 2 === 0
          ? svc.send(ChangeMemberRole, { communityId: id, accountId: ids.second, role: 'member' }, as.organiser)
          : svc.send(RemoveMember, { communityId: id, accountId: ids.second }, as.second),
      ]);
      expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
      const refused = results.find((r) => r.status === 'rejected') as PromiseRejectedResult;
      expect(refused.reason).toMatchObject({ statusCode: expect.any(Number) });
      expect([409, 403, 404]).toContain((refused.reason as DomainError).statusCode);
      const organisers = Object.values(await members(id)).filter((r) => r === 'organiser');
      expect(organisers).toHaveLength(1);
    }
  });

  it('the plan: organisers and the region’s librarians write it, members read it, Markdown sanitised', async () => {
    const { id } = await svc.send(CreateCommunity, { name: 'Plankring', visibility: 'members' }, as.organiser);
    await svc.send(AcceptInvitation, { token: (await svc.send(CreateInvitation, { communityId: id }, as.organiser)).token }, as.member);
    const plan = { goals: '**Samen** leren <script>alert(1)</script>', targetGroup: 'Ouderen in de wijk', conditions: '[link](javascript:alert(1))', approach: '- maandelijks\n- in de bieb' };
    expect((await svc.send(GetCommunityPlan, { communityId: id }, as.member))).toMatchObject({ source: { goals: '' }, updatedAt: null });
    await expectRefused(svc.send(SetCommunityPlan, { communityId: id, ...plan }, as.member), 403, 'NOT_AN_ORGANISER');
    await expectRefused(svc.send(SetCommunityPlan, { communityId: id, ...plan }, as.otherLibrarian), 404);
    await expectRefused(svc.send(SetCommunityPlan, { communityId: id, ...plan, goals: 'x'.repeat(10_001) }, as.organiser), 400);
    await expectRefused(svc.send(SetCommunityPlan, { communityId: id, goals: 'a' }, as.organiser), 400);
    await expectRefused(svc.send(GetCommunityPlan, { communityId: id }, as.stranger), 404);
    expect(await sql(svc, 'SELECT * FROM community_plans')).toHaveLength(0);
    await svc.send(SetCommunityPlan, { communityId: id, ...plan }, as.librarian);
    const read = await svc.send(GetCommunityPlan, { communityId: id }, as.member);
    expect(read.source.goals).toBe(plan.goals);
    expect(read.html.goals).toContain('<strong>Samen</strong>');
    expect(read.html.goals).not.toContain('<script');
    expect(read.html.conditions).not.toMatch(/href="javascript/i);
    expect(read.html.approach).toContain('<li>');
    expect(read.updatedBy).toBe(ids.librarian);
  });
});
