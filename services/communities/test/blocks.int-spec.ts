import { randomUUID } from 'node:crypto';
import {
  AcceptInvitation, AddMedia, BlockMember, ListCommunityAudit, ChangeMemberRole, CreateCommunity, CreateInvitation, DomainError, JoinCommunity, ListBlocks, PostContribution,
  RegionCreated, SetReaction, StartConversation, UnblockMember, UpdateCommunity,
} from '@kc/contracts';
import { Client } from 'pg';
import { InProcessService, TEST_DATABASE_URL_BASE, TestIdentity, TestScope, waitFor } from '@kc/testing';
import { failure } from '../../identity/test/identity-test-kit';
import { publishEvent, sql, startCommunities } from './support';

const refusal = async (attempt: Promise<unknown>) => {
  const error = await failure<DomainError>(attempt);
  expect(error).toBeInstanceOf(DomainError);
  expect(error.messages.nl.length).toBeGreaterThan(10);
  return { status: error.statusCode, code: error.code, retryAfter: (error.details as { retryAfterSeconds?: number } | undefined)?.retryAfterSeconds };
};

describe('communities: blocks and posting limits (real PostgreSQL and NATS)', () => {
  const scope = new TestScope('blocks');
  let svc: InProcessService;
  let tokens: TestIdentity;
  const region = randomUUID();
  const ids = { organiser: randomUUID(), moderator: randomUUID(), member: randomUUID(), troll: randomUUID(), librarian: randomUUID(), writer: randomUUID() };
  type Who = keyof typeof ids;
  const as = {} as Record<Who, string>;
  let communityId: string;
  let conversationId: string;

  beforeAll(async () => {
    tokens = await new TestIdentity(scope.namespace).start();
    // Low limits, as in production but smaller, so a flood is quick to write.
    svc = await startCommunities(scope, { COMMUNITIES_MAX_CONVERSATIONS_PER_MINUTE: '3', COMMUNITIES_MAX_CONTRIBUTIONS_PER_MINUTE: '5', COMMUNITIES_MAX_MEDIA_PER_MINUTE: '2' });
    for (const who of Object.keys(ids) as Who[]) {
      as[who] = await tokens.token({ accountId: ids[who], regionId: region, ...(who === 'librarian' ? { roles: ['community_librarian' as const] } : {}) });
    }
    await publishEvent(scope, RegionCreated, { regionId: region, slug: `regio-${randomUUID().slice(0, 6)}`, name: 'Regio Blok' }, region);
    ({ communityId, conversationId } = await garden('Buurtmoestuin'));
  });
  afterAll(async () => {
    await svc?.close();
    await tokens?.stop();
    await scope.dispose();
  });

  /** A community with its members, a moderator, a conversation and a contribution. */
  const garden = async (name: string) => {
    const id = (await svc.send(CreateCommunity, { name, visibility: 'public' }, as.organiser)).id;
    for (const who of ['moderator', 'member', 'troll', 'writer'] as const) await svc.send(JoinCommunity, { communityId: id }, as[who]);
    await svc.send(ChangeMemberRole, { communityId: id, accountId: ids.moderator, role: 'moderator' }, as.organiser);
    const conversation = (await svc.send(StartConversation, { communityId: id, title: 'Zaaien in maart', body: 'Wat zaaien jullie binnen voor?' }, as.member)).id;
    const contribution = (await svc.send(PostContribution, { conversationId: conversation, body: 'Tomaten en paprika.' }, as.member)).id;
    return { communityId: id, conversationId: conversation, contributionId: contribution };
  };
  const memberRow = (accountId: string, community = communityId) =>
    sql(svc, 'SELECT role FROM memberships WHERE community_id = ? AND account_id = ?', [community, accountId]);

  it('a blocked member is out at once and cannot post, react or come back by any way in, until unblocked', async () => {
    // A community of its own: its log holds exactly this test's actions, and the join mode it changes is nobody else's.
    const { communityId, conversationId, contributionId } = await garden('Volkstuin');
    const [{ member_count: before }] = await sql<{ member_count: number }>(svc, 'SELECT member_count FROM communities WHERE id = ?', [communityId]);
    const blocked = await svc.send(BlockMember, { communityId, accountId: ids.troll, reason: 'Scheldt anderen uit' }, as.moderator);
    expect(blocked).toMatchObject({ accountId: ids.troll, reason: 'Scheldt anderen uit', blockedBy: ids.moderator });
    expect(await memberRow(ids.troll, communityId)).toEqual([]);
    expect((await sql<{ member_count: number }>(svc, 'SELECT member_count FROM communities WHERE id = ?', [communityId]))[0]!.member_count).toBe(before - 1);

    expect(await refusal(svc.send(StartConversation, { communityId, title: 'Opnieuw', body: 'Hallo' }, as.troll))).toMatchObject({ status: 403, code: 'NOT_A_MEMBER' });
    expect(await refusal(svc.send(PostContribution, { conversationId, body: 'Nog eens' }, as.troll))).toMatchObject({ status: 403 });
    expect(await refusal(svc.send(SetReaction, { contributionId, kind: 'eens', on: true }, as.troll))).toMatchObject({ status: 403 });
    expect(await refusal(svc.send(JoinCommunity, { communityId }, as.troll))).toMatchObject({ status: 403, code: 'BLOCKED_IN_COMMUNITY' });
    await svc.send(UpdateCommunity, { communityId, joinMode: 'approval' }, as.organiser);
    expect(await refusal(svc.send(JoinCommunity, { communityId }, as.troll))).toMatchObject({ status: 403, code: 'BLOCKED_IN_COMMUNITY' });
    expect(await sql(svc, 'SELECT 1 FROM membership_requests WHERE community_id = ? AND account_id = ?', [communityId, ids.troll])).toEqual([]);
    const invitation = await svc.send(CreateInvitation, { communityId, expiresInDays: 7 }, as.organiser);
    expect(await refusal(svc.send(AcceptInvitation, { token: invitation.token }, as.troll))).toMatchObject({ status: 403, code: 'BLOCKED_IN_COMMUNITY' });
    expect(await memberRow(ids.troll, communityId)).toEqual([]);

    expect((await svc.send(ListBlocks, { communityId }, as.organiser)).items.map((b) => b.accountId)).toEqual([ids.troll]);
    await svc.send(UnblockMember, { communityId, accountId: ids.troll }, as.librarian);
    expect((await svc.send(AcceptInvitation, { token: invitation.token }, as.troll)).role).toBe('member');
    await svc.send(UpdateCommunity, { communityId, joinMode: 'open' }, as.organiser);

    // The community's log has every moderation and role action so far, newest first, with who and why; members do not see it.
    const log = (await svc.send(ListCommunityAudit, { communityId }, as.moderator)).items;
    expect(log.map((e) => [e.action, e.actorId, e.targetId])).toEqual([
      ['community.join-mode.open', ids.organiser, null],
      ['member.unblocked', ids.librarian, ids.troll],
      ['invitation.created', ids.organiser, expect.any(String)],
      ['community.join-mode.approval', ids.organiser, null],
      ['member.blocked', ids.moderator, ids.troll],
      ['member.role.moderator', ids.organiser, ids.moderator],
    ]);
    expect(log.find((e) => e.action === 'member.blocked')).toMatchObject({ reason: 'Scheldt anderen uit', targetType: 'account' });
    const firstPage = await svc.send(ListCommunityAudit, { communityId, limit: 4 }, as.organiser);
    const secondPage = await svc.send(ListCommunityAudit, { communityId, limit: 4, cursor: firstPage.nextCursor! }, as.organiser);
    expect([...firstPage.items, ...secondPage.items].map((e) => e.id)).toEqual(log.map((e) => e.id));
    expect(await refusal(svc.send(ListCommunityAudit, { communityId }, as.member))).toMatchObject({ status: 403, code: 'NOT_A_MODERATOR' });
    expect(await refusal(svc.send(ListCommunityAudit, { communityId, cursor: 'bogus' }, as.organiser))).toMatchObject({ status: 400, code: 'INVALID_CURSOR' });

    const events = await sql<{ subject: string }>(svc, `SELECT subject FROM kc_outbox WHERE payload->'data'->>'accountId' = ? AND payload->'data'->>'communityId' = ? AND subject LIKE '%member.%' ORDER BY created_at, id`,
      [ids.troll, communityId]);
    expect(events.map((e) => e.subject.split('.').slice(-3, -1).join('.'))).toEqual(['member.joined', 'member.left', 'member.blocked', 'member.unblocked', 'member.joined']);
  });

  it('refuses who may not block, and blocking organisers, moderators by a moderator, or oneself, changing nothing', async () => {
    const cases: Array<[string, () => Promise<unknown>, number, string]> = [
      ['a member blocks', () => svc.send(BlockMember, { communityId, accountId: ids.writer, reason: 'Zomaar' }, as.member), 403, 'NOT_A_MODERATOR'],
      ['the organiser is blocked', () => svc.send(BlockMember, { communityId, accountId: ids.organiser, reason: 'Zomaar' }, as.moderator), 409, 'CANNOT_BLOCK_ORGANISER'],
      ['a moderator blocks themselves', () => svc.send(BlockMember, { communityId, accountId: ids.moderator, reason: 'Zomaar' }, as.moderator), 409, 'CANNOT_BLOCK_YOURSELF'],
      // Who may block comes first: a member naming themselves is refused as a member, not told about themselves.
      ['a member blocks themselves', () => svc.send(BlockMember, { communityId, accountId: ids.member, reason: 'Zomaar' }, as.member), 403, 'NOT_A_MODERATOR'],
      ['a member reads the blocks', () => svc.send(ListBlocks, { communityId }, as.member), 403, 'NOT_A_MODERATOR'],
      ['unblocking who is not blocked', () => svc.send(UnblockMember, { communityId, accountId: ids.writer }, as.organiser), 404, 'BLOCK_NOT_FOUND'],
    ];
    for (const [what, attempt, status, code] of cases) expect({ what, ...(await refusal(attempt())) }).toMatchObject({ what, status, code });
    const secondModerator = randomUUID();
    const token = await tokens.token({ accountId: secondModerator, regionId: region });
    await svc.send(JoinCommunity, { communityId }, token);
    await svc.send(ChangeMemberRole, { communityId, accountId: secondModerator, role: 'moderator' }, as.organiser);
    expect(await refusal(svc.send(BlockMember, { communityId, accountId: secondModerator, reason: 'Onenigheid' }, as.moderator))).toMatchObject({ status: 403, code: 'CANNOT_BLOCK_ROLE' });
    expect(await memberRow(secondModerator)).toEqual([{ role: 'moderator' }]);
    expect(await sql(svc, 'SELECT account_id FROM community_blocks WHERE community_id = ?', [communityId])).toEqual([]);
  });

  it('stops a flood of posts by one account with 429 and Retry-After, also when they arrive at once; others post on', async () => {
    // Conversations: 3 a minute, 6 sent in parallel: exactly 3 are written.
    const attempts = await Promise.allSettled(Array.from({ length: 6 }, (_, i) => svc.send(StartConversation, { communityId, title: `Spam nummer ${i}`, body: 'Koop nu!' }, as.writer)));
    expect(attempts.filter((a) => a.status === 'fulfilled')).toHaveLength(3);
    const refused = attempts.flatMap((a) => (a.status === 'rejected' ? [a.reason as DomainError] : []));
    expect(refused.map((e) => [e.statusCode, e.code])).toEqual(Array.from({ length: 3 }, () => [429, 'POSTING_LIMIT_REACHED']));
    const retry = (refused[0]!.details as { retryAfterSeconds: number }).retryAfterSeconds;
    expect(retry).toBeGreaterThanOrEqual(1);
    expect(retry).toBeLessThanOrEqual(60);
    expect(refused[0]!.messages.nl).toContain('3 nieuwe gesprekken');
    expect(await sql(svc, 'SELECT id FROM conversations WHERE author_id = ?', [ids.writer])).toHaveLength(3);

    // Contributions: 5 a minute; the sixth is refused, another member's is not.
    for (let i = 0; i < 5; i++) await svc.send(PostContribution, { conversationId, body: `Bijdrage ${i}` }, as.writer);
    expect(await refusal(svc.send(PostContribution, { conversationId, body: 'Nog één' }, as.writer))).toMatchObject({ status: 429, code: 'POSTING_LIMIT_REACHED' });
    await svc.send(PostContribution, { conversationId, body: 'Ik mag nog' }, as.moderator);

    // Media: 2 a minute.
    for (const path of ['a', 'b']) await svc.send(AddMedia, { conversationId, url: `https://zaaien.example.org/${path}` }, as.writer);
    expect(await refusal(svc.send(AddMedia, { conversationId, url: 'https://zaaien.example.org/c' }, as.writer))).toMatchObject({ status: 429, code: 'POSTING_LIMIT_REACHED' });
    expect(await sql(svc, 'SELECT id FROM media_references WHERE added_by = ?', [ids.writer])).toHaveLength(2);
  });

  it('counts a post committed while the next one waited for the account’s lock (the count runs after the lock, on a fresh snapshot)', async () => {
    const url = `${TEST_DATABASE_URL_BASE}/${scope.dbName('communities')}`;
    const [first, second] = [new Client({ connectionString: url }), new Client({ connectionString: url })];
    await Promise.all([first.connect(), second.connect()]);
    try {
      const author = randomUUID();
      const window = (client: Client) =>
        client.query<{ n: number }>("SELECT n FROM kc_posting_window($1, 'conversation', $2::uuid, 10, 60)", [`kc-posting:${author}`, author]).then((r) => r.rows[0]!.n);
      const secondPid = (await second.query<{ pid: number }>('SELECT pg_backend_pid() AS pid')).rows[0]!.pid;
      await first.query('BEGIN');
      expect(await window(first)).toBe(0);
      await first.query("INSERT INTO conversations (id, community_id, region_id, title, body, author_id) VALUES ($1, $2, $3, 'Eerste', 'Tekst', $4)", [randomUUID(), communityId, region, author]);
      await second.query('BEGIN');
      const counted = window(second);
      // The second waits for the account's lock while the first commits its post.
      await waitFor(async () => (await first.query("SELECT 1 FROM pg_locks WHERE pid = $1 AND locktype = 'advisory' AND NOT granted", [secondPid])).rowCount === 1);
      await first.query('COMMIT');
      expect(await counted).toBe(1);
      await second.query('COMMIT');
    } finally {
      await Promise.all([first.end(), second.end()]);
    }
  });
});
