import { randomUUID } from 'node:crypto';
import { once } from 'node:events';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import {
  AddMedia, ChangeMedia, CreateCommunity, DomainError, GetConversation, JoinCommunity, RegionCreated, RemoveMedia, StartConversation, type MediaReference,
} from '@kc/contracts';
import { InProcessService, TestIdentity, TestScope, waitFor } from '@kc/testing';
import { loadCommunitiesConfig } from '../src/config';
import { publishEvent, sql, startCommunities } from './support';

const failure = (promise: Promise<unknown>) =>
  promise.then(
    (value) => { throw new Error(`expected a failure, got ${JSON.stringify(value)}`); },
    (error: unknown) => error as DomainError,
  );

const ARTICLE = `<!doctype html><html lang="nl"><head><title>Fallback</title>
<meta property="og:title" content="Zo isoleer je een jaren-30-woning"><meta property="og:type" content="article">
<meta property="og:description" content="Stap voor stap, met subsidie."><meta property="og:site_name" content="Duurzaam Thuis">
<meta property="og:image" content="https://8.8.8.8/kaart.jpg"></head><body>…</body></html>`;
const PRIVATE_IMAGE = `<html><head><title>Met intern plaatje</title><meta property="og:image" content="http://192.168.1.20/cam.jpg"></head></html>`;
const LOOPBACK_IMAGE = `<html><head><title>Plaatje op loopback</title><meta property="og:image" content="/logo.png"></head></html>`;

