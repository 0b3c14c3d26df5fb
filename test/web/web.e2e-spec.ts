import { startPlatform, TestScope, type Platform } from '@kc/testing';
import type { Browser } from 'playwright-core';
import { ApiClient, eventually } from '../support/api-client';
import { launchBrowser, Visitor } from './support/browser';

/**
 * The web UI through the real platform in Debian's Chromium: every journey with the keyboard
 * alone, axe-core (WCAG 2.1 A/AA) on every page in Dutch and English, and not one request to
 * another host.
 */
describe('web UI in a real browser', () => {
  const scope = new TestScope('web');
  let platform: Platform;
  let api: ApiClient;
  let browser: Browser;
  const visitors: Visitor[] = [];
  const region = { slug: 'midden-brabant', name: 'Midden-Brabant' };
  const resident = { name: 'Anna de Vries', email: `anna.${scope.id}@voorbeeld.nl`, password: 'Wachtwoord-van-Anna-1' };

  const visit = async (width?: number) => {
    const visitor = await Visitor.open(browser, platform.baseUrl, { width });
    visitors.push(visitor);
    return visitor;
  };
  /** axe-clean, nothing from another host, no script errors: checked on every page a test shows. */
  const expectCleanPage = async (visitor: Visitor, screenshot: string) => {
    expect(await visitor.axeViolations()).toEqual([]);
    expect(visitor.foreignRequests).toEqual([]);
    expect(visitor.consoleErrors).toEqual([]);
    await visitor.screenshot(screenshot);
  };

  beforeAll(async () => {
    browser = await launchBrowser(); // first: afterAll closes it even when the platform does not start
    platform = await startPlatform(scope);
    api = new ApiClient(platform.baseUrl);
    const operator = await api.login(platform.operator.email, platform.operator.password);
    expect((await api.post('/regions', region, operator)).status).toBe(201);
  });
  afterAll(async () => {
    for (const visitor of visitors) await visitor.close().catch(() => undefined);
    await browser?.close();
    await platform?.stop();
    await scope.dispose();
  });

  it('shows what KennisCloud is and its regions, in Dutch and in English, from this host only', async () => {
    const visitor = await visit();
    const { page } = visitor;
    await visitor.goto('/');
    await expect(page.title()).resolves.toMatch(/KennisCloud$/);
    expect(await page.getAttribute('html', 'lang')).toBe('nl');
    await expect(page.locator('main h1').textContent()).resolves.toMatch(/Kennis delen/);
    expect(await page.getByRole('search').count()).toBe(1);
    await expectCleanPage(visitor, 'home-nl');

    // The skip link is the first stop of the keyboard and lands in the main content.
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Naar de inhoud');
    await page.keyboard.press('Enter');
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('inhoud');

    await visitor.activate(page.getByRole('link', { name: 'English' }));
    expect(await page.getAttribute('html', 'lang')).toBe('en');
    await expect(page.locator('main h1').textContent()).resolves.toMatch(/Share knowledge/);
    await expectCleanPage(visitor, 'home-en');

    await visitor.activate(page.getByRole('link', { name: region.name }));
    await expect(page.title()).resolves.toBe(`${region.name} – KennisCloud`);
    await expectCleanPage(visitor, 'region-en');
  });

  it('lets a resident register (with clear errors first), sign out and sign in with the keyboard alone', async () => {
    const visitor = await visit();
    const { page } = visitor;
    await visitor.goto('/');
    await visitor.activate(page.getByRole('link', { name: 'Registreren' }));
    await expect(page.title()).resolves.toBe('Registreren – KennisCloud');
    await expectCleanPage(visitor, 'register');

    // Wrong input: the message beside the field (linked with aria-describedby) and in the summary.
    await visitor.typeInto(page.getByLabel('E-mailadres'), 'geen-adres');
    await visitor.typeInto(page.getByLabel('Wachtwoord'), 'kort');
    await visitor.activate(page.getByRole('button', { name: 'Registreren' }));
    await expect(page.title()).resolves.toBe('Fout: Registreren – KennisCloud');
    const summary = page.getByRole('alert');
    await expect(summary.textContent()).resolves.toContain('Vul een geldig e-mailadres in');
    const email = page.getByLabel('E-mailadres');
    expect(await email.getAttribute('aria-invalid')).toBe('true');
    const describedBy = (await email.getAttribute('aria-describedby'))!.split(' ');
    const fieldError = await page.locator(`[id="${describedBy.at(-1)}"]`).textContent();
    expect(fieldError).toContain('Vul een geldig e-mailadres in');
    await expect(summary.textContent()).resolves.toContain('Vink aan dat je akkoord gaat');
    await expect(summary.textContent()).resolves.toContain('‘Naam’');
    await expectCleanPage(visitor, 'register-errors');

    await visitor.typeInto(page.getByLabel('Naam'), resident.name);
    await visitor.typeInto(page.getByLabel('E-mailadres'), resident.email);
    await visitor.typeInto(page.getByLabel('Wachtwoord'), resident.password);
    await visitor.tabTo(page.getByLabel('Regio'));
    await page.keyboard.type(region.name);
    const terms = page.getByLabel(/^Ik ga akkoord met de gebruiksvoorwaarden en de privacyverklaring/);
    await visitor.tabTo(terms);
    await page.keyboard.press('Space');
    await visitor.activate(page.getByRole('button', { name: 'Registreren' }));

    await expect(page.title()).resolves.toBe(`${region.name} – KennisCloud`);
    await expect(page.getByRole('status').textContent()).resolves.toContain('Welkom bij KennisCloud');
    await expect(page.locator('header').textContent()).resolves.toContain(resident.name);
    const session = (await visitor.context.cookies()).find((c) => c.name === 'kc_sessie')!;
    expect(session).toEqual(expect.objectContaining({ httpOnly: true, sameSite: 'Lax' }));
    expect(await page.evaluate(() => document.cookie)).toBe('');
    await expectCleanPage(visitor, 'region-signed-in');

    await visitor.activate(page.getByRole('button', { name: 'Uitloggen' }));
    await expect(page.getByRole('status').textContent()).resolves.toContain('Je bent uitgelogd');
    await expect(page.locator('header').textContent()).resolves.not.toContain(resident.name);
    // The old cookie no longer opens anything: the session ended in Redis, not only in this browser.
    const replay = await fetch(`${platform.baseUrl}/`, { headers: { cookie: `kc_sessie=${session.value}` } });
    expect(await replay.text()).not.toContain(resident.name);

    await visitor.activate(page.getByRole('link', { name: 'Inloggen' }));
    await expectCleanPage(visitor, 'sign-in');
    await visitor.typeInto(page.getByLabel('E-mailadres'), resident.email);
    await visitor.typeInto(page.getByLabel('Wachtwoord'), 'Verkeerd-wachtwoord-1');
    await visitor.activate(page.getByRole('button', { name: 'Inloggen' }));
    await expect(page.getByRole('alert').textContent()).resolves.toMatch(/klopt niet|onjuist|ongeldig/i);
    await visitor.typeInto(page.getByLabel('Wachtwoord'), resident.password);
    await visitor.activate(page.getByRole('button', { name: 'Inloggen' }));
    await expect(page.locator('header').textContent()).resolves.toContain(resident.name);
  });

  it('confirms the address from the mail and resets a forgotten password by mail, with the keyboard alone', async () => {
    const bram = await api.resident(region.slug, 'Bram Jansen');
    const linkIn = async (subject: RegExp, page: string) => {
      const mail = await platform.mail.waitFor((m) => m.to.includes(bram.email) && subject.test(m.subject));
      const link = new RegExp(`${platform.baseUrl}(${page}\\?token=[A-Za-z0-9_-]{43})`).exec(mail.text);
      if (!link) throw new Error(`no ${page} link in: ${mail.text}`);
      return link[1]!;
    };
    const visitor = await visit();
    const { page } = visitor;
    const signIn = async (password: string) => {
      await visitor.goto('/inloggen');
      await visitor.typeInto(page.getByLabel('E-mailadres'), bram.email);
      await visitor.typeInto(page.getByLabel('Wachtwoord'), password);
      await visitor.activate(page.getByRole('button', { name: 'Inloggen' }));
      await expect(page.locator('header').textContent()).resolves.toContain('Bram Jansen');
    };

    await signIn(bram.password);
    await visitor.goto('/mijn-profiel');
    await expect(page.getByRole('status').first().textContent()).resolves.toContain('nog niet bevestigd');
    await expect(page.getByRole('button', { name: 'Stuur opnieuw' }).isVisible()).resolves.toBe(true);
    await expectCleanPage(visitor, 'profile-unverified');
    await visitor.goto(await linkIn(/Bevestig je e-mailadres/, '/e-mailadres-bevestigen'));
    await expectCleanPage(visitor, 'verify-email');
    await visitor.activate(page.getByRole('button', { name: 'Bevestig mijn e-mailadres' }));
    await expect(page.getByRole('status').textContent()).resolves.toContain('je e-mailadres is bevestigd');
    await expect(page.getByRole('button', { name: 'Stuur opnieuw' }).count()).resolves.toBe(0);
    await visitor.activate(page.getByRole('button', { name: 'Uitloggen' }));

    await visitor.goto('/inloggen');
    await visitor.activate(page.getByRole('link', { name: 'Wachtwoord vergeten?' }));
    await expectCleanPage(visitor, 'forgot-password');
    await visitor.typeInto(page.getByLabel('E-mailadres'), bram.email);
    await visitor.activate(page.getByRole('button', { name: 'Stuur mij een link' }));
    await expect(page.title()).resolves.toBe('Controleer je e-mail – KennisCloud');
    await expectCleanPage(visitor, 'check-your-mail');
    const reset = await linkIn(/Nieuw wachtwoord/, '/wachtwoord-herstellen');
    await visitor.goto(reset);
    await expectCleanPage(visitor, 'reset-password');
    await visitor.typeInto(page.getByLabel('Nieuw wachtwoord'), 'Een-nieuw-wachtwoord-1');
    await visitor.activate(page.getByRole('button', { name: 'Wachtwoord opslaan' }));
    await expect(page.getByRole('status').textContent()).resolves.toContain('Je nieuwe wachtwoord is ingesteld');
    await signIn('Een-nieuw-wachtwoord-1');
    // The link worked once.
    await visitor.goto(reset);
    await visitor.typeInto(page.getByLabel('Nieuw wachtwoord'), 'Nog-een-wachtwoord-1');
    await visitor.activate(page.getByRole('button', { name: 'Wachtwoord opslaan' }));
    await expect(page.locator('main').textContent()).resolves.toContain('verlopen of al gebruikt');
  });

  it('reflows at 320 px and at 200 % zoom (640 px) without scrolling sideways', async () => {
    for (const width of [320, 640]) {
      const visitor = await visit(width);
      for (const path of ['/', `/regio/${region.slug}`, '/registreren', '/inloggen', '/gebruiksvoorwaarden', '/zoeken?q=tuin']) {
        await visitor.goto(path);
        expect({ width, path, sideways: await visitor.scrollsSideways() }).toEqual({ width, path, sideways: false });
      }
      await visitor.goto('/inloggen');
      await visitor.activate(visitor.page.getByRole('button', { name: 'Inloggen' }));
      expect(await visitor.page.title()).toBe('Fout: Inloggen – KennisCloud');
      expect({ width, errors: await visitor.scrollsSideways() }).toEqual({ width, errors: false });
    }
  });

  it('works without JavaScript: forms post and redirect, pages render whole', async () => {
    const bea = await api.resident(region.slug, 'Bea Zonder Script');
    const visitor = await Visitor.open(browser, platform.baseUrl, { javaScript: false });
    visitors.push(visitor);
    await visitor.signIn(bea.email, bea.password);
    await expect(visitor.page.locator('header').textContent()).resolves.toContain('Bea Zonder Script');
    await visitor.goto('/zoeken?q=tuin');
    await expect(visitor.page.locator('h1').textContent()).resolves.toBe('Zoekresultaten voor ‘tuin’');
    await visitor.activate(visitor.page.getByRole('button', { name: 'Uitloggen' }));
    await expect(visitor.page.locator('header').textContent()).resolves.not.toContain('Bea Zonder Script');
    expect(visitor.foreignRequests).toEqual([]);
  });

  it('ends the session of a blocked account at once', async () => {
    const blocked = await api.resident(region.slug, 'Geblokkeerde Gebruiker');
    const visitor = await visit();
    await visitor.signIn(blocked.email, blocked.password);
    await expect(visitor.page.locator('header').textContent()).resolves.toContain('Geblokkeerde Gebruiker');
    const operator = await api.login(platform.operator.email, platform.operator.password);
    expect((await api.post(`/accounts/${blocked.id}/block`, {}, operator)).status).toBeLessThan(300);
    await eventually(async () => {
      await visitor.goto('/');
      return !(await visitor.page.locator('header').textContent())!.includes('Geblokkeerde Gebruiker');
    }, 10_000, 'the blocked session to end');
    expect((await visitor.context.cookies()).some((c) => c.name === 'kc_sessie')).toBe(false);
  });

  it('refuses a form that did not come from the site itself', async () => {
    const res = await fetch(`${platform.baseUrl}/inloggen`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ email: resident.email, password: resident.password }).toString(),
      redirect: 'manual',
    });
    expect(res.status).toBe(403);
    expect(res.headers.get('set-cookie') ?? '').not.toContain('kc_sessie=');
    expect(await res.text()).toContain('Dit formulier is verlopen');
  });

  it('keeps the API as it was: JSON errors, 415 for form posts, helmet’s CSP for the docs', async () => {
    const form = await fetch(`${platform.baseUrl}/api/v1/auth/login`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: 'email=a&password=b' });
    expect(form.status).toBe(415);
    expect(await form.json()).toEqual(expect.objectContaining({ code: 'UNSUPPORTED_MEDIA_TYPE' }));
    expect((await fetch(`${platform.baseUrl}/api/v1/bestaat-niet`)).headers.get('content-type')).toContain('application/json');
    const docs = await fetch(`${platform.baseUrl}/api/docs`);
    expect(docs.status).toBe(200);
    expect(docs.headers.get('content-security-policy')).toContain("style-src 'self' https: 'unsafe-inline'");
    const page = await fetch(`${platform.baseUrl}/bestaat-niet`);
    expect(page.status).toBe(404);
    expect(page.headers.get('content-type')).toContain('text/html');
    expect(page.headers.get('content-security-policy')).toContain("style-src 'self';");
  });
});
