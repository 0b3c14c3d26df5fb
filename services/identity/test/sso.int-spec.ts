import { CompleteSsoSignIn, EraseMe, GetMe, GetRegionSso, GrantStaffRole, IdentityPersonalData, SetRegionSso, SSO_CALLBACK_PATH, StartSsoSignIn, type DomainError } from '@kc/contracts';
import { InProcessService, startTestOidcProvider, TestScope, waitFor, type TestOidcProvider } from '@kc/testing';
import { capturingLogger, createRegion, failure, operatorToken, query, resident, startIdentity } from './identity-test-kit';

const WEB = 'http://127.0.0.1:39999';
const CALLBACK = `${WEB}${SSO_CALLBACK_PATH}`;

/** The people the test provider knows: login name → claims. */
const PEOPLE: Record<string, { email: string; email_verified: boolean }> = {
  'medewerker-1': { email: 'sanne@example.nl', email_verified: true },
  'onbevestigd-2': { email: 'sanne@example.nl', email_verified: false },
  'elders-3': { email: 'otto@example.nl', email_verified: true },
  'onbekend-4': { email: 'niemand@example.nl', email_verified: true },
  'medewerker-5': { email: 'joris@example.nl', email_verified: true },
};

/** Follows the provider's redirects with a cookie jar and posts its log-in and consent forms, until it sends the browser to the callback. */
async function signInAtProvider(authorizationUrl: string, login: string): Promise<string> {
  const jar = new Map<string, string>();
  let url = authorizationUrl;
  let body: URLSearchParams | undefined;
  for (let step = 0; step < 12; step++) {
    const response = await fetch(url, {
      method: body ? 'POST' : 'GET', body, redirect: 'manual',
      headers: { cookie: [...jar].map(([name, value]) => `${name}=${value}`).join('; ') },
    });
    for (const cookie of response.headers.getSetCookie()) {
      const [pair = ''] = cookie.split(';');
      const at = pair.indexOf('=');
      jar.set(pair.slice(0, at), pair.slice(at + 1));
    }
    const location = response.headers.get('location');
    if (location) {
      const next = new URL(location, url);
      if (next.href.startsWith(CALLBACK)) return next.search;
      url = next.href;
      body = undefined;
      continue;
    }
    const html = await response.text();
    const action = /<form[^>]*action="([^"]+)"/.exec(html)?.[1];
    if (!action) throw new Error(`no form on ${url} (${response.status}): ${html.slice(0, 300)}`);
    url = new URL(action, url).href;
    const prompt = /name="prompt" value="([^"]+)"/.exec(html)?.[1] ?? '';
    body = new URLSearchParams(prompt === 'login' ? { prompt, login, password: 'wat-dan-ook' } : { prompt });
  }
  throw new Error('the provider never sent the browser back');
}

/**
 * Staff sign-in with the region's OpenID Connect provider, against a real provider over real
 * HTTP: configuration by the region's library administrator, the code flow with PKCE, and the
 * refusals (wrong state, a replayed code, a wrong nonce or issuer, an unverified address, an
 * account of another region).
 */
