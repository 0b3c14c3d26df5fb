import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { Redis } from 'ioredis';
import { SSO_CALLBACK_PATH } from '@kc/contracts';
import { startPlatform, startTestOidcProvider, TEST_REDIS_URL, TestScope, type Platform } from '@kc/testing';
import type { Browser } from 'playwright-core';
import { ApiClient, eventually } from '../support/api-client';
import { ScopeDatabases } from '../support/databases';
import { launchBrowser, Visitor } from './support/browser';

type Person = Awaited<ReturnType<ApiClient['resident']>>;

/**
 * The identity pages in Debian's Chromium, with the keyboard alone: the Logboek of a region's
 * library administrator and of the operator; Mijn profiel and Wie weet wat (a resident opts in,
 * a neighbour finds them, someone who did not opt in never appears; Brinkman subjects offered as
 * you type, the plain field without JavaScript); Ingelogde apparaten (sign
 * out another device, or everywhere) and Wachtwoord wijzigen; Regio-instellingen (the retention
 * of inactive accounts, and the library's provider for staff sign-in set through the page). axe-clean (WCAG 2.1 A/AA)
 * in Dutch and English, nothing from another host.
 */
describe('web UI: identity pages in a real browser', () => {
  const scope = new TestScope('web-identity');
  const region = { slug: 'flevoland', name: 'Flevoland' };
  const zaan = { slug: 'zaanstreek', name: 'Zaanstreek' };
  let platform: Platform;
  let api: ApiClient;
  let browser: Browser;
  let operator: string;
  let admin: Person, member: Person;
  let sanne: Person, tim: Person, uma: Person;
  const visitors: Visitor[] = [];
  const databases = new ScopeDatabases(scope);

  const visit = async () => {
    const visitor = await Visitor.open(browser, platform.baseUrl);
    visitors.push(visitor);
    return visitor;
  };
  const expectCleanPage = async (visitor: Visitor) => {
    expect({ path: visitor.path(), violations: await visitor.axeViolations() }).toEqual({ path: visitor.path(), violations: [] });
    expect(visitor.foreignRequests).toEqual([]);
    expect(visitor.consoleErrors).toEqual([]);
  };

  beforeAll(async () => {
    browser = await launchBrowser();
    // Identity may discover the test's OpenID Connect provider on 127.0.0.1 over http (ADR 0040).
    platform = await startPlatform(scope, { env: { SSO_ALLOW_LOCAL_HTTP_ISSUER: 'true' } });
    api = new ApiClient(platform.baseUrl);
    operator = await api.login(platform.operator.email, platform.operator.password);
    expect((await api.post('/regions', region, operator)).status).toBe(201);
    expect((await api.post('/regions', { slug: 'lelystad-oost', name: 'Lelystad-Oost' }, operator)).status).toBe(201);
    [admin, member] = await Promise.all([api.resident(region.slug, 'Fenna Beheer'), api.resident(region.slug, 'Sem Lid')]);
    expect((await api.post(`/regions/${region.slug}/staff`, { accountId: admin.id, role: 'library_admin', reason: 'Start van de regio' }, operator)).status).toBe(201);
    // More than one page of the log (25 entries a page).
    for (let i = 0; i < 13; i++) {
      expect((await api.post(`/regions/${region.slug}/staff`, { accountId: member.id, role: 'community_librarian', reason: `Ronde ${i}` }, operator)).status).toBe(201);
      expect((await api.request('DELETE', `/regions/${region.slug}/staff/${member.id}/community_librarian`, { token: operator })).status).toBe(204);
    }
    expect((await api.post(`/accounts/${member.id}/block`, { reason: 'Ongewenste berichten' }, operator)).status).toBe(200);
    expect((await api.post(`/accounts/${member.id}/unblock`, {}, operator)).status).toBe(200);

    expect((await api.post('/regions', zaan, operator)).status).toBe(201);
    [sanne, tim, uma] = await Promise.all([api.resident(zaan.slug, 'Sanne Smit'), api.resident(zaan.slug, 'Tim Timmer'), api.resident(zaan.slug, 'Uma Uil')]);
    expect((await api.request('PATCH', '/me/profile', { token: uma.token, body: { expertise: ['Fietsen repareren', 'Accordeon spelen'], directory: false } })).status).toBe(200);
  });
  afterAll(async () => {
    await databases.close();
    for (const visitor of visitors) await visitor.close().catch(() => undefined);
    await browser?.close();
    await platform?.stop();
    await scope.dispose();
  });

  it('library administrator: reads the region’s Logboek page by page, in Dutch and English', async () => {
    const visitor = await visit();
    const { page } = visitor;
    await visitor.signIn(admin.email, admin.password);
    await visitor.activate(page.getByRole('link', { name: 'Logboek' }));
    await expect(page.title()).resolves.toBe(`Logboek – ${region.name} – KennisCloud`);
    const table = page.getByRole('table');
    // Newest first; other tests of this file may add newer entries to the region's log.
    const newestFirst = async (newer: string, older: string) => {
      const rows = await page.getByRole('row').allTextContents();
      const at = (text: string) => rows.findIndex((row) => row.includes(text));
      expect(at(newer)).toBeGreaterThan(0);
      expect(at(older)).toBeGreaterThan(at(newer));
    };
    await newestFirst('Blokkade opgeheven', 'Account geblokkeerd');
    await expect(table.textContent()).resolves.toContain('Ongewenste berichten');
    await expect(table.textContent()).resolves.toContain('Medewerkersrol ingetrokken: Communitybibliothecaris');
    await expectCleanPage(visitor);

    await visitor.activate(page.getByRole('link', { name: 'Oudere meldingen' }));
    await expect(page.getByRole('table').textContent()).resolves.toContain('Start van de regio');
    expect(await page.getByRole('link', { name: 'Oudere meldingen' }).count()).toBe(0);
    await expectCleanPage(visitor);
    await visitor.activate(page.getByRole('link', { name: 'Terug naar de nieuwste meldingen' }));
    await newestFirst('Blokkade opgeheven', 'Account geblokkeerd');

    await visitor.activate(page.getByRole('link', { name: 'English' }));
    await expect(page.title()).resolves.toBe(`Audit log – ${region.name} – KennisCloud`);
    await newestFirst('Block lifted', 'Account blocked');
    await expectCleanPage(visitor);
  });

  it('operator: reads the whole platform’s Logboek and narrows it to one region', async () => {
    const visitor = await visit();
    const { page } = visitor;
    await visitor.signIn(platform.operator.email, platform.operator.password);
    await visitor.activate(page.getByRole('link', { name: 'Logboek' }));
    await expect(page.title()).resolves.toBe('Logboek – KennisCloud');
    await expect(page.getByRole('columnheader', { name: 'Regio' }).count()).resolves.toBe(1);
    await expectCleanPage(visitor);
    await visitor.tabTo(page.getByLabel('Regio'));
    await page.getByLabel('Regio').selectOption('lelystad-oost');
    await visitor.activate(page.getByRole('button', { name: 'Tonen' }));
    expect(visitor.path()).toBe('/beheer/logboek?regio=lelystad-oost');
    await expect(page.getByRole('main').textContent()).resolves.toContain('Er staat nog niets in het logboek.');
    await expectCleanPage(visitor);
  });

  it('operator: reads Gebruik per regio, in Dutch and English; a resident is refused it', async () => {
    const visitor = await visit();
    const { page } = visitor;
    await visitor.signIn(platform.operator.email, platform.operator.password);
    await visitor.activate(page.getByRole('link', { name: 'Gebruik per regio' }));
    await expect(page.title()).resolves.toBe('Gebruik per regio – KennisCloud');
    const row = page.getByRole('row').filter({ has: page.getByRole('link', { name: 'Lelystad-Oost' }) });
    await expect(row.textContent()).resolves.toContain('Actief');
    await expect(page.getByRole('row').last().textContent()).resolves.toMatch(/^Totaal/);
    await expectCleanPage(visitor);
    await visitor.activate(page.getByRole('link', { name: 'English' }));
    await expect(page.title()).resolves.toBe('Usage per region – KennisCloud');
    await expectCleanPage(visitor);

    const resident = await visit();
    await resident.signIn(member.email, member.password);
    expect(await resident.page.getByRole('link', { name: 'Gebruik per regio' }).count()).toBe(0);
    const response = await resident.page.goto(`${platform.baseUrl}/beheer/gebruik`);
    expect(response?.status()).toBe(403);
  });

  it('a resident asks for all their data on Mijn gegevens and downloads one JSON file', async () => {
    const visitor = await visit();
    const { page } = visitor;
    await visitor.signIn(member.email, member.password);
    await visitor.goto('/mijn-profiel');
    await visitor.activate(page.getByRole('link', { name: 'Al je gegevens downloaden (Mijn gegevens)' }));
    await expect(page.title()).resolves.toBe('Mijn gegevens – KennisCloud');
    await expect(page.getByRole('main').textContent()).resolves.toContain('Je hebt nog geen gegevens opgevraagd.');
    await expectCleanPage(visitor);
    await visitor.activate(page.getByRole('button', { name: 'Mijn gegevens opvragen' }));
    await expect(page.getByRole('status').first().textContent()).resolves.toContain('We verzamelen je gegevens bij elke dienst');
    const link = page.getByRole('link', { name: /^Gegevens van .* downloaden$/ });
    await link.waitFor({ timeout: 60_000 }); // the page refreshes itself until the export is ready
    await expectCleanPage(visitor);
    const [download] = await Promise.all([page.waitForEvent('download'), link.click()]);
    expect(download.suggestedFilename()).toMatch(/^kenniscloud-mijn-gegevens-\d{4}-\d{2}-\d{2}\.json$/);
    const document = JSON.parse(await readFile((await download.path())!, 'utf8'));
    expect(document.accountId).toBe(member.id);
    expect(document.parts.map((p: { service: string }) => p.service)).toEqual(['identity', 'communities', 'events', 'catalogue', 'search']);
  });

  it('a resident erases their account on Mijn gegevens: a wrong password first, then gone everywhere', async () => {
    const leaving = await api.resident(region.slug, 'Lotte Vertrek');
    const visitor = await visit();
    const { page } = visitor;
    await visitor.signIn(leaving.email, leaving.password);
    await visitor.goto('/mijn-gegevens');
    await expect(page.getByRole('heading', { name: 'Mijn account wissen' }).count()).resolves.toBe(1);
    await page.getByLabel(/Verwijderen \(in een draad/).check();
    await page.getByLabel('Je wachtwoord, ter bevestiging').fill('Niet-mijn-wachtwoord-1');
    await visitor.activate(page.getByRole('button', { name: 'Mijn account definitief wissen' }));
    await expect(page.getByRole('main').textContent()).resolves.toContain('Het wachtwoord klopt niet. Je account is niet gewist.');
    expect(await page.getByLabel(/Verwijderen \(in een draad/).isChecked()).toBe(true); // the choice is kept
    await expectCleanPage(visitor);
    await page.getByLabel('Je wachtwoord, ter bevestiging').fill(leaving.password);
    await visitor.activate(page.getByRole('button', { name: 'Mijn account definitief wissen' }));
    await expect(page.getByRole('status').first().textContent()).resolves.toContain('Je account is gewist.');
    expect(await page.getByRole('link', { name: 'Inloggen' }).count()).toBeGreaterThan(0); // signed out
    expect((await api.post('/auth/login', { email: leaving.email, password: leaving.password })).status).toBe(401);
  });

  it('asks for consent to new terms at sign-in before anything else; Mijn gegevens stays open; agreeing goes on', async () => {
    const returning = await api.resident(region.slug, 'Rik Terug');
    // As if Rik accepted an earlier version and the platform now ships a new one (no API sets an old version).
    await databases.query('identity', "UPDATE accounts SET terms_version = '2025-01-01' WHERE id = $1", [returning.id]);
    const visitor = await visit();
    const { page } = visitor;
    await visitor.signIn(returning.email, returning.password);
    await expect(page.title()).resolves.toBe('Nieuwe gebruiksvoorwaarden – KennisCloud');
    await expectCleanPage(visitor);
    await visitor.goto('/mijn-profiel');
    expect(visitor.path()).toBe(`/voorwaarden-akkoord?terug=${encodeURIComponent('/mijn-profiel')}`);
    await visitor.goto('/mijn-gegevens');
    await expect(page.title()).resolves.toBe('Mijn gegevens – KennisCloud');
    await visitor.goto('/mijn-profiel');
    await visitor.activate(page.getByRole('button', { name: 'Akkoord en verder' }));
    await expect(page.getByRole('main').textContent()).resolves.toContain('Vink aan dat je akkoord gaat');
    await page.getByLabel('Ik ga akkoord met de gebruiksvoorwaarden en de privacyverklaring').check();
    await visitor.activate(page.getByRole('button', { name: 'Akkoord en verder' }));
    await expect(page.title()).resolves.toBe('Mijn profiel – KennisCloud');
    expect((await api.get('/me', await api.login(returning.email, returning.password))).body).toMatchObject({ consentRequired: false });
  });

  it('a member without the role sees no Logboek link and is refused the page', async () => {
    const visitor = await visit();
    const { page } = visitor;
    await visitor.signIn(member.email, member.password);
    expect(await page.getByRole('link', { name: 'Logboek' }).count()).toBe(0);
    const response = await page.goto(`${platform.baseUrl}/beheer/logboek`);
    expect(response?.status()).toBe(403);
    await expect(page.getByRole('main').textContent()).resolves.toContain('bibliotheekbeheerder');
    await expectCleanPage(visitor);
  });

  it('a resident fills in Mijn profiel (with a clear error first) and opts in to Wie weet wat', async () => {
    const visitor = await visit();
    const { page } = visitor;
    await visitor.signIn(sanne.email, sanne.password);
    await visitor.activate(page.getByRole('link', { name: 'Mijn profiel' }));
    await expect(page.title()).resolves.toBe('Mijn profiel – KennisCloud');
    expect(await page.getByLabel(/Toon mij in ‘Wie weet wat’/).isChecked()).toBe(false);
    await expectCleanPage(visitor);

    await visitor.typeInto(page.getByLabel('Waar weet je veel van?'), `Fietsen repareren, ${'x'.repeat(61)}`);
    await visitor.activate(page.getByRole('button', { name: 'Profiel opslaan' }));
    await expect(page.title()).resolves.toMatch(/^Fout: Mijn profiel/);
    expect(await page.getByLabel('Waar weet je veel van?').getAttribute('aria-invalid')).toBe('true');
    await expect(page.getByRole('alert').textContent()).resolves.toContain('Waar weet je veel van?');
    await expectCleanPage(visitor);

    await visitor.typeInto(page.getByLabel('Over mij'), 'Ik repareer fietsen in de bibliotheek.');
    await visitor.typeInto(page.getByLabel('Waar weet je veel van?'), 'Fietsen repareren, zonnepanelen, fietsen repareren');
    await visitor.tabTo(page.getByLabel(/Toon mij in ‘Wie weet wat’/));
    await page.keyboard.press('Space');
    await visitor.activate(page.getByRole('button', { name: 'Profiel opslaan' }));
    await expect(page.getByRole('status').first().textContent()).resolves.toContain('Je profiel is opgeslagen.');
    expect(await page.getByLabel('Waar weet je veel van?').inputValue()).toBe('Fietsen repareren, zonnepanelen');
    expect(await page.getByLabel(/Toon mij in ‘Wie weet wat’/).isChecked()).toBe(true);
    await expectCleanPage(visitor);

    await visitor.activate(page.getByRole('link', { name: 'English' }));
    await expect(page.title()).resolves.toBe('My profile – KennisCloud');
    await expectCleanPage(visitor);
  });

  it('a neighbour finds them by keyword in Wie weet wat; someone who did not opt in never appears', async () => {
    // Someone of its own in the list, so this test holds without the one above.
    const wout = await api.resident(zaan.slug, 'Wout Wiel');
    expect((await api.request('PATCH', '/me/profile', { token: wout.token, body: { expertise: ['Accordeon spelen'], directory: true } })).status).toBe(200);
    const visitor = await visit();
    const { page } = visitor;
    await visitor.signIn(tim.email, tim.password);
    await visitor.activate(page.getByRole('link', { name: 'Wie weet wat' }));
    await expect(page.title()).resolves.toBe(`Wie weet wat – ${zaan.name} – KennisCloud`);
    await expect(page.getByRole('main').textContent()).resolves.toContain('Wout Wiel');
    await expectCleanPage(visitor);

    await visitor.typeInto(page.getByLabel('Zoek op kennis'), 'accordeon');
    await visitor.activate(page.getByRole('button', { name: 'Zoek mensen' }));
    const results = page.getByRole('main').getByRole('listitem');
    await expect(results.count()).resolves.toBe(1);
    await expect(results.first().textContent()).resolves.toContain('Wout Wiel');
    await expect(results.first().textContent()).resolves.toContain('Accordeon spelen');
    await expect(page.getByRole('main').textContent()).resolves.not.toContain('Uma Uil');
    await expectCleanPage(visitor);

    await visitor.typeInto(page.getByLabel('Zoek op kennis'), 'breien');
    await visitor.activate(page.getByRole('button', { name: 'Zoek mensen' }));
    await expect(page.getByRole('main').textContent()).resolves.toContain('Niemand in de lijst noemt ‘breien’');
    await expectCleanPage(visitor);

    await visitor.activate(page.getByRole('link', { name: 'English' }));
    await expect(page.title()).resolves.toBe(`Who knows what – ${zaan.name} – KennisCloud`);
    await expectCleanPage(visitor);
  });
  it('Mijn profiel offers Brinkman subjects for the keyword being typed (keyboard only, axe-clean); without JavaScript the field is plain text', async () => {
    const ria = await api.resident(zaan.slug, 'Ria Rust');
    const visitor = await visit();
    const { page } = visitor;
    await visitor.signIn(ria.email, ria.password);
    await visitor.goto('/mijn-profiel');
    const field = page.getByRole('combobox', { name: 'Waar weet je veel van?' });
    const list = page.getByRole('listbox', { name: 'Onderwerpen uit de Brinkman-thesaurus' });
    const selected = () => page.getByRole('option', { selected: true }).textContent();

    // Escape closes the list and leaves what was typed.
    await visitor.typeInto(field, 'Buurthuis, duurz');
    await page.getByRole('option', { name: 'duurzaam bouwen' }).waitFor();
    await expect(field.getAttribute('aria-expanded')).resolves.toBe('true');
    await page.keyboard.press('Escape');
    await list.waitFor({ state: 'hidden' });
    await expect(field.getAttribute('aria-expanded')).resolves.toBe('false');
    await expect(field.inputValue()).resolves.toBe('Buurthuis, duurz');

    // Only the keyword after the last comma is completed; the count is announced; arrows move, Enter takes.
    await visitor.typeInto(field, 'Buurthuis, eenzaam');
    await page.getByRole('option', { name: 'eenzaamheid', exact: true }).waitFor();
    await expect(list.getByRole('option').allTextContents()).resolves.toEqual(['eenzaamheid', 'Stille Eenzaamheid']);
    await expect(page.locator('.kc-suggest__count[aria-live="polite"]').textContent()).resolves.toBe('2 onderwerpen voorgesteld. Kies met pijltje omlaag en Enter, of typ verder.');
    await expect(page.getByText('Contains OCLC information made available under the ODC Attribution license.').isVisible()).resolves.toBe(true);
    await expectCleanPage(visitor);
    await page.keyboard.press('ArrowDown');
    await expect(selected()).resolves.toBe('eenzaamheid');
    await expect(field.getAttribute('aria-activedescendant')).resolves.toBe(await page.getByRole('option', { selected: true }).getAttribute('id'));
    await page.keyboard.press('ArrowDown');
    await expect(selected()).resolves.toBe('Stille Eenzaamheid');
    await page.keyboard.press('ArrowUp');
    await expect(selected()).resolves.toBe('eenzaamheid');
    await page.keyboard.press('Enter');
    await list.waitFor({ state: 'hidden' });
    expect(visitor.path()).toBe('/mijn-profiel'); // Enter took the suggestion; the form was not sent
    await expect(field.inputValue()).resolves.toBe('Buurthuis, eenzaamheid, ');

    await visitor.tabTo(page.getByLabel(/Toon mij in ‘Wie weet wat’/));
    await page.keyboard.press('Space');
    await visitor.activate(page.getByRole('button', { name: 'Profiel opslaan' }));
    await expect(page.getByRole('status').first().textContent()).resolves.toContain('Je profiel is opgeslagen.');
    await expect(field.inputValue()).resolves.toBe('Buurthuis, eenzaamheid');

    // Wie weet wat offers the same subjects for its search field.
    await visitor.activate(page.getByRole('link', { name: 'Wie weet wat' }));
    await visitor.typeInto(page.getByRole('combobox', { name: 'Zoek op kennis' }), 'Eenzaam');
    await page.getByRole('option', { name: 'eenzaamheid', exact: true }).waitFor();
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('Enter');
    await expect(page.getByRole('combobox', { name: 'Zoek op kennis' }).inputValue()).resolves.toBe('eenzaamheid');
    await visitor.activate(page.getByRole('button', { name: 'Zoek mensen' }));
    const results = page.getByRole('main').getByRole('listitem');
    await expect(results.count()).resolves.toBe(1);
    await expect(results.first().textContent()).resolves.toContain('Ria Rust');
    // In English: the same subjects (they are Dutch), the page's own texts.
    await visitor.activate(page.getByRole('link', { name: 'English' }));
    await visitor.typeInto(page.getByRole('combobox', { name: 'Search by knowledge' }), 'zonne');
    await page.getByRole('listbox', { name: 'Subjects from the Brinkman thesaurus' }).getByRole('option', { name: 'zonne-energie' }).waitFor();
    await expect(page.locator('.kc-suggest__count[aria-live="polite"]').textContent()).resolves.toMatch(/^\d+ subjects? suggested\. Choose with arrow down and Enter, or keep typing\.$/);
    await expectCleanPage(visitor);

    // Without JavaScript: the plain text field as before, with the saved keywords.
    const plain = await Visitor.open(browser, platform.baseUrl, { javaScript: false });
    visitors.push(plain);
    await plain.signIn(ria.email, ria.password);
    await plain.goto('/mijn-profiel');
    await expect(plain.page.getByRole('combobox').count()).resolves.toBe(0);
    await expect(plain.page.getByRole('textbox', { name: 'Waar weet je veel van?' }).inputValue()).resolves.toBe('Buurthuis, eenzaamheid');
  });

  it('a resident sees Ingelogde apparaten, signs out another device, changes the password and signs out everywhere', async () => {
    const wim = await api.resident(zaan.slug, 'Wim Wissel');
    const [laptop, phone] = [await visit(), await visit()];
    await laptop.signIn(wim.email, wim.password);
    await phone.signIn(wim.email, wim.password);
    const { page } = laptop;
    await laptop.activate(page.getByRole('link', { name: 'Mijn profiel' }));
    await laptop.activate(page.getByRole('link', { name: 'Ingelogde apparaten' }));
    await expect(page.title()).resolves.toBe('Ingelogde apparaten – KennisCloud');
    const rows = page.getByRole('main').getByRole('row');
    // The two browsers and the sign-in of api.resident(); this one marked.
    await expect(rows.count()).resolves.toBe(4);
    await expect(rows.filter({ hasText: 'dit apparaat' }).count()).resolves.toBe(1);
    await expect(rows.filter({ hasText: 'Chrome op Linux' }).count()).resolves.toBe(2);
    await expectCleanPage(laptop);
    await laptop.screenshot('ingelogde-apparaten');

    await laptop.activate(rows.filter({ hasNotText: 'dit apparaat' }).filter({ hasText: 'Chrome op Linux' }).getByRole('button'));
    await expect(page.getByRole('main').textContent()).resolves.toContain('Dat apparaat is uitgelogd.');
    await expect(rows.count()).resolves.toBe(3);
    // The other browser is signed out at its next page, its tokens refused everywhere.
    await eventually(async () => {
      await phone.goto('/mijn-profiel');
      return (await phone.page.title()) === 'Inloggen – KennisCloud' || undefined;
    }, 5000, 'the other device signed out');

    await laptop.activate(page.getByRole('link', { name: 'Wachtwoord wijzigen' }));
    const newPassword = 'mijn-nieuwe-wachtwoord-7';
    await laptop.typeInto(page.getByLabel('Huidig wachtwoord'), 'niet-mijn-wachtwoord');
    await laptop.typeInto(page.getByLabel('Nieuw wachtwoord'), newPassword);
    await laptop.activate(page.getByRole('button', { name: 'Wachtwoord wijzigen' }));
    await expect(page.title()).resolves.toMatch(/^Fout: Wachtwoord wijzigen/);
    await expect(page.getByRole('main').textContent()).resolves.toContain('Je huidige wachtwoord klopt niet.');
    await expect(page.getByLabel('Huidig wachtwoord').inputValue()).resolves.toBe('');
    await expectCleanPage(laptop);
    await laptop.screenshot('wachtwoord-wijzigen');
    await laptop.typeInto(page.getByLabel('Huidig wachtwoord'), wim.password);
    await laptop.typeInto(page.getByLabel('Nieuw wachtwoord'), newPassword);
    await laptop.activate(page.getByRole('button', { name: 'Wachtwoord wijzigen' }));
    await expect(page.getByRole('main').textContent()).resolves.toContain('Je wachtwoord is gewijzigd.');
    await expect(rows.count()).resolves.toBe(2);
    await eventually(async () => (await api.get('/me', wim.token)).status === 401 || undefined, 5000, 'the API session ended');

    await laptop.activate(page.getByRole('button', { name: 'Overal uitloggen' }));
    await expect(page.getByRole('main').textContent()).resolves.toContain('Je bent op al je apparaten uitgelogd');
    await expect(page.getByRole('link', { name: 'Inloggen' }).count()).resolves.toBeGreaterThan(0);
    await laptop.signIn(wim.email, newPassword);
    await expect(page.getByRole('link', { name: 'Mijn profiel' }).count()).resolves.toBe(1);
  });
  it('stays signed in when the access token runs out: the gateway renews it with the refresh token it keeps, once for pages loaded at once', async () => {
    const ria = await api.resident(zaan.slug, 'Ria Rondje');
    const visitor = await visit();
    await visitor.signIn(ria.email, ria.password);
    const context = visitor.page.context();
    const cookie = (await context.cookies()).find((c) => c.name === 'kc_sessie')!;
    expect(cookie.expires - Date.now() / 1000).toBeGreaterThan(29 * 86400);
    const redis = new Redis(TEST_REDIS_URL);
    try {
      const key = `${scope.env().KC_QUEUE_PREFIX}:gateway:session:${createHash('sha256').update(cookie.value).digest('base64url')}`;
      const stored = JSON.parse((await redis.get(key))!);
      expect(stored).toMatchObject({ refreshToken: expect.any(String), tokenExpiresAt: expect.any(Number) });
      expect(await redis.ttl(key)).toBeGreaterThan(29 * 86400);
      expect(JSON.stringify(await context.cookies())).not.toContain(stored.refreshToken);

      // As if the access token had half a minute left: three tabs load a page at the same moment.
      await redis.set(key, JSON.stringify({ ...stored, tokenExpiresAt: Date.now() + 30_000 }), 'EX', await redis.ttl(key));
      const tabs = await Promise.all([1, 2, 3].map(() => context.newPage()));
      await Promise.all(tabs.map((tab) => tab.goto(`${platform.baseUrl}/mijn-profiel`)));
      for (const tab of tabs) await expect(tab.title()).resolves.toBe('Mijn profiel – KennisCloud');
      const renewed = JSON.parse((await redis.get(key))!);
      expect(renewed.refreshToken).not.toBe(stored.refreshToken);
      expect(renewed.token).not.toBe(stored.token);
      expect(renewed.tokenExpiresAt).toBeGreaterThan(Date.now() + 14 * 60_000);
      // One exchange only: identity's session goes on (a second one would have ended it).
      const sessions = await api.get('/me/sessions', renewed.token);
      expect(sessions.body.items.filter((s: { device: string | null }) => s.device === 'Chrome op Linux')).toHaveLength(1);
      await visitor.goto('/mijn-profiel');
      await expect(visitor.page.title()).resolves.toBe('Mijn profiel – KennisCloud');
      for (const tab of tabs) await tab.close();
    } finally {
      redis.disconnect();
    }
  });

  it('library administrator: sets how long Flevoland keeps inactive accounts on Regio-instellingen (out of range refused beside the field), in Dutch and English', async () => {
    const visitor = await visit();
    const { page } = visitor;
    await visitor.signIn(admin.email, admin.password);
    await visitor.activate(page.getByRole('link', { name: 'Regio-instellingen' }));
    await expect(page.title()).resolves.toBe(`Regio-instellingen – ${region.name} – KennisCloud`);
    const months = page.getByLabel('Bewaartermijn in maanden');
    expect(await months.inputValue()).toBe('24');
    await expect(page.getByRole('main').textContent()).resolves.toContain('Een account waarmee 24 maanden niemand heeft ingelogd, wordt gewist');
    await expectCleanPage(visitor);

    await visitor.typeInto(months, '200');
    await visitor.activate(page.getByRole('button', { name: 'Bewaartermijn opslaan' }));
    await expect(page.title()).resolves.toMatch(/^Fout: Regio-instellingen/);
    expect(await months.getAttribute('aria-invalid')).toBe('true');
    await expect(page.getByRole('alert').textContent()).resolves.toContain('‘Bewaartermijn in maanden’ mag hoogstens 120 zijn.');
    expect(await months.inputValue()).toBe('200');
    await expectCleanPage(visitor);

    await visitor.typeInto(months, '36');
    await visitor.activate(page.getByRole('button', { name: 'Bewaartermijn opslaan' }));
    await expect(page.getByRole('status').first().textContent()).resolves.toContain('De bewaartermijn van inactieve accounts is opgeslagen.');
    expect(await months.inputValue()).toBe('36');
    expect((await api.get(`/regions/${region.slug}/retention`, admin.token)).body).toMatchObject({ inactiveAccountMonths: 36 });

    await visitor.activate(page.getByRole('link', { name: 'English' }));
    await expect(page.title()).resolves.toBe(`Region settings – ${region.name} – KennisCloud`);
    expect(await page.getByLabel('Retention in months').inputValue()).toBe('36');
    await expectCleanPage(visitor);
  });

  it('operator: opens a region’s settings from Regio’s; a resident sees no link and is refused the page', async () => {
    const visitor = await visit();
    const { page } = visitor;
    await visitor.signIn(platform.operator.email, platform.operator.password);
    await visitor.activate(page.getByRole('link', { name: 'Regio’s' }));
    await visitor.activate(page.getByRole('link', { name: 'Regio-instellingen van Lelystad-Oost' }));
    expect(visitor.path()).toBe('/beheer/regio-instellingen?regio=lelystad-oost');
    expect(await page.getByLabel('Regio', { exact: true }).inputValue()).toBe('lelystad-oost');
    expect(await page.getByLabel('Bewaartermijn in maanden').inputValue()).toBe('24');
    await expectCleanPage(visitor);
    await visitor.typeInto(page.getByLabel('Bewaartermijn in maanden'), '60');
    await visitor.activate(page.getByRole('button', { name: 'Bewaartermijn opslaan' }));
    expect(visitor.path()).toBe('/beheer/regio-instellingen?regio=lelystad-oost&melding=bewaartermijn-opgeslagen');
    expect((await api.get('/regions/lelystad-oost/retention', operator)).body).toMatchObject({ inactiveAccountMonths: 60 });

    const resident = await visit();
    await resident.signIn(member.email, member.password);
    expect(await resident.page.getByRole('link', { name: 'Regio-instellingen' }).count()).toBe(0);
    const response = await resident.page.goto(`${platform.baseUrl}/beheer/regio-instellingen`);
    expect(response?.status()).toBe(403);
    await expect(resident.page.getByRole('main').textContent()).resolves.toContain('Alleen een bibliotheekbeheerder van deze regio');
    await expectCleanPage(resident);
  });

  it('library staff sign in with their library’s identity provider: Inloggen als medewerker, the provider’s pages, and back signed in', async () => {
    const provider = await startTestOidcProvider(`${platform.baseUrl}${SSO_CALLBACK_PATH}`, { 'fenna@bibliotheek': { email: admin.email, email_verified: true } });
    const context = await browser.newContext({ locale: 'nl-NL' });
    try {
      // Fenna sets the provider on Regio-instellingen, with the keyboard: an address without a provider first.
      const settings = await visit();
      await settings.signIn(admin.email, admin.password);
      await settings.activate(settings.page.getByRole('link', { name: 'Regio-instellingen' }));
      const form = settings.page.getByRole('form', { name: 'Inloggen via de bibliotheek' });
      await expect(settings.page.getByRole('main').textContent()).resolves.toContain('Nog niet ingesteld');
      const nothingThere = `http://127.0.0.1:${Number(new URL(provider.issuer).port) + 1}`;
      await settings.typeInto(form.getByLabel('Issuer (adres van de provider)'), nothingThere);
      await settings.typeInto(form.getByLabel('Client-ID'), provider.client.clientId);
      await settings.typeInto(form.getByLabel('Client secret'), provider.client.clientSecret);
      await settings.tabTo(form.getByLabel('Medewerkers kunnen inloggen via de bibliotheek'));
      await settings.page.keyboard.press('Space');
      await settings.activate(form.getByRole('button', { name: 'Inloggen via de bibliotheek opslaan' }));
      await expect(settings.page.title()).resolves.toBe(`Fout: Regio-instellingen – ${region.name} – KennisCloud`);
      const issuerField = settings.page.getByLabel('Issuer (adres van de provider)');
      expect(await issuerField.getAttribute('aria-invalid')).toBe('true');
      await expect(settings.page.getByRole('alert').textContent()).resolves.toContain('konden niet worden opgehaald');
      expect(await issuerField.inputValue()).toBe(nothingThere); // what she typed stays, but never the secret
      expect(await settings.page.getByLabel('Client secret').inputValue()).toBe('');
      expect(await settings.page.content()).not.toContain(provider.client.clientSecret);
      await expectCleanPage(settings);

      await settings.typeInto(issuerField, provider.issuer);
      await settings.typeInto(settings.page.getByLabel('Client secret'), provider.client.clientSecret);
      await settings.activate(settings.page.getByRole('button', { name: 'Inloggen via de bibliotheek opslaan' }));
      await expect(settings.page.getByRole('status').first().textContent()).resolves.toContain('Inloggen via de bibliotheek is opgeslagen');
      await expect(settings.page.getByRole('main').textContent()).resolves.toContain(`Aan: op de pagina Inloggen staat ‘Inloggen als medewerker van ${region.name}’`);
      expect(await settings.page.getByLabel('Issuer (adres van de provider)').inputValue()).toBe(provider.issuer);
      expect(await settings.page.getByLabel('Medewerkers kunnen inloggen via de bibliotheek').isChecked()).toBe(true);
      // Saved again with the secret left empty: the stored one is kept (the sign-in below exchanges its code with it).
      await expect(settings.page.getByRole('main').textContent()).resolves.toContain('Laat dit veld leeg om het te houden');
      await settings.activate(settings.page.getByRole('button', { name: 'Inloggen via de bibliotheek opslaan' }));
      await expect(settings.page.getByRole('status').first().textContent()).resolves.toContain('Inloggen via de bibliotheek is opgeslagen');
      expect(await settings.page.content()).not.toContain(provider.client.clientSecret);
      await expectCleanPage(settings);
      expect((await api.get(`/regions/${region.slug}/sso`, admin.token)).body).toMatchObject({ issuer: provider.issuer, enabled: true, hasClientSecret: true });

      const visitor = await visit();
      await visitor.goto('/inloggen');
      await expect(visitor.page.getByRole('link', { name: `Inloggen als medewerker van ${region.name}` }).count()).resolves.toBe(1);
      await expectCleanPage(visitor);

      // The provider is another site: a plain browser tab, which the platform's visitor would not let out.
      const page = await context.newPage();
      await page.goto(`${platform.baseUrl}/inloggen`);
      await page.getByRole('link', { name: `Inloggen als medewerker van ${region.name}` }).click();
      await page.locator('input[name=login]').fill('fenna@bibliotheek');
      await page.locator('input[name=password]').fill('wachtwoord-bij-de-bibliotheek');
      await page.getByRole('button', { name: 'Sign-in' }).click();
      await page.getByRole('button', { name: 'Continue' }).click();
      await page.waitForURL(`${platform.baseUrl}/regio/${region.slug}**`);
      await expect(page.getByRole('main').textContent()).resolves.toContain('Je bent ingelogd');
      await expect(page.getByRole('link', { name: 'Logboek' }).count()).resolves.toBe(1); // her role, kept in KennisCloud

      // Coming back to the callback again (the flow was taken out) is a clear Dutch refusal.
      const again = await page.goto(`${platform.baseUrl}${SSO_CALLBACK_PATH}?code=x&state=y`);
      expect(again?.status()).toBe(400);
      await expect(page.getByRole('main').textContent()).resolves.toContain('Dit inloggen via je bibliotheek is verlopen');
    } finally {
      await context.close();
      await provider.close();
    }
  });
});
