import { once } from 'node:events';
import { readFileSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { startPlatform, TestScope, type Platform } from '@kc/testing';
import { ApiClient, eventually, importIntoRegion } from './support/api-client';

const DEMO_CATALOGUE = join(__dirname, '..', 'deploy', 'seed', 'demo-catalogue.marcxml');

/**
 * Conversations in depth, through the gateway on the whole platform: members contribute in
 * Markdown (rendered and sanitised), reply, mention each other, react, edit and delete; the
 * names come from identity, the texts reach search through events; members add library titles of
 * the region's catalogue and dismiss suggestions for good; every bad input is a 4xx
 * with a Dutch message and changes nothing.
 */
describe('conversations: contributions, replies, mentions and reactions, end to end', () => {
  const scope = new TestScope('conversations');
  let platform: Platform;
  let api: ApiClient;
  const region = 'kempen';
  type Person = { id: string; token: string };
  let anna: Person; // organiser
  let bram: Person; // member
  let carla: Person; // same region, not a member
  let communityId: string;
  let conversationId: string; // the media test's
  let operatorToken: string;

  const thread = async (conversation: string, token?: string) => (await api.get(`/conversations/${conversation}/contributions`, token)).body.items as Array<Record<string, any>>;
  /** A conversation of the test's own in `community` (Anna's repair café unless said otherwise), so no test depends on another's. */
  const startConversation = async (title: string, body: string, community = communityId) => {
    const started = await api.post(`/communities/${community}/conversations`, { title, body }, anna.token);
    expect(started.status).toBe(201);
    return started.body.id as string;
  };
  const suggestionsOf = (conversation: string) => eventually(async () => {
    const c = (await api.get(`/conversations/${conversation}`)).body;
    return c.suggestions.length >= 3 && (c.suggestions as Array<{ titleId: string; title: string }>);
  }, 60_000, 'suggestions for the conversation');
  const expectError = (res: { status: number; body: any }, status: number, code: string) => {
    expect({ status: res.status, code: res.body?.code }).toEqual({ status, code });
    expect(res.body.message).toEqual(expect.any(String));
  };

  beforeAll(async () => {
    // The preview fetcher may reach this test's own local page server (loopback only; refused in production by config).
    platform = await startPlatform(scope, { env: { CATALOGUE_SUGGEST_DEBOUNCE_MS: '1000', MEDIA_PREVIEW_ALLOW_LOOPBACK_FOR_TESTS: 'true', MEDIA_PREVIEW_POLL_MS: '500' } });
    api = new ApiClient(platform.baseUrl);
    operatorToken = await api.login(platform.operator.email, platform.operator.password);
    expect((await api.post('/regions', { slug: region, name: 'De Kempen' }, operatorToken)).status).toBe(201);
    [anna, bram, carla] = [await api.resident(region, 'Anna Jansen'), await api.resident(region, 'Bram de Boer'), await api.resident(region, 'Carla Vos')];
    communityId = (await api.post('/communities', { name: 'Repaircafé Kempen', visibility: 'public' }, anna.token)).body.id;
    expect((await api.post(`/communities/${communityId}/members`, {}, bram.token)).status).toBe(201);
    conversationId = await startConversation('Koffiezetapparaat ontkalken', 'Hoe doe je dat veilig?');
    await importIntoRegion(api, operatorToken, region, readFileSync(DEMO_CATALOGUE));
  });
  afterAll(async () => {
    await platform?.stop();
    await scope.dispose();
  });

  it('lets members contribute, reply and mention; refuses strangers and bad input in Dutch without writing anything', async () => {
    const conversation = await startConversation('Espressomachine ontkalken', 'Hoe doe je dat veilig?');
    const url = `/conversations/${conversation}/contributions`;
    expectError(await api.post(url, { body: 'Mag ik?' }, carla.token), 403, 'NOT_A_MEMBER');
    expectError(await api.post(url, { body: 'Hoi' }), 401, 'UNAUTHENTICATED');
    expectError(await api.post(url, { body: '' }, bram.token), 400, 'VALIDATION_FAILED');
    expectError(await api.post(url, { body: 'Hoi', onbekend: 1 }, bram.token), 400, 'VALIDATION_FAILED');
    const stranger = await api.post(url, { body: 'Carla, weet jij het?', mentions: [carla.id] }, bram.token);
    expectError(stranger, 400, 'MENTION_NOT_A_MEMBER');
    expect(stranger.body.message).toMatch(/alleen leden van deze community noemen/);
    const english = await api.request('POST', url, { body: { body: 'Carla?', mentions: [carla.id] }, token: bram.token, lang: 'en' });
    expect(english.body.message).toMatch(/only mention members/);
    expect(await thread(conversation)).toEqual([]);

    const first = await api.post(url, { body: 'Gebruik **citroenzuur**, geen azijn. Zie [de handleiding](https://example.org/ontkalken).\n\n<img src=x onerror=alert(1)> [klik](javascript:alert(1))', mentions: [anna.id] }, bram.token);
    expect(first.status).toBe(201);
    const reply = await api.post(url, { body: 'Dank je, Bram!', parentId: first.body.id }, anna.token);
    const replyToReply = await api.post(url, { body: 'Graag gedaan.', parentId: reply.body.id }, bram.token);
    expect([reply.status, replyToReply.status]).toEqual([201, 201]);

    const items = await thread(conversation);
    expect(items.map((c) => [c.id, c.parentId, c.author.displayName])).toEqual([
      [first.body.id, null, 'Bram de Boer'], [reply.body.id, first.body.id, 'Anna Jansen'], [replyToReply.body.id, first.body.id, 'Bram de Boer'],
    ]);
    expect(items[0]!.html).toContain('<strong>citroenzuur</strong>');
    expect(items[0]!.html).toContain('<a href="https://example.org/ontkalken" rel="nofollow ugc noopener">de handleiding</a>');
    expect(items[0]!.html).toContain('&lt;img src=x onerror=alert(1)&gt;');
    expect(items[0]!.html).not.toMatch(/<img|<[^>]*onerror|href="javascript/i);

    const members = await api.get(`/communities/${communityId}/members`, bram.token);
    expect(members.body.items.map((m: { displayName: string }) => m.displayName)).toEqual(['Anna Jansen', 'Bram de Boer']);
    expectError(await api.get(`/communities/${communityId}/members`, carla.token), 403, 'NOT_A_MEMBER');
  });

  it('keeps one reaction of each kind per member, edits by the author only, and deletes by author or moderator', async () => {
    const conversation = await startConversation('Waterkoker ontkalken', 'Helpt citroenzuur?');
    const posted = await api.post(`/conversations/${conversation}/contributions`, { body: 'Gebruik **citroenzuur**, geen azijn.' }, bram.token);
    expect(posted.status).toBe(201);
    const first = posted.body as { id: string };
    const reaction = (method: string, kind: string, token: string) => api.request(method, `/contributions/${first.id}/reactions/${kind}`, { token });
    expect((await reaction('PUT', 'nuttig', anna.token)).status).toBe(204);
    expect((await reaction('PUT', 'nuttig', anna.token)).status).toBe(204);
    expect((await reaction('PUT', 'inspirerend', anna.token)).status).toBe(204);
    expect((await reaction('DELETE', 'inspirerend', anna.token)).status).toBe(204);
    expect((await reaction('DELETE', 'eens', anna.token)).status).toBe(204);
    expectError(await reaction('PUT', 'nuttig', carla.token), 403, 'NOT_A_MEMBER');
    const badKind = await reaction('PUT', 'geweldig', anna.token);
    expect(badKind.status).toBe(400);
    expect(badKind.body.message).toMatch(/nuttig, eens of inspirerend/);
    expect((await thread(conversation, anna.token))[0]).toMatchObject({ id: first.id, reactions: { nuttig: 1, eens: 0, inspirerend: 0 }, myReactions: ['nuttig'] });

    expectError(await api.request('PATCH', `/contributions/${first.id}`, { body: { body: 'Overgenomen' }, token: anna.token }), 403, 'NOT_THE_AUTHOR');
    const edited = await api.request('PATCH', `/contributions/${first.id}`, { body: { body: 'Gebruik _citroenzuur_ of ontkalkingstabletten.' }, token: bram.token });
    expect(edited.status).toBe(200);
    expect(edited.body).toMatchObject({ html: '<p>Gebruik <em>citroenzuur</em> of ontkalkingstabletten.</p>', editedAt: expect.any(String) });

    const spam = (await api.post(`/conversations/${conversation}/contributions`, { body: 'Koop nu bij mijn webwinkel!' }, bram.token)).body.id;
    expectError(await api.request('DELETE', `/contributions/${spam}`, { token: carla.token }), 403, 'NOT_ALLOWED_TO_DELETE');
    expect((await api.request('DELETE', `/contributions/${spam}`, { token: anna.token })).status).toBe(204);
    expect((await thread(conversation)).find((c) => c.id === spam)).toMatchObject({ deleted: true, html: expect.stringContaining('Deze bijdrage is verwijderd') });
    expectError(await api.request('DELETE', `/contributions/not-an-id`, { token: anna.token }), 400, 'VALIDATION_FAILED');
  });

  it('makes what members write searchable, follows edits and forgets deletions', async () => {
    const search = async (q: string) => (await api.get(`/search?q=${encodeURIComponent(q)}&region=${region}&types=contribution`)).body.items as Array<Record<string, unknown>>;
    const conversation = await startConversation('Strijkijzer ontkalken', 'Wat werkt er tegen kalk?');
    const written = await api.post(`/conversations/${conversation}/contributions`, { body: 'Gebruik gedemineraliseerd water.' }, bram.token);
    expect(written.status).toBe(201);
    expect((await api.request('PATCH', `/contributions/${written.body.id}`, { body: { body: 'Gebruik gedemineraliseerd water of ontkalkingskristallen.' }, token: bram.token })).status).toBe(200);
    const hit = await eventually(async () => (await search('ontkalkingskristallen')).find((h) => h.id === written.body.id), 20_000, 'the edited contribution in search');
    expect(hit).toMatchObject({ type: 'contribution', id: written.body.id, conversationId: conversation, title: 'Strijkijzer ontkalken' });
    const posted = (await api.post(`/conversations/${conversation}/contributions`, { body: 'Ook een waterontharder helpt tegen kalkaanslag.' }, bram.token)).body.id;
    await eventually(async () => (await search('waterontharder')).some((h) => h.id === posted), 20_000, 'a new contribution in search');
    expect((await api.request('DELETE', `/contributions/${posted}`, { token: bram.token })).status).toBe(204);
    await eventually(async () => (await search('waterontharder')).length === 0, 20_000, 'a deleted contribution gone from search');
  });

  it('adds a suggested title, dismisses another for good, and adds one found in the catalogue; refuses the rest with Dutch messages', async () => {
    const heat = await startConversation('Warmtepomp in een jaren-30-huis', 'Moet ik eerst isoleren, en is een hybride warmtepomp genoeg?');
    const suggested = await suggestionsOf(heat);
    const [first, second] = suggested;
    const url = `/conversations/${heat}`;
    expectError(await api.post(`${url}/titles`, { titleId: first!.titleId }, carla.token), 403, 'NOT_A_MEMBER');
    expectError(await api.post(`${url}/titles`, { titleId: '0190a000-0000-7000-8000-000000000000' }, bram.token), 404, 'TITLE_NOT_FOUND');
    expectError(await api.post(`${url}/titles`, { titleId: 'geen-id' }, bram.token), 400, 'VALIDATION_FAILED');
    expectError(await api.post(`${url}/suggestions/${second!.titleId}/dismiss`, { reason: 'x'.repeat(501) }, bram.token), 400, 'VALIDATION_FAILED');
    expect((await api.get(url)).body.titles).toEqual([]);

    expect((await api.post(`${url}/titles`, { titleId: first!.titleId }, bram.token)).status).toBe(201);
    expect((await api.post(`${url}/suggestions/${second!.titleId}/dismiss`, { reason: 'Gaat over nieuwbouw' }, bram.token)).status).toBe(204);
    const found = (await api.get(`/catalogue/titles?q=${encodeURIComponent('zonnepanelen')}&limit=20`, bram.token)).body.items as Array<{ id: string; title: string }>;
    const extra = found.find((f) => !suggested.some((s) => s.titleId === f.id)) ?? found[0]!;
    expect((await api.post(`${url}/titles`, { titleId: extra.id }, bram.token)).status).toBe(201);

    const after = (await api.get(url, anna.token)).body;
    expect(after.titles.map((t: { titleId: string; fromSuggestion: boolean; addedBy: { displayName: string } }) => [t.titleId, t.fromSuggestion, t.addedBy.displayName])).toEqual([
      [first!.titleId, true, 'Bram de Boer'], [extra.id, suggested.some((s) => s.titleId === extra.id), 'Bram de Boer'],
    ]);
    const ids = after.suggestions.map((s: { titleId: string }) => s.titleId);
    expect(ids).not.toContain(first!.titleId);
    expect(ids).not.toContain(second!.titleId);
    expect(ids).not.toContain(extra.id);

    expectError(await api.request('DELETE', `${url}/titles/${extra.id}`, { token: carla.token }), 403, 'NOT_ALLOWED_TO_REMOVE_TITLE');
    expect((await api.request('DELETE', `${url}/titles/${extra.id}`, { token: anna.token })).status).toBe(204);
    expectError(await api.request('DELETE', `${url}/titles/${extra.id}`, { token: anna.token }), 404, 'TITLE_NOT_IN_CONVERSATION');
  });

  it('sets the meetup book table: the community’s own titles first, then the catalogue’s matches for the activity, for whoever may see it', async () => {
    // A community of its own with one title added in one conversation: its book table's first item.
    const energy = (await api.post('/communities', { name: 'Energiecoöperatie Kempen', visibility: 'public' }, anna.token)).body.id as string;
    const heatTitle = 'Warmtepomp in een oude boerderij';
    const heat = await startConversation(heatTitle, 'Moet ik eerst isoleren, en is een hybride warmtepomp genoeg?', energy);
    const [suggestion] = await suggestionsOf(heat);
    expect((await api.post(`/conversations/${heat}/titles`, { titleId: suggestion!.titleId }, anna.token)).status).toBe(201);
    const heatConversation = { id: heat, title: heatTitle, addedTitleId: suggestion!.titleId };
    const hour = 3_600_000;
    const startsAt = new Date(Date.now() + 10 * 24 * hour).toISOString();
    const endsAt = new Date(Date.now() + 10 * 24 * hour + 2 * hour).toISOString();
    const activity = await api.post(`/communities/${energy}/activities`, {
      title: 'Spreekuur isoleren en warmtepompen', description: 'Vragen over spouwmuurisolatie, dakisolatie en een hybride warmtepomp.', mode: 'in_person', location: 'Bibliotheek Veldhoven', startsAt, endsAt,
    }, anna.token);
    expect(activity.status).toBe(201);
    const table = await api.get(`/activities/${activity.body.id}/book-table`, carla.token);
    expect(table.status).toBe(200);
    expect(table.body.activity).toMatchObject({ id: activity.body.id, title: 'Spreekuur isoleren en warmtepompen', location: 'Bibliotheek Veldhoven' });
    const items = table.body.items as Array<{ titleId: string; source: string; reason: { nl: string; en: string }; conversations: Array<{ id: string }> }>;
    expect(items[0]).toMatchObject({ titleId: heatConversation.addedTitleId, source: 'community', conversations: [{ id: heatConversation.id }] });
    expect(items[0]!.reason.nl).toBe(`Toegevoegd aan het gesprek ‘${heatConversation.title}’`);
    expect(items.every((i: Record<string, unknown>) => Array.isArray(i.authors) && typeof i.title === 'string' && i.title.length > 0)).toBe(true);
    const matched = items.filter((i) => i.source === 'catalogue');
    expect(matched.length).toBeGreaterThan(0);
    expect(matched.map((i) => i.titleId)).not.toContain(heatConversation.addedTitleId);
    expect(new Set(items.map((i) => i.titleId)).size).toBe(items.length);
    expect(matched.every((i) => i.reason.nl.length > 0 && i.conversations.length === 0)).toBe(true);

    // A members-only community's activity: its book table is as hidden as the activity itself.
    const closed = (await api.post('/communities', { name: 'Besloten leesclub', visibility: 'members' }, anna.token)).body.id;
    const hidden = await api.post(`/communities/${closed}/activities`, { title: 'Leesavond', mode: 'online', onlineUrl: 'https://meet.example.org/lees', startsAt, endsAt }, anna.token);
    expect((await api.get(`/activities/${hidden.body.id}/book-table`, anna.token)).status).toBe(200);
    expectError(await api.get(`/activities/${hidden.body.id}/book-table`, carla.token), 404, 'ACTIVITY_NOT_FOUND');
    expectError(await api.get(`/activities/${hidden.body.id}/book-table`), 404, 'ACTIVITY_NOT_FOUND');
    expectError(await api.get('/activities/geen-id/book-table', anna.token), 400, 'VALIDATION_FAILED');
  });

  it('adds media with a preview the server fetches, refuses SSRF attempts at once or at the fetch, and finds the link in search', async () => {
    const pages = http.createServer((req, res) => {
      if (req.url === '/ontkalken') {
        return void res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(
          '<html><head><meta property="og:title" content="Ontkalken zonder azijn"><meta property="og:type" content="video.other"><meta property="og:site_name" content="Repairtube"></head></html>',
        );
      }
      if (req.url === '/doorsturen') return void res.writeHead(302, { location: 'http://169.254.169.254/latest/meta-data/iam/' }).end();
      res.writeHead(404).end();
    });
    pages.listen(0, '127.0.0.1');
    await once(pages, 'listening');
    const base = `http://127.0.0.1:${(pages.address() as AddressInfo).port}`;
    try {
      const url = `/conversations/${conversationId}/media`;
      for (const attempt of ['http://169.254.169.254/latest/meta-data/', 'http://10.0.0.1/admin', 'http://[::ffff:10.0.0.1]/', 'http://167772161/', 'http://[fd00::1]/', 'http://localhost/', 'file:///etc/passwd', 'http://nats.internal/']) {
        const refused = await api.post(url, { url: attempt }, bram.token);
        expectError(refused, 400, 'MEDIA_URL_NOT_ALLOWED');
        expect(refused.body.message).toMatch(/openbare http\(s\)-adressen/);
      }
      const english = await api.request('POST', url, { body: { url: 'http://192.168.1.1/' }, token: bram.token, lang: 'en' });
      expect(english.body.message).toMatch(/public http\(s\) addresses/);
      expectError(await api.post(url, { url: `${base}/ontkalken` }, carla.token), 403, 'NOT_A_MEMBER');
      expectError(await api.post(url, { url: `${base}/ontkalken`, extra: 1 }, bram.token), 400, 'VALIDATION_FAILED');
      expect((await api.get(`/conversations/${conversationId}`)).body.media).toEqual([]);

      const added = await api.post(url, { url: `${base}/ontkalken`, note: 'Vanaf minuut twee' }, bram.token);
      expect(added.status).toBe(201);
      const redirected = await api.post(url, { url: `${base}/doorsturen` }, bram.token);
      expect(redirected.status).toBe(201);
      const media = await eventually(async () => {
        const listed = (await api.get(`/conversations/${conversationId}`)).body.media as Array<Record<string, any>>;
        return listed.length === 2 && listed.every((m) => m.preview !== 'pending') && listed;
      }, 30_000, 'both previews settled');
      expect(media[0]).toMatchObject({ id: added.body.id, kind: 'video', title: 'Ontkalken zonder azijn', siteName: 'Repairtube', note: 'Vanaf minuut twee', preview: 'ready', addedBy: { id: bram.id, displayName: 'Bram de Boer' } });
      expect(media[1]).toMatchObject({ id: redirected.body.id, preview: 'failed', title: null });

      expectError(await api.request('PATCH', `/media/${added.body.id}`, { body: { kind: 'article' }, token: anna.token }), 403, 'NOT_ALLOWED_TO_CHANGE_MEDIA');
      expectError(await api.request('PATCH', `/media/${added.body.id}`, { body: {}, token: bram.token }), 400, 'VALIDATION_FAILED');
      expect((await api.request('PATCH', `/media/${added.body.id}`, { body: { kind: 'podcast' }, token: bram.token })).body).toMatchObject({ kind: 'podcast' });
      const found = await eventually(async () => {
        const hits = (await api.get(`/search?q=ontkalken&region=${region}&types=media`)).body.items as Array<Record<string, unknown>>;
        return hits.find((h) => h.id === added.body.id);
      }, 20_000, 'the link in search');
      expect(found).toMatchObject({ type: 'media', conversationId });
      expect((await api.request('DELETE', `/media/${redirected.body.id}`, { token: anna.token })).status).toBe(204);
      expectError(await api.request('DELETE', `/media/${added.body.id}`, { token: carla.token }), 403, 'NOT_ALLOWED_TO_REMOVE_MEDIA');
      expect(((await api.get(`/conversations/${conversationId}`)).body.media as unknown[]).length).toBe(1);
    } finally {
      pages.closeAllConnections();
      await new Promise((resolve) => pages.close(resolve));
    }
  });

  it('grows the suggestions with the conversation: substantial contributions bring titles on their subject, never an added or dismissed one', async () => {
    const heat = await startConversation('Warmtepomp in een rijtjeshuis', 'Moet ik eerst isoleren, en is een hybride warmtepomp genoeg?');
    const [added, dismissed] = await suggestionsOf(heat);
    const url = `/conversations/${heat}`;
    expect((await api.post(`${url}/titles`, { titleId: added!.titleId }, bram.token)).status).toBe(201);
    expect((await api.post(`${url}/suggestions/${dismissed!.titleId}/dismiss`, { reason: 'Gaat over nieuwbouw' }, bram.token)).status).toBe(204);
    const before = ((await api.get(url)).body.suggestions as Array<{ titleId: string }>).map((s) => s.titleId);
    expect((await api.post(`${url}/contributions`, { body: 'Goed idee!' }, anna.token)).status).toBe(201);
    const solar = 'Wij willen naast de warmtepomp ook zonnepanelen op het platte dak leggen. Hoeveel zonnepanelen heb je nodig voor een warmtepomp, '
      + 'welke omvormer past daarbij en loont een thuisbatterij nu de salderingsregeling verdwijnt? Wie heeft ervaring met zonne-energie en zonnepanelen op een oud huis?';
    expect((await api.post(`${url}/contributions`, { body: solar }, bram.token)).status).toBe(201);
    const grown = await eventually(async () => {
      const suggestions = (await api.get(url)).body.suggestions as Array<{ titleId: string; title: string; subjects: string[]; reason: string }>;
      const fresh = suggestions.filter((s) => !before.includes(s.titleId));
      return fresh.some((s) => /zon/i.test(`${s.title} ${s.subjects.join(' ')} ${s.reason}`)) && suggestions;
    }, 60_000, 'suggestions on solar panels after the conversation grew');
    const ids = grown.map((s) => s.titleId);
    expect(ids).not.toContain(added!.titleId);
    expect(ids).not.toContain(dismissed!.titleId);
  });
});
