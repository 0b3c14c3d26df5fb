import { once } from 'node:events';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { startPlatform, TestScope, waitFor, type Platform } from '@kc/testing';
import type { Browser } from 'playwright-core';
import { ApiClient } from '../support/api-client';
import { launchBrowser, Visitor } from './support/browser';

/**
 * Links on the conversation page in Chromium, with the keyboard alone: an SSRF attempt refused
 * with a Dutch message beside the field, a link shared and its preview card appearing without a
 * reload (htmx) once the server fetched it; changing its kind and removing it without JavaScript;
 * axe-core (WCAG 2.1 A/AA) on every page, and no request to another host (the page's image is not
 * shown, the preview is the server's).
 */
describe('web UI: media links on the conversation page', () => {
  const scope = new TestScope('webmedia');
  let platform: Platform;
  let api: ApiClient;
  let browser: Browser;
  let pages: http.Server;
  let base: string;
  const visitors: Visitor[] = [];
  const region = 'meierij';
  type Person = { id: string; token: string; email: string; password: string };
  let anna: Person;
  let bram: Person;
  let communityId: string;

  const visit = async (javaScript = true) => {
    const visitor = await Visitor.open(browser, platform.baseUrl, { javaScript });
    visitors.push(visitor);
    return visitor;
  };
  /** A conversation of its own for each test (Anna's, so she moderates it): no link of another test is on its page. */
  const newConversation = async (title: string) => {
    const created = await api.post(`/communities/${communityId}/conversations`, { title, body: 'Wie heeft het laten doen?' }, anna.token);
    expect(created.status).toBe(201);
    return created.body.id as string;
  };

  beforeAll(async () => {
    pages = http.createServer((req, res) => {
      if (req.url !== '/isoleren') return void res.writeHead(404).end();
      // Slow enough that the card shows "pending" first and htmx brings the preview.
      setTimeout(() => res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(
        '<html><head><meta property="og:title" content="Spouwmuur isoleren in vijf stappen"><meta property="og:type" content="article">'
        + '<meta property="og:description" content="Wat het kost en wat het oplevert."><meta property="og:site_name" content="Energieloket">'
        + '<meta property="og:image" content="https://images.example.org/muur.jpg"></head></html>',
      ), 1500);
    });
    pages.listen(0, '127.0.0.1');
    await once(pages, 'listening');
    base = `http://127.0.0.1:${(pages.address() as AddressInfo).port}`;
    browser = await launchBrowser();
    // The preview fetcher may reach the local page server above (loopback only; refused in production by config).
    platform = await startPlatform(scope, { env: { MEDIA_PREVIEW_ALLOW_LOOPBACK_FOR_TESTS: 'true', MEDIA_PREVIEW_POLL_MS: '500' } });
    api = new ApiClient(platform.baseUrl);
    const operatorToken = await api.login(platform.operator.email, platform.operator.password);
    expect((await api.post('/regions', { slug: region, name: 'Meierij' }, operatorToken)).status).toBe(201);
    [anna, bram] = [await api.resident(region, 'Anna Jansen'), await api.resident(region, 'Bram de Boer')];
    communityId = (await api.post('/communities', { name: 'Energie Meierij', visibility: 'public' }, anna.token)).body.id;
    expect((await api.post(`/communities/${communityId}/members`, {}, bram.token)).status).toBe(201);
  });
  afterAll(async () => {
    for (const visitor of visitors) await visitor.close().catch(() => undefined);
    await browser?.close();
    await platform?.stop();
    pages?.closeAllConnections();
    await new Promise((resolve) => pages?.close(resolve));
    await scope.dispose();
  });

  it('member: an SSRF attempt is refused beside the field; a shared link gets its preview card without a reload', async () => {
    const conversationPath = `/gesprekken/${await newConversation('Spouwmuur isoleren')}`;
    const visitor = await visit();
    const { page } = visitor;
    await visitor.signIn(bram.email, bram.password);
    await visitor.goto(conversationPath);
    const media = page.getByRole('region', { name: 'Video’s, artikelen, websites en podcasts' });
    await expect(media.textContent()).resolves.toContain('Er zijn nog geen links gedeeld');
    await visitor.expectClean('media-empty');

    await visitor.typeInto(page.getByLabel('Adres (URL)'), 'http://169.254.169.254/latest/meta-data/');
    await visitor.activate(page.getByRole('button', { name: 'Link delen' }));
    await expect(page.getByRole('alert').first().textContent()).resolves.toContain('openbare http(s)-adressen');
    await expect(page.getByLabel('Adres (URL)').inputValue()).resolves.toBe('http://169.254.169.254/latest/meta-data/');
    await visitor.expectClean('media-refused');

    await page.getByLabel('Adres (URL)').fill('');
    await visitor.typeInto(page.getByLabel('Adres (URL)'), `${base}/isoleren`);
    await visitor.typeInto(page.getByLabel('Toelichting (niet verplicht)'), 'Met de subsidiebedragen van dit jaar');
    await visitor.activate(page.getByRole('button', { name: 'Link delen' }));
    await expect(page.getByRole('status').first().textContent()).resolves.toContain('De link staat in het gesprek');
    const card = page.locator('.kc-media-card').first();
    await expect(card.textContent()).resolves.toContain('Met de subsidiebedragen van dit jaar');
    // The preview arrives by itself (htmx asks while it is pending).
    await card.getByRole('link', { name: 'Spouwmuur isoleren in vijf stappen' }).waitFor({ timeout: 20_000 });
    const ready = page.locator('.kc-media-card').first();
    await expect(ready.textContent()).resolves.toContain('Artikel · Energieloket');
    await expect(ready.textContent()).resolves.toContain('gedeeld door Bram de Boer');
    await expect(ready.getByRole('link').first().getAttribute('rel')).resolves.toBe('nofollow ugc noopener noreferrer');
    expect(await page.locator('.kc-media img').count()).toBe(0);
    await visitor.expectClean('media-ready');
  });

  it('without JavaScript: who shared it changes its kind; a moderator removes it', async () => {
    // Bram shares the link himself (the API, as the first test does on the page) and its preview is fetched.
    const conversationId = await newConversation('Spouwmuur laten isoleren');
    const conversationPath = `/gesprekken/${conversationId}`;
    const shared = await api.post(`/conversations/${conversationId}/media`, { url: `${base}/isoleren`, note: 'Met de subsidiebedragen van dit jaar' }, bram.token);
    expect(shared.status).toBe(201);
    const [link] = await waitFor(async () => {
      const listed = (await api.get(`/conversations/${conversationId}`, bram.token)).body.media as Array<Record<string, unknown>>;
      return listed.length === 1 && listed[0].preview !== 'pending' && listed;
    }, 30_000);
    expect(link).toMatchObject({ id: shared.body.id, kind: 'article', title: 'Spouwmuur isoleren in vijf stappen', preview: 'ready' });

    const visitor = await visit(false);
    const { page } = visitor;
    await visitor.signIn(bram.email, bram.password);
    await visitor.goto(conversationPath);
    const card = page.locator('.kc-media-card').first();
    // A <details> opens with Enter and does not navigate.
    await visitor.tabTo(card.getByText('Soort of toelichting wijzigen'));
    await page.keyboard.press('Enter');
    await visitor.tabTo(card.getByLabel('Soort', { exact: true }));
    await card.getByLabel('Soort', { exact: true }).selectOption('podcast');
    await visitor.activate(card.getByRole('button', { name: 'Soort en toelichting van Spouwmuur isoleren in vijf stappen opslaan' }));
    await expect(page.getByRole('status').first().textContent()).resolves.toContain('De link is gewijzigd');
    await expect(page.locator('.kc-media-card').first().textContent()).resolves.toContain('Podcast');
    // No axe without JavaScript: the first test checks the same page with it.
    expect(visitor.foreignRequests).toEqual([]);
    await visitor.screenshot('media-changed');

    const organiser = await visit(false);
    await organiser.signIn(anna.email, anna.password);
    await organiser.goto(conversationPath);
    expect(await organiser.page.getByText('Soort of toelichting wijzigen').count()).toBe(0);
    await organiser.activate(organiser.page.getByRole('button', { name: 'Spouwmuur isoleren in vijf stappen weghalen uit dit gesprek' }));
    await expect(organiser.page.getByRole('status').first().textContent()).resolves.toContain('De link is uit het gesprek weggehaald');
    await expect(organiser.page.getByRole('region', { name: 'Video’s, artikelen, websites en podcasts' }).textContent()).resolves.toContain('Er zijn nog geen links gedeeld');
    expect(organiser.foreignRequests).toEqual([]);
    await organiser.screenshot('media-removed');
  });
});
