import { randomUUID } from 'node:crypto';
import {
  CreateCommunity, DeleteContribution, DomainError, EditContribution, JoinCommunity, ListContributions, ListMembers,
  PostContribution, RegionCreated, SetReaction, StartConversation,
} from '@kc/contracts';
import { InProcessService, TestIdentity, TestScope } from '@kc/testing';
import { SUBSTANCE_CHARS } from '../src/conversation/conversation-growth';
import { publishEvent, sql, startCommunities } from './support';

const failure = (promise: Promise<unknown>) =>
  promise.then(
    (value) => { throw new Error(`expected a failure, got ${JSON.stringify(value)}`); },
    (error: unknown) => error as DomainError,
  );

describe('contributions, replies, mentions and reactions (real PostgreSQL and NATS)', () => {
  const scope = new TestScope('contributions');
  let svc: InProcessService;
  let tokens: TestIdentity;

  const region = randomUUID();
  const otherRegion = randomUUID();
  const ids = { organiser: randomUUID(), member: randomUUID(), second: randomUUID(), stranger: randomUUID(), outsider: randomUUID(), librarian: randomUUID() };
  let as: Record<keyof typeof ids, string>;
  let communityId: string;
  let conversationId: string;
  let otherConversationId: string;

  const thread = async (token?: string, query: { conversationId?: string; limit?: number; cursor?: string } = {}) => svc.send(ListContributions, { conversationId, ...query }, token);
  const rowCount = async () => Number((await sql<{ n: string }>(svc, 'SELECT count(*) AS n FROM contributions'))[0]!.n);
  const outboxOf = async (subject: string) =>
    (await sql<{ payload: { data: Record<string, unknown> } }>(svc, 'SELECT payload FROM kc_outbox WHERE subject LIKE ? ORDER BY id', [`%${subject}`])).map((r) => r.payload.data);
  /** A top-level contribution of the test's own, by the member. */
  const post = async (body: string) => svc.send(PostContribution, { conversationId, body }, as.member);

  beforeAll(async () => {
    tokens = await new TestIdentity(scope.namespace).start();
    tokens.name(ids.organiser, 'Olga Organisator').name(ids.member, 'Mo Lid').name(ids.second, 'Sara Tweede').name(ids.librarian, 'Lotte Bibliothecaris');
    svc = await startCommunities(scope);
    as = {
      organiser: await tokens.token({ accountId: ids.organiser, regionId: region }),
      member: await tokens.token({ accountId: ids.member, regionId: region }),
      second: await tokens.token({ accountId: ids.second, regionId: region }),
      stranger: await tokens.token({ accountId: ids.stranger, regionId: region }),
      outsider: await tokens.token({ accountId: ids.outsider, regionId: otherRegion }),
      librarian: await tokens.token({ accountId: ids.librarian, regionId: region, roles: ['community_librarian'] }),
    };
    await publishEvent(scope, RegionCreated, { regionId: region, slug: 'regio-bijdragen', name: 'Regio' }, region);
    communityId = (await svc.send(CreateCommunity, { name: 'Repaircafé', visibility: 'public' }, as.organiser)).id;
    await svc.send(JoinCommunity, { communityId }, as.member);
    await svc.send(JoinCommunity, { communityId }, as.second);
    conversationId = (await svc.send(StartConversation, { communityId, title: 'Stofzuiger repareren', body: 'Wie weet raad?' }, as.organiser)).id;
    otherConversationId = (await svc.send(StartConversation, { communityId, title: 'Fietsen', body: 'Band plakken' }, as.organiser)).id;
  });
  afterAll(async () => {
    await svc?.close();
    await tokens?.stop();
    await scope.dispose();
  });

  it('refuses bad input, strangers and unknown places with clear Dutch messages, and writes nothing', async () => {
    const [rowsBefore, eventsBefore] = [await rowCount(), (await outboxOf('contribution.%')).length];
    expect((await failure(svc.send(PostContribution, { conversationId, body: 'Hallo' }))).statusCode).toBe(401);
    for (const data of [
      { conversationId, body: '   ' },
      { conversationId, body: 'x'.repeat(10_001) },
      { conversationId, body: 'Hallo', extra: true },
      { conversationId, body: 'Hallo', parentId: 'geen-id' },
      { conversationId, body: 'Hallo', mentions: ['geen-id'] },
      { conversationId, body: 'Hallo', mentions: [ids.member, ids.member] },
      { conversationId, body: 'Bel\u0007' },
    ]) {
      const error = await failure(svc.send(PostContribution, data, as.member));
      expect({ data, status: error.statusCode, code: error.code }).toEqual({ data, status: 400, code: 'VALIDATION_FAILED' });
      expect(error.messages.nl).toMatch(/^Ongeldige invoer/);
    }
    expect(await failure(svc.send(PostContribution, { conversationId, body: 'Mag ik?' }, as.stranger))).toMatchObject({ statusCode: 403, code: 'NOT_A_MEMBER' });
    expect(await failure(svc.send(PostContribution, { conversationId, body: 'Mag ik?' }, as.outsider))).toMatchObject({ statusCode: 403, code: 'NOT_A_MEMBER' });
    expect(await failure(svc.send(PostContribution, { conversationId: randomUUID(), body: 'Waar?' }, as.member))).toMatchObject({ statusCode: 404, code: 'CONVERSATION_NOT_FOUND' });
    expect(await failure(svc.send(PostContribution, { conversationId, body: 'Op niets', parentId: randomUUID() }, as.member))).toMatchObject({ statusCode: 400, code: 'CONTRIBUTION_PARENT_NOT_FOUND' });
    const notMember = await failure(svc.send(PostContribution, { conversationId, body: 'Hoi @vreemde', mentions: [ids.member, ids.stranger] }, as.member));
    expect(notMember).toMatchObject({ statusCode: 400, code: 'MENTION_NOT_A_MEMBER', details: { accountIds: [ids.stranger] } });
    expect(notMember.messages.nl).toMatch(/alleen leden van deze community noemen/);
    expect(await failure(svc.send(PostContribution, { conversationId, body: '[ref]: https://example.org' }, as.member))).toMatchObject({ statusCode: 400, code: 'CONTRIBUTION_EMPTY' });
    expect(await rowCount()).toBe(rowsBefore);
    expect(await outboxOf('contribution.%')).toHaveLength(eventsBefore);
  });

  it('renders Markdown to sanitised HTML, threads replies one level deep and lists them oldest first with names', async () => {
    // A conversation of its own: the thread holds exactly what this test posts.
    const conversationId = (await svc.send(StartConversation, { communityId, title: 'Stofzuiger repareren', body: 'Wie weet raad?' }, as.organiser)).id;
    const key = randomUUID();
    const first = await svc.send(PostContribution, { conversationId, body: 'Check **eerst** het filter.\n\n[Handleiding](https://example.org/stofzuiger) <script>alert(1)</script> [x](javascript:alert(1))' }, as.member, key);
    expect(await svc.send(PostContribution, { conversationId, body: 'Check **eerst** het filter.\n\n[Handleiding](https://example.org/stofzuiger) <script>alert(1)</script> [x](javascript:alert(1))' }, as.member, key)).toEqual(first);
    const reply = await svc.send(PostContribution, { conversationId, body: 'Goed idee', parentId: first.id }, as.second);
    const replyToReply = await svc.send(PostContribution, { conversationId, body: 'Dank jullie!', parentId: reply.id }, as.organiser);
    const second = await svc.send(PostContribution, { conversationId, body: 'Een tweede draad' }, as.second);
    const late = await svc.send(PostContribution, { conversationId, body: 'Nog een reactie op de eerste', parentId: first.id }, as.member);
    expect(await failure(svc.send(PostContribution, { conversationId: otherConversationId, body: 'Verkeerd gesprek', parentId: first.id }, as.member))).toMatchObject({ code: 'CONTRIBUTION_PARENT_NOT_FOUND' });

    const page = await thread(as.member, { conversationId });
    expect(page.items.map((c) => [c.id, c.parentId])).toEqual([
      [first.id, null], [reply.id, first.id], [replyToReply.id, first.id], [late.id, first.id], [second.id, null],
    ]);
    const [top] = page.items;
    expect(top).toMatchObject({
      conversationId, author: { id: ids.member, displayName: 'Mo Lid' }, editedAt: null, deleted: false, hidden: false,
      reactions: { nuttig: 0, eens: 0, inspirerend: 0 }, myReactions: [], canEdit: true, canDelete: true,
    });
    expect(top!.html).toContain('<strong>eerst</strong>');
    expect(top!.html).toContain('<a href="https://example.org/stofzuiger" rel="nofollow ugc noopener">Handleiding</a>');
    expect(top!.html).toContain('&lt;script&gt;');
    expect(top!.html).not.toMatch(/<script|href="javascript/i);
    expect(page.items[1]!.author.displayName).toBe('Sara Tweede');
    expect(page.items[1]).toMatchObject({ canEdit: false, canDelete: false });
    // Anyone who may read the public community reads the thread; nobody else may change it.
    const anonymous = await thread(undefined, { conversationId });
    expect(anonymous.items).toHaveLength(5);
    expect(anonymous.items.every((c) => !c.canEdit && !c.canDelete)).toBe(true);
    expect((await thread(as.organiser, { conversationId })).items.every((c) => c.canDelete)).toBe(true);

    const one = await thread(as.member, { conversationId, limit: 2 });
    const two = await thread(as.member, { conversationId, limit: 2, cursor: one.nextCursor! });
    const three = await thread(as.member, { conversationId, limit: 2, cursor: two.nextCursor! });
    expect([...one.items, ...two.items, ...three.items].map((c) => c.id)).toEqual(page.items.map((c) => c.id));
    expect(three.nextCursor).toBeNull();
    expect(await failure(thread(as.member, { conversationId, cursor: 'kapot' }))).toMatchObject({ statusCode: 400, code: 'INVALID_CURSOR' });

    const posted = await outboxOf('contribution.posted.v1');
    expect(posted).toContainEqual({
      contributionId: replyToReply.id, conversationId, conversationTitle: 'Stofzuiger repareren', communityId, parentId: first.id, authorId: ids.organiser, body: 'Dank jullie!', visibility: 'public', revision: 0,
    });
  });

  it('lets members mention members: each mention one event with ids only', async () => {
    const { id } = await svc.send(PostContribution, { conversationId, body: 'Sara en Olga, kijken jullie mee?', mentions: [ids.second, ids.organiser.toUpperCase(), ids.member] }, as.member);
    const mentioned = (await outboxOf('contribution.mentioned.v1')).filter((m) => m.contributionId === id);
    expect(mentioned.map((m) => m.mentionedAccountId).sort()).toEqual([ids.organiser, ids.second].sort());
    expect(mentioned[0]).toEqual({ contributionId: id, conversationId, communityId, mentionedAccountId: expect.any(String), authorId: ids.member });
    const members = await svc.send(ListMembers, { communityId }, as.member);
    expect(members.items.map((m) => m.displayName)).toEqual(['Mo Lid', 'Olga Organisator', 'Sara Tweede']);
    expect((await svc.send(ListMembers, { communityId }, as.librarian)).items).toHaveLength(3);
    expect(await failure(svc.send(ListMembers, { communityId }, as.stranger))).toMatchObject({ statusCode: 403, code: 'NOT_A_MEMBER' });
    expect((await failure(svc.send(ListMembers, { communityId }))).statusCode).toBe(401);
  });

  it('keeps one reaction of each kind per person, for members, idempotently', async () => {
    const top = await post('Zuigmond schoonmaken helpt ook.');
    const seen = async (token?: string) => (await thread(token)).items.find((c) => c.id === top.id);
    const react = (token: string, kind: string, on: boolean) => svc.send(SetReaction, { contributionId: top.id, kind, on }, token);
    await react(as.second, 'nuttig', true);
    await react(as.second, 'nuttig', true);
    await react(as.second, 'eens', true);
    await react(as.organiser, 'nuttig', true);
    await react(as.organiser, 'inspirerend', false);
    expect(await failure(react(as.stranger, 'nuttig', true))).toMatchObject({ statusCode: 403, code: 'NOT_A_MEMBER' });
    const badKind = await failure(react(as.second, 'leuk', true));
    expect(badKind).toMatchObject({ statusCode: 400, code: 'VALIDATION_FAILED' });
    expect(badKind.messages.nl).toMatch(/nuttig, eens of inspirerend/);
    expect(await failure(svc.send(SetReaction, { contributionId: randomUUID(), kind: 'eens', on: true }, as.second))).toMatchObject({ statusCode: 404, code: 'CONTRIBUTION_NOT_FOUND' });

    const seenBySecond = (await seen(as.second))!;
    expect(seenBySecond.reactions).toEqual({ nuttig: 2, eens: 1, inspirerend: 0 });
    expect(seenBySecond.myReactions).toEqual(['nuttig', 'eens']);
    await react(as.second, 'eens', false);
    await react(as.second, 'eens', false);
    expect(await seen(as.second)).toMatchObject({ reactions: { nuttig: 2, eens: 0, inspirerend: 0 }, myReactions: ['nuttig'] });
    expect((await seen())!.myReactions).toEqual([]);
  });

  it('lets only the author edit, marking it edited', async () => {
    const top = await post('Check **eerst** het filter.');
    for (const token of [as.second, as.organiser]) await svc.send(SetReaction, { contributionId: top.id, kind: 'nuttig', on: true }, token);
    expect(await failure(svc.send(EditContribution, { contributionId: top.id, body: 'Overgenomen' }, as.organiser))).toMatchObject({ statusCode: 403, code: 'NOT_THE_AUTHOR' });
    expect(await failure(svc.send(EditContribution, { contributionId: top.id, body: '' }, as.member))).toMatchObject({ statusCode: 400 });
    const edited = await svc.send(EditContribution, { contributionId: top.id, body: 'Check _eerst_ het filter en de slang.' }, as.member);
    expect(edited).toMatchObject({ id: top.id, html: '<p>Check <em>eerst</em> het filter en de slang.</p>', editedAt: expect.any(String), reactions: { nuttig: 2 } });
    expect((await outboxOf('contribution.edited.v1')).filter((e) => e.contributionId === top.id))
      .toEqual([expect.objectContaining({ contributionId: top.id, body: 'Check _eerst_ het filter en de slang.', revision: 1 })]);
  });

  it('lets the author or a moderator delete, leaving a notice in the thread', async () => {
    const { id: own } = await svc.send(PostContribution, { conversationId, body: 'Oeps, verkeerd gesprek' }, as.second);
    const { id: moderated } = await svc.send(PostContribution, { conversationId, body: 'Koop bij mijn winkel!' }, as.member);
    const { id: byLibrarian } = await svc.send(PostContribution, { conversationId, body: 'Nog meer reclame' }, as.member);
    expect(await failure(svc.send(DeleteContribution, { contributionId: moderated }, as.second))).toMatchObject({ statusCode: 403, code: 'NOT_ALLOWED_TO_DELETE' });
    expect(await failure(svc.send(DeleteContribution, { contributionId: moderated }, as.stranger))).toMatchObject({ statusCode: 403, code: 'NOT_ALLOWED_TO_DELETE' });
    await svc.send(DeleteContribution, { contributionId: own }, as.second);
    await svc.send(DeleteContribution, { contributionId: own }, as.second);
    await svc.send(DeleteContribution, { contributionId: moderated }, as.organiser);
    await svc.send(DeleteContribution, { contributionId: byLibrarian }, as.librarian);

    const items = (await thread(as.member)).items;
    for (const id of [own, moderated, byLibrarian]) {
      expect(items.find((c) => c.id === id)).toMatchObject({ deleted: true, html: '<p class="kc-contribution__notice">Deze bijdrage is verwijderd.</p>', canEdit: false, canDelete: false });
    }
    expect(await sql(svc, "SELECT id FROM contributions WHERE id = ANY(?::uuid[]) AND (body <> '' OR html <> '')", [`{${own},${moderated}}`])).toEqual([]);
    expect(await failure(svc.send(EditContribution, { contributionId: own, body: 'Terug' }, as.second))).toMatchObject({ statusCode: 409, code: 'CONTRIBUTION_DELETED' });
    expect(await failure(svc.send(SetReaction, { contributionId: own, kind: 'eens', on: true }, as.member))).toMatchObject({ statusCode: 409, code: 'CONTRIBUTION_DELETED' });
    const deleted = await outboxOf('contribution.deleted.v1');
    expect(deleted.filter((d) => d.contributionId === own)).toHaveLength(1);
    expect(deleted).toContainEqual({ contributionId: moderated, conversationId, communityId, deletedBy: ids.organiser });
  });

  it('asks for suggestions again once contributions have added substance, not for every short reply, and at once for concurrent writers', async () => {
    const grown = async () => (await outboxOf('conversation.grew.v1')).filter((g) => g.conversationId === otherConversationId);
    const paragraph = (topic: string) => `Over ${topic}: ${'een volzin met wat uitleg over het onderwerp en eigen ervaring. '.repeat(5)}`;
    expect(paragraph('x').length).toBeGreaterThanOrEqual(SUBSTANCE_CHARS);
    await svc.send(PostContribution, { conversationId: otherConversationId, body: 'Eens!' }, as.member);
    await svc.send(PostContribution, { conversationId: otherConversationId, body: 'Ik ook.' }, as.second);
    expect(await grown()).toEqual([]);

    await svc.send(PostContribution, { conversationId: otherConversationId, body: paragraph('tubeless banden') }, as.member);
    const [first] = await grown();
    expect(first).toMatchObject({ conversationId: otherConversationId, communityId, revision: 1, title: 'Fietsen', exclude: [] });
    expect(first!.text).toMatch(/^Band plakken\n\nEens!\n\nIk ook\.\n\nOver tubeless banden/);

    // Two substantial contributions at the same moment: the row update decides, revisions stay in sequence.
    await Promise.all([
      svc.send(PostContribution, { conversationId: otherConversationId, body: paragraph('ventielen') }, as.member),
      svc.send(PostContribution, { conversationId: otherConversationId, body: paragraph('binnenbanden') }, as.second),
    ]);
    const revisions = (await grown()).map((g) => g.revision);
    expect(revisions).toEqual([...revisions].sort((a, b) => Number(a) - Number(b)));
    expect(new Set(revisions).size).toBe(revisions.length);
    expect(revisions.length).toBeGreaterThanOrEqual(2);
    const [row] = await sql<{ revision: number }>(svc, 'SELECT revision FROM conversations WHERE id = ?', [otherConversationId]);
    expect(row!.revision).toBe(revisions.at(-1));
  });
});
