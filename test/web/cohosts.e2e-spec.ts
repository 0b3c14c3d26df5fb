import { daysFromNow, startPlatform, TestScope, waitFor, type Platform } from '@kc/testing';
import type { Browser } from 'playwright-core';
import { ApiClient } from '../support/api-client';
import { launchBrowser, Visitor } from './support/browser';

/**
 * Organising an activity together, in Chromium and through the gateway's API: the host's
 * organiser invites another community of the region on the Samen organiseren page, the invited
 * community's organiser accepts it among the community's invitations, and the activity is then in
 * both calendars; a member of the co-host sees the members-only activity, a resident of neither
 * community does not, and taking the co-host off takes that away at once. A library
 * administrator creates a partner organisation on the Organisaties pages, and a community's
 * organiser names it partner: "In samenwerking met …" on the community page links to it, and
 * on an activity's page (and its JSON-LD `contributor`) once its host's organiser names it there
 * ('Partner toevoegen', 'Weghalen'); the organisation's page lists the activities it co-hosts, a
 * members-only one only for those who may see it.
 * axe-core on every page.
 */
describe('web UI: co-hosting an activity (Samen organiseren)', () => {
  const scope = new TestScope('webcohost');
  let platform: Platform;
  let api: ApiClient;
  let browser: Browser;
  const visitors: Visitor[] = [];
  const region = 'langstraat';
  type Person = { id: string; token: string; email: string; password: string };
  let anna: Person;
  let bram: Person;
  let cees: Person;
  let dirk: Person;
  let hostId: string;
  let guestId: string;

  const visit = async (person: Person) => {
    const visitor = await Visitor.open(browser, platform.baseUrl);
    visitors.push(visitor);
    await visitor.signIn(person.email, person.password);
    return visitor;
  };
  const guestCalendar = async (who: Person) => ((await api.get(`/communities/${guestId}/activities`, who.token)).body.items as Array<{ id: string }>).map((a) => a.id);

  beforeAll(async () => {
    browser = await launchBrowser();
    platform = await startPlatform(scope);
    api = new ApiClient(platform.baseUrl);
    const operatorToken = await api.login(platform.operator.email, platform.operator.password);
    expect((await api.post('/regions', { slug: region, name: 'Langstraat' }, operatorToken)).status).toBe(201);
    [anna, bram, cees, dirk] = [
      await api.resident(region, 'Anna Jansen'), await api.resident(region, 'Bram de Boer'), await api.resident(region, 'Cees Smit'), await api.resident(region, 'Dirk Vos'),
    ];
    hostId = (await api.post('/communities', { name: 'Mantelzorg Langstraat', visibility: 'members' }, anna.token)).body.id;
    guestId = (await api.post('/communities', { name: 'Buurthuis De Linde', visibility: 'public' }, bram.token)).body.id;
    expect((await api.post(`/communities/${guestId}/members`, {}, cees.token)).status).toBe(201);
  });
  afterAll(async () => {
    for (const visitor of visitors) await visitor.close().catch(() => undefined);
    await browser?.close();
    await platform?.stop();
    await scope.dispose();
  });

  it('the host invites, the co-host accepts, and the activity is in both calendars for their members only', async () => {
    // An activity of its own; the co-host's calendar may hold activities of other tests (its own public ones), so this test looks for its own.
    const planned = await api.post(`/communities/${hostId}/activities`, {
      title: 'Samen koken voor mantelzorgers', mode: 'in_person', location: 'Buurthuis De Linde, Kaatsheuvel', startsAt: daysFromNow(9, 16), endsAt: daysFromNow(9, 19),
    }, anna.token);
    expect(planned.status).toBe(201);
    const activityId: string = planned.body.id;
    const host = await visit(anna);
    await host.goto(`/activiteiten/${activityId}`);
    await host.activate(host.page.getByRole('link', { name: 'Samen organiseren met een andere community' }));
    await host.expectClean('cohost-invite');
    await host.page.getByLabel('Community', { exact: true }).selectOption({ label: 'Buurthuis De Linde' });
    await host.activate(host.page.getByRole('button', { name: 'Community uitnodigen' }));
    await expect(host.page.getByRole('status').first().textContent()).resolves.toContain('De community is uitgenodigd');
    await expect(host.page.getByRole('table').textContent()).resolves.toContain('uitgenodigd, nog geen antwoord');
    // Invited once is enough: the community is no longer offered.
    await expect(host.page.getByText('Er is geen andere community in je regio om uit te nodigen.').count()).resolves.toBe(1);
    await host.expectClean('cohost-invited');
    expect(await guestCalendar(cees)).not.toContain(activityId);

    const guest = await visit(bram);
    await guest.goto(`/community/${guestId}`);
    await guest.activate(guest.page.getByRole('link', { name: 'Uitnodigingen om samen activiteiten te organiseren' }));
    await expect(guest.page.getByRole('table').textContent()).resolves.toContain('Mantelzorg Langstraat');
    await guest.expectClean('cohost-invitations');
    await guest.activate(guest.page.getByRole('button', { name: 'Aannemen: Samen koken voor mantelzorgers' }));
    await expect(guest.page.getByRole('status').first().textContent()).resolves.toContain('Jullie organiseren de activiteit mee');
    await expect(guest.page.locator('.kc-cohosts').textContent()).resolves.toContain('Samen met Buurthuis De Linde');
    await guest.expectClean('cohost-accepted');

    // A member of the co-host, not of the members-only host: the activity is in their community's calendar and page.
    expect(await guestCalendar(cees)).toContain(activityId);
    expect((await api.get(`/regions/${region}/activities?communityId=${guestId}`, cees.token)).body.items.map((a: { id: string }) => a.id)).toContain(activityId);
    const member = await visit(cees);
    await member.goto(`/community/${guestId}`);
    await member.activate(member.page.getByRole('link', { name: 'Samen koken voor mantelzorgers' }));
    await expect(member.page.getByRole('heading', { level: 1 }).textContent()).resolves.toContain('Samen koken voor mantelzorgers');
    await member.expectClean('cohost-member-sees');
    // A resident of neither community sees nothing of it; the public co-host does not make it public.
    expect((await api.get(`/activities/${activityId}`, dirk.token)).status).toBe(404);
    expect(await guestCalendar(dirk)).not.toContain(activityId);
    expect((await api.post(`/activities/${activityId}/cohosts`, { communityId: guestId }, cees.token)).status).toBe(404);

    // The host takes the co-host off: gone from the co-host's calendar at once.
    await host.goto(`/activiteiten/${activityId}/samen-organiseren`);
    await host.activate(host.page.getByRole('button', { name: 'Weghalen: Buurthuis De Linde' }));
    await expect(host.page.getByRole('status').first().textContent()).resolves.toContain('De community organiseert niet meer mee');
    expect(await guestCalendar(cees)).not.toContain(activityId);
    expect((await api.get(`/activities/${activityId}`, cees.token)).status).toBe(404);
    expect((await api.get(`/activities/${activityId}/cohosts`, anna.token)).body.items).toEqual([]);
  });

  it('a library administrator creates a partner organisation; a community names it partner, shown on both pages', async () => {
    const els = await api.resident(region, 'Els Beheer');
    const operatorToken = await api.login(platform.operator.email, platform.operator.password);
    expect((await api.post(`/regions/${region}/staff`, { accountId: els.id, role: 'library_admin' }, operatorToken)).status).toBe(201);
    const admin = await visit(els);
    await admin.goto('/organisaties');
    await admin.activate(admin.page.getByRole('link', { name: 'Organisatie aanmaken' }));
    await admin.expectClean('organisation-new');
    await admin.typeInto(admin.page.getByLabel('Naam', { exact: true }), 'Omroep Langstraat');
    await admin.typeInto(admin.page.getByLabel('Website', { exact: false }), 'http://localhost/');
    await admin.typeInto(admin.page.getByLabel('Beschrijving', { exact: false }), 'Wij maken **radio** in de Langstraat.');
    await admin.activate(admin.page.getByRole('button', { name: 'Organisatie aanmaken' }));
    await expect(admin.page.locator('body').textContent()).resolves.toContain('openbaar webadres');
    await admin.typeInto(admin.page.getByLabel('Website', { exact: false }), 'https://omroep-langstraat.example.nl');
    await admin.activate(admin.page.getByRole('button', { name: 'Organisatie aanmaken' }));
    await expect(admin.page.getByRole('status').first().textContent()).resolves.toContain('De organisatie is aangemaakt');
    await expect(admin.page.getByRole('heading', { level: 1 }).textContent()).resolves.toContain('Omroep Langstraat');
    await expect(admin.page.locator('strong').first().textContent()).resolves.toBe('radio');
    await expect(admin.page.getByRole('table').textContent()).resolves.toContain('Els Beheer');
    await admin.expectClean('organisation-page');
    const organisationId = admin.page.url().split('/organisaties/')[1]!.split('?')[0]!;
    // The last admin stays admin; the profile can be edited.
    await admin.activate(admin.page.getByRole('button', { name: 'Maak gewoon lid: Els Beheer' }));
    await expect(admin.page.getByRole('alert').first().textContent()).resolves.toContain('minstens één beheerder');
    await admin.activate(admin.page.getByRole('link', { name: 'Profiel wijzigen' }));
    await admin.expectClean('organisation-edit');
    await admin.typeInto(admin.page.getByLabel('Beschrijving', { exact: false }), 'Wij maken *televisie* in de Langstraat.');
    await admin.activate(admin.page.getByRole('button', { name: 'Opslaan', exact: true }));
    await expect(admin.page.getByRole('status').first().textContent()).resolves.toContain('opgeslagen');
    await expect(admin.page.locator('em').first().textContent()).resolves.toBe('televisie');

    // A resident may not manage it; the guest community's organiser names it partner.
    expect((await api.request('PATCH', `/organisations/${organisationId}`, { body: { name: 'Overgenomen' }, token: cees.token })).status).toBe(403);
    const organiser = await visit(bram);
    await organiser.goto(`/community/${guestId}`);
    await organiser.page.getByLabel('Organisatie', { exact: true }).selectOption({ label: 'Omroep Langstraat' });
    await organiser.activate(organiser.page.getByRole('button', { name: 'Partner toevoegen' }));
    await expect(organiser.page.getByRole('status').first().textContent()).resolves.toContain('partner van de community');
    await expect(organiser.page.getByRole('button', { name: 'Weghalen: Omroep Langstraat' }).count()).resolves.toBe(1);
    await organiser.expectClean('community-partners');
    expect((await api.get(`/communities/${guestId}/partners`)).body.items).toEqual([{ organisationId, name: 'Omroep Langstraat' }]);
    const reader = await Visitor.open(browser, platform.baseUrl);
    visitors.push(reader);
    await reader.goto(`/community/${guestId}`);
    await expect(reader.page.locator('.kc-partners').textContent()).resolves.toContain('In samenwerking met Omroep Langstraat');
    await reader.activate(reader.page.locator('.kc-partners').getByRole('link', { name: 'Omroep Langstraat' }));
    await expect(reader.page.getByRole('heading', { level: 1 }).textContent()).resolves.toContain('Omroep Langstraat');
    await expect(reader.page.getByRole('link', { name: 'Buurthuis De Linde' }).count()).resolves.toBe(1);
    // The member list is for members and staff only.
    await expect(reader.page.getByRole('table').count()).resolves.toBe(0);
    await reader.expectClean('organisation-public');

    // The guest community's public activity gets it as partner through the API, once events has learnt of it (from communities' event).
    const radio = await api.post(`/communities/${guestId}/activities`, {
      title: 'Radiocafé in De Linde', mode: 'in_person', location: 'Buurthuis De Linde, Kaatsheuvel', startsAt: daysFromNow(5, 20), endsAt: daysFromNow(5, 22),
    }, bram.token);
    expect(radio.status).toBe(201);
    await waitFor(async () => (await api.post(`/activities/${radio.body.id}/partner-organisations`, { organisationId }, bram.token)).status === 201);

    // The host's organiser names it partner of a members-only activity of this test's own on its page ('Partner toevoegen'), with the keyboard.
    const planned = await api.post(`/communities/${hostId}/activities`, {
      title: 'Luisteravond voor mantelzorgers', mode: 'in_person', location: 'Buurthuis De Linde, Kaatsheuvel', startsAt: daysFromNow(12, 19), endsAt: daysFromNow(12, 21),
    }, anna.token);
    expect(planned.status).toBe(201);
    const activityId: string = planned.body.id;
    const host = await visit(anna);
    await host.goto(`/activiteiten/${activityId}`);
    const partners = host.page.getByRole('region', { name: 'Partnerorganisaties' });
    await host.tabTo(partners.getByLabel('Organisatie', { exact: true }));
    await host.page.getByLabel('Organisatie', { exact: true }).selectOption({ label: 'Omroep Langstraat' });
    await host.activate(partners.getByRole('button', { name: 'Partner toevoegen' }));
    await expect(host.page.getByRole('status').first().textContent()).resolves.toContain('De organisatie werkt mee aan de activiteit');
    await expect(host.page.locator('.kc-partners').textContent()).resolves.toContain('In samenwerking met Omroep Langstraat');
    await expect(host.page.getByRole('button', { name: 'Weghalen: Omroep Langstraat' }).count()).resolves.toBe(1);
    await host.expectClean('activity-partners');
    const linkedData = JSON.parse((await host.page.locator('script[type="application/ld+json"]').first().textContent())!);
    expect(linkedData.contributor).toEqual([expect.objectContaining({ '@type': 'Organization', name: 'Omroep Langstraat' })]);

    // The organisation's page lists what it co-hosts: the members-only activity only for those who may see it.
    await reader.goto(`/organisaties/${organisationId}`);
    const coming = reader.page.getByRole('region', { name: 'Komende activiteiten waaraan deze organisatie meewerkt' });
    await expect(coming.getByRole('link').allTextContents()).resolves.toEqual(['Radiocafé in De Linde']);
    await reader.expectClean('organisation-activities');
    await host.goto(`/organisaties/${organisationId}`);
    await expect(host.page.getByRole('region', { name: 'Komende activiteiten waaraan deze organisatie meewerkt' }).getByRole('link').allTextContents())
      .resolves.toEqual(['Radiocafé in De Linde', 'Luisteravond voor mantelzorgers']);
    await host.activate(host.page.getByRole('link', { name: 'English' }));
    await expect(host.page.getByRole('heading', { name: 'Upcoming activities this organisation co-hosts' }).count()).resolves.toBe(1);
    await host.expectClean('organisation-activities-en');
    await host.activate(host.page.getByRole('link', { name: 'Nederlands' }));

    // A member of the guest community who does not organise it sees the partner, but no form to name or take one off.
    const member = await visit(cees);
    await member.goto(`/activiteiten/${radio.body.id}`);
    await expect(member.page.locator('.kc-partners').textContent()).resolves.toContain('In samenwerking met Omroep Langstraat');
    await expect(member.page.getByRole('button', { name: /Partner toevoegen|Weghalen/ }).count()).resolves.toBe(0);

    // 'Weghalen' takes it off the host's activity.
    await host.goto(`/activiteiten/${activityId}`);
    await host.activate(host.page.getByRole('button', { name: 'Weghalen: Omroep Langstraat' }));
    await expect(host.page.getByRole('status').first().textContent()).resolves.toContain('De organisatie werkt niet meer mee aan de activiteit.');
    await expect(host.page.locator('.kc-partners').count()).resolves.toBe(0);
    expect((await api.get(`/activities/${activityId}/partner-organisations`, anna.token)).body.items).toEqual([]);
  });
});
