import { once } from 'node:events';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { daysFromNow, startPlatform, TestScope, type Platform } from '@kc/testing';
import type { Browser } from 'playwright-core';
import { ApiClient, eventually } from '../support/api-client';
import { launchBrowser, Visitor } from './support/browser';

/**
 * Theme collections in Chromium, with the keyboard alone: a member makes a collection from the
 * community page (a refused form first), adds a web link (an SSRF attempt refused beside the
 * field), a conversation and an activity, writes a note, moves an item up and removes another;
 * the page carries schema.org `Collection` JSON-LD with its items, the region page lists it, and
 * axe-core (WCAG 2.1 A/AA) finds nothing on any of them.
 */
describe('web UI: theme collections', () => {
  const scope = new TestScope('webcollections');
  let platform: Platform;
  let api: ApiClient;
  let browser: Browser;
  let pages: http.Server;
  let base: string;
  const visitors: Visitor[] = [];
  const region = 'langstraat';
  type Person = { id: string; token: string; email: string; password: string };
  let anna: Person;
  let bram: Person;
  let communityId: string;

  const visit = async (javaScript = true) => {
    const visitor = await Visitor.open(browser, platform.baseUrl, { javaScript });
    visitors.push(visitor);
    return visitor;
  };
  const itemTitles = (visitor: Visitor) => visitor.page.locator('.kc-collection-item h3').allTextContents();

  beforeAll(async () => {
    pages = http.createServer((req, res) => {
      if (req.url !== '/gids') return void res.writeHead(404).end();
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end('<html><head><meta property="og:title" content="Gids voor een warm huis"><meta property="og:site_name" content="Energieloket"></head></html>');
    });
    pages.listen(0, '127.0.0.1');
    await once(pages, 'listening');
    base = `http://127.0.0.1:${(pages.address() as AddressInfo).port}`;
    browser = await launchBrowser();
    platform = await startPlatform(scope, { env: { MEDIA_PREVIEW_ALLOW_LOOPBACK_FOR_TESTS: 'true', MEDIA_PREVIEW_POLL_MS: '300' } });
    api = new ApiClient(platform.baseUrl);
    const operatorToken = await api.login(platform.operator.email, platform.operator.password);
    expect((await api.post('/regions', { slug: region, name: 'Langstraat' }, operatorToken)).status).toBe(201);
    [anna, bram] = [await api.resident(region, 'Anna Jansen'), await api.resident(region, 'Bram de Boer')];
    communityId = (await api.post('/communities', { name: 'Warm wonen Langstraat', visibility: 'public' }, anna.token)).body.id;
    expect((await api.post(`/communities/${communityId}/members`, {}, bram.token)).status).toBe(201);
    expect((await api.post(`/communities/${communityId}/conversations`, { title: 'Vloerverwarming in een oud huis', body: 'Kan dat?' }, anna.token)).status).toBe(201);
    expect((await api.post(`/communities/${communityId}/activities`, {
      title: 'Warmtecafé', description: 'Vragen over isoleren.', mode: 'in_person', startsAt: daysFromNow(14, 18), endsAt: daysFromNow(14, 20), location: 'Bibliotheek Waalwijk',
    }, anna.token)).status).toBe(201);
  });
  afterAll(async () => {
    for (const visitor of visitors) await visitor.close().catch(() => undefined);
    await browser?.close();
    await platform?.stop();
    pages?.closeAllConnections();
    await new Promise((resolve) => pages?.close(resolve));
    await scope.dispose();
  });

  it('member: makes a collection from the community page, adds a link, a conversation and an activity, notes, moves and removes items', async () => {
    const visitor = await visit();
    const { page } = visitor;
    await visitor.signIn(bram.email, bram.password);
    await visitor.goto(`/community/${communityId}`);
    const section = page.getByRole('region', { name: 'Themacollecties' });
    await expect(section.textContent()).resolves.toContain('Deze community heeft nog geen themacollecties.');
    await visitor.activate(section.getByRole('link', { name: 'Themacollectie maken' }));

    await visitor.typeInto(page.getByLabel('Titel'), 'x');
    await visitor.activate(page.getByRole('button', { name: 'Themacollectie maken' }));
    await expect(page.getByRole('alert').first().textContent()).resolves.toContain('Titel');
    await visitor.expectClean('collection-refused');
    await visitor.typeInto(page.getByLabel('Titel'), 'Warm de winter door');
    await visitor.typeInto(page.getByLabel('Beschrijving'), 'Wat wij **aanraden** voor een oud huis. <script>alert(1)</script>');
    await visitor.activate(page.getByRole('button', { name: 'Themacollectie maken' }));
    await expect(page.getByRole('status').first().textContent()).resolves.toContain('Je themacollectie is gemaakt');
    const collectionPath = visitor.path().split('?')[0]!;
    await expect(page.locator('.kc-markdown strong').textContent()).resolves.toBe('aanraden');
    await expect(page.locator('.kc-markdown').textContent()).resolves.toContain('<script>alert(1)</script>');
    await visitor.expectClean('collection-empty');

    await visitor.typeInto(page.getByLabel('Webadres (URL)'), 'http://169.254.169.254/latest/meta-data/');
    await visitor.activate(page.getByRole('button', { name: 'Webadres toevoegen' }).last());
    await expect(page.getByRole('alert').first().textContent()).resolves.toContain('openbare http(s)-adressen');
    await expect(page.getByLabel('Webadres (URL)').inputValue()).resolves.toBe('http://169.254.169.254/latest/meta-data/');
    await visitor.expectClean('collection-link-refused');
    await visitor.typeInto(page.getByLabel('Webadres (URL)'), `${base}/gids`);
    await visitor.activate(page.getByRole('button', { name: 'Webadres toevoegen' }).last());
    await expect(page.getByRole('status').first().textContent()).resolves.toContain('Het onderdeel staat achteraan');

    await visitor.tabTo(page.locator('#keuze-conversation'));
    await page.locator('#keuze-conversation').selectOption({ label: 'Vloerverwarming in een oud huis' });
    await visitor.activate(page.getByRole('button', { name: 'Gesprek toevoegen' }));
    await visitor.tabTo(page.locator('#keuze-activity'));
    await page.locator('#keuze-activity').selectOption({ label: 'Warmtecafé' });
    await visitor.typeInto(page.locator('#toelichting-activity'), 'Neem je energierekening mee');
    await visitor.activate(page.getByRole('button', { name: 'Activiteit toevoegen' }));
    await expect(page.getByRole('status').first().textContent()).resolves.toContain('Het onderdeel staat achteraan');
    // Everything of these kinds is in the collection now: nothing left to choose.
    await expect(page.getByRole('button', { name: 'Gesprek toevoegen' }).count()).resolves.toBe(0);

    // The link's preview was fetched by the server meanwhile.
    for (let tries = 0; !(await page.content()).includes('Gids voor een warm huis'); tries++) {
      if (tries > 60) throw new Error('the link’s preview never arrived');
      await page.waitForTimeout(250);
      await visitor.goto(collectionPath);
    }
    expect(await itemTitles(visitor)).toEqual(['Gids voor een warm huis', 'Vloerverwarming in een oud huis', 'Warmtecafé']);

    await visitor.activate(page.getByRole('button', { name: 'Warmtecafé een plaats omhoog' }));
    await expect(page.getByRole('status').first().textContent()).resolves.toContain('Het onderdeel is verplaatst');
    expect(await itemTitles(visitor)).toEqual(['Gids voor een warm huis', 'Warmtecafé', 'Vloerverwarming in een oud huis']);
    await visitor.typeInto(page.getByLabel('Toelichting bij Gids voor een warm huis'), 'Begin hier');
    await visitor.activate(page.getByRole('button', { name: 'Toelichting opslaan' }).first());
    await expect(page.getByLabel('Toelichting bij Gids voor een warm huis').inputValue()).resolves.toBe('Begin hier');
    await visitor.activate(page.getByRole('button', { name: 'Vloerverwarming in een oud huis weghalen uit de themacollectie' }));
    await expect(page.getByRole('status').first().textContent()).resolves.toContain('Het onderdeel is uit de themacollectie weggehaald');
    expect(await itemTitles(visitor)).toEqual(['Gids voor een warm huis', 'Warmtecafé']);
    await visitor.expectClean('collection-items');

    const linkedData = JSON.parse((await page.locator('script[type="application/ld+json"]').textContent()) ?? '{}');
    expect(linkedData).toMatchObject({ '@context': 'https://schema.org', '@type': 'Collection', name: 'Warm de winter door', collectionSize: 2 });
    expect(linkedData.hasPart).toEqual([
      expect.objectContaining({ '@type': 'WebPage', name: 'Gids voor een warm huis', position: 1, url: `${base}/gids`, comment: { '@type': 'Comment', text: 'Begin hier' } }),
      expect.objectContaining({ '@type': 'Event', name: 'Warmtecafé', position: 2, comment: { '@type': 'Comment', text: 'Neem je energierekening mee' } }),
    ]);
  });

  it('anyone: reads the collection without the forms; the region page lists it', async () => {
    // A collection of its own, made through the API in a community of its own (the member's
    // community starts without collections): a web link with a note, then an activity with a note.
    const community = (await api.post('/communities', { name: 'Zuinig wonen Waalwijk', visibility: 'public' }, anna.token)).body.id as string;
    const activity = await api.post(`/communities/${community}/activities`, {
      title: 'Energiecafé', description: 'Vragen over de meterkast.', mode: 'in_person', startsAt: daysFromNow(21, 19), endsAt: daysFromNow(21, 21), location: 'Bibliotheek Waalwijk',
    }, anna.token);
    expect(activity.status).toBe(201);
    const created = await api.post(`/communities/${community}/collections`, { title: 'Zuinig de winter door' }, anna.token);
    expect(created.status).toBe(201);
    const collectionPath = `/themacollecties/${created.body.id}`;
    const items = `/collections/${created.body.id}/items`;
    expect((await api.post(items, { type: 'link', url: `${base}/gids`, note: 'Begin hier' }, anna.token)).status).toBe(201);
    expect((await api.post(items, { type: 'activity', refId: activity.body.id, note: 'Neem je meterstanden mee' }, anna.token)).status).toBe(201);
    // The link's title comes from its preview, fetched by the server meanwhile.
    await eventually(async () => (await api.get(`/collections/${created.body.id}`, anna.token)).body.items?.[0]?.title === 'Gids voor een warm huis', 30_000, 'the link’s preview');

    const visitor = await visit();
    const { page } = visitor;
    await visitor.goto(collectionPath);
    expect(await itemTitles(visitor)).toEqual(['Gids voor een warm huis', 'Energiecafé']);
    await expect(page.locator('.kc-collection-item').first().textContent()).resolves.toContain('Begin hier');
    expect(await page.getByRole('button', { name: /Omhoog|Omlaag|Weghalen|toevoegen/ }).count()).toBe(0);
    await visitor.expectClean('collection-read');

    await visitor.goto(`/regio/${region}`);
    const section = page.getByRole('region', { name: 'Themacollecties' });
    // Its card names its community (other collections of the region may be listed beside it).
    const card = section.getByRole('listitem').filter({ has: page.getByRole('link', { name: 'Zuinig de winter door' }) });
    await expect(card.textContent()).resolves.toContain('Zuinig wonen Waalwijk');
    await visitor.expectClean('region-collections');
    await visitor.activate(section.getByRole('link', { name: 'Zuinig de winter door' }));
    expect(visitor.path()).toBe(collectionPath);

    // Search finds it by what it holds (an item's note), under its own heading.
    const found = page.getByRole('region', { name: /^Themacollecties/ }).getByRole('link', { name: 'Zuinig de winter door' });
    for (let tries = 0; ; tries++) {
      await visitor.goto(`/zoeken?q=${encodeURIComponent('meterstanden')}`);
      if ((await found.count()) > 0) break;
      if (tries > 60) throw new Error('the collection never reached search');
      await page.waitForTimeout(250);
    }
    await expect(found.getAttribute('href')).resolves.toBe(collectionPath);
    await visitor.expectClean('search-collections');
  });
});
