import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import ICAL from 'ical.js';
import { daysFromNow, fixturePath, startPlatform, TestScope, type Platform } from '@kc/testing';
import { TERMS_VERSION } from '@kc/contracts';
import { ApiClient, eventually, importIntoRegion } from './support/api-client';

const marc = (file: string) => readFileSync(fixturePath('marc', file));
const DEMO_CATALOGUE = join(__dirname, '..', 'deploy', 'seed', 'demo-catalogue.marcxml');

/**
 * The walking skeleton, driven through the gateway as people would: the operator licenses
 * two regions, a library imports its catalogue, residents build communities, talk, get
 * library titles suggested, plan and join activities, and search — and nobody ever sees
 * another region's members-only content. Bad input is refused with a 4xx and changes nothing.
 *
 * Every test builds what it needs through the steps below (each runs once, whichever test asks
 * first), so any test can run alone (`-t`) or in any order.
 */
describe('KennisCloud platform, end to end through the gateway', () => {
  const scope = new TestScope('scenario');
  let platform: Platform;
  let api: ApiClient;

  let operator: string;
  const A = 'midden-brabant';
  const B = 'west-brabant';
  let adminA: { id: string; token: string; email: string; password: string };
  let anna: { id: string; token: string };
  let bram: { id: string; token: string };
  let bea: { id: string; token: string };
  let publicCommunity: string;
  let privateCommunity: string;
  let privateCommunityB: string;
  let conversation: string;
  let privateConversation: string;

  beforeAll(async () => {
    platform = await startPlatform(scope);
    api = new ApiClient(platform.baseUrl);
    operator = await api.login(platform.operator.email, platform.operator.password);
  });
  afterAll(async () => {
    await platform?.stop();
    await scope.dispose();
  });

  /** A step of the scenario, run once: by the first test that needs it. */
  const once = <T>(step: () => Promise<T>) => {
    let done: Promise<T> | undefined;
    return () => (done ??= step());
  };

  const regions = once(async () => {
    const a = await api.post('/regions', { slug: A, name: 'Midden-Brabant' }, operator);
    expect(a.status).toBe(201);
    const b = await api.post('/regions', { slug: B, name: 'West-Brabant' }, operator);
    expect(b.status).toBe(201);
    return { b: b.body };
  });

  const people = once(async () => {
    await regions();
    adminA = await api.resident(A, 'Bibliotheek Beheerder');
    anna = await api.resident(A, 'Anna de Vries');
    bram = await api.resident(A, 'Bram Jansen');
    bea = await api.resident(B, 'Bea Bakker');
    expect((await api.post(`/regions/${A}/staff`, { accountId: adminA.id, role: 'library_admin' }, operator)).status).toBe(201);
    adminA.token = await api.login(adminA.email, adminA.password); // roles are read at login
  });

  const catalogues = once(async () => {
    await people();
    const demo = await importCatalogue(adminA.token, readFileSync(DEMO_CATALOGUE), 'application/marcxml+xml');
    const nz = { status: await importIntoRegion(api, operator, B, marc('nlnz-first100.marcxml')) };
    return { demo, nz };
  });

  const communities = once(async () => {
    await people();
    const pub = await api.post('/communities', { name: 'Duurzaam wonen in Tilburg', description: 'Samen huizen verduurzamen.', visibility: 'public' }, anna.token);
    expect(pub.status).toBe(201);
    publicCommunity = pub.body.id;
    privateCommunity = (await api.post('/communities', { name: 'Buurtkring De Reeshof', description: 'Alleen voor buren.', visibility: 'members' }, anna.token)).body.id;
    privateCommunityB = (await api.post('/communities', { name: 'Geheime leesclub Breda', description: 'Besloten.', visibility: 'members' }, bea.token)).body.id;
    expect((await api.post(`/communities/${publicCommunity}/members`, {}, bram.token)).status).toBe(201);
  });

  const startConversation = once(async () => {
    await Promise.all([communities(), catalogues()]);
    const res = await api.post(
      `/communities/${publicCommunity}/conversations`,
      { title: 'Zonnepanelen en isolatie voor ons rijtjeshuis', body: 'We willen ons huis uit de jaren zeventig verduurzamen: eerst isoleren of meteen zonnepanelen en een warmtepomp? Wie heeft ervaring met subsidies?' },
      bram.token,
    );
    expect(res.status).toBe(201);
    conversation = res.body.id;
  });

  const startPrivateConversation = once(async () => {
    await communities();
    const res = await api.post(`/communities/${privateCommunity}/conversations`, { title: 'Eenzaamheid in onze straat', body: 'Hoe betrekken we oudere buren?' }, anna.token);
    expect(res.status).toBe(201);
    privateConversation = res.body.id;
  });

  const expectError = (res: { status: number; body: any }, status: number, code?: string) => {
    expect(res.status).toBe(status);
    expect(res.body).toEqual(expect.objectContaining({ statusCode: status, error: expect.any(String), message: expect.any(String), code: code ?? expect.any(String) }));
  };

  it('is healthy and documents its API', async () => {
    expect((await fetch(`${platform.baseUrl}/health`)).status).toBe(200);
    const doc = (await (await fetch(`${platform.baseUrl}/api/docs-json`)).json()) as { paths: Record<string, unknown> };
    expect(Object.keys(doc.paths)).toEqual(expect.arrayContaining(['/api/v1/communities', '/api/v1/conversations/{id}', '/api/v1/search']));
  });

  it('lets the operator license regions, and refuses bad input without creating anything', async () => {
    const { b } = await regions();
    expect(b).toEqual({ id: expect.any(String), slug: B, name: 'West-Brabant' });

    const before = (await api.get('/regions')).body.items.length;
    expectError(await api.request('POST', '/regions', { raw: '{"slug": "kapot', token: operator }), 400, 'INVALID_JSON');
    expectError(await api.post('/regions', { name: 'Zonder slug' }, operator), 400, 'VALIDATION_FAILED');
    expectError(await api.post('/regions', { slug: 'te-lang', name: 'x'.repeat(5000) }, operator), 400);
    expectError(await api.post('/regions', { slug: 'extra', name: 'Extra', onbekend: true }, operator), 400);
    expectError(await api.post('/regions', { slug: A, name: 'Dubbel' }, operator), 409);
    expectError(await api.post('/regions', { slug: 'geen-toegang', name: 'Geen toegang' }), 401);
    const dutch = await api.post('/regions', { name: 'Zonder slug' }, operator);
    expect(dutch.body.message).toMatch(/ongeldig|verplicht|slug/i);
    const english = await api.request('POST', '/regions', { body: { name: 'No slug' }, token: operator, lang: 'en' });
    expect(english.body.message).toMatch(/invalid/i);
    expect((await api.get('/regions')).body.items).toHaveLength(before);
  });

  it('registers residents and staff per region', async () => {
    await regions();
    expectError(await api.post('/auth/register', { email: 'x@voorbeeld.nl', password: 'Wachtwoord-123', displayName: 'X', region: 'bestaat-niet', acceptedTermsVersion: TERMS_VERSION }), 404);
    expectError(await api.post('/auth/register', { email: 'geen-email', password: 'kort', displayName: '', region: A }), 400);
    await people();
    const me = await api.get('/me', anna.token);
    expect(me.status).toBe(200);
    expect(me.body).toMatchObject({ id: anna.id, displayName: 'Anna de Vries', region: { slug: A } });
    expectError(await api.get('/me'), 401);
    expectError(await api.get('/me', 'niet.een.token'), 401);

    expectError(await api.post(`/regions/${A}/staff`, { accountId: bram.id, role: 'library_admin' }, anna.token), 403);
    expectError(await api.post(`/regions/${A}/staff`, { accountId: adminA.id, role: 'koning' }, operator), 400);
    expect((await api.get('/me', adminA.token)).body.roles).toEqual(expect.arrayContaining(['library_admin']));
  });

  async function importCatalogue(token: string, body: Uint8Array, contentType: string, query = '') {
    const res = await api.request('POST', `/catalogue/imports${query}`, { token, raw: body, contentType });
    if (res.status !== 202) return { res, status: undefined };
    const status = await eventually(async () => {
      const s = await api.get(`/catalogue/imports/${res.body.id}`, token);
      return ['completed', 'failed'].includes(s.body.status) ? s.body : undefined;
    }, 60_000, 'import to finish');
    return { res, status };
  }

  it('imports library catalogues, reporting broken records and refusing files that are not MARC', async () => {
    const { demo: first, nz } = await catalogues();
    expect(first.res.status).toBe(202);
    expect(first.status).toMatchObject({ status: 'completed', failed: 0 });
    expect(first.status.imported).toBeGreaterThan(100);
    expect(nz.status).toMatchObject({ status: 'completed', imported: 100 });

    const trailing = await importCatalogue(adminA.token, marc('zebra-sample-24-plus-trailing-bytes.mrc'), 'application/marc');
    expect(trailing.status).toMatchObject({ imported: 24 });
    expect(trailing.status.errors.length).toBeGreaterThanOrEqual(1);
    expect(trailing.status.errors[0].message).toEqual(expect.any(String));

    const titlesBefore = (await api.get('/catalogue/titles?q=opera', adminA.token)).body.items.length;
    expectError((await importCatalogue(adminA.token, Buffer.from('<html><body>geen marc</body></html>'), 'application/marcxml+xml')).res, 400);
    expectError((await importCatalogue(adminA.token, Buffer.from('dit is geen catalogus'), 'application/marc')).res, 400);
    // MARCXML that breaks off halfway: refused whole, nothing of it imported.
    const whole = marc('nlnz-first100.marcxml');
    const truncated = await importCatalogue(adminA.token, whole.subarray(0, Math.floor(whole.length * 0.6)), 'application/marcxml+xml');
    expectError(truncated.res, 400, 'CATALOGUE_FILE_INVALID');
    expect(truncated.res.body.message).toMatch(/geen geldige XML \(regel \d+, kolom \d+\).*niets geïmporteerd/);
    expectError((await importCatalogue(adminA.token, Buffer.from('<collection><record>'), 'text/plain')).res, 415);
    expectError((await importCatalogue(anna.token, marc('zebra-loc-prefixed-ns.marcxml'), 'application/marcxml+xml')).res, 403);
    expect((await api.get('/catalogue/titles?q=opera', adminA.token)).body.items.length).toBe(titlesBefore);

    const found = await api.get('/catalogue/titles?q=zonnepanelen', anna.token);
    expect(found.status).toBe(200);
    expect(found.body.items.length).toBeGreaterThan(0);
    // Region B's catalogue (the New Zealand records) is not region A's.
    const nzTitle = (await api.get('/catalogue/titles?q=zealand', bea.token)).body.items;
    expect(nzTitle.length).toBeGreaterThan(0);
    const inA = (await api.get(`/catalogue/titles?q=${encodeURIComponent(nzTitle[0].title.split(' ').slice(0, 3).join(' '))}`, anna.token)).body.items;
    expect(inA.map((t: { id: string }) => t.id)).not.toContain(nzTitle[0].id);
  });

  it('lets residents start public and members-only communities, with visibility per region', async () => {
    await communities();
    expectError(await api.post('/communities', { name: 'x', visibility: 'geheim' }, anna.token), 400);
    expectError(await api.post('/communities', { name: 'Anoniem', visibility: 'public' }), 401);

    expect((await api.get(`/communities/${publicCommunity}`)).status).toBe(200);
    expectError(await api.get(`/communities/${privateCommunity}`, bram.token), 404, 'COMMUNITY_NOT_FOUND');
    expectError(await api.get(`/communities/${privateCommunity}`, bea.token), 404, 'COMMUNITY_NOT_FOUND');
    expectError(await api.get(`/communities/${privateCommunity}`), 404, 'COMMUNITY_NOT_FOUND');
    expect((await api.get(`/communities/${privateCommunity}`, anna.token)).status).toBe(200);

    const bramSees = (await api.get('/communities', bram.token)).body.items.map((c: { id: string }) => c.id);
    expect(bramSees).toContain(publicCommunity);
    expect(bramSees).not.toContain(privateCommunity);
    expect(bramSees).not.toContain(privateCommunityB);
    const beaSees = (await api.get('/communities', bea.token)).body.items.map((c: { id: string }) => c.id);
    expect(beaSees).toContain(privateCommunityB);
    expect(beaSees).not.toContain(privateCommunity);
    expect((await api.get(`/communities/${publicCommunity}`, bram.token)).body).toEqual(expect.objectContaining({ memberCount: 2 }));
    expectError(await api.post(`/communities/${privateCommunity}/members`, {}, bea.token), 404);
  });

  it('suggests library titles of the region for a new conversation, within seconds', async () => {
    await communities();
    expectError(await api.post(`/communities/${publicCommunity}/conversations`, { title: 'Zonnepanelen', body: 'x' }, bea.token), 403);
    await startConversation();
    const withSuggestions = await eventually(async () => {
      const c = await api.get(`/conversations/${conversation}`, bram.token);
      return c.body.suggestions?.length ? c.body : undefined;
    }, 15_000, 'suggestions');
    expect(withSuggestions).toMatchObject({ id: conversation, communityId: publicCommunity, author: { id: bram.id } });
    expect(withSuggestions.suggestions.length).toBeLessThanOrEqual(5);
    for (const s of withSuggestions.suggestions) {
      expect(s).toEqual(expect.objectContaining({ titleId: expect.any(String), title: expect.any(String), authors: expect.any(Array), subjects: expect.any(Array), reason: expect.any(String) }));
    }
    expect(withSuggestions.suggestions.map((s: { title: string }) => s.title).join(' ')).toMatch(/zon|isol|warmte|energie|duurza/i);
    // Never a title of another region: every suggestion is found in region A's catalogue.
    for (const s of withSuggestions.suggestions) {
      const lookup = (await api.get(`/catalogue/titles?q=${encodeURIComponent(s.title.slice(0, 60))}`, bram.token)).body.items;
      expect(lookup.map((t: { id: string }) => t.id)).toContain(s.titleId);
    }

    await startPrivateConversation();
    expectError(await api.get(`/conversations/${privateConversation}`, bea.token), 404);
    expectError(await api.get(`/conversations/${privateConversation}`, bram.token), 404);
    expect((await api.get(`/conversations/${privateConversation}`, anna.token)).status).toBe(200);
  });

  it('plans activities with capacity and an iCalendar feed', async () => {
    await communities();
    const activity = {
      title: 'Energiecafé: isoleren doe je zo', description: 'Praktische tips van buren.', mode: 'hybrid',
      startsAt: daysFromNow(9, 18, 30), endsAt: daysFromNow(9, 20, 30), location: 'Bibliotheek Tilburg Centrum, zaal 2',
      onlineUrl: 'https://meet.example.org/energiecafe', capacity: 1,
    };
    expectError(await api.post(`/communities/${publicCommunity}/activities`, activity, bram.token), 403);
    expectError(await api.post(`/communities/${publicCommunity}/activities`, { ...activity, endsAt: daysFromNow(9, 17) }, anna.token), 400);
    expectError(await api.post(`/communities/${publicCommunity}/activities`, { ...activity, mode: 'teleport' }, anna.token), 400);
    const created = await api.post(`/communities/${publicCommunity}/activities`, activity, anna.token);
    expect(created.status).toBe(201);

    const list = await api.get(`/communities/${publicCommunity}/activities`);
    expect(list.body.items).toEqual([expect.objectContaining({ id: created.body.id, title: activity.title, mode: 'hybrid', capacity: 1 })]);

    const ics = await fetch(`${platform.baseUrl}/api/v1/communities/${publicCommunity}/calendar.ics`);
    expect(ics.status).toBe(200);
    expect(ics.headers.get('content-type')).toMatch(/^text\/calendar/);
    const text = await ics.text();
    expect(text).toMatch(/TZID/);
    const vevents = new ICAL.Component(ICAL.parse(text)).getAllSubcomponents('vevent');
    expect(vevents.map((e) => e.getFirstPropertyValue('summary'))).toContain(activity.title);

    expect((await api.post(`/activities/${created.body.id}/rsvp`, {}, bram.token)).status).toBe(201);
    expect(await api.post(`/activities/${created.body.id}/rsvp`, {}, anna.token)).toMatchObject({ status: 201, body: { status: 'waitlisted', position: 1 } });
    expectError(await api.get(`/communities/${privateCommunity}/activities`, bea.token), 404);
  });

  it('finds what the caller may see, fed by domain events only', async () => {
    await Promise.all([startConversation(), startPrivateConversation()]);
    const hits = await eventually(async () => {
      const r = await api.get(`/search?q=${encodeURIComponent('zonnepaneel isoleren')}`, bram.token);
      return r.body.items?.some((h: { id: string }) => h.id === conversation) ? r.body.items : undefined;
    }, 15_000, 'conversation in search');
    expect(hits[0]).toEqual(expect.objectContaining({ type: expect.any(String), id: expect.any(String), title: expect.any(String), snippet: expect.any(String), communityId: expect.any(String) }));
    await eventually(async () => {
      const r = await api.get('/search?q=eenzaamheid', anna.token);
      return r.body.items?.some((h: { id: string }) => h.id === privateConversation) || undefined;
    }, 15_000, 'private conversation for its member');
    for (const outsider of [bea.token, bram.token, undefined]) {
      const r = await api.get('/search?q=eenzaamheid', outsider);
      expect(r.status).toBe(200);
      expect(r.body.items.map((h: { id: string }) => h.id)).not.toContain(privateConversation);
    }
    const leesclub = await api.get('/search?q=leesclub', anna.token);
    expect(leesclub.body.items.map((h: { id: string }) => h.id)).not.toContain(privateCommunityB);
    expectError(await api.get('/search?q='), 400);
  });

  it('applies a retried command once (Idempotency-Key)', async () => {
    await people();
    const key = `kc-${Date.now()}`;
    const body = { name: 'Samen moestuinieren', description: 'Groente uit de buurt.', visibility: 'public' };
    const first = await api.post('/communities', body, bram.token, { idempotencyKey: key });
    const retry = await api.post('/communities', body, bram.token, { idempotencyKey: key });
    expect(first.status).toBe(201);
    expect(retry.status).toBe(201);
    expect(retry.body.id).toBe(first.body.id);
    const mine = (await api.get('/communities?limit=100', bram.token)).body.items.filter((c: { name: string }) => c.name === body.name);
    expect(mine).toHaveLength(1);
  });

  afterEach(() => {
    expect(platform.crashes()).toEqual([]);
  });
});
