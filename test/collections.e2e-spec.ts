import { once } from 'node:events';
import { readFileSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { daysFromNow, startPlatform, TestScope, type Platform } from '@kc/testing';
import { ApiClient, eventually, importIntoRegion } from './support/api-client';

const DEMO_CATALOGUE = join(__dirname, '..', 'deploy', 'seed', 'demo-catalogue.marcxml');

/**
 * Theme collections through the gateway on the whole platform: members curate titles of the
 * region's catalogue, media links, conversations, activities and web links (previewed by the
 * server, SSRF refused) in an order of their own; who may edit, who may see (members-only
 * communities and another region get 404), and search follows every change and forgets a
 * deleted collection. Every refusal is a 4xx with a Dutch message and changes nothing.
 */
describe('theme collections, end to end', () => {
  const scope = new TestScope('collections-e2e');
  let platform: Platform;
  let api: ApiClient;
  let server: http.Server;
  let pageBase: string;
  type Person = { id: string; token: string };
  const people = {} as Record<'organiser' | 'moderator' | 'member' | 'resident' | 'librarian' | 'outsider', Person>;
  let publicId: string;
  let closedId: string;
  let conversationId: string;

  const patch = (path: string, body: unknown, token?: string) => api.request('PATCH', path, { body, token });
  const remove = (path: string, token?: string) => api.request('DELETE', path, { token });
  const expectError = (res: { status: number; body: any }, status: number, code: string) => {
    expect({ status: res.status, code: res.body?.code }).toEqual({ status, code });
    expect(res.body.message).toEqual(expect.any(String));
  };
  const search = async (q: string, token?: string) =>
    (await api.get(`/search?q=${encodeURIComponent(q)}&types=collection`, token)).body.items as Array<{ id: string; type: string; title: string }>;

  beforeAll(async () => {
    server = http.createServer((req, res) => {
      if (req.url === '/warmtegids') return void res.writeHead(200, { 'content-type': 'text/html' }).end('<html><head><meta property="og:title" content="De warmtegids van de gemeente"><meta property="og:description" content="Subsidies en stappen."></head></html>');
      if (req.url === '/naar-metadata') return void res.writeHead(302, { location: 'http://169.254.169.254/latest/meta-data/' }).end();
      res.writeHead(404).end();
    });
    server.listen(0, '127.0.0.1');
    await once(server, 'listening');
    pageBase = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

    platform = await startPlatform(scope, { env: { MEDIA_PREVIEW_ALLOW_LOOPBACK_FOR_TESTS: 'true', MEDIA_PREVIEW_POLL_MS: '300' } });
    api = new ApiClient(platform.baseUrl);
    const operator = await api.login(platform.operator.email, platform.operator.password);
    expect((await api.post('/regions', { slug: 'dommel', name: 'De Dommel' }, operator)).status).toBe(201);
    expect((await api.post('/regions', { slug: 'peel', name: 'De Peel' }, operator)).status).toBe(201);
    for (const [key, region, name] of [
      ['organiser', 'dommel', 'Olga Organisator'], ['moderator', 'dommel', 'Mo Moderator'], ['member', 'dommel', 'Mila Lid'],
      ['resident', 'dommel', 'Ruud Inwoner'], ['librarian', 'dommel', 'Lotte Bibliothecaris'], ['outsider', 'peel', 'Piet Peel'],
    ] as const) people[key] = await api.resident(region, name);
    expect((await api.post('/regions/dommel/staff', { accountId: people.librarian.id, role: 'community_librarian' }, operator)).status).toBe(201);
    await importIntoRegion(api, operator, 'dommel', readFileSync(DEMO_CATALOGUE));

    publicId = (await api.post('/communities', { name: 'Duurzaam wonen Dommel', visibility: 'public' }, people.organiser.token)).body.id;
    closedId = (await api.post('/communities', { name: 'Besloten energiekring', visibility: 'members' }, people.organiser.token)).body.id;
    for (const who of ['moderator', 'member'] as const) expect((await api.post(`/communities/${publicId}/members`, {}, people[who].token)).status).toBe(201);
    expect((await api.put(`/communities/${publicId}/members/${people.moderator.id}/role`, { role: 'moderator' }, people.organiser.token)).status).toBe(200);
    conversationId = (await api.post(`/communities/${publicId}/conversations`, { title: 'Warmtepomp of warmtenet?', body: 'Wat past bij een rijtjeshuis?' }, people.member.token)).body.id;
    await eventually(async () => (await api.get(`/communities/${closedId}`, people.librarian.token)).status === 200, 15_000, 'the librarian’s role in communities');
  }, 180_000);
  afterAll(async () => {
    await platform?.stop();
    server?.closeAllConnections();
    await new Promise((resolve) => server?.close(resolve));
    await scope.dispose();
  });

  it('members start a collection; its creator, moderators and the region’s librarian edit it; others are refused in Dutch and nothing changes', async () => {
    const url = `/communities/${publicId}/collections`;
    // The community's collections of the other cases, as they were before this case.
    const before = ((await api.get(url)).body.items as Array<{ id: string }>).map((c) => c.id);
    expectError(await api.post(url, { title: 'Van een buitenstaander', description: '' }, people.resident.token), 403, 'NOT_A_MEMBER');
    expectError(await api.post(url, { title: 'Anoniem' }), 401, 'UNAUTHENTICATED');
    const invalid = await api.post(url, { title: 'x', onbekend: true }, people.member.token);
    expectError(invalid, 400, 'VALIDATION_FAILED');
    expect(invalid.body.message).toMatch(/[a-z]/);
    expect(((await api.get(url)).body.items as Array<{ id: string }>).map((c) => c.id)).toEqual(before);

    const created = await api.post(url, { title: 'Warmte in huis', description: 'Wat wij **aanraden** <script>alert(1)</script>' }, people.member.token);
    expect(created.status).toBe(201);
    const id = created.body.id as string;
    const shown = (await api.get(`/collections/${id}`)).body;
    expect(shown).toMatchObject({ id, communityId: publicId, title: 'Warmte in huis', createdBy: people.member.id, items: [], canEdit: false });
    expect(shown.descriptionHtml).toContain('<strong>aanraden</strong>');
    expect(shown.descriptionHtml).not.toContain('<script');

    expectError(await patch(`/collections/${id}`, { title: 'Gekaapt' }, people.resident.token), 403, 'NOT_ALLOWED_TO_EDIT_COLLECTION');
    expectError(await patch(`/collections/${id}`, { title: 'Gekaapt' }, people.outsider.token), 403, 'NOT_ALLOWED_TO_EDIT_COLLECTION');
    expectError(await patch(`/collections/${id}`, {}, people.member.token), 400, 'VALIDATION_FAILED');
    expectError(await remove(`/collections/${id}`, people.resident.token), 403, 'NOT_ALLOWED_TO_EDIT_COLLECTION');
    expect((await api.get(`/collections/${id}`)).body.title).toBe('Warmte in huis');
    for (const [who, title] of [['member', 'Warmte in huis (1)'], ['moderator', 'Warmte in huis (2)'], ['librarian', 'Warmte in huis en buurt']] as const) {
      const res = await patch(`/collections/${id}`, { title }, people[who].token);
      expect({ who, status: res.status, title: res.body.title }).toEqual({ who, status: 200, title });
    }
    expect(((await api.get(url, people.outsider.token)).body.items as Array<{ id: string }>).map((c) => c.id).sort()).toEqual([...before, id].sort());
  });

  it('curates every kind of item in its own order; SSRF and targets of another community are refused; search follows', async () => {
    const id = (await api.post(`/communities/${publicId}/collections`, { title: 'Energie besparen', description: 'Voor huurders en kopers.' }, people.moderator.token)).body.id as string;
    const items = `/collections/${id}/items`;
    const [title] = (await api.get(`/catalogue/titles?q=${encodeURIComponent('zonnepanelen')}&limit=5`, people.member.token)).body.items as Array<{ id: string; title: string }>;
    expect(title).toBeDefined();
    const activity = await api.post(`/communities/${publicId}/activities`, {
      title: 'Energiecafé', description: 'Vragen over de energierekening.', mode: 'in_person', startsAt: daysFromNow(20, 18), endsAt: daysFromNow(20, 20), location: 'Bibliotheek Dommel',
    }, people.organiser.token);
    expect(activity.status).toBe(201);
    const media = await api.post(`/conversations/${conversationId}/media`, { url: `${pageBase}/warmtegids` }, people.member.token);
    expect(media.status).toBe(201);
    const foreign = (await api.post('/communities', { name: 'Elders in de Peel', visibility: 'public' }, people.outsider.token)).body.id as string;
    const foreignConversation = (await api.post(`/communities/${foreign}/conversations`, { title: 'Peelse zaken', body: 'Niet van Dommel' }, people.outsider.token)).body.id as string;

    expectError(await api.post(items, { type: 'link', url: 'http://169.254.169.254/latest/meta-data/' }, people.moderator.token), 400, 'MEDIA_URL_NOT_ALLOWED');
    expectError(await api.post(items, { type: 'link', url: 'http://[::ffff:10.0.0.1]/' }, people.moderator.token), 400, 'MEDIA_URL_NOT_ALLOWED');
    expectError(await api.post(items, { type: 'link' }, people.moderator.token), 400, 'VALIDATION_FAILED');
    expectError(await api.post(items, { type: 'boek', refId: title!.id }, people.moderator.token), 400, 'VALIDATION_FAILED');
    expectError(await api.post(items, { type: 'conversation', refId: foreignConversation }, people.moderator.token), 404, 'COLLECTION_TARGET_NOT_FOUND');
    expectError(await api.post(items, { type: 'title', refId: '0190a000-0000-7000-8000-000000000000' }, people.moderator.token), 404, 'TITLE_NOT_FOUND');
    expectError(await api.post(items, { type: 'conversation', refId: conversationId }, people.resident.token), 403, 'NOT_ALLOWED_TO_EDIT_COLLECTION');
    expect((await api.get(`/collections/${id}`)).body.items).toEqual([]);

    const added: Record<string, string> = {};
    for (const [kind, body] of [
      ['title', { type: 'title', refId: title!.id, note: 'Het beste boek om mee te beginnen' }],
      ['media', { type: 'media', refId: media.body.id }],
      ['conversation', { type: 'conversation', refId: conversationId }],
      ['activity', { type: 'activity', refId: activity.body.id, note: 'Kom langs met je jaarafrekening' }],
      ['link', { type: 'link', url: `${pageBase}/warmtegids` }],
      ['redirect', { type: 'link', url: `${pageBase}/naar-metadata` }],
    ] as const) {
      const res = await api.post(items, body, people.moderator.token);
      expect({ kind, status: res.status }).toEqual({ kind, status: 201 });
      added[kind] = res.body.id;
    }
    expect((await api.post(items, { type: 'conversation', refId: conversationId }, people.moderator.token)).body.id).toBe(added.conversation);

    const ready = await eventually(async () => {
      const c = (await api.get(`/collections/${id}`)).body;
      return c.items.every((i: { preview: string | null }) => i.preview !== 'pending') && c;
    }, 20_000, 'link previews');
    expect(ready.items.map((i: { type: string; position: number }) => [i.type, i.position])).toEqual([
      ['title', 1], ['media', 2], ['conversation', 3], ['activity', 4], ['link', 5], ['link', 6],
    ]);
    expect(ready.items[0]).toMatchObject({ ref: title!.id, title: title!.title, note: 'Het beste boek om mee te beginnen' });
    expect(ready.items[3]).toMatchObject({ ref: activity.body.id, title: 'Energiecafé' });
    expect(ready.items[4]).toMatchObject({ title: 'De warmtegids van de gemeente', preview: 'ready' });
    // The redirect to the metadata address was refused at the fetch: no preview, the address itself as title.
    expect(ready.items[5]).toMatchObject({ title: `${pageBase}/naar-metadata`, preview: 'failed' });

    const moved = await patch(`${items}/${added.activity}`, { position: 1, note: 'Eerst naar het energiecafé' }, people.member.token);
    expectError(moved, 403, 'NOT_ALLOWED_TO_EDIT_COLLECTION');
    const reordered = await patch(`${items}/${added.activity}`, { position: 1, note: 'Eerst naar het energiecafé' }, people.organiser.token);
    expect(reordered.status).toBe(200);
    expect(reordered.body.items.map((i: { type: string }) => i.type)).toEqual(['activity', 'title', 'media', 'conversation', 'link', 'link']);
    expectError(await patch(`${items}/${added.activity}`, { position: 0 }, people.organiser.token), 400, 'VALIDATION_FAILED');
    expect((await remove(`${items}/${added.redirect}`, people.librarian.token)).status).toBe(204);
    expectError(await remove(`${items}/${added.redirect}`, people.librarian.token), 404, 'COLLECTION_ITEM_NOT_FOUND');

    // The media link leaves its conversation: it leaves the collection too.
    expect((await remove(`/media/${media.body.id}`, people.member.token)).status).toBe(204);
    const after = (await api.get(`/collections/${id}`)).body;
    expect(after.items.map((i: { type: string; position: number }) => [i.type, i.position])).toEqual([['activity', 1], ['title', 2], ['conversation', 3], ['link', 4]]);

    // Search finds the collection by what it holds now: an item's title, a note, a link's fetched preview; no longer a note that changed.
    await eventually(async () => (await search('jaarafrekening', people.member.token)).length === 0 && (await search('energiecafé', people.member.token)).some((h) => h.id === id), 20_000, 'the collection by its items');
    expect((await search('warmtegids', people.member.token)).map((h) => h.id)).toContain(id);
    expect((await search('beginnen', people.member.token)).map((h) => h.id)).toContain(id);
  });

  it('a members-only community’s collections are 404 to non-members, another region and anonymous callers, readable by the region’s librarian, and never in search or the region list for them', async () => {
    const created = await api.post(`/communities/${closedId}/collections`, { title: 'Geheime besparingstips', description: 'Alleen voor de kring: kwartelkoning' }, people.organiser.token);
    expect(created.status).toBe(201);
    const id = created.body.id as string;
    expect((await api.post(`/collections/${id}/items`, { type: 'link', url: 'https://example.org/kring' }, people.organiser.token)).status).toBe(201);
    // One of the public community beside it, for the region list.
    const open = await api.post(`/communities/${publicId}/collections`, { title: 'Besparingstips voor iedereen', description: 'Voor de hele buurt' }, people.member.token);
    expect(open.status).toBe(201);
    for (const [who, token] of [['resident', people.resident.token], ['outsider', people.outsider.token], ['member of another community', people.member.token], ['anonymous', undefined]] as const) {
      for (const res of [
        await api.get(`/collections/${id}`, token), await api.get(`/communities/${closedId}/collections`, token),
        await patch(`/collections/${id}`, { title: 'Gekaapt' }, token), await api.post(`/collections/${id}/items`, { type: 'link', url: 'https://example.org/x' }, token),
      ]) {
        if (who === 'anonymous' && res.status === 401) continue;
        expect({ who, status: res.status }).toEqual({ who, status: 404 });
      }
    }
    expect((await api.get(`/collections/${id}`, people.librarian.token)).body).toMatchObject({ id, canEdit: true });
    expect((await api.get(`/collections/${id}`, people.organiser.token)).body.items).toHaveLength(1);

    const regionList = (await api.get('/regions/dommel/collections')).body.items as Array<{ id: string; communityName: string }>;
    expect(regionList.map((c) => c.id)).not.toContain(id);
    expect(regionList.map((c) => c.id)).toContain(open.body.id);
    expect(regionList.every((c) => c.communityName === 'Duurzaam wonen Dommel')).toBe(true);
    expect((await api.get('/regions/peel/collections')).body.items).toEqual([]);

    await eventually(async () => (await search('kwartelkoning', people.organiser.token)).some((h) => h.id === id), 20_000, 'the members-only collection for its member');
    for (const token of [people.resident.token, people.outsider.token, people.member.token, undefined]) expect(await search('kwartelkoning', token)).toEqual([]);

    expect((await remove(`/collections/${id}`, people.organiser.token)).status).toBe(204);
    expectError(await api.get(`/collections/${id}`, people.organiser.token), 404, 'COLLECTION_NOT_FOUND');
    await eventually(async () => (await search('kwartelkoning', people.organiser.token)).length === 0, 20_000, 'the deleted collection gone from search');
  });
});
