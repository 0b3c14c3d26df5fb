import { startPlatform, TestScope, type Platform } from '@kc/testing';
import type { Browser } from 'playwright-core';
import { ApiClient, eventually } from '../support/api-client';
import { launchBrowser, Visitor } from './support/browser';

/**
 * Membership on the pages, in Chromium: a community on approval, a request sent and approved;
 * the join mode set to invitation only, a link made, a signed-out resident signing in through it
 * and accepting, the revoked link a 410 page; the plan written in Markdown by the organiser and
 * the region's community librarian, read sanitised by members; roles changed, the last organiser
 * refused in Dutch on the page, a member removed, another leaving; a community started on behalf
 * of the library. axe-core (WCAG 2.1 A/AA) on every page, nothing from another host.
 */
describe('web UI: membership — join modes, requests, invitations, roles and the plan', () => {
  const scope = new TestScope('webmembership');
  let platform: Platform;
  let api: ApiClient;
  let browser: Browser;
  const region = 'kempen';
  type Person = { id: string; token: string; email: string; password: string };
  let olga: Person;
  let anouk: Person;
  let mila: Person;
  let lotte: Person;
  let organiser: Visitor;
  let asker: Visitor;
  const visitors: Visitor[] = [];

  const visit = async () => {
    const visitor = await Visitor.open(browser, platform.baseUrl);
    visitors.push(visitor);
    return visitor;
  };
  const statusText = (v: Visitor) => v.page.getByRole('status').first().textContent();
  /** The role column of a person's row in the member list (the row also holds the role choices). */
  const roleOf = (page: Visitor['page'], person: string) =>
    page.getByRole('region', { name: /^Leden/ }).getByRole('row', { name: new RegExp(person) }).locator('td[data-label="Rol"]').textContent();
  /**
   * A public community of Olga's of its own for one test, through the API: the given residents join
   * while it is open, then it gets `joinMode`. Answers the path of its page.
   */
  const communityOf = async (name: string, joinMode: 'open' | 'approval' | 'invite', members: Person[] = []) => {
    const created = await api.post('/communities', { name, visibility: 'public' }, olga.token);
    expect(created.status).toBe(201);
    const id = created.body.id as string;
    for (const member of members) expect((await api.post(`/communities/${id}/members`, {}, member.token)).status).toBe(201);
    if (joinMode !== 'open') expect((await api.request('PATCH', `/communities/${id}`, { body: { joinMode }, token: olga.token })).status).toBe(200);
    return `/community/${id}`;
  };

  beforeAll(async () => {
    browser = await launchBrowser();
    platform = await startPlatform(scope);
    api = new ApiClient(platform.baseUrl);
    const operator = await api.login(platform.operator.email, platform.operator.password);
    expect((await api.post('/regions', { slug: region, name: 'De Kempen' }, operator)).status).toBe(201);
    [olga, anouk, mila, lotte] = [
      await api.resident(region, 'Olga Organisator'), await api.resident(region, 'Anouk Aanvrager'),
      await api.resident(region, 'Mila Jansen'), await api.resident(region, 'Lotte Bibliothecaris'),
    ];
    expect((await api.post(`/regions/${region}/staff`, { accountId: lotte.id, role: 'community_librarian' }, operator)).status).toBe(201);
    [organiser, asker] = [await visit(), await visit()];
    await organiser.signIn(olga.email, olga.password);
    await asker.signIn(anouk.email, anouk.password);
  });
  afterAll(async () => {
    for (const visitor of visitors) await visitor.close().catch(() => undefined);
    await browser?.close();
    await platform?.stop();
    await scope.dispose();
  });

  it('approval: the organiser starts a community on approval, a resident sends a request, the organiser approves it', async () => {
    const { page } = organiser;
    const name = 'Repair Café Kempen';
    await organiser.goto('/community/nieuw');
    // Only a community librarian is offered to start it on behalf of the library.
    expect(await page.getByLabel('Start deze community namens de bibliotheek').count()).toBe(0);
    await organiser.expectClean('membership-new');
    await organiser.typeInto(page.getByLabel('Naam'), name);
    await page.getByLabel('Na goedkeuring door een organisator of moderator').check();
    await organiser.activate(page.getByRole('button', { name: 'Community starten' }));
    const communityPath = organiser.path().split('?')[0]!;
    expect(communityPath).toMatch(/^\/community\/[0-9a-f-]{36}$/);
    await expect(page.locator('main').textContent()).resolves.toContain('lid worden na goedkeuring');

    await asker.goto(communityPath);
    await asker.activate(asker.page.getByRole('button', { name: 'Verzoek sturen' }));
    await expect(statusText(asker)).resolves.toContain('Je aanvraag is verstuurd');
    await asker.goto(communityPath);
    await expect(asker.page.locator('main').textContent()).resolves.toContain('Verzoek verstuurd.');
    expect(await asker.page.getByRole('button', { name: 'Verzoek sturen' }).count()).toBe(0);
    await asker.expectClean('membership-requested');

    await organiser.goto(`${communityPath}/leden`);
    await organiser.expectClean('membership-requests');
    await organiser.activate(page.getByRole('button', { name: 'Aanvraag van Anouk Aanvrager goedkeuren' }));
    await expect(statusText(organiser)).resolves.toContain('De aanvraag is goedgekeurd');
    await expect(page.getByRole('region', { name: 'Aanvragen om lid te worden' }).textContent()).resolves.toContain('Er zijn geen open aanvragen');
    await expect(roleOf(page, 'Anouk Aanvrager')).resolves.toBe('Lid');

    await asker.goto(communityPath);
    await expect(asker.page.getByRole('button', { name: `Community ${name} verlaten` }).count()).resolves.toBe(1);
    await expect(asker.page.getByRole('region', { name: 'Communityplan' }).textContent()).resolves.toContain('Er is nog geen communityplan');
  });

  it('invitation: invite-only in the settings, a link made, a signed-out resident signs in through it and accepts; revoked it is 410', async () => {
    const { page } = organiser;
    const name = 'Repair Café Bladel';
    const communityPath = await communityOf(name, 'approval');
    const invitee = await visit();
    await organiser.goto(`${communityPath}/instellingen`);
    await organiser.expectClean('membership-settings');
    await page.getByLabel('Alleen op uitnodiging').check();
    await organiser.activate(page.getByRole('button', { name: 'Instellingen opslaan' }));
    await expect(statusText(organiser)).resolves.toContain('De instellingen zijn opgeslagen');

    await organiser.goto(`${communityPath}/uitnodigingen`);
    await expect(page.locator('main').textContent()).resolves.toContain('Er zijn geen geldige uitnodigingen');
    await organiser.typeInto(page.getByLabel('Geldig (aantal dagen)'), '500');
    await organiser.activate(page.getByRole('button', { name: 'Uitnodigingslink maken' }));
    await expect(page.getByRole('alert').first().textContent()).resolves.toContain('hoogstens 90');
    await organiser.typeInto(page.getByLabel('Geldig (aantal dagen)'), '7');
    await organiser.activate(page.getByRole('button', { name: 'Uitnodigingslink maken' }));
    const link = await page.getByLabel('Uitnodigingslink', { exact: true }).inputValue();
    expect(link).toMatch(/^http:\/\/[^/]+\/uitnodigingen\/[A-Za-z0-9_-]{43}$/);
    const invitationPath = new URL(link).pathname;
    await organiser.expectClean('membership-invitations');

    // Not signed in: the page shows the community, signing in comes back here.
    await invitee.goto(invitationPath);
    await expect(invitee.page.getByRole('heading', { level: 1 }).textContent()).resolves.toContain(`Uitnodiging voor ${name}`);
    await invitee.expectClean('membership-invitation');
    // Without an account one registers first and comes back here just the same.
    expect(await invitee.page.getByRole('link', { name: 'Registreer je eerst' }).getAttribute('href')).toBe(`/registreren?terug=${encodeURIComponent(invitationPath)}`);
    await invitee.activate(invitee.page.getByRole('link', { name: 'Log in om de uitnodiging aan te nemen' }));
    await invitee.typeInto(invitee.page.getByLabel('E-mailadres'), mila.email);
    await invitee.typeInto(invitee.page.getByLabel('Wachtwoord'), mila.password);
    await invitee.activate(invitee.page.getByRole('button', { name: 'Inloggen' }));
    expect(invitee.path().split('?')[0]).toBe(invitationPath);
    await invitee.activate(invitee.page.getByRole('button', { name: 'Uitnodiging aannemen' }));
    expect(invitee.path().split('?')[0]).toBe(communityPath);
    await expect(statusText(invitee)).resolves.toContain('Je bent nu lid van deze community');

    await organiser.goto(`${communityPath}/uitnodigingen`);
    await expect(page.locator('td[data-label="Aangenomen"]').first().textContent()).resolves.toBe('1');
    await organiser.activate(page.getByRole('button', { name: /^Uitnodiging van .* intrekken$/ }));
    await expect(statusText(organiser)).resolves.toContain('De uitnodiging is ingetrokken');
    const gone = await visit();
    const response = await gone.page.goto(`${platform.baseUrl}${invitationPath}`);
    expect(response?.status()).toBe(410);
    await expect(gone.page.getByRole('heading', { level: 1 }).textContent()).resolves.toBe('Niet meer geldig');
    await expect(gone.page.locator('main').textContent()).resolves.toContain('verlopen of ingetrokken');
    await gone.expectClean('membership-invitation-gone');
  });

  it('plan: the organiser writes it in Markdown, members read it sanitised, the region’s librarian edits it and starts a community on behalf of the library', async () => {
    const { page } = organiser;
    const communityPath = await communityOf('Repair Café Eersel', 'open', [anouk]);
    await organiser.goto(communityPath);
    await organiser.activate(page.getByRole('link', { name: 'Plan schrijven' }));
    await organiser.expectClean('membership-plan-form');
    await organiser.typeInto(page.getByLabel('Doelen'), '**Minder weggooien** in de Kempen');
    await organiser.typeInto(page.getByLabel('Doelgroep'), 'Iedereen met kapotte spullen <script>alert(1)</script>');
    await organiser.typeInto(page.getByLabel('Aanpak'), '- Elke maand een middag\n- In de bibliotheek');
    await organiser.activate(page.getByRole('button', { name: 'Plan opslaan' }));
    await expect(statusText(organiser)).resolves.toContain('Het communityplan is opgeslagen');

    await asker.goto(communityPath);
    const plan = asker.page.getByRole('region', { name: 'Communityplan' });
    await expect(plan.locator('strong').textContent()).resolves.toBe('Minder weggooien');
    await expect(plan.locator('li').count()).resolves.toBe(2);
    expect(await plan.locator('script').count()).toBe(0);
    await expect(plan.textContent()).resolves.toContain('Iedereen met kapotte spullen');
    expect(await asker.page.getByRole('link', { name: 'Plan bewerken' }).count()).toBe(0);
    await asker.expectClean('membership-plan');

    // The librarian's role reaches the communities service through the access directory.
    await eventually(async () => (await api.get(`${communityPath.replace('/community/', '/communities/')}/plan`, lotte.token)).status === 200, 15_000, 'the librarian’s role');
    const librarian = await visit();
    await librarian.signIn(lotte.email, lotte.password);
    await librarian.goto(communityPath);
    await librarian.activate(librarian.page.getByRole('link', { name: 'Plan bewerken' }));
    await librarian.typeInto(librarian.page.getByLabel('Voorwaarden'), 'Een ruimte met stroom en gereedschap');
    await librarian.activate(librarian.page.getByRole('button', { name: 'Plan opslaan' }));
    await expect(librarian.page.getByRole('region', { name: 'Communityplan' }).textContent()).resolves.toContain('Een ruimte met stroom en gereedschap');

    await librarian.goto('/community/nieuw');
    await librarian.typeInto(librarian.page.getByLabel('Naam'), 'Leesclub van de bibliotheek');
    await librarian.page.getByLabel('Start deze community namens de bibliotheek').check();
    await librarian.activate(librarian.page.getByRole('button', { name: 'Community starten' }));
    await expect(librarian.page.locator('main .kc-badge').textContent()).resolves.toBe('Namens de bibliotheek');
    await librarian.expectClean('membership-library-community');
  });

  it('roles: the organiser makes a moderator, is refused stepping down as the last organiser, removes a member; a member leaves', async () => {
    const { page } = organiser;
    const name = 'Repair Café Reusel';
    const communityPath = await communityOf(name, 'invite', [mila, anouk]);
    const member = await visit();
    await member.signIn(mila.email, mila.password);
    await organiser.goto(`${communityPath}/leden`);
    await page.getByLabel('Rol van Mila Jansen', { exact: true }).selectOption('moderator');
    await organiser.activate(page.getByRole('button', { name: 'Rol wijzigen van Mila Jansen' }));
    await expect(statusText(organiser)).resolves.toContain('De rol is gewijzigd');
    await expect(roleOf(page, 'Mila Jansen')).resolves.toBe('Moderator');

    await page.getByLabel('Rol van Olga Organisator', { exact: true }).selectOption('member');
    const refused = page.waitForResponse((r) => r.request().method() === 'POST' && r.url().includes('/rol'));
    await organiser.activate(page.getByRole('button', { name: 'Rol wijzigen van Olga Organisator' }));
    expect((await refused).status()).toBe(409);
    await expect(page.getByRole('alert').first().textContent()).resolves.toContain('Een community heeft altijd minstens één organisator');
    await expect(roleOf(page, 'Olga Organisator')).resolves.toBe('Organisator');
    await organiser.expectClean('membership-last-organiser');

    await organiser.activate(page.getByRole('button', { name: 'Anouk Aanvrager uit de community verwijderen' }));
    await expect(statusText(organiser)).resolves.toContain('Het lid is uit de community verwijderd');
    expect(await page.getByRole('row', { name: /Anouk Aanvrager/ }).count()).toBe(0);

    // The same page in English, through the language switch.
    await organiser.activate(page.getByRole('link', { name: 'English' }));
    await expect(page.getByRole('heading', { level: 1 }).textContent()).resolves.toBe(`Members of ${name}`);
    await organiser.expectClean('membership-members-en');
    await organiser.activate(page.getByRole('link', { name: 'Nederlands' }));

    await member.goto(communityPath);
    await member.activate(member.page.getByRole('button', { name: `Community ${name} verlaten` }));
    await expect(statusText(member)).resolves.toContain('Je bent geen lid meer van deze community');
    await expect(member.page.locator('main').textContent()).resolves.toContain('Deze community is alleen op uitnodiging');
    await member.expectClean('membership-left');
  });
});
