import { randomUUID } from 'node:crypto';
import {
  AddConversationTitle, CreateCommunity, DismissSuggestion, DomainError, GetConversation, JoinCommunity, ListConversations, notFound, RegionCreated,
  RemoveConversationTitle, StartConversation, SuggestionsProposed, type Suggestion,
} from '@kc/contracts';
import { InProcessService, StandIns, TestIdentity, TestScope, waitFor } from '@kc/testing';
import { publishEvent, sql, startCommunities } from './support';

const failure = (promise: Promise<unknown>) =>
  promise.then(
    (value) => { throw new Error(`expected a failure, got ${JSON.stringify(value)}`); },
    (error: unknown) => error as DomainError,
  );

describe('library titles in conversations: added, removed, dismissed (real PostgreSQL and NATS)', () => {
  const scope = new TestScope('conversation-titles');
  let svc: InProcessService;
  let tokens: TestIdentity;
  let catalogue: StandIns;

  const region = randomUUID();
  const otherRegion = randomUUID();
  const ids = { organiser: randomUUID(), member: randomUUID(), second: randomUUID(), stranger: randomUUID() };
  let as: Record<keyof typeof ids, string>;
  let communityId: string;
  let conversationId: string;

  /** The region's collection as the catalogue stand-in knows it. */
  const collection = new Map<string, { regionId: string; title: string }>();
  const title = (name: string, regionId = region) => {
    const id = randomUUID();
    collection.set(id, { regionId, title: name });
    return id;
  };
  const suggestion = (titleId: string, score: number): Suggestion => ({
    titleId, title: collection.get(titleId)!.title, authors: ['Auteur'], year: 2021, isbn: null, subjects: ['fietsen'], reason: 'trefwoord: fietsen', score,
  });
  const propose = async (revision: number, titleIds: string[]) => {
    await publishEvent(scope, SuggestionsProposed, { conversationId, communityId, revision, suggestions: titleIds.map((id, i) => suggestion(id, 1 - i / 10)) }, region);
  };
  const conversation = () => svc.send(GetConversation, { id: conversationId }, as.member);

  const t = {} as Record<'route' | 'repair' | 'tyres' | 'lights' | 'maps' | 'found' | 'elsewhere', string>;

  beforeAll(async () => {
    tokens = await new TestIdentity(scope.namespace).start();
    tokens.name(ids.organiser, 'Olga Organisator').name(ids.member, 'Mo Lid').name(ids.second, 'Sara Tweede');
    catalogue = await new StandIns(scope.namespace).start();
    await catalogue.answer('catalogue.title.get', (data) => {
      const found = collection.get(String(data.id));
      if (!found || found.regionId !== data.regionId) throw notFound('TITLE_NOT_FOUND', 'Deze titel staat niet in de collectie van deze regio.', 'This title is not in this region’s collection.');
      return { id: data.id, regionId: found.regionId, title: found.title, authors: ['Auteur'], year: 2021, isbn: '9789000000000', subjects: [], summary: null, language: 'dut' };
    });
    svc = await startCommunities(scope);
    as = {
      organiser: await tokens.token({ accountId: ids.organiser, regionId: region }),
      member: await tokens.token({ accountId: ids.member, regionId: region }),
      second: await tokens.token({ accountId: ids.second, regionId: region }),
      stranger: await tokens.token({ accountId: ids.stranger, regionId: region }),
    };
    await publishEvent(scope, RegionCreated, { regionId: region, slug: 'regio-titels', name: 'Regio' }, region);
    communityId = (await svc.send(CreateCommunity, { name: 'Fietsclub', visibility: 'public' }, as.organiser)).id;
    await svc.send(JoinCommunity, { communityId }, as.member);
    await svc.send(JoinCommunity, { communityId }, as.second);
    Object.assign(t, {
      route: title('Fietsroutes in Brabant'), repair: title('Zelf je fiets repareren'), tyres: title('Banden plakken'), lights: title('Fietsverlichting'),
      maps: title('Kaartlezen'), found: title('Het grote fietsboek'), elsewhere: title('Fietsen in Zeeland', otherRegion),
    });
  });
  // Each test its own conversation with the same four suggestions: what one adds or dismisses is not another's.
  beforeEach(async () => {
    conversationId = (await svc.send(StartConversation, { communityId, title: 'Fietsroutes', body: 'Mooie routes in de buurt?' }, as.organiser)).id;
    await propose(0, [t.route, t.repair, t.tyres, t.lights]);
    await waitFor(async () => (await conversation()).suggestions.length === 4);
  });
  afterAll(async () => {
    await svc?.close();
    await catalogue?.stop();
    await tokens?.stop();
    await scope.dispose();
  });

  it('refuses strangers, titles of another region or outside the catalogue, and bad ids, writing nothing', async () => {
    const written = () => sql(svc, 'SELECT (SELECT count(*)::int FROM conversation_titles) AS titles, (SELECT count(*)::int FROM conversation_dismissals) AS dismissals');
    const before = await written();
    expect(await failure(svc.send(AddConversationTitle, { conversationId, titleId: t.route }, as.stranger))).toMatchObject({ statusCode: 403, code: 'NOT_A_MEMBER' });
    expect((await failure(svc.send(AddConversationTitle, { conversationId, titleId: t.route }))).statusCode).toBe(401);
    const elsewhere = await failure(svc.send(AddConversationTitle, { conversationId, titleId: t.elsewhere }, as.member));
    expect(elsewhere).toMatchObject({ statusCode: 404, code: 'TITLE_NOT_FOUND' });
    expect(elsewhere.messages.nl).toMatch(/niet in de collectie/);
    expect(await failure(svc.send(AddConversationTitle, { conversationId, titleId: randomUUID() }, as.member))).toMatchObject({ statusCode: 404, code: 'TITLE_NOT_FOUND' });
    expect(await failure(svc.send(AddConversationTitle, { conversationId, titleId: 'geen-id' }, as.member))).toMatchObject({ statusCode: 400, code: 'VALIDATION_FAILED' });
    expect(await failure(svc.send(AddConversationTitle, { conversationId: randomUUID(), titleId: t.route }, as.member))).toMatchObject({ statusCode: 404, code: 'CONVERSATION_NOT_FOUND' });
    expect(await failure(svc.send(DismissSuggestion, { conversationId, titleId: t.route }, as.stranger))).toMatchObject({ statusCode: 403, code: 'NOT_A_MEMBER' });
    expect(await failure(svc.send(DismissSuggestion, { conversationId, titleId: t.maps }, as.member))).toMatchObject({ statusCode: 404, code: 'SUGGESTION_NOT_FOUND' });
    expect(await failure(svc.send(DismissSuggestion, { conversationId, titleId: t.route, reason: 'x'.repeat(501) }, as.member))).toMatchObject({ statusCode: 400 });
    expect(await written()).toEqual(before);
    expect((await conversation()).suggestions).toHaveLength(4);
  });

  it('adds a suggested title and one found in the catalogue; suggestions never hold an added title', async () => {
    const key = randomUUID();
    expect(await svc.send(AddConversationTitle, { conversationId, titleId: t.route }, as.member, key)).toEqual({ titleId: t.route });
    expect(await svc.send(AddConversationTitle, { conversationId, titleId: t.route }, as.member, key)).toEqual({ titleId: t.route });
    expect(await svc.send(AddConversationTitle, { conversationId, titleId: t.route }, as.second)).toEqual({ titleId: t.route });
    await svc.send(AddConversationTitle, { conversationId, titleId: t.found }, as.second);
    const seen = await conversation();
    expect(seen.titles).toEqual([
      { titleId: t.route, title: 'Fietsroutes in Brabant', authors: ['Auteur'], year: 2021, isbn: '9789000000000', addedBy: { id: ids.member, displayName: 'Mo Lid' }, fromSuggestion: true, addedAt: expect.any(String), canRemove: true },
      expect.objectContaining({ titleId: t.found, title: 'Het grote fietsboek', addedBy: { id: ids.second, displayName: 'Sara Tweede' }, fromSuggestion: false, canRemove: false }),
    ]);
    expect(seen.suggestions.map((s) => s.titleId)).toEqual([t.repair, t.tyres, t.lights]);
    const added = await sql<{ payload: { data: Record<string, unknown> } }>(
      svc, "SELECT payload FROM kc_outbox WHERE subject LIKE '%conversation.title-added.v1' AND payload->'data'->>'conversationId' = ? ORDER BY id", [conversationId]);
    expect(added.map((r) => r.payload.data)).toEqual([
      { conversationId, communityId, titleId: t.route, addedBy: ids.member, fromSuggestion: true },
      { conversationId, communityId, titleId: t.found, addedBy: ids.second, fromSuggestion: false },
    ]);
    expect((await svc.send(ListConversations, { communityId, limit: 50 }, as.member)).items.find((c) => c.id === conversationId)).toMatchObject({ suggestionCount: 3 });
  });

  it('dismisses a suggestion for good: a recomputation never brings it (or an added title) back', async () => {
    await svc.send(AddConversationTitle, { conversationId, titleId: t.route }, as.member);
    await svc.send(DismissSuggestion, { conversationId, titleId: t.repair, reason: 'Gaat over onderhoud, niet over routes' }, as.member);
    await svc.send(DismissSuggestion, { conversationId, titleId: t.repair }, as.second);
    expect((await conversation()).suggestions.map((s) => s.titleId)).toEqual([t.tyres, t.lights]);
    expect(await sql(svc, 'SELECT reason FROM conversation_dismissals WHERE conversation_id = ? AND title_id = ?', [conversationId, t.repair])).toEqual([{ reason: 'Gaat over onderhoud, niet over routes' }]);
    // The worker recomputes (a newer revision) and proposes the dismissed and the added titles again.
    await propose(1, [t.repair, t.route, t.maps, t.tyres]);
    await waitFor(async () => (await conversation()).suggestions.some((s) => s.titleId === t.maps));
    expect((await conversation()).suggestions.map((s) => s.titleId)).toEqual([t.maps, t.tyres]);
    // Left out where they are stored too, not only when read.
    const [stored] = await sql<{ suggestions: Array<{ titleId: string }> }>(svc, 'SELECT suggestions FROM conversations WHERE id = ?', [conversationId]);
    expect(stored!.suggestions.map((s) => s.titleId)).toEqual([t.maps, t.tyres]);
  });

  it('lets whoever added a title, or a moderator, take it off again', async () => {
    await svc.send(AddConversationTitle, { conversationId, titleId: t.route }, as.member);
    await svc.send(AddConversationTitle, { conversationId, titleId: t.found }, as.second);
    expect((await conversation()).titles.map((a) => a.titleId)).toEqual([t.route, t.found]);
    expect(await failure(svc.send(RemoveConversationTitle, { conversationId, titleId: t.route }, as.second))).toMatchObject({ statusCode: 403, code: 'NOT_ALLOWED_TO_REMOVE_TITLE' });
    await svc.send(RemoveConversationTitle, { conversationId, titleId: t.route }, as.member);
    await svc.send(RemoveConversationTitle, { conversationId, titleId: t.found }, as.organiser);
    expect((await conversation()).titles).toEqual([]);
    expect(await failure(svc.send(RemoveConversationTitle, { conversationId, titleId: t.found }, as.organiser))).toMatchObject({ statusCode: 404, code: 'TITLE_NOT_IN_CONVERSATION' });
  });
});
