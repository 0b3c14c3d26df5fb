import { startPlatform, TestScope, type Platform } from '@kc/testing';
import { ApiClient, eventually } from './support/api-client';

type Person = Awaited<ReturnType<ApiClient['resident']>>;

/**
 * Profiles and the people directory ("wie weet wat") through the gateway, on the whole
 * platform: private by default, only people who opted in, only the region's own members, and
 * every bad input a 400 in Dutch and English that changes nothing.
 */
describe('identity: profiles and the people directory through the gateway', () => {
  const scope = new TestScope('people-e2e');
  const REGION = 'rivierenland';
  const OTHER = 'betuwe';
  let platform: Platform;
  let api: ApiClient;
  let operator: string;
  let sanne: Person, tim: Person, uma: Person, buur: Person;

  const patch = (body: unknown, token?: string, lang?: string) => api.request('PATCH', '/me/profile', { body, token, lang });
  const people = (token: string, query = '', region = REGION) => api.get(`/regions/${region}/people${query}`, token);
  const names = (res: { body: { items: { displayName: string }[] } }) => res.body.items.map((p) => p.displayName);

  beforeAll(async () => {
    platform = await startPlatform(scope);
    api = new ApiClient(platform.baseUrl);
    operator = await api.login(platform.operator.email, platform.operator.password);
    expect((await api.post('/regions', { slug: REGION, name: 'Rivierenland' }, operator)).status).toBe(201);
    expect((await api.post('/regions', { slug: OTHER, name: 'Betuwe' }, operator)).status).toBe(201);
    [sanne, tim, uma, buur] = await Promise.all([
      api.resident(REGION, 'Sanne Smit'), api.resident(REGION, 'Tim Timmer'), api.resident(REGION, 'Uma Uil'), api.resident(OTHER, 'Bas Buur'),
    ]);
  });
  afterAll(async () => {
    await platform?.stop();
    await scope.dispose();
  });

  it('keeps a profile private until its owner opts in', async () => {
    expect((await api.get('/me/profile', sanne.token)).body).toEqual({ displayName: 'Sanne Smit', bio: '', expertise: [], directory: false });
    const saved = await patch({ bio: 'Ik repareer fietsen.', expertise: ['Fietsen repareren', ' fietsen REPAREREN ', 'Zonnepanelen'] }, sanne.token);
    expect(saved.status).toBe(200);
    expect(saved.body).toEqual({ displayName: 'Sanne Smit', bio: 'Ik repareer fietsen.', expertise: ['Fietsen repareren', 'Zonnepanelen'], directory: false });
    expect((await people(tim.token, '?expertise=fiets')).body.items).toEqual([]);

    expect((await patch({ directory: true }, sanne.token)).body.directory).toBe(true);
    const found = await people(tim.token, '?expertise=fiets');
    expect(found.body).toEqual({ items: [{ accountId: sanne.id, displayName: 'Sanne Smit', bio: 'Ik repareer fietsen.', expertise: ['Fietsen repareren', 'Zonnepanelen'] }], nextCursor: null });
    // The directory says nothing about e-mail addresses.
    expect(found.text).not.toContain(sanne.email);
  });

  it('never shows someone who did not opt in, nor another region’s people, and only to the region’s members', async () => {
    await patch({ expertise: ['Zonnepanelen'], directory: false }, uma.token);
    await patch({ expertise: ['Zonnepanelen'], directory: true }, buur.token);
    expect(names(await people(tim.token, '?expertise=zonne'))).toEqual(['Sanne Smit']);
    expect(names(await people(tim.token))).toEqual(['Sanne Smit']);
    expect(names(await people(buur.token, '', OTHER))).toEqual(['Bas Buur']);

    const outsider = await people(buur.token);
    expect(outsider.status).toBe(403);
    expect(outsider.body).toMatchObject({ code: 'PEOPLE_DIRECTORY_FORBIDDEN', message: expect.stringMatching(/Alleen leden van deze regio/) });
    expect((await api.get(`/regions/${REGION}/people`, buur.token, 'en')).body.message).toMatch(/Only members of this region/);
    expect((await people(operator)).status).toBe(403);
    expect((await api.get(`/regions/${REGION}/people`)).status).toBe(401);
    expect((await people(tim.token, '', 'nergensland')).status).toBe(404);
  });

  it('refuses bad input with a clear 400 in Dutch and English and changes nothing', async () => {
    const before = (await api.get('/me/profile', sanne.token)).body;
    const cases: unknown[] = [
      { expertise: Array.from({ length: 21 }, (_, i) => `onderwerp ${i}`) }, { expertise: ['x'.repeat(61)] }, { expertise: 'fietsen' }, { bio: 'x'.repeat(1001) },
      { displayName: ' ' }, { directory: 'ja' }, {}, { email: 'nieuw@voorbeeld.nl' }, { expertise: [1] },
    ];
    for (const body of cases) {
      const nl = await patch(body, sanne.token);
      expect({ body, status: nl.status, code: nl.body.code }).toEqual({ body, status: 400, code: 'VALIDATION_FAILED' });
      const en = await patch(body, sanne.token, 'en');
      expect(en.body.message).not.toBe(nl.body.message);
    }
    expect((await patch({ bio: 'x' })).status).toBe(401);
    expect((await api.get('/me/profile', sanne.token)).body).toEqual(before);

    for (const query of ['?expertise=' + 'x'.repeat(61), '?limit=0', '?limit=51', '?wie=iedereen', '?cursor=bm9vaXQ']) {
      const res = await people(tim.token, query);
      expect({ query, status: res.status }).toEqual({ query, status: 400 });
    }
  });

  it('applies a new name at once, and is read-only while the region is suspended', async () => {
    expect((await patch({ displayName: 'Sanne van Smit' }, sanne.token)).status).toBe(200);
    expect((await api.get('/me', sanne.token)).body.displayName).toBe('Sanne van Smit');
    expect(names(await people(tim.token))).toEqual(['Sanne van Smit']);

    expect((await api.put(`/regions/${REGION}/licence`, { status: 'suspended', note: 'Test' }, operator)).status).toBe(200);
    const refused = await eventually(async () => {
      const res = await patch({ bio: 'Tijdens de opschorting' }, sanne.token);
      return res.status === 423 ? res : undefined;
    }, 5000, 'the suspension to reach identity');
    expect(refused.body.code).toBe('REGION_SUSPENDED');
    expect((await people(tim.token)).status).toBe(200);
    expect((await api.put(`/regions/${REGION}/licence`, { status: 'active', note: '' }, operator)).status).toBe(200);
  });
});
