import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startPlatform, TestScope, type Platform } from '@kc/testing';
import type { Browser, FileChooser } from 'playwright-core';
import { ApiClient, eventually } from '../support/api-client';
import { launchBrowser, Visitor } from './support/browser';

const DEMO_CATALOGUE = join(__dirname, '..', '..', 'deploy', 'seed', 'demo-catalogue.marcxml');

/** A small MARCXML file made here: two good records and one without a title (an error for record 2). */
function smallCatalogue(): string {
  const record = (id: string, title: string | null) => `<record><leader>00000nam a2200000 i 4500</leader><controlfield tag="001">${id}</controlfield>${
    title ? `<datafield tag="245" ind1="1" ind2="0"><subfield code="a">${title}</subfield></datafield>` : ''}<datafield tag="650" ind1=" " ind2="7"><subfield code="a">Tuinieren</subfield></datafield></record>`;
  const xml = `<?xml version="1.0" encoding="UTF-8"?><collection xmlns="http://www.loc.gov/MARC21/slim">${record('ui-1', 'Moestuinieren op het balkon')}${record('ui-2', null)}${record('ui-3', 'Samen tuinieren in de wijk')}</collection>`;
  const file = join(mkdtempSync(join(tmpdir(), 'kc-web-')), 'catalogus.xml');
  writeFileSync(file, xml);
  return file;
}

/**
 * Each role's main journey through the web UI on the real platform, in Chromium, with the
 * keyboard alone; axe-core (WCAG 2.1 A/AA) on every page in Dutch, then every page again in
 * English; and not one request to another host.
 */
