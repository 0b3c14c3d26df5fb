import { randomUUID } from 'node:crypto';
import { once } from 'node:events';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import {
  AddCollectionItem, AddMedia, ChangeCollectionItem, ChangeMemberRole, CreateCollection, CreateCommunity, DeleteCollection, DomainError, GetCollection,
  JoinCommunity, ListCollections, notFound, RegionCollections, RegionCreated, RemoveCollectionItem, RemoveMedia, StartConversation, UpdateCollection,
  type Collection,
} from '@kc/contracts';
import { InProcessService, StandIns, TestIdentity, TestScope, waitFor } from '@kc/testing';
import { publishEvent, sql, startCommunities } from './support';

const failure = (promise: Promise<unknown>) =>
  promise.then(
    (value) => { throw new Error(`expected a failure, got ${JSON.stringify(value)}`); },
    (error: unknown) => error as DomainError,
  );
const refused = async (promise: Promise<unknown>, status: number, code?: string) => {
  const error = await failure(promise);
  expect(error).toBeInstanceOf(DomainError);
  expect(error.statusCode).toBe(status);
  if (code) expect(error.code).toBe(code);
};
const positions = (c: Collection) => c.items.map((i) => i.position);

describe('theme collections: permissions, items, positions and visibility (real PostgreSQL and NATS)', () => {
  const scope = new TestScope('collections');
  let svc: InProcessService;
  let tokens: TestIdentity;
  let standIns: StandIns;
  let server: http.Server;
  let base: string;

  const region = randomUUID();
  const elsewhere = randomUUID();
  const ids = { organiser: randomUUID(), moderator: randomUUID(), member: randomUUID(), second: randomUUID(), stranger: randomUUID(), librarian: randomUUID(), outsider: randomUUID() };
  let as: Record<keyof typeof ids, string>;
  let communityId: string;
  let closedId: string;
  let otherCommunityId: string;
  let conversationId: string;

  const catalogueTitles = new Map<string, { regionId: string; title: string }>();
  const activities = new Map<string, { communityId: string; title: string; cohosts?: string[] }>();

  beforeAll(async () => {
    server = http.createServer((req, res) => {
      if (req.url === '/gids') return void res.writeHead(200, { 'content-type': 'text/html' }).end('<html><head><title>Gids voor de energietransitie</title><meta name="description" content="Alles op een rij."></head></html>');
      res.writeHead(404).end();
    });
    server.listen(0, '127.0.0.1');
    await once(server, 'listening');
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

    tokens = await new TestIdentity(scope.namespace).start();
    standIns = await new StandIns(scope.namespace).start();
    await standIns.answer('catalogue.title.get', (data) => {
      const found = catalogueTitles.get(String(data.id));
      if (!found || found.regionId !== data.regionId) throw notFound('TITLE_NOT_FOUND', 'Deze titel staat niet in de collectie van deze regio.', 'This title is not in this region’s collection.');
      return { id: data.id, regionId: found.regionId, title: found.title, authors: ['Auteur'], year: 2021, isbn: null, subjects: [], summary: null, language: 'dut' };
    });
    // Events decides with the caller's own token; a call without one is anonymous and sees nothing here.
    await standIns.answer('events.activity.get', (data, meta) => {
      const found = activities.get(String(data.id));
      if (!found || !meta.token) throw notFound('ACTIVITY_NOT_FOUND', 'Deze activiteit bestaat niet.', 'This activity does not exist.');
      const now = new Date();
      return {
        id: data.id, communityId: found.communityId, title: found.title, description: '', startsAt: now.toISOString(), endsAt: new Date(now.getTime() + 3_600_000).toISOString(),
        timeZone: 'Europe/Amsterdam', mode: 'in_person', location: 'Bibliotheek', onlineUrl: null, capacity: null, attendeeCount: 0, waitlistCount: 0,
        cancelledAt: null, cancelReason: null, recurrence: null, myRsvp: null, myWaitlistPosition: null, cohostCommunityIds: found.cohosts ?? [],
      };
    });
    svc = await startCommunities(scope, { MEDIA_PREVIEW_ALLOW_LOOPBACK_FOR_TESTS: 'true', MEDIA_PREVIEW_POLL_MS: '200', MEDIA_PREVIEW_TIMEOUT_MS: '1000', MEDIA_PREVIEW_ATTEMPTS: '1' });
    as = {} as typeof as;
    for (const who of Object.keys(ids) as (keyof typeof ids)[]) {
      as[who] = await tokens.token({
        accountId: ids[who], regionId: who === 'outsider' ? elsewhere : region, ...(who === 'librarian' ? { roles: ['community_librarian' as const] } : {}),
      });
    }
    await publishEvent(scope, RegionCreated, { regionId: region, slug: 'regio-collecties', name: 'Regio' }, region);
    communityId = (await svc.send(CreateCommunity, { name: 'Duurzaam wonen', visibility: 'public' }, as.organiser)).id;
    closedId = (await svc.send(CreateCommunity, { name: 'Besloten kring', visibility: 'members' }, as.organiser)).id;
    otherCommunityId = (await svc.send(CreateCommunity, { name: 'Andere community', visibility: 'public' }, as.second)).id;
    for (const who of ['moderator', 'member', 'second'] as const) await svc.send(JoinCommunity, { communityId }, as[who]);
    await svc.send(ChangeMemberRole, { communityId, accountId: ids.moderator, role: 'moderator' }, as.organiser);
    conversationId = (await svc.send(StartConversation, { communityId, title: 'Warmtepompen', body: 'Wie heeft er een?' }, as.member)).id;
  });
  afterAll(async () => {
    await svc?.close();
    await standIns?.stop();
    await tokens?.stop();
    server?.closeAllConnections();
    await new Promise((resolve) => server?.close(resolve));
    await scope.dispose();
  });

  it('members start collections; their creator, moderators, organisers and the region’s librarians edit and delete them, others are refused and nothing changes', async () => {
    await refused(svc.send(CreateCollection, { communityId, title: 'Niet van mij', description: '' }, as.stranger), 403, 'NOT_A_MEMBER');
    await refused(svc.send(CreateCollection, { communityId, title: 'Anoniem', description: '' }), 401);
    await refused(svc.send(CreateCollection, { communityId, title: 'x', description: '' }, as.member), 400);
    const { id } = await svc.send(CreateCollection, { communityId, title: 'Isoleren', description: 'Alles over *isoleren*' }, as.member);
    const created = await svc.send(GetCollection, { id }, as.stranger);
    expect(created).toMatchObject({ id, communityId, title: 'Isoleren', description: 'Alles over *isoleren*', createdBy: ids.member, canEdit: false, items: [] });
    expect(created.descriptionHtml).toBe('<p>Alles over <em>isoleren</em></p>');

    await refused(svc.send(UpdateCollection, { collectionId: id, title: 'Overgenomen' }, as.second), 403, 'NOT_ALLOWED_TO_EDIT_COLLECTION');
    await refused(svc.send(UpdateCollection, { collectionId: id, title: 'Overgenomen' }, as.outsider), 403, 'NOT_ALLOWED_TO_EDIT_COLLECTION');
    await refused(svc.send(DeleteCollection, { collectionId: id }, as.stranger), 403);
    expect((await svc.send(GetCollection, { id }, as.member)).title).toBe('Isoleren');

    expect((await svc.send(UpdateCollection, { collectionId: id, title: 'Isoleren en ventileren' }, as.member)).canEdit).toBe(true);
    await svc.send(UpdateCollection, { collectionId: id, description: 'Door de moderator' }, as.moderator);
    await svc.send(UpdateCollection, { collectionId: id, description: 'Door de bibliothecaris' }, as.librarian);
    expect(await svc.send(GetCollection, { id }, as.organiser)).toMatchObject({ title: 'Isoleren en ventileren', description: 'Door de bibliothecaris', canEdit: true });

    const staffMade = await svc.send(CreateCollection, { communityId, title: 'Van de bibliotheek', description: '' }, as.librarian);
    await svc.send(DeleteCollection, { collectionId: staffMade.id }, as.organiser);
    await refused(svc.send(GetCollection, { id: staffMade.id }, as.organiser), 404, 'COLLECTION_NOT_FOUND');
    const subjects = (await sql<{ subject: string }>(svc, "SELECT subject FROM kc_outbox WHERE payload->'data'->>'collectionId' = ? ORDER BY id", [staffMade.id])).map((r) => r.subject);
    expect(subjects.map((s) => s.replace(/^.*kc\./, 'kc.'))).toEqual(['kc.communities.collection.created.v1', 'kc.communities.collection.deleted.v1']);
  });

  it('descriptions are Markdown sanitised as contributions are: no script, no javascript: links', async () => {
    const { id } = await svc.send(CreateCollection, {
      communityId, title: 'Veilig', description: '<script>alert(1)</script> [klik](javascript:alert(1)) <img src=x onerror=alert(1)>',
    }, as.member);
    const { descriptionHtml } = await svc.send(GetCollection, { id }, as.member);
    expect(descriptionHtml).not.toMatch(/<script|<img|href="javascript/i);
    expect(descriptionHtml).toContain('&lt;script&gt;');
  });

  it('items of every type: a title of the region, media and conversations of the same community, an activity events shows the caller, a previewed link', async () => {
    const { id } = await svc.send(CreateCollection, { communityId, title: 'Warmte', description: '' }, as.member);
    const titleId = randomUUID();
    catalogueTitles.set(titleId, { regionId: region, title: 'De warmtepomp uitgelegd' });
    const foreignTitle = randomUUID();
    catalogueTitles.set(foreignTitle, { regionId: elsewhere, title: 'Niet van hier' });
    const activityId = randomUUID();
    activities.set(activityId, { communityId, title: 'Warmtepompavond' });
    const foreignActivity = randomUUID();
    activities.set(foreignActivity, { communityId: otherCommunityId, title: 'Elders' });
    const cohosted = randomUUID();
    activities.set(cohosted, { communityId: otherCommunityId, title: 'Samen met de buren', cohosts: [communityId] });
    const otherConversation = (await svc.send(StartConversation, { communityId: otherCommunityId, title: 'Elders', body: 'Niet hier' }, as.second)).id;
    const mediaId = (await svc.send(AddMedia, { conversationId, url: `${base}/gids` }, as.member)).id;

    const add = (data: Record<string, unknown>, who: keyof typeof ids = 'member') => svc.send(AddCollectionItem, { collectionId: id, ...data }, as[who]);
    const title = await add({ type: 'title', refId: titleId, note: 'Om mee te beginnen' });
    await refused(add({ type: 'title', refId: foreignTitle }), 404, 'TITLE_NOT_FOUND');
    const media = await add({ type: 'media', refId: mediaId });
    const conversation = await add({ type: 'conversation', refId: conversationId });
    await refused(add({ type: 'conversation', refId: otherConversation }), 404, 'COLLECTION_TARGET_NOT_FOUND');
    const activity = await add({ type: 'activity', refId: activityId });
    await refused(add({ type: 'activity', refId: foreignActivity }), 404, 'COLLECTION_TARGET_NOT_FOUND');
    const cohostedItem = await add({ type: 'activity', refId: cohosted });
    await svc.send(RemoveCollectionItem, { collectionId: id, itemId: cohostedItem.id }, as.member);
    await refused(add({ type: 'link', url: 'http://169.254.169.254/latest/meta-data/' }), 400, 'MEDIA_URL_NOT_ALLOWED');
    await refused(add({ type: 'link', refId: titleId }), 400);
    await refused(add({ type: 'title', refId: titleId }, 'second'), 403, 'NOT_ALLOWED_TO_EDIT_COLLECTION');
    const link = await add({ type: 'link', url: `${base}/gids` });
    expect(await add({ type: 'title', refId: titleId })).toEqual(title);

    let collection = await svc.send(GetCollection, { id }, as.stranger);
    expect(collection.items.map((i) => [i.id, i.type, i.position])).toEqual([
      [title.id, 'title', 1], [media.id, 'media', 2], [conversation.id, 'conversation', 3], [activity.id, 'activity', 4], [link.id, 'link', 5],
    ]);
    expect(collection.items[0]).toMatchObject({ ref: titleId, title: 'De warmtepomp uitgelegd', note: 'Om mee te beginnen', preview: null });
    expect(collection.items[3]).toMatchObject({ ref: activityId, title: 'Warmtepompavond' });
    await waitFor(async () => (collection = await svc.send(GetCollection, { id }, as.member)).items[4]!.preview === 'ready');
    expect(collection.items[4]).toMatchObject({ type: 'link', ref: `${base}/gids`, title: 'Gids voor de energietransitie', description: 'Alles op een rij.' });

    // The media reference's preview is fetched: the collection is recorded anew with its title, for search.
    const latestEvent = async () => (await sql<{ payload: { data: { items: { type: string; title: string }[] } } }>(
      svc, "SELECT payload FROM kc_outbox WHERE subject LIKE '%collection.updated%' AND payload->'data'->>'collectionId' = ? ORDER BY id DESC LIMIT 1", [id]))[0]!.payload.data;
    await waitFor(async () => (await latestEvent()).items.some((i) => i.type === 'media' && i.title === 'Gids voor de energietransitie'));

    // The media reference is removed: its item goes with it, the others close up, and search learns it at once.
    await svc.send(RemoveMedia, { mediaId }, as.member);
    expect((await latestEvent()).items.map((i) => i.type)).toEqual(['title', 'conversation', 'activity', 'link']);
    collection = await svc.send(GetCollection, { id }, as.member);
    expect(collection.items.map((i) => i.type)).toEqual(['title', 'conversation', 'activity', 'link']);
    expect(positions(collection)).toEqual([1, 2, 3, 4]);
    collection = await svc.send(ChangeCollectionItem, { collectionId: id, itemId: link.id, position: 1, note: 'Lees dit eerst' }, as.member);
    expect(collection.items.map((i) => [i.type, i.position, i.note])).toEqual([['link', 1, 'Lees dit eerst'], ['title', 2, 'Om mee te beginnen'], ['conversation', 3, ''], ['activity', 4, '']]);
    expect(await sql(svc, 'SELECT position FROM collection_items WHERE collection_id = ? ORDER BY position', [id])).toEqual([1, 2, 3, 4].map((position) => ({ position })));

    await svc.send(RemoveCollectionItem, { collectionId: id, itemId: title.id }, as.moderator);
    await refused(svc.send(RemoveCollectionItem, { collectionId: id, itemId: title.id }, as.member), 404, 'COLLECTION_ITEM_NOT_FOUND');
    expect(positions(await svc.send(GetCollection, { id }, as.member))).toEqual([1, 2, 3]);
  });

  it('positions stay 1…n and unique when members add and move items at the same time', async () => {
    const { id } = await svc.send(CreateCollection, { communityId, title: 'Druk', description: '' }, as.member);
    const conversations = await Promise.all(Array.from({ length: 8 }, (_, i) =>
      svc.send(StartConversation, { communityId, title: `Gesprek ${i + 1}`, body: 'Tekst' }, as.member)));
    const added = await Promise.all(conversations.map((c, i) =>
      svc.send(AddCollectionItem, { collectionId: id, type: 'conversation', refId: c.id }, i % 2 ? as.moderator : as.member)));
    expect(positions(await svc.send(GetCollection, { id }, as.member))).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);

    await Promise.all(added.map((item, i) =>
      svc.send(ChangeCollectionItem, { collectionId: id, itemId: item.id, position: ((i * 5) % 8) + 1 }, i % 2 ? as.organiser : as.member)));
    const rows = await sql<{ id: string; position: number }>(svc, 'SELECT id, position FROM collection_items WHERE collection_id = ? ORDER BY position', [id]);
    expect(rows.map((r) => r.position)).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
    expect(new Set(rows.map((r) => r.id))).toEqual(new Set(added.map((a) => a.id)));

    await Promise.all(added.slice(0, 3).map((item) => svc.send(RemoveCollectionItem, { collectionId: id, itemId: item.id }, as.member)));
    expect(positions(await svc.send(GetCollection, { id }, as.member))).toEqual([1, 2, 3, 4, 5]);
    const last = await svc.send(ChangeCollectionItem, { collectionId: id, itemId: added[5]!.id, position: 99 }, as.member);
    expect(last.items.at(-1)!.id).toBe(added[5]!.id);
  });

  it('visibility follows the community: a members-only community’s collections are 404 to non-members and to another region, listed for the region only when public', async () => {
    const { id } = await svc.send(CreateCollection, { communityId: closedId, title: 'Alleen voor leden', description: '' }, as.organiser);
    for (const who of ['stranger', 'member', 'outsider'] as const) {
      await refused(svc.send(GetCollection, { id }, as[who]), 404, 'COLLECTION_NOT_FOUND');
      await refused(svc.send(ListCollections, { communityId: closedId }, as[who]), 404, 'COMMUNITY_NOT_FOUND');
      await refused(svc.send(UpdateCollection, { collectionId: id, title: 'Gekaapt' }, as[who]), 404, 'COLLECTION_NOT_FOUND');
      await refused(svc.send(AddCollectionItem, { collectionId: id, type: 'link', url: 'https://example.org/' }, as[who]), 404, 'COLLECTION_NOT_FOUND');
    }
    await refused(svc.send(GetCollection, { id }), 404);
    expect((await svc.send(GetCollection, { id }, as.librarian)).canEdit).toBe(true);
    expect((await svc.send(ListCollections, { communityId: closedId }, as.organiser)).items.map((c) => c.id)).toEqual([id]);

    const publicList = await svc.send(ListCollections, { communityId }, as.outsider);
    expect(publicList.items.length).toBeGreaterThan(0);
    const regional = await svc.send(RegionCollections, { region: 'regio-collecties', limit: 50 });
    expect(regional.items.map((c) => c.communityId)).not.toContain(closedId);
    expect(regional.items.every((c) => c.communityId === communityId || c.communityId === otherCommunityId)).toBe(true);
    expect(regional.items[0]!.communityName).toBeDefined();
  });
});
