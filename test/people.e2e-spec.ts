import { randomBytes } from 'node:crypto';
import { startPlatform, TestScope, type Platform } from '@kc/testing';
import { ApiClient, eventually } from './support/api-client';
import { ScopeDatabases } from './support/databases';
import { findTraces } from './support/trace-scan';

type Person = Awaited<ReturnType<ApiClient['resident']>>;

/**
 * Profiles and the people directory ("wie weet wat") through the gateway, on the whole
 * platform: private by default, only people who opted in, only the region's own members, and
 * every bad input a 400 in Dutch and English that changes nothing.
 */
describe('identity: profiles, the people directory and erasure through the gateway', () => {
  const scope = new TestScope('people-e2e');
  const REGION = 'rivierenland';
  const OTHER = 'betuwe';
  let platform: Platform;
  let api: ApiClient;
  let operator: string;
  let sanne: Person, tim: Person, buur: Person;
  const databases = new ScopeDatabases(scope);

  const patch = (body: unknown, token?: string, lang?: string) => api.request('PATCH', '/me/profile', { body, token, lang });
  const people = (token: string, query = '', region = REGION) => api.get(`/regions/${region}/people${query}`, token);
  const names = (res: { body: { items: { displayName: string }[] } }) => res.body.items.map((p) => p.displayName);

  beforeAll(async () => {
    platform = await startPlatform(scope);
    api = new ApiClient(platform.baseUrl);
    operator = await api.login(platform.operator.email, platform.operator.password);
    expect((await api.post('/regions', { slug: REGION, name: 'Rivierenland' }, operator)).status).toBe(201);
    expect((await api.post('/regions', { slug: OTHER, name: 'Betuwe' }, operator)).status).toBe(201);
    [sanne, tim, buur] = await Promise.all([api.resident(REGION, 'Sanne Smit'), api.resident(REGION, 'Tim Timmer'), api.resident(OTHER, 'Bas Buur')]);
  });
  afterAll(async () => {
    await databases.close();
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
    // A region of this case's own, so its directory holds only the people of this case (the other cases opt in in REGION).
    const own = 'lingewaard';
    expect((await api.post('/regions', { slug: own, name: 'Lingewaard' }, operator)).status).toBe(201);
    const [ownSanne, ownTim, ownUma] = await Promise.all([api.resident(own, 'Sanne Smit'), api.resident(own, 'Tim Timmer'), api.resident(own, 'Uma Uil')]);
    expect((await patch({ expertise: ['Zonnepanelen'], directory: true }, ownSanne.token)).status).toBe(200);
    await patch({ expertise: ['Zonnepanelen'], directory: false }, ownUma.token);
    await patch({ expertise: ['Zonnepanelen'], directory: true }, buur.token);
    expect(names(await people(ownTim.token, '?expertise=zonne', own))).toEqual(['Sanne Smit']);
    expect(names(await people(ownTim.token, '', own))).toEqual(['Sanne Smit']);
    expect(names(await people(buur.token, '', OTHER))).toEqual(['Bas Buur']);

    const outsider = await people(buur.token, '', own);
    expect(outsider.status).toBe(403);
    expect(outsider.body).toMatchObject({ code: 'PEOPLE_DIRECTORY_FORBIDDEN', message: expect.stringMatching(/Alleen leden van deze regio/) });
    expect((await api.get(`/regions/${own}/people`, buur.token, 'en')).body.message).toMatch(/Only members of this region/);
    expect((await people(operator, '', own)).status).toBe(403);
    expect((await api.get(`/regions/${own}/people`)).status).toBe(401);
    expect((await people(ownTim.token, '', 'nergensland')).status).toBe(404);
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
    // A region of this case's own: its directory holds only this case's people, and its suspension stops no other case.
    const own = 'maas-en-waal';
    expect((await api.post('/regions', { slug: own, name: 'Maas en Waal' }, operator)).status).toBe(201);
    const [ownSanne, ownTim] = await Promise.all([api.resident(own, 'Sanne Smit'), api.resident(own, 'Tim Timmer')]);
    expect((await patch({ expertise: ['Zonnepanelen'], directory: true }, ownSanne.token)).status).toBe(200);
    expect(names(await people(ownTim.token, '', own))).toEqual(['Sanne Smit']);
    expect((await patch({ displayName: 'Sanne van Smit' }, ownSanne.token)).status).toBe(200);
    expect((await api.get('/me', ownSanne.token)).body.displayName).toBe('Sanne van Smit');
    expect(names(await people(ownTim.token, '', own))).toEqual(['Sanne van Smit']);

    expect((await api.put(`/regions/${own}/licence`, { status: 'suspended', note: 'Test' }, operator)).status).toBe(200);
    try {
      const refused = await eventually(async () => {
        const res = await patch({ bio: 'Tijdens de opschorting' }, ownSanne.token);
        return res.status === 423 ? res : undefined;
      }, 5000, 'the suspension to reach identity');
      expect(refused.body.code).toBe('REGION_SUSPENDED');
      expect((await people(ownTim.token, '', own)).status).toBe(200);
    } finally {
      expect((await api.put(`/regions/${own}/licence`, { status: 'active', note: '' }, operator)).status).toBe(200);
    }
  });

  it('erases a person in every service within a minute: no trace of their address, name or deleted words in any database, Redis key or stream', async () => {
    const mark = randomBytes(4).toString('hex');
    const eva = await api.resident(REGION, `Eva Wis${mark}`);
    const evasWords = { title: `Tuinplan${mark} voor de straat`, body: `Geveltuinen${mark} langs de hele straat`, reply: `Regenton${mark} bij elk huis` };
    expect((await patch({ bio: `Imker${mark}`, expertise: [`bijen${mark}`], directory: true }, eva.token)).status).toBe(200);
    const communityId = (await api.post('/communities', { name: `Groene straat ${mark}`, visibility: 'public' }, eva.token)).body.id;
    expect((await api.post(`/communities/${communityId}/members`, {}, tim.token)).status).toBe(201);
    const conversationId = (await api.post(`/communities/${communityId}/conversations`, { title: evasWords.title, body: evasWords.body }, eva.token)).body.id;
    const timsReply = (await api.post(`/conversations/${conversationId}/contributions`, { body: `Ik doe mee, zegt Tim ${mark}` }, tim.token)).body.id;
    expect((await api.post(`/conversations/${conversationId}/contributions`, { body: evasWords.reply, parentId: timsReply }, eva.token)).status).toBe(201);
    expect((await api.request('PUT', `/contributions/${timsReply}/reactions/nuttig`, { token: eva.token })).status).toBe(204);
    expect((await api.post(`/communities/${communityId}/collections`, { title: `Plantenlijst${mark}`, description: 'Wat groeit er goed?' }, eva.token)).status).toBe(201);
    expect((await api.post('/reports', { targetType: 'contribution', targetId: timsReply, reason: `Melding${mark}` }, eva.token)).status).toBe(201);
    const day = 24 * 3_600_000;
    const activity = (await api.post(`/communities/${communityId}/activities`, {
      title: 'Plantdag', mode: 'online', onlineUrl: 'https://meet.example.org/plantdag', startsAt: new Date(Date.now() + 3 * day).toISOString(), endsAt: new Date(Date.now() + 3 * day + 3_600_000).toISOString(),
    }, eva.token)).body.id;
    expect((await api.post(`/activities/${activity}/rsvp`, {}, eva.token)).status).toBe(201);
    expect((await api.get('/me/calendar-feed', eva.token)).status).toBe(200);
    expect((await api.post('/me/export', {}, eva.token)).status).toBe(202);
    await eventually(async () => (await api.get(`/search?q=geveltuinen${mark}&region=${REGION}`, tim.token)).body.items?.length > 0, 30_000, 'her conversation in search');

    // Refused, and nothing happens: a wrong password, a mode that does not exist, someone else asking.
    const wrong = await api.request('DELETE', '/me', { body: { password: 'Niet-het-wachtwoord-1', content: 'delete' }, token: eva.token });
    expect(wrong.status).toBe(403);
    expect(wrong.body).toMatchObject({ code: 'PASSWORD_INCORRECT', message: expect.stringMatching(/niet gewist/) });
    expect((await api.request('DELETE', '/me', { body: { password: eva.password, content: 'wis' }, token: eva.token })).status).toBe(400);
    expect((await api.post(`/accounts/${eva.id}/erase`, { content: 'delete', reason: 'zomaar' }, tim.token)).status).toBe(403);
    expect((await api.get('/me', eva.token)).status).toBe(200);

    const asked = await api.request('DELETE', '/me', { body: { password: eva.password, content: 'delete' }, token: eva.token });
    expect(asked.status).toBe(202);
    await eventually(async () => (await api.get('/me', eva.token)).status === 401, 5_000, 'her token to be refused');
    expect((await api.post('/auth/login', { email: eva.email, password: eva.password })).status).toBe(401);
    const ledger = await eventually(async () => {
      const res = await api.get(`/operator/erasures/${asked.body.id}`, operator);
      return res.body.status === 'complete' && res.body;
    }, 60_000, 'every service to confirm the erasure');
    expect(ledger).toMatchObject({ accountId: eva.id, content: 'delete', requestedBy: 'self' });
    expect(ledger.services.map((s: { service: string; confirmedAt: string | null }) => [s.service, typeof s.confirmedAt])).toEqual(
      ['identity', 'communities', 'events', 'catalogue', 'search'].map((service) => [service, 'string']),
    );
    expect((await api.get(`/operator/erasures/${asked.body.id}`, tim.token)).status).toBe(403);

    // Tim's reply stays, in a conversation that no longer carries her words; hers reads as deleted.
    const conversation = (await api.get(`/conversations/${conversationId}`, tim.token)).body;
    expect(conversation).toMatchObject({ title: 'Verwijderd gesprek', body: '' });
    const thread = JSON.stringify((await api.get(`/conversations/${conversationId}/contributions`, tim.token)).body);
    expect(thread).toContain(`Ik doe mee, zegt Tim ${mark}`);
    expect(thread).toContain('Deze bijdrage is verwijderd');
    expect((await api.get(`/search?q=geveltuinen${mark}&region=${REGION}`, tim.token)).body.items).toEqual([]);
    expect(names(await people(tim.token))).not.toContain(`Eva Wis${mark}`);

    const traces = await findTraces(scope, databases, [eva.email, `Eva Wis${mark}`, `Tuinplan${mark}`, `Geveltuinen${mark}`, `Regenton${mark}`, `Imker${mark}`, `Plantenlijst${mark}`, `Melding${mark}`]);
    expect(traces).toEqual([]);
  });

  it('anonymises on request: the words stay, signed Oud-deelnemer, and the operator can erase for someone', async () => {
    const mark = randomBytes(4).toString('hex');
    const anton = await api.resident(REGION, `Anton Anoniem${mark}`);
    const communityId = (await api.post('/communities', { name: `Buurtkoor ${mark}`, visibility: 'public' }, tim.token)).body.id;
    expect((await api.post(`/communities/${communityId}/members`, {}, anton.token)).status).toBe(201);
    const conversationId = (await api.post(`/communities/${communityId}/conversations`, { title: 'Repetities', body: 'Wanneer oefenen we?' }, tim.token)).body.id;
    expect((await api.post(`/conversations/${conversationId}/contributions`, { body: `Dinsdag${mark} kan ik altijd` }, anton.token)).status).toBe(201);

    expect((await api.post(`/accounts/${anton.id}/erase`, { content: 'anonymise' }, operator)).status).toBe(400); // a reason is required
    const asked = await api.post(`/accounts/${anton.id}/erase`, { content: 'anonymise', reason: 'Verzoek per brief' }, operator);
    expect(asked.status).toBe(202);
    expect((await api.post(`/accounts/${anton.id}/erase`, { content: 'delete', reason: 'Nog eens' }, operator)).body.id).toBe(asked.body.id); // once is once
    await eventually(async () => (await api.get(`/operator/erasures/${asked.body.id}`, operator)).body.status === 'complete', 60_000, 'the erasure');
    const contributions = (await api.get(`/conversations/${conversationId}/contributions`, tim.token)).body.items as Array<{ html: string; author: { displayName: string } }>;
    expect(contributions.find((c) => c.html.includes(`Dinsdag${mark}`))?.author.displayName).toBe('Oud-deelnemer');
    expect(await findTraces(scope, databases, [anton.email, `Anton Anoniem${mark}`])).toEqual([]);
    const audit = (await api.get(`/regions/${REGION}/audit`, operator)).body.items as Array<{ action: string; reason: string | null; target: { id: string } | null }>;
    // Anton's own entry: another case's erasure in the region is logged there too.
    expect(audit.find((entry) => entry.action === 'account.erased' && entry.target?.id === anton.id)).toMatchObject({ reason: 'Verzoek per brief' });
  });
});