describe('identity: single sign-on with the library’s OpenID Connect provider (real PostgreSQL, NATS and oidc-provider)', () => {
  const scope = new TestScope('identity-sso');
  let identity: InProcessService;
  let provider: TestOidcProvider;
  let admin: Awaited<ReturnType<typeof resident>>;
  let staff: Awaited<ReturnType<typeof resident>>;
  let operator: string;
  const log = capturingLogger();

  const signIn = async (login: string) => {
    const { authorizationUrl, flow } = await identity.send(StartSsoSignIn, { region: 'drechtsteden' });
    return { flow, callbackQuery: await signInAtProvider(authorizationUrl, login) };
  };
  const refusal = async (promise: Promise<unknown>) => {
    const error = await failure<DomainError>(promise);
    return { status: error.statusCode, code: error.code };
  };
  const settings = () => ({ region: 'drechtsteden', issuer: provider.issuer, ...provider.client, enabled: true });
  const sealed = async () => (await query<{ sealed: string }>(scope, "SELECT client_secret_sealed AS sealed FROM region_sso s JOIN regions r ON r.id = s.region_id WHERE r.slug = 'drechtsteden'"))[0]!.sealed;

  beforeAll(async () => {
    provider = await startTestOidcProvider(CALLBACK, PEOPLE);
    identity = await startIdentity(scope, { PUBLIC_WEB_URL: WEB, SSO_ALLOW_LOCAL_HTTP_ISSUER: 'true' }, log.logger);
    operator = await operatorToken(identity);
    await createRegion(identity, operator, 'drechtsteden');
    await createRegion(identity, operator, 'zeeland');
    admin = await resident(identity, 'drechtsteden', 'beheerder');
    staff = await resident(identity, 'drechtsteden', 'sanne');
    await resident(identity, 'zeeland', 'otto');
    await identity.send(GrantStaffRole, { region: 'drechtsteden', accountId: admin.id, role: 'library_admin' }, operator);
    await identity.send(GrantStaffRole, { region: 'drechtsteden', accountId: staff.id, role: 'community_librarian' }, operator);
    // The region's provider, set by the operator: every sign-in below needs it, in whatever order the tests run.
    await identity.send(SetRegionSso, settings(), operator);
  });
  afterAll(async () => {
    await identity?.close();
    await provider?.close();
    await scope.dispose();
  });

  it('lets the region’s library administrator set the provider after discovering it, and never returns or stores the secret in the clear', async () => {
    const settings = { region: 'drechtsteden', issuer: provider.issuer, ...provider.client, enabled: true };
    const before = await sealed();
    const saved = await waitFor(() => identity.send(SetRegionSso, settings, admin.token), 5000); // the role applies within a second
    expect(saved).toEqual({ region: 'drechtsteden', issuer: provider.issuer, clientId: provider.client.clientId, enabled: true, hasClientSecret: true, updatedAt: expect.any(String) });
    expect(JSON.stringify(await identity.send(GetRegionSso, { region: 'drechtsteden' }, admin.token))).not.toContain(provider.client.clientSecret);
    const stored = await sealed();
    expect(stored).not.toBe(before); // sealed anew by this setting
    expect(stored).not.toContain(provider.client.clientSecret);

    expect(await refusal(identity.send(SetRegionSso, settings, staff.token))).toEqual({ status: 403, code: 'NOT_REGION_ADMIN' });
    expect(await refusal(identity.send(SetRegionSso, { ...settings, issuer: 'http://idp.example.org' }, admin.token))).toEqual({ status: 400, code: 'SSO_ISSUER_NOT_HTTPS' });
    const nothingThere = `http://127.0.0.1:${Number(new URL(provider.issuer).port) + 1}`;
    const discovery = await failure<DomainError>(identity.send(SetRegionSso, { ...settings, issuer: nothingThere }, admin.token));
    expect([discovery.statusCode, discovery.code, discovery.messages.nl]).toEqual([400, 'SSO_DISCOVERY_FAILED', expect.stringContaining('konden niet worden opgehaald')]);
    expect(await identity.send(GetRegionSso, { region: 'drechtsteden' }, admin.token)).toMatchObject({ issuer: provider.issuer });
  });

  it('keeps the stored client secret when a setting leaves it out (the web form never shows it), and asks for one where none is stored', async () => {
    const { clientSecret: _secret, ...withoutSecret } = settings();
    const before = await sealed();
    try {
      expect(await waitFor(() => identity.send(SetRegionSso, { ...withoutSecret, enabled: false }, admin.token), 5000)).toMatchObject({ enabled: false, hasClientSecret: true });
      expect(await sealed()).toBe(before);
      // Enabled again without the secret: a sign-in exchanges its code with the kept one.
      expect(await identity.send(SetRegionSso, withoutSecret, admin.token)).toMatchObject({ enabled: true, hasClientSecret: true });
      expect(await sealed()).toBe(before);
      const { flow, callbackQuery } = await signIn('medewerker-1');
      expect((await identity.send(GetMe, {}, (await identity.send(CompleteSsoSignIn, { flow, callbackQuery })).accessToken)).id).toBe(staff.id);
    } finally {
      await identity.send(SetRegionSso, settings(), operator); // enabled, for the other tests
    }
    const none = await failure<DomainError>(identity.send(SetRegionSso, { ...withoutSecret, region: 'zeeland' }, operator));
    expect([none.statusCode, none.code, none.messages.nl]).toEqual([400, 'SSO_CLIENT_SECRET_REQUIRED', expect.stringContaining('Vul het client secret in')]);
    expect(await refusal(identity.send(GetRegionSso, { region: 'zeeland' }, operator))).toEqual({ status: 404, code: 'SSO_NOT_CONFIGURED' });
  });

  it('signs staff in with a verified address of an account of the region: a normal session, no roles from the provider, and the link remembered', async () => {
    const { flow, callbackQuery } = await signIn('medewerker-1');
    const session = await identity.send(CompleteSsoSignIn, { flow, callbackQuery, device: 'Firefox op Linux' });
    const me = await identity.send(GetMe, {}, session.accessToken);
    expect(me).toMatchObject({ id: staff.id, region: { slug: 'drechtsteden' }, roles: ['community_librarian'] });
    expect(session.refreshToken).toEqual(expect.any(String));
    expect(await query(scope, "SELECT account_id, subject FROM sso_links WHERE account_id = $1 OR subject = 'medewerker-1'", [staff.id])).toEqual([{ account_id: staff.id, subject: 'medewerker-1' }]);
    // The code works once.
    expect(await refusal(identity.send(CompleteSsoSignIn, { flow, callbackQuery }))).toEqual({ status: 400, code: 'SSO_SIGN_IN_FAILED' });
  });

  it('refuses a wrong state, a wrong nonce and a wrong issuer', async () => {
    const wrongState = await signIn('medewerker-1');
    expect(await refusal(identity.send(CompleteSsoSignIn, { ...wrongState, flow: { ...wrongState.flow, state: 'een-andere-state-dan-verstuurd' } }))).toEqual({ status: 400, code: 'SSO_SIGN_IN_FAILED' });
    const wrongNonce = await signIn('medewerker-1');
    expect(await refusal(identity.send(CompleteSsoSignIn, { ...wrongNonce, flow: { ...wrongNonce.flow, nonce: 'een-andere-nonce-dan-verstuurd' } }))).toEqual({ status: 400, code: 'SSO_SIGN_IN_FAILED' });
    const wrongIssuer = await signIn('medewerker-1');
    const query = new URLSearchParams(wrongIssuer.callbackQuery);
    query.set('iss', 'https://idp.example.org');
    expect(await refusal(identity.send(CompleteSsoSignIn, { flow: wrongIssuer.flow, callbackQuery: `?${query}` }))).toEqual({ status: 400, code: 'SSO_SIGN_IN_FAILED' });
  });

  it('refuses an address the provider did not verify, an account of another region and an unknown address, and creates nothing', async () => {
    const links = () => query(scope, 'SELECT account_id, subject FROM sso_links ORDER BY subject');
    const before = await links();
    expect(await refusal(identity.send(CompleteSsoSignIn, await signIn('onbevestigd-2')))).toEqual({ status: 403, code: 'SSO_EMAIL_NOT_VERIFIED' });
    expect(await refusal(identity.send(CompleteSsoSignIn, await signIn('elders-3')))).toEqual({ status: 403, code: 'SSO_NO_ACCOUNT' });
    expect(await refusal(identity.send(CompleteSsoSignIn, await signIn('onbekend-4')))).toEqual({ status: 403, code: 'SSO_NO_ACCOUNT' });
    expect(await query(scope, "SELECT id FROM accounts WHERE email = 'niemand@example.nl'")).toEqual([]);
    expect(await links()).toEqual(before);
  });

  it('puts the links in the data export, erases them with the account, and never logs the client secret', async () => {
    // A staff member of its own, since the erasure ends the account.
    const leaving = await resident(identity, 'drechtsteden', 'joris');
    await identity.send(GrantStaffRole, { region: 'drechtsteden', accountId: leaving.id, role: 'community_librarian' }, operator);
    const { flow, callbackQuery } = await signIn('medewerker-5');
    await identity.send(CompleteSsoSignIn, { flow, callbackQuery });
    const part = await identity.send(IdentityPersonalData, { accountId: leaving.id });
    expect(JSON.stringify(part)).toContain('medewerker-5');
    await identity.send(EraseMe, { password: leaving.password, content: 'anonymise' }, leaving.token);
    expect(await query(scope, 'SELECT subject FROM sso_links WHERE account_id = $1', [leaving.id])).toEqual([]);
    expect(log.lines.length).toBeGreaterThan(0);
    expect(log.lines.filter((line) => line.includes(provider.client.clientSecret))).toEqual([]);
  });
});
