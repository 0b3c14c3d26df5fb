import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { PrivateNatsServer, startPlatform, TestScope, type Platform } from '@kc/testing';
import { ApiClient, eventually, importIntoRegion } from './support/api-client';
import { ScopeDatabases } from './support/databases';

const DEMO_CATALOGUE = join(__dirname, '..', 'deploy', 'seed', 'demo-catalogue.marcxml');

/**
 * Nothing is lost when the worker, a consuming service or NATS itself restarts. The platform
 * runs on a NATS server of this test's own, so stopping it never touches the shared one.
 */
describe('resilience: restarts lose nothing', () => {
  const scope = new TestScope('resilience');
  let nats: PrivateNatsServer;
  let platform: Platform;
  let api: ApiClient;
  let resident: { id: string; token: string };
  let community: string;
  const databases = new ScopeDatabases(scope);

  beforeAll(async () => {
    nats = await PrivateNatsServer.start();
    platform = await startPlatform(scope, { env: { NATS_URL: nats.url, RPC_TIMEOUT_MS: '3000' } });
    api = new ApiClient(platform.baseUrl);
    const operator = await api.login(platform.operator.email, platform.operator.password);
    expect((await api.post('/regions', { slug: 'hart-van-brabant', name: 'Hart van Brabant' }, operator)).status).toBe(201);
    expect(await importIntoRegion(api, operator, 'hart-van-brabant', readFileSync(DEMO_CATALOGUE))).toMatchObject({ status: 'completed' });
    resident = await api.resident('hart-van-brabant', 'Sanne Smits');
    community = (await api.post('/communities', { name: 'Energie besparen', description: 'Tips en vragen.', visibility: 'public' }, resident.token)).body.id;
  });
  afterAll(async () => {
    await databases.close();
    await platform?.stop();
    await nats?.dispose();
    await scope.dispose();
  });

  const startConversation = async (title: string, body: string) => {
    const res = await api.post(`/communities/${community}/conversations`, { title, body }, resident.token);
    expect(res.status).toBe(201);
    return res.body.id as string;
  };
  const suggestionsOf = (id: string, timeoutMs = 20_000) =>
    eventually(async () => {
      const c = await api.get(`/conversations/${id}`, resident.token);
      return c.body.suggestions?.length ? c.body.suggestions : undefined;
    }, timeoutMs, `suggestions for ${id}`);

  it('computes suggestions for a conversation started while the worker was down', async () => {
    await platform.kill('catalogue-worker');
    const id = await startConversation('Warmtepomp in een oud huis', 'Heeft iemand een hybride warmtepomp laten plaatsen in een huis zonder spouwmuurisolatie?');
    // The catalogue took the conversation in and queued its job; with no worker, nothing computes it.
    await eventually(async () => {
      const [request] = await databases.query<{ status: string }>('catalogue', 'SELECT status FROM suggestion_requests WHERE conversation_id = $1', [id]);
      return request?.status === 'pending' || undefined;
    }, 20_000, `a pending suggestion request for ${id}`);
    expect((await api.get(`/conversations/${id}`, resident.token)).body.suggestions).toEqual([]);
    await platform.start('catalogue-worker');
    expect((await suggestionsOf(id)).length).toBeGreaterThan(0);
  });

  it('indexes what happened while search was down', async () => {
    await platform.kill('search');
    const id = await startConversation('Tochtstrips en radiatorfolie', 'Goedkope maatregelen tegen energiearmoede in huurwoningen.');
    expect((await api.get('/search?q=radiatorfolie', resident.token)).status).toBeGreaterThanOrEqual(500); // search is away: 503/504, never a hang
    await platform.start('search');
    await eventually(async () => {
      const r = await api.get('/search?q=radiatorfolie', resident.token);
      return r.body.items?.some((h: { id: string }) => h.id === id) || undefined;
    }, 20_000, 'search to catch up');
  });

  it('answers 503/504 with a clear message while NATS is down, and recovers fully when it is back', async () => {
    await nats.stop();
    const during = await api.get(`/communities/${community}`, resident.token);
    expect([503, 504]).toContain(during.status);
    expect(during.body).toEqual(expect.objectContaining({ code: expect.stringMatching(/^UPSTREAM_/), message: expect.any(String) }));
    expect((await fetch(`${platform.baseUrl}/health`)).status).toBe(503);

    await nats.restart();
    await eventually(async () => (await fetch(`${platform.baseUrl}/health`)).status === 200 || undefined, 30_000, 'health after NATS restart');
    const id = await startConversation('Zonnepanelen op het dak van de school', 'Kunnen ouders samen investeren in zonnepanelen voor de basisschool?');
    expect((await suggestionsOf(id, 30_000)).length).toBeGreaterThan(0);
    await eventually(async () => {
      const r = await api.get('/search?q=basisschool zonnepanelen', resident.token);
      return r.body.items?.some((h: { id: string }) => h.id === id) || undefined;
    }, 30_000, 'search after NATS restart');
    expect(platform.crashes()).toEqual([]);
  });
});
