import { randomUUID } from 'node:crypto';
import {
  CommunityAccess, CreateCommunity, DomainError, GetCommunity, GetConversation, JoinCommunity, ListCommunities, ListConversations,
  RegionCreated, StartConversation, SuggestionsProposed, type Suggestion,
} from '@kc/contracts';
import { InProcessService, TestIdentity, TestScope, waitFor } from '@kc/testing';
import { publishEvent, sql, startCommunities } from './support';

const failure = (promise: Promise<unknown>) =>
  promise.then(
    (value) => { throw new Error(`expected a failure, got ${JSON.stringify(value)}`); },
    (error: unknown) => error as DomainError,
  );

const suggestion = (title: string, score: number): Suggestion => ({
  titleId: randomUUID(), title, authors: ['Auteur'], year: 2020, isbn: null, subjects: ['wonen'], reason: 'trefwoord: wonen', score,
});

describe('communities (real PostgreSQL and NATS)', () => {
  const scope = new TestScope('communities');
  let svc: InProcessService;
  let tokens: TestIdentity;

  const regionA = randomUUID();
  const regionB = randomUUID();
  const organiser = randomUUID();
  const member = randomUUID();
  const stranger = randomUUID();
  const outsider = randomUUID();
  const librarian = randomUUID();
  let as: Record<'organiser' | 'member' | 'stranger' | 'outsider' | 'librarian', string>;
  let publicId: string;
  let privateId: string;
  let otherRegionId: string;

  beforeAll(async () => {
    tokens = await new TestIdentity(scope.namespace).start();
    svc = await startCommunities(scope);
    as = {
      organiser: await tokens.token({ accountId: organiser, regionId: regionA }),
      member: await tokens.token({ accountId: member, regionId: regionA }),
      stranger: await tokens.token({ accountId: stranger, regionId: regionA }),
      outsider: await tokens.token({ accountId: outsider, regionId: regionB }),
      librarian: await tokens.token({ accountId: librarian, regionId: regionA, roles: ['community_librarian'] }),
    };
    await publishEvent(scope, RegionCreated, { regionId: regionA, slug: 'regio-a', name: 'Regio A' }, regionA);
    await publishEvent(scope, RegionCreated, { regionId: regionB, slug: 'regio-b', name: 'Regio B' }, regionB);
    // The communities the tests read: public and members-only in region A, public in region B.
    publicId = (await svc.send(CreateCommunity, { name: 'Duurzaam wonen', description: 'Samen verduurzamen', visibility: 'public' }, as.organiser)).id;
    privateId = (await svc.send(CreateCommunity, { name: 'Kring voor mantelzorgers', visibility: 'members' }, as.organiser)).id;
    otherRegionId = (await svc.send(CreateCommunity, { name: 'Leesclub Regio B', visibility: 'public' }, as.outsider)).id;
    await svc.send(JoinCommunity, { communityId: publicId }, as.member);
  });
  afterAll(async () => {
    await svc?.close();
    await tokens?.stop();
    await scope.dispose();
  });

  describe('creating', () => {
    it('needs a login (401) and valid input (400, Dutch message), and writes nothing otherwise', async () => {
      const written = () => sql(svc, 'SELECT (SELECT count(*)::int FROM communities) AS communities, (SELECT count(*)::int FROM kc_outbox) AS events');
      const before = await written();
      expect((await failure(svc.send(CreateCommunity, { name: 'Duurzaam wonen', visibility: 'public' }))).statusCode).toBe(401);
      const invalid = await failure(svc.send(CreateCommunity, { name: 'x', visibility: 'geheim' }, as.organiser));
      expect(invalid).toBeInstanceOf(DomainError);
      expect(invalid).toMatchObject({ statusCode: 400, code: 'VALIDATION_FAILED' });
      expect(invalid.messages.nl).toMatch(/^Ongeldige invoer: name/);
      const nul = await failure(svc.send(CreateCommunity, { name: 'Nul\u0000byte', visibility: 'public' }, as.organiser));
      expect(nul.statusCode).toBe(400);
      const unknownField = await failure(svc.send(CreateCommunity, { name: 'Duurzaam wonen', visibility: 'public', regionId: regionB }, as.organiser));
      expect(unknownField.statusCode).toBe(400);
      expect(await written()).toEqual(before);
    });

    it('creates communities in the caller’s region with the caller as organiser; a retried key returns the same id', async () => {
      // A founder of its own and members only, so the lists the other tests read stay as they are.
      const founder = randomUUID();
      const asFounder = await tokens.token({ accountId: founder, regionId: regionA });
      const key = randomUUID();
      const first = await svc.send(CreateCommunity, { name: '  Duurzaam bouwen  ', description: 'Samen verduurzamen', visibility: 'members' }, asFounder, key);
      const retry = await svc.send(CreateCommunity, { name: 'Duurzaam bouwen', description: 'Samen verduurzamen', visibility: 'members' }, asFounder, key);
      expect(retry.id).toBe(first.id);
      expect(await sql(svc, 'SELECT id FROM communities WHERE name = ?', ['Duurzaam bouwen'])).toHaveLength(1);

      const community = await svc.send(GetCommunity, { id: first.id }, asFounder);
      expect(community).toMatchObject({ id: first.id, regionId: regionA, name: 'Duurzaam bouwen', visibility: 'members', memberCount: 1, myRole: 'organiser' });
      const events = await sql<{ subject: string; payload: { region: string; data: Record<string, unknown> } }>(
        svc, 'SELECT subject, payload FROM kc_outbox WHERE payload->\'data\'->>\'communityId\' = ? ORDER BY id', [first.id]);
      expect(events.map((e) => e.subject.split('.').slice(1).join('.'))).toEqual(['kc.communities.community.created.v1', 'kc.communities.member.joined.v1']);
      expect(events[1].payload).toMatchObject({ region: regionA, data: { accountId: founder, role: 'organiser' } });
      // The others of the file: made the same way, in the caller's region.
      expect(await svc.send(GetCommunity, { id: privateId }, as.organiser)).toMatchObject({ regionId: regionA, visibility: 'members', myRole: 'organiser' });
      expect(await svc.send(GetCommunity, { id: otherRegionId }, as.outsider)).toMatchObject({ regionId: regionB, visibility: 'public', myRole: 'organiser' });
    });
  });

  it('refuses the token of a session that ended, at once, and keeps the account’s other sessions', async () => {
    const [laptop, phone] = [randomUUID(), randomUUID()];
    const onLaptop = await tokens.token({ accountId: member, regionId: regionA, sessionId: laptop });
    const onPhone = await tokens.token({ accountId: member, regionId: regionA, sessionId: phone });
    expect(await svc.send(ListCommunities, {}, onLaptop)).toMatchObject({ items: expect.any(Array) });
    await tokens.endSession(laptop, member);
    expect(await failure(svc.send(ListCommunities, {}, onLaptop))).toMatchObject({ statusCode: 401, code: 'SESSION_ENDED' });
    expect(await svc.send(ListCommunities, {}, onPhone)).toMatchObject({ items: expect.any(Array) });
  });

  describe('visibility', () => {
    it('shows a public community to everybody, anonymous and other regions included', async () => {
      for (const token of [undefined, as.stranger, as.outsider, as.librarian]) {
        expect(await svc.send(GetCommunity, { id: publicId }, token)).toMatchObject({ id: publicId, myRole: null });
      }
    });

    it('hides a members-only community behind 404 COMMUNITY_NOT_FOUND from non-members (never 403)', async () => {
      for (const token of [undefined, as.stranger, as.outsider, await tokens.token({ accountId: randomUUID(), regionId: regionB, roles: ['community_librarian'] })]) {
        const error = await failure(svc.send(GetCommunity, { id: privateId }, token));
        expect(error).toMatchObject({ statusCode: 404, code: 'COMMUNITY_NOT_FOUND' });
        expect(error.messages.nl).toMatch(/bestaat niet/);
      }
      expect(await svc.send(GetCommunity, { id: privateId }, as.organiser)).toMatchObject({ myRole: 'organiser', visibility: 'members' });
      expect(await svc.send(GetCommunity, { id: privateId }, as.librarian)).toMatchObject({ myRole: null });
      expect(await failure(svc.send(GetCommunity, { id: randomUUID() }, as.organiser))).toMatchObject({ statusCode: 404, code: 'COMMUNITY_NOT_FOUND' });
    });

    it('answers CommunityAccess for other services', async () => {
      expect(await svc.send(CommunityAccess, { communityId: privateId }, as.librarian)).toEqual({
        communityId: privateId, regionId: regionA, name: 'Kring voor mantelzorgers', visibility: 'members', scope: 'regional', canRead: true, role: null, isRegionStaff: true,
      });
      expect(await svc.send(CommunityAccess, { communityId: privateId }, as.stranger)).toMatchObject({ canRead: false, role: null, isRegionStaff: false });
      expect(await svc.send(CommunityAccess, { communityId: privateId }, as.organiser)).toMatchObject({ canRead: true, role: 'organiser' });
    });
  });

  describe('listing', () => {
    it('lists public communities of the caller’s region plus the caller’s own', async () => {
      const ids = async (token?: string, region?: string) =>
        (await svc.send(ListCommunities, region ? { region } : {}, token)).items.map((c) => c.id).sort();
      expect(await ids(as.stranger)).toEqual([publicId]);
      expect(await ids(as.organiser)).toEqual([publicId, privateId].sort());
      expect(await ids(as.outsider)).toEqual([otherRegionId]);
      expect(await ids()).toEqual([publicId, otherRegionId].sort());
      await waitFor(async () => (await ids(undefined, 'regio-b').catch(() => [])).length === 1);
      expect(await ids(undefined, 'regio-a')).toEqual([publicId]);
      expect(await ids(undefined, 'regio-b')).toEqual([otherRegionId]);
      expect(await failure(svc.send(ListCommunities, { region: 'bestaat-niet' }))).toMatchObject({ statusCode: 404, code: 'REGION_NOT_FOUND' });
    });

    it('paginates with an opaque cursor and a bounded limit', async () => {
      const first = await svc.send(ListCommunities, { limit: 1 });
      expect(first.items).toHaveLength(1);
      expect(first.nextCursor).toBeTruthy();
      const second = await svc.send(ListCommunities, { limit: 1, cursor: first.nextCursor! });
      expect(second.items).toHaveLength(1);
      expect(second.items[0].id).not.toBe(first.items[0].id);
      expect(second.nextCursor).toBeNull();
      expect(await failure(svc.send(ListCommunities, { limit: 1000 }))).toMatchObject({ statusCode: 400 });
      expect(await failure(svc.send(ListCommunities, { cursor: 'kapot' }))).toMatchObject({ statusCode: 400, code: 'INVALID_CURSOR' });
    });
  });

  describe('joining', () => {
    it('lets an account of the same region join a public community, once', async () => {
      const joiner = randomUUID();
      const asJoiner = await tokens.token({ accountId: joiner, regionId: regionA });
      const { memberCount: before } = await svc.send(GetCommunity, { id: publicId }, asJoiner);
      expect(await svc.send(JoinCommunity, { communityId: publicId }, asJoiner)).toEqual({ communityId: publicId, accountId: joiner, role: 'member', status: 'member' });
      expect(await svc.send(JoinCommunity, { communityId: publicId }, asJoiner)).toEqual({ communityId: publicId, accountId: joiner, role: 'member', status: 'member' });
      expect(await svc.send(JoinCommunity, { communityId: publicId }, as.organiser)).toMatchObject({ role: 'organiser' });
      expect(await svc.send(GetCommunity, { id: publicId }, asJoiner)).toMatchObject({ memberCount: before + 1, myRole: 'member' });
      expect(await sql(svc, 'SELECT 1 FROM kc_outbox WHERE subject LIKE ? AND payload->\'data\'->>\'accountId\' = ?', ['%member.joined%', joiner])).toHaveLength(1);
    });

    it('refuses other regions (403) and members-only communities to non-members (404), but lets the region’s librarian in', async () => {
      const other = await failure(svc.send(JoinCommunity, { communityId: publicId }, as.outsider));
      expect(other).toMatchObject({ statusCode: 403, code: 'COMMUNITY_OTHER_REGION' });
      expect(other.messages.nl).toMatch(/andere regio/);
      expect(await failure(svc.send(JoinCommunity, { communityId: privateId }, as.stranger))).toMatchObject({ statusCode: 404, code: 'COMMUNITY_NOT_FOUND' });
      expect(await failure(svc.send(JoinCommunity, { communityId: privateId }))).toMatchObject({ statusCode: 401 });
      // A librarian of its own: the file's librarian stays a non-member.
      const joiningLibrarian = await tokens.token({ accountId: randomUUID(), regionId: regionA, roles: ['community_librarian'] });
      expect(await svc.send(JoinCommunity, { communityId: privateId }, joiningLibrarian)).toMatchObject({ role: 'member' });
      expect(await svc.send(CommunityAccess, { communityId: privateId }, joiningLibrarian)).toMatchObject({ role: 'member', isRegionStaff: true });
    });
  });

  describe('conversations', () => {
    const body = '  Wie heeft ervaring met <b>warmtepompen</b> & isolatie?  ';
    let conversationId: string;
    let privateConversationId: string;

    // The conversations the tests read: one in the public community, one in the members-only one.
    beforeAll(async () => {
      conversationId = (await svc.send(StartConversation, { communityId: publicId, title: 'Warmtepomp in een jaren-30-huis', body }, as.member)).id;
      privateConversationId = (await svc.send(StartConversation, { communityId: privateId, title: 'Respijtzorg', body: 'Wie kent een goede regeling?' }, as.organiser)).id;
    });

    it('lets members start a conversation; non-members get 403 NOT_A_MEMBER (public) or 404 (members-only)', async () => {
      const count = async () => (await sql(svc, 'SELECT id FROM conversations WHERE community_id = ?', [publicId])).length;
      const before = await count();
      const retryKey = randomUUID();
      const conversationId = (await svc.send(StartConversation, { communityId: publicId, title: 'Warmtepomp in een jaren-30-huis', body }, as.member, retryKey)).id;
      expect((await svc.send(StartConversation, { communityId: publicId, title: 'Warmtepomp in een jaren-30-huis', body }, as.member, retryKey)).id).toBe(conversationId);
      expect(await count()).toBe(before + 1);

      const notMember = await failure(svc.send(StartConversation, { communityId: publicId, title: 'Hallo allemaal', body: 'Tekst' }, as.stranger));
      expect(notMember).toMatchObject({ statusCode: 403, code: 'NOT_A_MEMBER' });
      expect(notMember.messages.nl).toMatch(/Alleen leden/);
      expect(await failure(svc.send(StartConversation, { communityId: privateId, title: 'Hallo allemaal', body: 'Tekst' }, as.stranger)))
        .toMatchObject({ statusCode: 404, code: 'COMMUNITY_NOT_FOUND' });
      expect(await failure(svc.send(StartConversation, { communityId: publicId, title: 'Hallo allemaal', body: '   ' }, as.member)))
        .toMatchObject({ statusCode: 400 });
      expect(await count()).toBe(before + 1);

      const [started] = await sql<{ payload: { region: string; data: Record<string, unknown> } }>(
        svc, 'SELECT payload FROM kc_outbox WHERE subject LIKE ? AND payload->\'data\'->>\'conversationId\' = ?', ['%conversation.started%', conversationId]);
      expect(started.payload).toMatchObject({ region: regionA, data: { communityId: publicId, visibility: 'public', revision: 0, authorId: member, body: body.trim() } });
    });

    it('shows a conversation exactly to those who may see its community, body stored as given', async () => {
      const conversation = await svc.send(GetConversation, { id: conversationId });
      expect(conversation).toMatchObject({
        id: conversationId, communityId: publicId, title: 'Warmtepomp in een jaren-30-huis',
        body: 'Wie heeft ervaring met <b>warmtepompen</b> & isolatie?', author: { id: member }, suggestions: [],
      });
      expect(new Date(conversation.createdAt).toISOString()).toBe(conversation.createdAt);
      for (const token of [undefined, as.stranger, as.outsider]) {
        expect(await failure(svc.send(GetConversation, { id: privateConversationId }, token))).toMatchObject({ statusCode: 404, code: 'CONVERSATION_NOT_FOUND' });
      }
      expect(await svc.send(GetConversation, { id: privateConversationId }, as.librarian)).toMatchObject({ id: privateConversationId });
    });

    it('lists a community’s conversations newest first, page by page, to those who may see it', async () => {
      const second = (await svc.send(StartConversation, { communityId: publicId, title: 'Zonnepanelen op een plat dak', body: 'Ervaringen?' }, as.member)).id;
      const first = await svc.send(ListConversations, { communityId: publicId, limit: 1 });
      expect(first.items).toEqual([expect.objectContaining({ id: second, title: 'Zonnepanelen op een plat dak', author: { id: member }, suggestionCount: 0 })]);
      // Page by page to the last, the file's first conversation (other tests may have started some in between).
      const all = (await svc.send(ListConversations, { communityId: publicId, limit: 100 })).items;
      expect(all.map((c) => c.createdAt)).toEqual(all.map((c) => c.createdAt).sort().reverse());
      const paged = [...first.items];
      let next = first;
      while (next.nextCursor) {
        next = await svc.send(ListConversations, { communityId: publicId, limit: 1, cursor: next.nextCursor });
        expect(next.items).toHaveLength(1);
        paged.push(...next.items);
      }
      expect(paged.map((c) => c.id)).toEqual(all.map((c) => c.id));
      expect(next).toEqual({ items: [expect.objectContaining({ id: conversationId })], nextCursor: null });
      expect(await failure(svc.send(ListConversations, { communityId: publicId, cursor: 'kapot' }))).toMatchObject({ statusCode: 400, code: 'INVALID_CURSOR' });
      for (const token of [undefined, as.stranger, as.outsider]) {
        expect(await failure(svc.send(ListConversations, { communityId: privateId }, token))).toMatchObject({ statusCode: 404, code: 'COMMUNITY_NOT_FOUND' });
      }
      expect((await svc.send(ListConversations, { communityId: privateId }, as.organiser)).items.map((c) => c.id)).toEqual([privateConversationId]);
    });

    it('attaches the catalogue’s suggestions from a real SuggestionsProposed event, best first, ignoring older revisions', async () => {
      // Conversations of its own: the file's conversations keep no suggestions.
      const conversationId = (await svc.send(StartConversation, { communityId: publicId, title: 'Vloerverwarming', body: 'Wie heeft het gelegd?' }, as.member)).id;
      const markerId = (await svc.send(StartConversation, { communityId: publicId, title: 'Spouwmuurisolatie', body: 'Wie heeft het laten doen?' }, as.member)).id;
      const [low, high, other] = [suggestion('Het energieneutrale huis', 0.4), suggestion('Warmtepompen voor beginners', 0.9), suggestion('Oud nieuws', 0.99)];
      const events = [await publishEvent(scope, SuggestionsProposed, { conversationId, communityId: publicId, revision: 1, suggestions: [low, high] }, regionA)];
      await waitFor(async () => (await svc.send(GetConversation, { id: conversationId })).suggestions.length === 2);
      expect((await svc.send(GetConversation, { id: conversationId })).suggestions.map((s) => s.title)).toEqual(['Warmtepompen voor beginners', 'Het energieneutrale huis']);

      // An older revision arrives late, then a marker event on another conversation: the consumer
      // handles them in order, so once the marker is applied the late one has been ignored.
      events.push(await publishEvent(scope, SuggestionsProposed, { conversationId, communityId: publicId, revision: 0, suggestions: [other] }, regionA));
      events.push(await publishEvent(scope, SuggestionsProposed, { conversationId: markerId, communityId: publicId, revision: 0, suggestions: [other] }, regionA));
      await waitFor(async () => (await svc.send(GetConversation, { id: markerId })).suggestions.length === 1);
      expect((await svc.send(GetConversation, { id: conversationId })).suggestions.map((s) => s.titleId)).toEqual([high.titleId, low.titleId]);
      // All three are in the inbox, the ignored one too.
      expect(await sql(svc, 'SELECT event_id FROM kc_inbox WHERE event_id = ANY(?::uuid[])', [`{${events.join(',')}}`])).toHaveLength(3);
    });
  });
});
