import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  DomainError, GetMe, ListActivities, ListCommunities, SearchQuery, SearchTitles, TERMS_VERSION, type RequestContract,
} from '@kc/contracts';
import { NatsNamespace, RpcClient } from '@kc/messaging';
import { createLogger } from '@kc/observability';
import { startPlatform, TEST_NATS_URL, TestScope, type Platform } from '@kc/testing';
import { loadGatewayConfig } from '../services/gateway/src/config';
import { ApiClient, eventually, type ApiResponse } from './support/api-client';

const SMALL_MARCXML = readFileSync(join(__dirname, '..', 'deploy', 'seed', 'demo-catalogue.marcxml'));
const REGION = 'kempen';

/** How long after `since` the probe first held (polled every 20 ms, for at most 5 s). */
async function msUntil(since: number, probe: () => Promise<boolean>): Promise<number> {
  await eventually(async () => (await probe()) || undefined, 5000, 'the change to apply');
  return Date.now() - since;
}

/**
 * Roles and blocks apply at once, in every service, to the token a person already holds; and
 * signing in serves a library branch full of people on one address while guessing a password
 * is slowed per account. The whole platform, through the gateway as a browser would use it.
 */
describe('access applies at once; sign-in for a full library', () => {
  const scope = new TestScope('access');
  let platform: Platform;
  let api: ApiClient;
  let rpc: RpcClient;
  let operator: string;
  let admin: Awaited<ReturnType<ApiClient['resident']>>;
  let librarian: Awaited<ReturnType<ApiClient['resident']>>;
  let organiser: Awaited<ReturnType<ApiClient['resident']>>;
  let community: string;

  const directly = <C extends RequestContract>(contract: C, data: Record<string, unknown>, token: string) =>
    rpc.send(contract, data, { token, correlationId: randomUUID(), lang: 'nl' }).then(() => undefined, (error: DomainError) => error);
  const upload = (token: string) =>
    api.request('POST', `/catalogue/imports?region=${REGION}`, { token, raw: SMALL_MARCXML, contentType: 'application/marcxml+xml' });
  const schedule = (token: string) => {
    const startsAt = new Date(Date.now() + 7 * 86_400_000);
    return api.post(`/communities/${community}/activities`, {
      title: 'Spreekuur energie', description: 'Vragen over isolatie.', mode: 'in_person', location: 'Bibliotheek Veldhoven',
      startsAt: startsAt.toISOString(), endsAt: new Date(startsAt.getTime() + 3_600_000).toISOString(),
    }, token);
  };

  beforeAll(async () => {
    // The gateway's own default per-address limit on log-in and registration, not the harness's.
    const { AUTH_RATE_LIMIT_MAX } = loadGatewayConfig({});
    platform = await startPlatform(scope, { env: { AUTH_RATE_LIMIT_MAX: String(AUTH_RATE_LIMIT_MAX) } });
    api = new ApiClient(platform.baseUrl);
    rpc = await RpcClient.standalone(new NatsNamespace(scope.namespace), TEST_NATS_URL, 5000, 'access-test', createLogger('access-test', 'silent'));
    operator = await api.login(platform.operator.email, platform.operator.password);
    expect((await api.post('/regions', { slug: REGION, name: 'De Kempen' }, operator)).status).toBe(201);
    [admin, librarian, organiser] = await Promise.all([
      api.resident(REGION, 'Bea Beheer'), api.resident(REGION, 'Lotte Bibliothecaris'), api.resident(REGION, 'Omar Organisator'),
    ]);
    community = (await api.post('/communities', { name: 'Wooncoöperatie Kempen', description: 'Samen een woonvorm opzetten.', visibility: 'members' }, organiser.token)).body.id;
  }, 120_000);
  afterAll(async () => {
    await rpc?.close();
    await platform?.stop();
    await scope.dispose();
  }, 60_000);

  it('applies a granted library_admin role to the token already held within 1 s, in identity and catalogue', async () => {
    expect((await api.get(`/regions/${REGION}/staff`, admin.token)).status).toBe(403);
    expect((await upload(admin.token)).status).toBe(403);
    const granted = await api.post(`/regions/${REGION}/staff`, { email: admin.email, role: 'library_admin' }, operator);
    expect(granted.status).toBe(201);
    const elapsed = await msUntil(Date.now(), async () => (await api.get(`/regions/${REGION}/staff`, admin.token)).status === 200);
    expect(elapsed).toBeLessThan(1000);
    expect((await upload(admin.token)).status).toBe(202);
  });

  it('applies a community_librarian role in communities and events within 1 s, and revokes it as fast', async () => {
    expect((await api.get(`/communities/${community}`, librarian.token)).status).toBe(404);
    expect((await schedule(librarian.token)).status).toBeGreaterThanOrEqual(403);
    expect((await api.post(`/regions/${REGION}/staff`, { accountId: librarian.id, role: 'community_librarian' }, admin.token)).status).toBe(201);
    expect(await msUntil(Date.now(), async () => (await api.get(`/communities/${community}`, librarian.token)).status === 200)).toBeLessThan(1000);
    expect((await schedule(librarian.token)).status).toBe(201);

    const staff = await api.get<{ items: { accountId: string; displayName: string; role: string; grantedAt: string }[] }>(`/regions/${REGION}/staff`, admin.token);
    expect(staff.body.items).toEqual(expect.arrayContaining([
      { accountId: admin.id, displayName: 'Bea Beheer', role: 'library_admin', grantedAt: expect.any(String) },
      { accountId: librarian.id, displayName: 'Lotte Bibliothecaris', role: 'community_librarian', grantedAt: expect.any(String) },
    ]));
    expect((await api.get(`/regions/${REGION}/staff`, librarian.token)).status).toBe(403);

    const revoked = await api.request('DELETE', `/regions/${REGION}/staff/${librarian.id}/community_librarian`, { token: admin.token });
    expect(revoked.status).toBe(204);
    expect(revoked.text).toBe('');
    expect(await msUntil(Date.now(), async () => (await api.get(`/communities/${community}`, librarian.token)).status === 404)).toBeLessThan(1000);
    expect((await schedule(librarian.token)).status).toBe(404);
    expect((await api.request('DELETE', `/regions/${REGION}/staff/${librarian.id}/koning`, { token: admin.token })).status).toBe(400);
  });

  it('blocks an account: within 1 s every service refuses its token, and it cannot log in', async () => {
    const resident = await api.resident(REGION, 'Gijs Geblokkeerd');
    expect((await api.get('/me', resident.token)).status).toBe(200);
    expect((await api.post(`/accounts/${resident.id}/block`, {}, admin.token)).status).toBe(403);
    const blocked = await api.post(`/accounts/${resident.id}/block`, {}, operator);
    expect(blocked).toMatchObject({ status: 200, body: { accountId: resident.id, blocked: true } });
    expect(await msUntil(Date.now(), async () => (await api.get('/me', resident.token)).status === 401)).toBeLessThan(1000);
    const edge = await api.get('/me', resident.token);
    expect(edge.body).toMatchObject({ code: 'ACCOUNT_BLOCKED', message: expect.stringMatching(/geblokkeerd/) });

    // A request that reaches a service by another road than the gateway is refused just the same.
    const answers = await Promise.all([
      directly(GetMe, {}, resident.token),
      directly(ListCommunities, { region: REGION }, resident.token),
      directly(ListActivities, { communityId: community }, resident.token),
      directly(SearchTitles, { q: 'wonen' }, resident.token),
      directly(SearchQuery, { q: 'wonen' }, resident.token),
    ]);
    for (const answer of answers) expect(answer).toMatchObject({ statusCode: 401, code: 'ACCOUNT_BLOCKED' });
    expect((await api.post('/auth/login', { email: resident.email, password: resident.password })).body).toMatchObject({ code: 'ACCOUNT_BLOCKED' });

    expect((await api.post(`/accounts/${resident.id}/unblock`, {}, operator)).body).toEqual({ accountId: resident.id, blocked: false });
    await eventually(async () => (await api.get('/me', resident.token)).status === 200 || undefined, 5000, 'unblocked');
    expect(await api.login(resident.email, resident.password)).toEqual(expect.any(String));
  });

  it('makes a suspended region read-only in every service within 1 s, and reinstating restores it', async () => {
    const member = await api.resident(REGION, 'Sam Schorsing');
    const activity = (await schedule(organiser.token)).body.id as string;
    expect((await api.put(`/regions/${REGION}/licence`, { status: 'suspended', note: 'Licentie niet verlengd' }, admin.token)).status).toBe(403);
    const suspended = await api.put(`/regions/${REGION}/licence`, { status: 'suspended', note: 'Licentie niet verlengd' }, operator);
    expect(suspended).toMatchObject({ status: 200, body: { region: { slug: REGION, status: 'suspended' }, note: 'Licentie niet verlengd' } });
    const newCommunity = () => api.post('/communities', { name: 'Repaircafé', description: 'Samen repareren.', visibility: 'public' }, member.token);
    expect(await msUntil(Date.now(), async () => (await newCommunity()).status === 423)).toBeLessThan(1000);

    const refused = await newCommunity();
    expect(refused.body).toMatchObject({ statusCode: 423, code: 'REGION_SUSPENDED', message: expect.stringMatching(/opgeschort/) });
    const english = await api.request('POST', '/communities', { body: { name: 'Repair', description: 'x', visibility: 'public' }, token: member.token, lang: 'en' });
    expect(english.body.message).toMatch(/suspended/);
    // Every service refuses its writes: identity, communities, events, catalogue.
    expect((await api.post(`/regions/${REGION}/staff`, { accountId: member.id, role: 'community_librarian' }, admin.token)).status).toBe(423);
    expect((await api.post(`/communities/${community}/conversations`, { title: 'Nog een vraag', body: 'Mag dit?' }, organiser.token)).status).toBe(423);
    expect((await api.post(`/activities/${activity}/rsvp`, {}, organiser.token)).status).toBe(423);
    expect((await upload(admin.token)).status).toBe(423);
    // Reads go on.
    expect((await api.get(`/communities/${community}`, organiser.token)).status).toBe(200);
    expect((await api.get(`/communities/${community}/activities`, organiser.token)).status).toBe(200);
    expect((await api.get('/regions')).body.items.find((r: { slug: string }) => r.slug === REGION)?.status).toBe('suspended');

    expect((await api.put(`/regions/${REGION}/licence`, { status: 'active' }, operator)).status).toBe(200);
    expect(await msUntil(Date.now(), async () => (await newCommunity()).status === 201)).toBeLessThan(1000);
    expect((await api.post(`/activities/${activity}/rsvp`, {}, organiser.token)).status).toBe(201);
  });

  it('lets 40 people on one address register and log in within a minute', async () => {
    const people = Array.from({ length: 40 }, (_, i) => ({
      email: `workshop-${i}-${randomUUID().slice(0, 6)}@voorbeeld.nl`, password: `Workshop-wachtwoord-${i}`, displayName: `Deelnemer ${i + 1}`,
    }));
    const started = Date.now();
    const answers: ApiResponse[] = [];
    for (let i = 0; i < people.length; i += 8) {
      answers.push(...(await Promise.all(people.slice(i, i + 8).map(async (p) => {
        const registered = await api.post('/auth/register', { ...p, region: REGION, acceptedTermsVersion: TERMS_VERSION });
        return registered.status === 201 ? api.post('/auth/login', { email: p.email, password: p.password }) : registered;
      }))));
    }
    expect(answers.map((a) => a.status)).toEqual(people.map(() => 200));
    expect(Date.now() - started).toBeLessThan(60_000);
  });

  it('slows password guessing per account: after 5 wrong passwords 429 with Retry-After, even for the right one', async () => {
    const target = await api.resident(REGION, 'Rosa Raadsel');
    for (let i = 0; i < 5; i++) expect((await api.post('/auth/login', { email: target.email, password: `fout-${i}-wachtwoord` })).status).toBe(401);
    const locked = await api.post('/auth/login', { email: target.email, password: target.password });
    expect(locked.status).toBe(429);
    expect(Number(locked.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(locked.body).toMatchObject({ statusCode: 429, code: 'TOO_MANY_LOGIN_ATTEMPTS', message: expect.stringMatching(/Probeer het over \d+ seconden opnieuw/) });
    const english = await api.request('POST', '/auth/login', { body: { email: target.email, password: 'nog-een-gok' }, lang: 'en' });
    expect(english.body.message).toMatch(/Try again in \d+ seconds/);
    // Someone else on the same address is not affected.
    expect((await api.post('/auth/login', { email: admin.email, password: admin.password })).status).toBe(200);
  });
});
