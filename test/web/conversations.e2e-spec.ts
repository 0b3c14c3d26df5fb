import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { startPlatform, TestScope, type Platform } from '@kc/testing';
import type { Browser } from 'playwright-core';
import { ApiClient, eventually, importIntoRegion } from '../support/api-client';

const DEMO_CATALOGUE = join(__dirname, '..', '..', 'deploy', 'seed', 'demo-catalogue.marcxml');
import { launchBrowser, Visitor } from './support/browser';

/**
 * The thread on a conversation page in Chromium, with the keyboard alone: contributing in
 * Markdown with a mention, reacting, replying, changing and deleting; the same without
 * JavaScript; axe-core (WCAG 2.1 A/AA) on every page, in Dutch and in English.
 */
describe('web UI: contributions on the conversation page', () => {
  const scope = new TestScope('webthread');
  let platform: Platform;
  let api: ApiClient;
  let browser: Browser;
  const visitors: Visitor[] = [];
  const region = 'baronie';
  type Person = { id: string; token: string; email: string; password: string };
  let anna: Person;
  let bram: Person;
  let communityId: string;
  let operatorToken: string;
  let catalogue: ReturnType<typeof importIntoRegion> | undefined;

  const visit = async (javaScript = true) => {
    const visitor = await Visitor.open(browser, platform.baseUrl, { javaScript });
    visitors.push(visitor);
    return visitor;
  };
  /** A conversation of the test's own in the community, started by Anna: each test its own thread. */
  const startConversation = async (title: string, body: string) => {
    const started = await api.post(`/communities/${communityId}/conversations`, { title, body }, anna.token);
    expect(started.status).toBe(201);
    return started.body.id as string;
  };
  /** The demo catalogue in the region, imported once by whichever test needs it first (the collection is read, never changed, by the tests). */
  const importCatalogue = async () => {
    catalogue ??= importIntoRegion(api, operatorToken, region, readFileSync(DEMO_CATALOGUE));
    expect(await catalogue).toMatchObject({ status: 'completed' });
  };
  const expectCleanPage = async (visitor: Visitor, screenshot: string) => {
    expect(await visitor.axeViolations()).toEqual([]);
    expect(visitor.foreignRequests).toEqual([]);
    expect(visitor.consoleErrors).toEqual([]);
    await visitor.screenshot(screenshot);
  };

  beforeAll(async () => {
    browser = await launchBrowser();
    platform = await startPlatform(scope);
    api = new ApiClient(platform.baseUrl);
    operatorToken = await api.login(platform.operator.email, platform.operator.password);
    expect((await api.post('/regions', { slug: region, name: 'Baronie' }, operatorToken)).status).toBe(201);
    [anna, bram] = [await api.resident(region, 'Anna Jansen'), await api.resident(region, 'Bram de Boer')];
    communityId = (await api.post('/communities', { name: 'Fietsreparatie', visibility: 'public' }, anna.token)).body.id;
    expect((await api.post(`/communities/${communityId}/members`, {}, bram.token)).status).toBe(201);
  });
  afterAll(async () => {
    for (const visitor of visitors) await visitor.close().catch(() => undefined);
    await browser?.close();
    await platform?.stop();
    await scope.dispose();
  });

  it('member: contributes in Markdown with a mention, reacts, replies and changes their text', async () => {
    const conversationPath = `/gesprekken/${await startConversation('Lekke band plakken', 'Welke plakset werkt het best?')}`;
    const visitor = await visit();
    const { page } = visitor;
    await visitor.signIn(bram.email, bram.password);
    await visitor.goto(conversationPath);
    const thread = page.getByRole('region', { name: 'Bijdragen' });
    await expect(thread.textContent()).resolves.toContain('Nog niemand heeft bijgedragen');
    await expectCleanPage(visitor, 'thread-empty');

    await visitor.activate(page.getByRole('button', { name: 'Plaatsen' }));
    await expect(page.getByRole('alert').first().textContent()).resolves.toContain('Bericht');
    await expectCleanPage(visitor, 'thread-errors');

    await visitor.typeInto(page.getByLabel('Bericht'), 'Neem een **bandenlichter** van kunststof. <script>document.title="gehackt"</script>');
    await visitor.tabTo(page.getByLabel('Anna Jansen'));
    await page.keyboard.press('Space');
    await visitor.activate(page.getByRole('button', { name: 'Plaatsen' }));
    await expect(page.getByRole('status').first().textContent()).resolves.toContain('Je bijdrage staat in het gesprek');
    const contribution = page.locator('article.kc-contribution').first();
    await expect(contribution.locator('strong').textContent()).resolves.toBe('bandenlichter');
    await expect(contribution.textContent()).resolves.toContain('<script>document.title="gehackt"</script>');
    expect(await page.title()).not.toContain('gehackt');
    await expectCleanPage(visitor, 'thread-posted');

    await visitor.activate(contribution.getByRole('button', { name: 'Nuttig: 0' }));
    const useful = page.locator('article.kc-contribution').first().getByRole('button', { name: 'Nuttig: 1' });
    await expect(useful.getAttribute('aria-pressed')).resolves.toBe('true');

    await visitor.activate(page.getByRole('link', { name: 'Reageren op Bram de Boer' }));
    await expect(page.locator('h1').textContent()).resolves.toBe('Reageer op Bram de Boer');
    await expectCleanPage(visitor, 'thread-reply');
    await visitor.typeInto(page.getByLabel('Bericht'), 'En plak pas als de lijm droog is.');
    await visitor.activate(page.getByRole('button', { name: 'Plaatsen' }));
    await expect(page.locator('.kc-thread__replies article').textContent()).resolves.toContain('En plak pas als de lijm droog is.');

    await visitor.activate(page.getByRole('link', { name: 'Je bijdrage wijzigen' }).first());
    await expect(page.getByLabel('Bericht').inputValue()).resolves.toContain('**bandenlichter**');
    await expectCleanPage(visitor, 'thread-edit');
    await visitor.typeInto(page.getByLabel('Bericht'), 'Neem een _bandenlichter_ van kunststof, nooit een schroevendraaier.');
    await visitor.activate(page.getByRole('button', { name: 'Wijziging opslaan' }));
    await expect(page.getByRole('status').first().textContent()).resolves.toContain('Je bijdrage is gewijzigd');
    const changed = page.locator('article.kc-contribution').first();
    await expect(changed.locator('em').textContent()).resolves.toBe('bandenlichter');
    await expect(changed.textContent()).resolves.toContain('gewijzigd');
    await expectCleanPage(visitor, 'thread-changed');
  });

  it('organiser without JavaScript: contributes and removes a contribution as moderator; the thread keeps a notice', async () => {
    const conversationId = await startConversation('Band loopt steeds leeg', 'Al twee keer geplakt en na een dag is hij weer zacht.');
    const conversationPath = `/gesprekken/${conversationId}`;
    const { id } = (await api.post(`/conversations/${conversationId}/contributions`, { body: 'Koop plaksets bij mij, goedkoop!' }, bram.token)).body;
    const visitor = await visit(false);
    const { page } = visitor;
    await visitor.signIn(anna.email, anna.password);
    await visitor.goto(conversationPath);
    await visitor.typeInto(page.getByLabel('Bericht'), 'Bedankt allemaal! Zie ook [de Fietsersbond](https://www.fietsersbond.nl/).');
    await visitor.activate(page.getByRole('button', { name: 'Plaatsen' }));
    const link = page.getByRole('link', { name: 'de Fietsersbond' });
    await expect(link.getAttribute('rel')).resolves.toBe('nofollow ugc noopener');

    const spam = page.locator(`#bijdrage-${id}`);
    await visitor.activate(spam.getByRole('button', { name: 'Bijdrage van Bram de Boer verwijderen' }));
    await expect(page.getByRole('status').first().textContent()).resolves.toContain('De bijdrage is verwijderd');
    await expect(page.locator(`#bijdrage-${id}`).textContent()).resolves.toContain('Deze bijdrage is verwijderd.');
    expect(visitor.foreignRequests).toEqual([]);

    // axe needs JavaScript: the same page in a browser that has it, in Dutch and in English.
    const reader = await visit();
    await reader.signIn(anna.email, anna.password);
    await reader.goto(conversationPath);
    await expectCleanPage(reader, 'thread-moderated');
    await reader.goto('/');
    await reader.activate(reader.page.getByRole('link', { name: 'English' }));
    await reader.goto(conversationPath);
    await expect(reader.page.getByRole('region', { name: 'Contributions' }).textContent()).resolves.toContain('This contribution was deleted.');
    await expectCleanPage(reader, 'thread-en');
  });

  it('member: adds a suggested title, finds another not fitting, and adds one found in the collection', async () => {
    await importCatalogue();
    const heat = await startConversation('Warmtepomp in een jaren-30-huis', 'Moet ik eerst isoleren, en is een hybride warmtepomp genoeg?');
    const suggested = await eventually(async () => {
      const c = (await api.get(`/conversations/${heat}`)).body;
      return c.suggestions.length >= 3 && (c.suggestions as Array<{ titleId: string; title: string }>);
    }, 60_000, 'suggestions for the conversation');
    const visitor = await visit();
    const { page } = visitor;
    await visitor.signIn(bram.email, bram.password);
    await visitor.goto(`/gesprekken/${heat}`);
    const titles = page.getByRole('region', { name: 'Bibliotheektitels bij dit gesprek' });
    await expectCleanPage(visitor, 'titles-suggested');

    await visitor.activate(titles.getByRole('button', { name: `${suggested[0]!.title} toevoegen aan dit gesprek` }));
    await expect(page.getByRole('status').first().textContent()).resolves.toContain('De titel is toegevoegd aan het gesprek');
    const added = page.locator('.kc-titles ul.kc-title-list').first();
    await expect(added.textContent()).resolves.toContain(suggested[0]!.title);
    await expect(added.textContent()).resolves.toContain('toegevoegd door Bram de Boer');

    await visitor.typeInto(page.locator(`#reden-${suggested[1]!.titleId}`), 'Gaat over nieuwbouw');
    await visitor.activate(titles.getByRole('button', { name: `Niet passend: ${suggested[1]!.title}` }));
    await expect(page.getByRole('status').first().textContent()).resolves.toContain('wordt niet meer voorgesteld');
    expect(await page.locator(`#reden-${suggested[1]!.titleId}`).count()).toBe(0);
    await expectCleanPage(visitor, 'titles-dismissed');

    await visitor.typeInto(page.getByLabel('Titel, schrijver of onderwerp'), 'zonnepanelen');
    await visitor.activate(page.getByRole('search', { name: 'Zoek in de collectie' }).getByRole('button', { name: 'Zoeken' }));
    const results = page.locator('.kc-catalogue-search ul.kc-title-list li');
    await results.first().waitFor();
    await expectCleanPage(visitor, 'titles-search');
    const addable = results.filter({ has: page.getByRole('button', { name: /toevoegen aan dit gesprek$/ }) }).first();
    const foundTitle = (await addable.locator('h5').textContent())!;
    await visitor.activate(addable.getByRole('button', { name: `${foundTitle} toevoegen aan dit gesprek` }));
    await expect(page.locator('.kc-titles ul.kc-title-list').first().textContent()).resolves.toContain(foundTitle);
  });

  it('librarian: finds schema.org Event data on an activity page and opens its book table, in Dutch and in English, and prints only the list', async () => {
    // A title the community chose, in a conversation of this test's own (on a subject no other test of the file adds titles to).
    await importCatalogue();
    const repairCafe = await startConversation('Een repaircafé voor fietsen', 'Wie helpt mee met een reparatiemiddag in de wijk?');
    const found = (await api.get(`/catalogue/titles?q=${encodeURIComponent('repareren')}&limit=5`, bram.token)).body.items as Array<{ id: string; title: string }>;
    const chosenTitle = found.find((t) => t.title.startsWith('Samen repareren'));
    expect(chosenTitle).toBeDefined();
    expect((await api.post(`/conversations/${repairCafe}/titles`, { titleId: chosenTitle!.id }, bram.token)).status).toBe(201);
    const day = 24 * 3_600_000;
    const { id } = (await api.post(`/communities/${communityId}/activities`, {
      title: 'Spreekuur isoleren', description: 'Spouwmuurisolatie, dakisolatie en een hybride warmtepomp.', mode: 'in_person', location: 'Bibliotheek Breda',
      startsAt: new Date(Date.now() + 9 * day).toISOString(), endsAt: new Date(Date.now() + 9 * day + 7_200_000).toISOString(),
    }, anna.token)).body;
    const visitor = await visit();
    const { page } = visitor;
    await visitor.goto(`/activiteiten/${id}`);
    const linkedData = JSON.parse((await page.locator('script[type="application/ld+json"]').textContent())!);
    expect(linkedData).toMatchObject({
      '@context': 'https://schema.org', '@type': 'Event', name: 'Spreekuur isoleren', url: `${platform.baseUrl}/activiteiten/${id}`,
      eventAttendanceMode: 'https://schema.org/OfflineEventAttendanceMode', eventStatus: 'https://schema.org/EventScheduled',
      location: { '@type': 'Place', name: 'Bibliotheek Breda' }, organizer: { '@type': 'Organization', name: 'Fietsreparatie' },
    });
    expect(linkedData.startDate).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\+0[12]:00$/);
    await expectCleanPage(visitor, 'activity-linked-data');
    await visitor.activate(page.getByRole('link', { name: 'Boekentafel: titels uit de collectie bij deze activiteit' }));
    await page.getByRole('heading', { level: 1, name: 'Boekentafel' }).waitFor();
    const chosen = page.getByRole('region', { name: /^Gekozen door de community/ });
    const ours = chosen.locator('li.kc-book-table__item', { has: page.locator('strong', { hasText: chosenTitle!.title }) });
    await expect(ours.textContent()).resolves.toContain('Toegevoegd aan het gesprek ‘Een repaircafé voor fietsen’');
    expect(await page.getByRole('region', { name: /^Uit de collectie bij dit onderwerp/ }).locator('li').count()).toBeGreaterThan(0);
    await expectCleanPage(visitor, 'book-table');

    await page.emulateMedia({ media: 'print' });
    expect(await page.locator('header.kc-header, .kc-no-print').evaluateAll((nodes) => nodes.filter((n) => getComputedStyle(n).display !== 'none').length)).toBe(0);
    await page.emulateMedia({ media: 'screen' });

    await visitor.activate(page.getByRole('link', { name: 'English' }));
    await page.getByRole('heading', { level: 1, name: 'Book table' }).waitFor();
    await expectCleanPage(visitor, 'book-table-en');
  });
});
