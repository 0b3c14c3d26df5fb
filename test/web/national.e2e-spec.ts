import { daysFromNow, startPlatform, TestScope, type Platform } from '@kc/testing';
import type { Browser } from 'playwright-core';
import { ApiClient, eventually } from '../support/api-client';
import { launchBrowser, Visitor } from './support/browser';

/**
 * A national community in Chromium: a community librarian of one region starts it with the form,
 * the home page lists it under Landelijke communities, and a resident of another region finds it
 * there and joins; a staff-only national network tells a resident it is for library staff. The
 * resident finds the national community's conversation in search and its activity in the calendar
 * (and feed) of their own region.
 */
describe('web UI: national communities', () => {
  const scope = new TestScope('webnational');
  let platform: Platform;
  let api: ApiClient;
  let browser: Browser;
  const visitors: Visitor[] = [];
  type Person = { id: string; token: string; email: string; password: string };
  let librarian: Person;
  let resident: Person;

  const visit = async (person: Person) => {
    const visitor = await Visitor.open(browser, platform.baseUrl);
    visitors.push(visitor);
    await visitor.signIn(person.email, person.password);
    return visitor;
  };

  beforeAll(async () => {
    browser = await launchBrowser();
    platform = await startPlatform(scope);
    api = new ApiClient(platform.baseUrl);
    const operator = await api.login(platform.operator.email, platform.operator.password);
    for (const [slug, name] of [['kempen', 'Kempen'], ['peelland', 'Peelland']]) expect((await api.post('/regions', { slug, name }, operator)).status).toBe(201);
    librarian = await api.resident('kempen', 'Lieke Bibliothecaris');
    expect((await api.post('/regions/kempen/staff', { accountId: librarian.id, role: 'community_librarian', reason: 'Communitybibliothecaris Kempen' }, operator)).status).toBe(201);
    resident = await api.resident('peelland', 'Piet Peelland');
    const network = await api.post('/communities', { name: 'Netwerk community-bibliothecarissen', visibility: 'public', scope: 'national', joinMode: 'staff' }, librarian.token);
    expect(network.status).toBe(201);
  });
  afterAll(async () => {
    for (const visitor of visitors) await visitor.close().catch(() => undefined);
    await browser?.close();
    await platform?.stop();
    await scope.dispose();
  });

  it('a librarian starts a national community; a resident of another region finds it on the home page and joins', async () => {
    const staff = await visit(librarian);
    await staff.goto('/community/nieuw');
    await staff.typeInto(staff.page.getByLabel('Naam'), 'Landelijk netwerk Taalhuizen');
    await staff.page.getByLabel('Start een landelijke community').check();
    await staff.expectClean('national-new');
    await staff.activate(staff.page.getByRole('button', { name: 'Community starten' }));
    await expect(staff.page.locator('main .kc-badge', { hasText: 'Landelijke community' }).count()).resolves.toBe(1);

    const visitor = await visit(resident);
    await visitor.goto('/');
    const national = visitor.page.getByRole('region', { name: 'Landelijke communities' });
    await expect(national.textContent()).resolves.toContain('Landelijk netwerk Taalhuizen');
    await visitor.expectClean('national-home');
    await visitor.activate(national.getByRole('link', { name: 'Landelijk netwerk Taalhuizen' }));
    await visitor.activate(visitor.page.getByRole('button', { name: 'Lid worden' }));
    await expect(visitor.page.getByRole('status').first().textContent()).resolves.toContain('Je bent lid');
    await visitor.expectClean('national-joined');

    await visitor.goto('/');
    await visitor.activate(visitor.page.getByRole('link', { name: 'Netwerk community-bibliothecarissen' }));
    await expect(visitor.page.getByText('alleen voor bibliotheekmedewerkers', { exact: false }).first().textContent()).resolves.toBeTruthy();
    await expect(visitor.page.getByRole('button', { name: 'Lid worden' }).count()).resolves.toBe(0);
  });

  it('a resident of another region finds a national community’s conversation in search and its activity in their region’s calendar', async () => {
    const communityId = (await api.post('/communities', { name: 'Landelijk leesoffensief', visibility: 'public', scope: 'national' }, librarian.token)).body.id;
    const conversation = await api.post(`/communities/${communityId}/conversations`, { title: 'Voorleesestafette door het hele land', body: 'Welke bibliotheek neemt het stokje over?' }, librarian.token);
    expect(conversation.status).toBe(201);
    const title = 'Landelijke voorleesestafette';
    const activity = await api.post(`/communities/${communityId}/activities`, { title, mode: 'online', onlineUrl: 'https://meet.example.org/estafette', startsAt: daysFromNow(2, 17), endsAt: daysFromNow(2, 18) }, librarian.token);
    expect(activity.status).toBe(201);
    await eventually(async () => ((await api.get('/search?q=voorleesestafette', resident.token)).body.items as Array<{ id: string }>).some((h) => h.id === conversation.body.id) || undefined, 20_000, 'the national conversation in Peelland’s search');
    expect((await api.get('/regions/peelland/calendar.ics')).text).toContain(title);

    const visitor = await visit(resident);
    await visitor.goto('/zoeken?q=voorleesestafette');
    await expect(visitor.page.getByRole('link', { name: 'Voorleesestafette door het hele land' }).count()).resolves.toBe(1);
    await visitor.expectClean('national-search');
    await visitor.goto('/regio/peelland/agenda');
    // The week of the activity (two days ahead can be next week).
    if (!(await visitor.page.getByRole('link', { name: title }).count())) await visitor.activate(visitor.page.getByRole('link', { name: 'Volgende week' }));
    await expect(visitor.page.getByRole('link', { name: title }).count()).resolves.toBe(1);
    await visitor.expectClean('national-calendar');
  });
});