describe('media in conversations: links with previews fetched safely in the background (real PostgreSQL and NATS)', () => {
  const scope = new TestScope('media');
  let svc: InProcessService;
  let tokens: TestIdentity;
  let server: http.Server;
  let base: string;
  const hits = new Map<string, number>();
  const hanging: http.ServerResponse[] = [];

  const region = randomUUID();
  const ids = { organiser: randomUUID(), member: randomUUID(), second: randomUUID(), stranger: randomUUID() };
  let as: Record<keyof typeof ids, string>;
  let communityId: string;
  let conversationId: string;

  const env = { MEDIA_PREVIEW_ALLOW_LOOPBACK_FOR_TESTS: 'true', MEDIA_PREVIEW_POLL_MS: '200', MEDIA_PREVIEW_TIMEOUT_MS: '600', MEDIA_PREVIEW_MAX_BYTES: '100000', MEDIA_PREVIEW_ATTEMPTS: '1' };
  const media = async () => (await svc.send(GetConversation, { id: conversationId }, as.member)).media;
  const one = async (id: string) => (await media()).find((m) => m.id === id);
  const settled = async (id: string): Promise<MediaReference> => {
    let found: MediaReference | undefined;
    await waitFor(async () => (found = await one(id))?.preview !== 'pending');
    return found!;
  };
  const add = async (path: string, who: keyof typeof ids = 'member', note?: string) =>
    (await svc.send(AddMedia, { conversationId, url: `${base}${path}`, ...(note ? { note } : {}) }, as[who])).id;

  beforeAll(async () => {
    server = http.createServer((req, res) => {
      const path = new URL(req.url ?? '/', 'http://test').pathname;
      hits.set(req.url ?? '/', (hits.get(req.url ?? '/') ?? 0) + 1);
      const html = (body: string) => res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(body);
      if (path === '/artikel') return void html(ARTICLE);
      if (path === '/prive-plaatje') return void html(PRIVATE_IMAGE);
      if (path === '/loopback-plaatje') return void html(LOOPBACK_IMAGE);
      if (path === '/video') return void html(`<html><head><title>Lezing</title><link rel="alternate" type="application/json+oembed" href="/oembed"></head></html>`);
      if (path === '/oembed') return void res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ type: 'video', title: 'Lezing over warmtepompen', provider_name: 'Kanaal' }));
      if (path === '/groot') return void html(`<html><head><title>Groot</title></head><body>${'x'.repeat(200_000)}</body></html>`);
      if (path === '/plaatje') return void res.writeHead(200, { 'content-type': 'image/png' }).end(Buffer.alloc(10));
      if (path === '/feed.xml') return void res.writeHead(200, { 'content-type': 'application/rss+xml' }).end('<rss/>');
      if (path === '/naar-metadata') return void res.writeHead(302, { location: 'http://169.254.169.254/latest/meta-data/' }).end();
      if (path === '/naar-intern') return void res.writeHead(302, { location: 'http://[::ffff:10.0.0.1]/' }).end();
      if (path === '/traag') return void hanging.push(res);
      res.writeHead(404).end();
    });
    server.listen(0, '127.0.0.1');
    await once(server, 'listening');
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

    tokens = await new TestIdentity(scope.namespace).start();
    tokens.name(ids.organiser, 'Olga Organisator').name(ids.member, 'Mo Lid').name(ids.second, 'Sara Tweede');
    svc = await startCommunities(scope, env);
    as = {
      organiser: await tokens.token({ accountId: ids.organiser, regionId: region }),
      member: await tokens.token({ accountId: ids.member, regionId: region }),
      second: await tokens.token({ accountId: ids.second, regionId: region }),
      stranger: await tokens.token({ accountId: ids.stranger, regionId: region }),
    };
    await publishEvent(scope, RegionCreated, { regionId: region, slug: 'regio-media', name: 'Regio' }, region);
    communityId = (await svc.send(CreateCommunity, { name: 'Energiecoöperatie', visibility: 'public' }, as.organiser)).id;
    await svc.send(JoinCommunity, { communityId }, as.member);
    await svc.send(JoinCommunity, { communityId }, as.second);
    conversationId = (await svc.send(StartConversation, { communityId, title: 'Woning isoleren', body: 'Wie heeft ervaring?' }, as.organiser)).id;
  });
  afterAll(async () => {
    for (const res of hanging) res.destroy();
    await svc?.close();
    await tokens?.stop();
    server?.closeAllConnections();
    await new Promise((resolve) => server?.close(resolve));
    await scope.dispose();
  });

  it('the test-only allowance can never be on in production', () => {
    expect(() => loadCommunitiesConfig({ ...scope.env(), NODE_ENV: 'production', MEDIA_PREVIEW_ALLOW_LOOPBACK_FOR_TESTS: 'true' })).toThrow(/MEDIA_PREVIEW_ALLOW_LOOPBACK_FOR_TESTS/);
    expect(loadCommunitiesConfig({ ...scope.env(), NODE_ENV: 'production' }).MEDIA_PREVIEW_ALLOW_LOOPBACK_FOR_TESTS).toBe(false);
  });

  it('refuses URLs naming non-public addresses at once (400 MEDIA_URL_NOT_ALLOWED, Dutch and English), strangers and bad input, writing nothing', async () => {
    const written = () => sql(svc, "SELECT (SELECT count(*)::int FROM media_references) AS media, (SELECT count(*)::int FROM kc_outbox WHERE subject LIKE '%.media.%') AS events");
    const before = await written();
    const fetched = new Map(hits);
    for (const url of [
      'http://10.0.0.1/', 'http://169.254.169.254/latest/meta-data/', 'http://192.168.1.1:80/', 'http://[fd00::1]/', 'http://[::ffff:10.0.0.1]/', 'http://167772161/',
      'http://0xa9fea9fe/', 'http://100.64.1.1/', 'http://localhost/', `http://localhost:${new URL(base).port}/`, 'http://router.home.arpa/', 'ftp://example.org/',
      'file:///etc/passwd', 'javascript:alert(1)', 'http://gebruiker:geheim@example.org/', 'niet een adres',
    ]) {
      const refused = await failure(svc.send(AddMedia, { conversationId, url }, as.member));
      expect(refused).toMatchObject({ statusCode: 400, code: 'MEDIA_URL_NOT_ALLOWED' });
      expect(refused.messages.nl).toMatch(/openbare http\(s\)-adressen/);
      expect(refused.messages.en).toMatch(/public http\(s\) addresses/);
    }
    expect(await failure(svc.send(AddMedia, { conversationId, url: `${base}/artikel` }, as.stranger))).toMatchObject({ statusCode: 403, code: 'NOT_A_MEMBER' });
    expect((await failure(svc.send(AddMedia, { conversationId, url: `${base}/artikel` }))).statusCode).toBe(401);
    expect(await failure(svc.send(AddMedia, { conversationId: randomUUID(), url: `${base}/artikel` }, as.member))).toMatchObject({ statusCode: 404, code: 'CONVERSATION_NOT_FOUND' });
    expect(await failure(svc.send(AddMedia, { conversationId, url: `${base}/artikel`, note: 'x'.repeat(1001) }, as.member))).toMatchObject({ statusCode: 400, code: 'VALIDATION_FAILED' });
    expect(await failure(svc.send(AddMedia, { conversationId, url: `${base}/${'a'.repeat(2001)}` }, as.member))).toMatchObject({ statusCode: 400 });
    expect(await failure(svc.send(AddMedia, { conversationId, url: `${base}/artikel\u0000` }, as.member))).toMatchObject({ statusCode: 400 });
    expect(await written()).toEqual(before);
    expect(hits).toEqual(fetched);
  });

  it('adds a link at once (pending), fetches its preview in the background, and lists it on the conversation', async () => {
    const key = randomUUID();
    const id = (await svc.send(AddMedia, { conversationId, url: `${base}/artikel`, note: 'Goede uitleg' }, as.member, key)).id;
    expect((await svc.send(AddMedia, { conversationId, url: `${base}/artikel`, note: 'Goede uitleg' }, as.member, key)).id).toBe(id);
    expect((await svc.send(AddMedia, { conversationId, url: `${base}/artikel` }, as.second)).id).toBe(id);
    const ready = await settled(id);
    expect(ready).toEqual({
      id, url: `${base}/artikel`, kind: 'article', title: 'Zo isoleer je een jaren-30-woning', description: 'Stap voor stap, met subsidie.', siteName: 'Duurzaam Thuis',
      imageUrl: 'https://8.8.8.8/kaart.jpg', note: 'Goede uitleg', addedBy: { id: ids.member, displayName: 'Mo Lid' }, addedAt: expect.any(String), preview: 'ready',
      canEdit: true, canRemove: true, hidden: false, hiddenReason: null,
    });
    expect(hits.get('/artikel')).toBe(1);
    const events = await sql<{ subject: string; payload: { data: Record<string, unknown> } }>(
      svc, "SELECT subject, payload FROM kc_outbox WHERE subject LIKE '%.media.%' AND payload->'data'->>'mediaId' = ? ORDER BY id", [id]);
    expect(events.map((e) => e.subject.replace(/^.*communities\./, ''))).toEqual(['media.added.v1', 'media.updated.v1']);
    expect(events[1]!.payload.data).toMatchObject({ mediaId: id, conversationId, conversationTitle: 'Woning isoleren', communityId, visibility: 'public', title: 'Zo isoleer je een jaren-30-woning', kind: 'article', note: 'Goede uitleg', addedBy: ids.member });
    expect(JSON.stringify(events)).not.toMatch(/Mo Lid/);
  });

  it('reads oEmbed for the kind and title, and never keeps an image on a private or loopback address', async () => {
    const video = await settled(await add('/video'));
    expect(video).toMatchObject({ kind: 'video', title: 'Lezing', siteName: 'Kanaal', preview: 'ready' });
    expect(await settled(await add('/prive-plaatje'))).toMatchObject({ title: 'Met intern plaatje', imageUrl: null, preview: 'ready' });
    expect(await settled(await add('/loopback-plaatje'))).toMatchObject({ title: 'Plaatje op loopback', imageUrl: null, preview: 'ready' });
    expect(hits.get('/logo.png')).toBeUndefined();
  });

  it('marks the preview failed for what is too large, not HTML, redirected to a private address, or too slow', async () => {
    const failed = await Promise.all(['/groot', '/plaatje', '/naar-metadata', '/naar-intern', '/traag'].map((p) => add(p, 'second')));
    for (const id of failed) expect(await settled(id)).toMatchObject({ preview: 'failed', title: null, kind: 'website' });
    const errors = await sql<{ url: string; last_error: string }>(svc, 'SELECT url, last_error FROM media_references WHERE preview = ? AND id = ANY(?::uuid[]) ORDER BY url', ['failed', `{${failed.join(',')}}`]);
    expect(Object.fromEntries(errors.map((e) => [new URL(e.url).pathname, e.last_error]))).toEqual({
      '/groot': 'TOO_LARGE', '/plaatje': 'NOT_HTML', '/naar-metadata': 'URL_NOT_ALLOWED', '/naar-intern': 'URL_NOT_ALLOWED', '/traag': 'TIMEOUT',
    });
    // A podcast's feed is not HTML: no preview, but the kind it is.
    expect(await settled(await add('/feed.xml'))).toMatchObject({ preview: 'failed', kind: 'podcast' });
  });

  it('lets who added it change kind and note; a chosen kind survives a refresh a week later', async () => {
    // A link of its own, its preview ready.
    const id = await add('/artikel?een-week-later');
    expect(await settled(id)).toMatchObject({ kind: 'article', preview: 'ready' });
    expect(await failure(svc.send(ChangeMedia, { mediaId: id, kind: 'video' }, as.second))).toMatchObject({ statusCode: 403, code: 'NOT_ALLOWED_TO_CHANGE_MEDIA' });
    expect(await failure(svc.send(ChangeMedia, { mediaId: id, kind: 'film' as never }, as.member))).toMatchObject({ statusCode: 400 });
    expect(await failure(svc.send(ChangeMedia, { mediaId: randomUUID(), kind: 'video' }, as.member))).toMatchObject({ statusCode: 404, code: 'MEDIA_NOT_FOUND' });
    const changed = await svc.send(ChangeMedia, { mediaId: id, kind: 'podcast', note: 'Ook als podcast' }, as.member);
    expect(changed).toMatchObject({ id, kind: 'podcast', note: 'Ook als podcast', preview: 'ready' });
    // A week passes: the preview is due again and fetched again, the chosen kind stays.
    await sql(svc, "UPDATE media_references SET fetched_at = now() - interval '8 days', next_fetch_at = now() - interval '1 day' WHERE id = ?", [id]);
    await waitFor(async () => hits.get('/artikel?een-week-later') === 2);
    await waitFor(async () => (await sql<{ due: boolean }>(svc, 'SELECT next_fetch_at > now() + interval \'6 days\' AS due FROM media_references WHERE id = ?', [id]))[0]!.due);
    expect(await one(id)).toMatchObject({ kind: 'podcast', title: 'Zo isoleer je een jaren-30-woning', preview: 'ready' });
  });

  it('loses no preview when the service stops mid-fetch: the lease runs out and a new process fetches it', async () => {
    const id = await add('/artikel?na-herstart');
    await settled(id);
    await svc.close();
    try {
      // As a worker that died while fetching leaves it: pending, claimed, the lease run out.
      const db = await startCommunities(scope, { ...env, MEDIA_PREVIEW_POLL_MS: '600000' });
      try {
        await sql(db, "UPDATE media_references SET preview = 'pending', title = NULL, attempts = 1, lease_until = now() - interval '1 second', next_fetch_at = now() - interval '1 minute' WHERE id = ?", [id]);
      } finally {
        await db.close();
      }
    } finally {
      // The service runs again for the tests after this one, also when this one fails.
      svc = await startCommunities(scope, env);
    }
    expect(await settled(id)).toMatchObject({ preview: 'ready', title: 'Zo isoleer je een jaren-30-woning' });
  });

  it('lets who added it, or a moderator, remove it; another member cannot', async () => {
    // Two links of its own, both added by the member.
    const first = await settled(await add('/artikel?weg-een'));
    const second = await settled(await add('/artikel?weg-twee'));
    expect(await failure(svc.send(RemoveMedia, { mediaId: first.id }, as.second))).toMatchObject({ statusCode: 403, code: 'NOT_ALLOWED_TO_REMOVE_MEDIA' });
    await svc.send(RemoveMedia, { mediaId: first.id }, as.member);
    await svc.send(RemoveMedia, { mediaId: second.id }, as.organiser);
    expect(await failure(svc.send(RemoveMedia, { mediaId: first.id }, as.member))).toMatchObject({ statusCode: 404, code: 'MEDIA_NOT_FOUND' });
    expect((await media()).map((m) => m.id)).not.toContain(first.id);
    const removed = await sql<{ payload: { data: Record<string, unknown> } }>(
      svc, "SELECT payload FROM kc_outbox WHERE subject LIKE '%.media.removed.v1' AND payload->'data'->>'mediaId' IN (?, ?) ORDER BY id", [first.id, second.id]);
    expect(removed.map((r) => r.payload.data)).toEqual([
      { mediaId: first.id, conversationId, communityId, removedBy: ids.member },
      { mediaId: second.id, conversationId, communityId, removedBy: ids.organiser },
    ]);
  });
});