describe('web UI journeys per role, keyboard only', () => {
  const scope = new TestScope('webjourneys');
  let platform: Platform;
  let api: ApiClient;
  let browser: Browser;
  let operatorToken: string;
  const visitors: Visitor[] = [];
  const region = { slug: 'midden-brabant', name: 'Midden-Brabant' };
  type Person = { id: string; token: string; email: string; password: string; name: string };
  let admin: Person;
  let librarian: Person;
  let publicCommunity: string;

  const person = async (name: string): Promise<Person> => ({ ...(await api.resident(region.slug, name)), name });
  const visit = async () => {
    const visitor = await Visitor.open(browser, platform.baseUrl);
    visitors.push(visitor);
    return visitor;
  };
  const pagesSeen = new Map<Visitor, Set<string>>();
  /** axe-clean, nothing from another host, no script errors; remembered for the English round. */
  const expectCleanPage = async (visitor: Visitor, screenshot: string) => {
    expect(await visitor.axeViolations()).toEqual([]);
    expect(visitor.foreignRequests).toEqual([]);
    expect(visitor.consoleErrors).toEqual([]);
    await visitor.screenshot(screenshot);
    if (!pagesSeen.has(visitor)) pagesSeen.set(visitor, new Set());
    pagesSeen.get(visitor)!.add(visitor.path().replace(/[?&]melding=[^&]*/, ''));
  };
  /** Every page this visitor saw, again in English: axe-clean there too. */
  const expectCleanInEnglish = async (visitor: Visitor, name: string) => {
    await visitor.goto('/');
    await visitor.activate(visitor.page.getByRole('link', { name: 'English' }));
    let n = 0;
    for (const path of pagesSeen.get(visitor) ?? []) {
      await visitor.goto(path);
      expect(await visitor.page.getAttribute('html', 'lang')).toBe('en');
      expect({ path, violations: await visitor.axeViolations() }).toEqual({ path, violations: [] });
      await visitor.screenshot(`${name}-en-${++n}`);
    }
    expect(visitor.foreignRequests).toEqual([]);
    await visitor.goto('/');
    await visitor.activate(visitor.page.getByRole('link', { name: 'Nederlands' }));
  };

  beforeAll(async () => {
    browser = await launchBrowser(); // first: afterAll closes it even when the platform does not start
    platform = await startPlatform(scope);
    api = new ApiClient(platform.baseUrl);
    operatorToken = await api.login(platform.operator.email, platform.operator.password);
    expect((await api.post('/regions', region, operatorToken)).status).toBe(201);
    [admin, librarian] = [await person('Bibliotheek Beheerder'), await person('Lotte Bibliothecaris')];
    expect((await api.post(`/regions/${region.slug}/staff`, { email: admin.email, role: 'library_admin' }, operatorToken)).status).toBe(201);
    expect((await api.post(`/regions/${region.slug}/staff`, { email: librarian.email, role: 'community_librarian' }, operatorToken)).status).toBe(201);
    const upload = await api.request('POST', '/catalogue/imports', { raw: readFileSync(DEMO_CATALOGUE), contentType: 'application/marcxml+xml', token: admin.token });
    expect(upload.status).toBe(202);
    await eventually(async () => (await api.get(`/catalogue/imports/${upload.body.id}`, admin.token)).body.status === 'completed', 60_000, 'demo catalogue import');
    const organiser = await person('Sanne Organisator');
    publicCommunity = (await api.post('/communities', { name: 'Samen tuinieren', description: 'Moestuinen in de wijk.', visibility: 'public' }, organiser.token)).body.id;
  });
  afterAll(async () => {
    for (const visitor of visitors) await visitor.close().catch(() => undefined);
    await browser?.close();
    await platform?.stop();
    await scope.dispose();
  });

  it('resident: starts a community, a conversation whose library titles appear without a reload, plans and joins an activity, searches', async () => {
    const anna = await person('Anna de Vries');
    const visitor = await visit();
    const { page } = visitor;
    await visitor.signIn(anna.email, anna.password);
    await expect(page.title()).resolves.toBe(`${region.name} – KennisCloud`);
    await expectCleanPage(visitor, 'resident-region');

    await visitor.activate(page.getByRole('link', { name: 'Community starten' }));
    await expectCleanPage(visitor, 'community-new');
    await visitor.activate(page.getByRole('button', { name: 'Community starten' }));
    await expect(page.getByRole('alert').first().textContent()).resolves.toContain('Vul ‘Naam’ in.');
    await expectCleanPage(visitor, 'community-new-errors');
    await visitor.typeInto(page.getByLabel('Naam', { exact: true }), 'Duurzaam wonen in Tilburg');
    await visitor.typeInto(page.getByLabel('Beschrijving'), 'Bewoners delen wat werkt: isoleren, warmtepompen en zonnepanelen.');
    await visitor.tabTo(page.getByLabel('Openbaar'));
    await page.keyboard.press('ArrowDown');
    expect(await page.getByLabel('Alleen leden').isChecked()).toBe(true);
    await page.keyboard.press('ArrowUp');
    await visitor.activate(page.getByRole('button', { name: 'Community starten' }));
    await expect(page.locator('h1').textContent()).resolves.toBe('Duurzaam wonen in Tilburg');
    await expect(page.getByRole('status').textContent()).resolves.toContain('Jij bent de organisator');
    const communityPath = visitor.path().split('?')[0]!;
    await expectCleanPage(visitor, 'community');

    await visitor.activate(page.getByRole('link', { name: 'Gesprek starten' }));
    await expectCleanPage(visitor, 'conversation-new');
    await visitor.typeInto(page.getByLabel('Titel'), 'Warmtepomp in een jaren-30-huis');
    await visitor.typeInto(page.getByLabel('Bericht'), 'Wie heeft ervaring met een warmtepomp in een oud huis? Moet ik eerst isoleren, en is een hybride warmtepomp genoeg?');
    await visitor.activate(page.getByRole('button', { name: 'Gesprek starten' }));
    const titles = page.getByRole('region', { name: 'Bibliotheektitels bij dit gesprek' });
    // The page stays where it is: the worker's titles arrive in it without a reload.
    await page.evaluate(() => ((window as unknown as { stayed: boolean }).stayed = true));
    await titles.getByRole('listitem').first().waitFor({ timeout: 30_000 });
    expect(await page.evaluate(() => (window as unknown as { stayed?: boolean }).stayed)).toBe(true);
    await expect(titles.textContent()).resolves.toMatch(/Waarom:/);
    await expect(titles.textContent()).resolves.toMatch(/warmtepomp/i);
    await expectCleanPage(visitor, 'conversation');

    await visitor.goto(communityPath);
    await visitor.activate(page.getByRole('link', { name: 'Activiteit plannen' }));
    await expectCleanPage(visitor, 'activity-new');
    await visitor.typeInto(page.getByLabel('Titel'), 'Warmtepompcafé');
    await visitor.typeDateTime(page.getByLabel('Begint'), '2031-03-14T19:30');
    await visitor.typeDateTime(page.getByLabel('Eindigt'), '2031-03-14T18:30');
    await visitor.typeInto(page.getByLabel('Maximaal aantal deelnemers'), '1');
    await visitor.activate(page.getByRole('button', { name: 'Activiteit plannen' }));
    // The service's own messages, beside the field they are about: an end before the start, then no location.
    await expect(page.getByRole('alert').first().textContent()).resolves.toContain('Het einde van de activiteit moet na het begin liggen.');
    expect(await page.getByLabel('Eindigt').getAttribute('aria-invalid')).toBe('true');
    await expectCleanPage(visitor, 'activity-new-errors');
    await visitor.typeDateTime(page.getByLabel('Eindigt'), '2031-03-14T21:30');
    await visitor.activate(page.getByRole('button', { name: 'Activiteit plannen' }));
    await expect(page.getByRole('alert').first().textContent()).resolves.toMatch(/locatie op/i);
    expect(await page.getByLabel('Locatie', { exact: true }).getAttribute('aria-invalid')).toBe('true');
    await visitor.typeInto(page.getByLabel('Locatie', { exact: true }), 'Bibliotheek Tilburg Centrum, zaal 2');
    await visitor.activate(page.getByRole('button', { name: 'Activiteit plannen' }));
    await expect(page.locator('main').textContent()).resolves.toContain('vrijdag 14 maart 2031, 19:30 – 21:30');
    await expectCleanPage(visitor, 'activity');
    await visitor.activate(page.getByRole('button', { name: 'Aanmelden' }));
    await expect(page.getByRole('status').textContent()).resolves.toContain('Je bent aangemeld');
    const calendarHref = await page.getByRole('link', { name: /eigen agenda/ }).getAttribute('href');
    const ics = await visitor.context.request.get(`${platform.baseUrl}${calendarHref}`);
    expect(ics.headers()['content-type']).toContain('text/calendar');
    expect(await ics.text()).toContain('SUMMARY:Warmtepompcafé');
    const activityPath = visitor.path().split('?')[0]!;

    // Someone else finds it full, and is told so clearly.
    const bram = await person('Bram Jansen');
    const other = await visit();
    await other.signIn(bram.email, bram.password);
    await other.goto(activityPath);
    await expect(other.page.locator('main').textContent()).resolves.toContain('Deze activiteit is vol');
    // Full: no place to take, but the waitlist (the waitlist itself: test/web/calendar.e2e-spec.ts).
    expect(await other.page.getByRole('button', { name: 'Aanmelden', exact: true }).count()).toBe(0);
    expect(await other.page.getByRole('button', { name: 'Aanmelden voor de wachtlijst' }).count()).toBe(1);
    await expectCleanPage(other, 'activity-full');

    // Search from the header of any page: results grouped by type, linking on.
    await eventually(async () => {
      await visitor.goto(activityPath);
      await visitor.typeInto(page.getByRole('search').getByLabel('Zoeken'), 'warmtepomp');
      await visitor.activate(page.getByRole('search').getByRole('button', { name: 'Zoeken' }));
      return (await page.getByRole('heading', { name: /^Gesprekken/ }).count()) > 0 && (await page.getByRole('heading', { name: /^Communities/ }).count()) > 0;
    }, 30_000, 'search results');
    await expectCleanPage(visitor, 'search');
    await visitor.activate(page.getByRole('link', { name: 'Warmtepomp in een jaren-30-huis' }));
    await expect(page.locator('h1').textContent()).resolves.toBe('Warmtepomp in een jaren-30-huis');

    await expectCleanInEnglish(visitor, 'resident');
  }, 300_000); // the longest journey, in both languages: under a loaded 2-core machine it passed 180 s

  it('community librarian: a badge on their name, and plans an activity in a community of their region they are no member of', async () => {
    const visitor = await visit();
    const { page } = visitor;
    await visitor.signIn(librarian.email, librarian.password);
    await expect(page.locator('header').textContent()).resolves.toMatch(/Lotte Bibliothecaris\s*Communitybibliothecaris/);
    await expectCleanPage(visitor, 'librarian-region');
    await visitor.activate(page.getByRole('link', { name: 'Samen tuinieren' }));
    await expect(page.locator('main').textContent()).resolves.toContain('Als communitybibliothecaris van deze regio');
    await expectCleanPage(visitor, 'librarian-community');
    await visitor.activate(page.getByRole('link', { name: 'Activiteit plannen' }));
    await visitor.typeInto(page.getByLabel('Titel'), 'Zaadjes ruilen');
    await visitor.typeDateTime(page.getByLabel('Begint'), '2031-05-02T14:00');
    await visitor.typeDateTime(page.getByLabel('Eindigt'), '2031-05-02T16:00');
    await visitor.tabTo(page.getByLabel('Op locatie'));
    await page.keyboard.press('ArrowDown');
    expect(await page.getByLabel('Online', { exact: true }).isChecked()).toBe(true);
    await visitor.typeInto(page.getByLabel('Online link'), 'https://meet.voorbeeld.nl/zaadjes');
    await visitor.activate(page.getByRole('button', { name: 'Activiteit plannen' }));
    await expect(page.locator('h1').textContent()).resolves.toBe('Zaadjes ruilen');
    await expect(page.locator('main').textContent()).resolves.toContain('vrijdag 2 mei 2031, 14:00 – 16:00');
    await expectCleanPage(visitor, 'librarian-activity');
    await visitor.goto(`/community/${publicCommunity}`);
    await expect(page.getByRole('region', { name: 'Activiteiten' }).textContent()).resolves.toContain('Zaadjes ruilen');
    await visitor.goto(`/regio/${region.slug}`);
    await expect(page.getByRole('region', { name: 'Komende activiteiten' }).textContent()).resolves.toContain('Zaadjes ruilen');

    await expectCleanInEnglish(visitor, 'librarian');
  });

  it('library administrator: imports a catalogue file with a live progress bar and errors per record, appoints and revokes staff by e-mail', async () => {
    const newcomer = await person('Bram de Boekenwurm');
    const visitor = await visit();
    const { page } = visitor;
    await visitor.signIn(admin.email, admin.password);
    await visitor.activate(page.getByRole('link', { name: 'Catalogus' }));
    await expect(page.title()).resolves.toBe(`Catalogus – ${region.name} – KennisCloud`);
    await expectCleanPage(visitor, 'catalogue');
    await visitor.activate(page.getByRole('button', { name: 'Importeren' }));
    await expect(page.getByRole('alert').textContent()).resolves.toContain('Kies een catalogusbestand.');
    await expectCleanPage(visitor, 'catalogue-errors');

    // With the keyboard: Tab to the file field, Space opens the chooser. The page that showed the
    // error may still move focus to its error summary as it settles, so a press that lands
    // elsewhere is tried again (at most three times).
    let chooser: FileChooser | undefined;
    for (let attempt = 0; attempt < 3 && !chooser; attempt++) {
      await visitor.tabTo(page.getByLabel('Catalogusbestand'));
      [chooser] = await Promise.all([page.waitForEvent('filechooser', { timeout: 10_000 }).catch(() => undefined), page.keyboard.press('Space')]);
    }
    await chooser!.setFiles(smallCatalogue());
    await visitor.activate(page.getByRole('button', { name: 'Importeren' }));
    const progress = page.getByRole('progressbar', { name: 'Voortgang' });
    expect(Number(await progress.getAttribute('value'))).toBeGreaterThanOrEqual(0);
    await page.evaluate(() => ((window as unknown as { stayed: boolean }).stayed = true));
    await page.getByText('Klaar: 2 titels geïmporteerd. 1 record met een fout.').waitFor({ timeout: 60_000 });
    expect(await page.evaluate(() => (window as unknown as { stayed?: boolean }).stayed)).toBe(true);
    expect(await progress.getAttribute('value')).toBe('100');
    await expect(page.getByRole('region', { name: 'Fouten per record' }).textContent()).resolves.toContain('Record zonder titel');
    await expectCleanPage(visitor, 'catalogue-import');

    await visitor.activate(page.getByRole('link', { name: 'Medewerkers' }));
    await expect(page.getByRole('table').textContent()).resolves.toContain('Lotte Bibliothecaris');
    await expectCleanPage(visitor, 'staff');
    await visitor.typeInto(page.getByLabel('E-mailadres'), 'niemand@voorbeeld.nl');
    await visitor.activate(page.getByRole('button', { name: 'Aanstellen' }));
    await expect(page.getByRole('alert').first().textContent()).resolves.toMatch(/bestaat niet|niet gevonden|geen account/i);
    await expectCleanPage(visitor, 'staff-errors');
    await visitor.typeInto(page.getByLabel('E-mailadres'), newcomer.email);
    await visitor.tabTo(page.getByLabel(/^Communitybibliothecaris/));
    await visitor.activate(page.getByRole('button', { name: 'Aanstellen' }));
    await expect(page.getByRole('status').textContent()).resolves.toContain('De rol is toegekend');
    const row = page.getByRole('row', { name: /Bram de Boekenwurm/ });
    await expect(row.textContent()).resolves.toContain('Communitybibliothecaris');
    await visitor.activate(page.getByRole('button', { name: 'Rol Communitybibliothecaris van Bram de Boekenwurm intrekken' }));
    await expect(page.getByRole('status').textContent()).resolves.toContain('De rol is ingetrokken');
    expect(await page.getByRole('row', { name: /Bram de Boekenwurm/ }).count()).toBe(0);

    await expectCleanInEnglish(visitor, 'admin');
  });

  it('operator: adds a region (with a clear error first) and sees every region', async () => {
    const visitor = await visit();
    const { page } = visitor;
    await visitor.signIn(platform.operator.email, platform.operator.password);
    await expect(page.locator('header').textContent()).resolves.toContain('Landelijk beheerder');
    await visitor.activate(page.getByRole('link', { name: 'Regio’s' }));
    await expectCleanPage(visitor, 'operator-regions');
    await visitor.typeInto(page.getByLabel('Naam', { exact: true }), 'West-Brabant');
    await visitor.typeInto(page.getByLabel('Korte naam'), 'West Brabant');
    await visitor.activate(page.getByRole('button', { name: 'Regio toevoegen' }));
    const slug = page.getByLabel('Korte naam');
    expect(await slug.getAttribute('aria-invalid')).toBe('true');
    await expect(page.getByRole('alert').textContent()).resolves.toContain('‘Korte naam’ mag alleen kleine letters, cijfers en koppeltekens bevatten.');
    await expectCleanPage(visitor, 'operator-regions-errors');
    await visitor.typeInto(slug, region.slug);
    await visitor.activate(page.getByRole('button', { name: 'Regio toevoegen' }));
    await expect(page.getByRole('alert').textContent()).resolves.toContain('Er is al een regio met de naam');
    await visitor.typeInto(page.getByLabel('Korte naam'), 'west-brabant');
    await visitor.activate(page.getByRole('button', { name: 'Regio toevoegen' }));
    await expect(page.getByRole('status').textContent()).resolves.toContain('De regio is toegevoegd');
    const table = await page.getByRole('table').textContent();
    expect(table).toContain('West-Brabant');
    expect(table).toContain(region.name);
    await visitor.activate(page.getByRole('link', { name: 'Medewerkers van West-Brabant' }));
    await expectCleanPage(visitor, 'operator-staff');

    await expectCleanInEnglish(visitor, 'operator');
  });
});
