import { randomUUID } from 'node:crypto';
import {
  CommunityCalendar, CreateCommunity, DeleteContribution, GetCommunity, ListCommunities, ListRegions, Login, PostContribution, RefreshSession, SearchQuery, SetReaction, SuggestBrinkmanTerms, BRINKMAN_ATTRIBUTION, StartConversation, notFound, CompleteSsoSignIn, GetMe, StartSsoSignIn,
} from '@kc/contracts';
import { API_ROUTES } from './api-routes';
import { GatewayHarness } from './gateway-harness';

const json = (body: unknown) => ({ payload: JSON.stringify(body), headers: { 'content-type': 'application/json' } });
const ERROR_KEYS = ['code', 'error', 'message', 'statusCode'];

describe('gateway: REST edge over NATS request/reply (real NATS and Redis, stand-in services)', () => {
  let gw: GatewayHarness;

  beforeAll(async () => {
    gw = await GatewayHarness.start('gateway-api', { RPC_TIMEOUT_MS: '400', HEALTH_TIMEOUT_MS: '300', AUTH_RATE_LIMIT_MAX: '3' });
    await gw.services.answer(CreateCommunity, () => ({ id: randomUUID() }));
    await gw.services.answer(ListCommunities, () => ({ items: [], nextCursor: null }));
    await gw.services.answer(GetCommunity, () => {
      throw notFound('COMMUNITY_NOT_FOUND', 'Deze community bestaat niet.', 'This community does not exist.');
    });
    await gw.services.answer(StartConversation, () => ({ id: randomUUID() }));
    await gw.services.answer(PostContribution, () => ({ id: randomUUID() }));
    await gw.services.answer(SetReaction, () => ({}));
    await gw.services.answer(DeleteContribution, () => ({}));
    await gw.services.answer(CommunityCalendar, () => ({ ics: 'BEGIN:VCALENDAR\r\nVERSION:2.0\r\nEND:VCALENDAR\r\n' }));
    await gw.services.answer(Login, () => ({ accessToken: 'x', tokenType: 'Bearer', expiresIn: 900, refreshToken: 'r', refreshExpiresIn: 2_592_000 }));
  });
  afterAll(async () => {
    await gw?.close();
  });

  describe('edge validation', () => {
    it('rejects an unknown body field with 400 VALIDATION_FAILED in Dutch, and forwards nothing', async () => {
      const before = gw.services.callsTo(CreateCommunity).length;
      const res = await gw.inject({ method: 'POST', url: '/api/v1/communities', ...json({ name: 'Duurzaam wonen', visibility: 'public', hack: true }) });
      expect(res.statusCode).toBe(400);
      const body = res.json();
      expect(Object.keys(body).filter((k) => k !== 'details').sort()).toEqual(ERROR_KEYS);
      expect(body).toMatchObject({ statusCode: 400, error: 'Bad Request', code: 'VALIDATION_FAILED' });
      expect(body.message).toMatch(/^Ongeldige invoer/);
      expect(body.message).toContain('hack');
      expect(gw.services.callsTo(CreateCommunity)).toHaveLength(before);
    });

    it('answers in English when Accept-Language asks for it', async () => {
      const res = await gw.inject({
        method: 'POST', url: '/api/v1/communities', payload: JSON.stringify({ name: 'x', visibility: 'public' }),
        headers: { 'content-type': 'application/json', 'accept-language': 'en-GB,en;q=0.9,nl;q=0.5' },
      });
      expect(res.statusCode).toBe(400);
      expect(res.json().message).toMatch(/^Invalid input \(body\): name: Too small/);
    });

    it('rejects an unknown query parameter and a malformed path id', async () => {
      const query = await gw.inject({ method: 'GET', url: '/api/v1/communities?limit=5&sort=name' });
      expect(query.statusCode).toBe(400);
      expect(query.json().code).toBe('VALIDATION_FAILED');
      const path = await gw.inject({ method: 'GET', url: '/api/v1/communities/not-a-uuid' });
      expect(path.statusCode).toBe(400);
      expect(path.json().code).toBe('VALIDATION_FAILED');
    });

    it('refuses NUL and lone surrogates in body, query and path with 400, and forwards nothing', async () => {
      const before = gw.services.callsTo(CreateCommunity).length;
      const body = await gw.inject({ method: 'POST', url: '/api/v1/communities', ...json({ name: 'Fu\u0000zz', visibility: 'public' }) });
      expect(body.statusCode).toBe(400);
      expect(body.json()).toMatchObject({ code: 'VALIDATION_FAILED', message: expect.stringMatching(/name bevat een teken dat niet is toegestaan/) });
      const surrogate = await gw.inject({ method: 'POST', url: '/api/v1/communities', ...json({ name: 'Fuzzclub', description: 'noo\udc00it', visibility: 'public' }) });
      expect(surrogate.statusCode).toBe(400);
      expect(gw.services.callsTo(CreateCommunity)).toHaveLength(before);
      const query = await gw.inject({ method: 'GET', url: '/api/v1/communities?region=fu%00zz' });
      expect(query.statusCode).toBe(400);
      const path = await gw.inject({ method: 'GET', url: '/api/v1/communities/%00' });
      expect(path.statusCode).toBe(400);
    });

    it('answers router errors (bad %-encoding, over-long path parameter) in the error shape and language', async () => {
      const bad = await gw.inject({ method: 'GET', url: '/api/v1/communities/%zz' });
      expect(bad.statusCode).toBe(400);
      expect(bad.json()).toEqual({ statusCode: 400, error: 'Bad Request', code: 'INVALID_URL', message: expect.stringMatching(/adres/) });
      const english = await gw.inject({ method: 'GET', url: '/api/v1/communities/%C0%AF', headers: { 'accept-language': 'en' } });
      expect(english.json()).toMatchObject({ code: 'INVALID_URL', message: expect.stringMatching(/address/) });
      const long = await gw.inject({ method: 'GET', url: `/api/v1/communities/${'a'.repeat(200)}` });
      expect(long.statusCode).toBe(414);
      expect(long.json()).toMatchObject({ statusCode: 414, code: 'URI_TOO_LONG' });
    });

    it('maps malformed JSON to 400 INVALID_JSON', async () => {
      const res = await gw.inject({ method: 'POST', url: '/api/v1/communities', payload: '{"name": "x",', headers: { 'content-type': 'application/json' } });
      expect(res.statusCode).toBe(400);
      expect(res.json()).toEqual({ statusCode: 400, error: 'Bad Request', code: 'INVALID_JSON', message: 'De body is geen geldige JSON.' });
    });

    it('refuses prototype poisoning as invalid JSON', async () => {
      const res = await gw.inject({ method: 'POST', url: '/api/v1/communities', payload: '{"__proto__": {"x": 1}, "name": "abc", "visibility": "public"}', headers: { 'content-type': 'application/json' } });
      expect(res.statusCode).toBe(400);
      expect(res.json().code).toBe('INVALID_JSON');
    });

    it('maps a body over the JSON limit to 413 PAYLOAD_TOO_LARGE', async () => {
      const res = await gw.inject({ method: 'POST', url: '/api/v1/communities', ...json({ name: 'abc', visibility: 'public', description: 'x'.repeat(70 * 1024) }) });
      expect(res.statusCode).toBe(413);
      expect(res.json()).toMatchObject({ statusCode: 413, error: 'Payload Too Large', code: 'PAYLOAD_TOO_LARGE' });
    });

    it('maps an unsupported content type to 415, also for a catalogue type on a JSON route', async () => {
      const text = await gw.inject({ method: 'POST', url: '/api/v1/communities', payload: 'name=x', headers: { 'content-type': 'text/plain' } });
      expect(text.statusCode).toBe(415);
      expect(text.json()).toMatchObject({ statusCode: 415, code: 'UNSUPPORTED_MEDIA_TYPE' });
      const marc = await gw.inject({ method: 'POST', url: '/api/v1/communities', payload: '<record/>', headers: { 'content-type': 'application/marcxml+xml' } });
      expect(marc.statusCode).toBe(415);
      expect(marc.json().code).toBe('UNSUPPORTED_MEDIA_TYPE');
    });

    it('answers an unknown route with 404 ROUTE_NOT_FOUND in the error shape', async () => {
      const res = await gw.inject({ method: 'GET', url: '/api/v1/nope?x=1', headers: { 'accept-language': 'en' } });
      expect(res.statusCode).toBe(404);
      expect(res.json()).toEqual({ statusCode: 404, error: 'Not Found', code: 'ROUTE_NOT_FOUND', message: 'GET /api/v1/nope does not exist.' });
      expect(res.headers['x-correlation-id']).toBeTruthy();
    });
  });

  describe('forwarding', () => {
    it('forwards validated data with token, correlation id, idempotency key and language; echoes the correlation id', async () => {
      const accountId = randomUUID();
      const token = await gw.tokens.token({ accountId });
      const res = await gw.inject({
        method: 'POST', url: '/api/v1/communities',
        payload: JSON.stringify({ name: 'Nieuwe woonvormen', visibility: 'members' }),
        headers: { 'content-type': 'application/json', authorization: `Bearer ${token}`, 'x-correlation-id': 'corr-123', 'idempotency-key': 'key-abc', 'accept-language': 'en' },
      });
      expect(res.statusCode).toBe(201);
      expect(res.json().id).toEqual(expect.any(String));
      expect(res.headers['x-correlation-id']).toBe('corr-123');
      const call = gw.services.callsTo(CreateCommunity).at(-1)!;
      expect(call.meta).toEqual({ token, correlationId: 'corr-123', idempotencyKey: 'key-abc', lang: 'en' });
      expect(call.data).toEqual({ name: 'Nieuwe woonvormen', description: '', visibility: 'members', joinMode: 'open', onBehalfOfLibrary: false, scope: 'regional' });
    });

    it('creates a correlation id when the caller sends none', async () => {
      const res = await gw.inject({ method: 'GET', url: '/api/v1/communities?limit=5' });
      expect(res.statusCode).toBe(200);
      expect(res.json()).toEqual({ items: [], nextCursor: null });
      const id = res.headers['x-correlation-id'] as string;
      expect(id).toMatch(/^[0-9a-f-]{36}$/);
      const call = gw.services.callsTo(ListCommunities).at(-1)!;
      expect(call.meta).toEqual({ correlationId: id, lang: 'nl' });
      expect(call.data).toEqual({ limit: 5 });
    });

    it('merges the path id into the contract data', async () => {
      const communityId = randomUUID();
      const res = await gw.inject({ method: 'POST', url: `/api/v1/communities/${communityId}/conversations`, ...json({ title: 'Warmtepompen', body: 'Wie heeft ervaring?' }) });
      expect(res.statusCode).toBe(201);
      expect(gw.services.callsTo(StartConversation).at(-1)!.data).toEqual({ communityId, title: 'Warmtepompen', body: 'Wie heeft ervaring?' });
    });

    it('forwards contributions and reactions with the ids from the path, and refuses an unknown reaction kind at the edge', async () => {
      const conversationId = randomUUID();
      const parentId = randomUUID();
      const posted = await gw.inject({ method: 'POST', url: `/api/v1/conversations/${conversationId}/contributions`, ...json({ body: '**Ja**', parentId, mentions: [] }) });
      expect(posted.statusCode).toBe(201);
      expect(gw.services.callsTo(PostContribution).at(-1)!.data).toEqual({ conversationId, body: '**Ja**', parentId, mentions: [] });
      const contributionId = randomUUID();
      expect((await gw.inject({ method: 'PUT', url: `/api/v1/contributions/${contributionId}/reactions/nuttig` })).statusCode).toBe(204);
      expect(gw.services.callsTo(SetReaction).at(-1)!.data).toEqual({ contributionId, kind: 'nuttig', on: true });
      expect((await gw.inject({ method: 'DELETE', url: `/api/v1/contributions/${contributionId}/reactions/eens` })).statusCode).toBe(204);
      expect(gw.services.callsTo(SetReaction).at(-1)!.data).toEqual({ contributionId, kind: 'eens', on: false });
      expect((await gw.inject({ method: 'DELETE', url: `/api/v1/contributions/${contributionId}` })).statusCode).toBe(204);
      const calls = gw.services.callsTo(SetReaction).length;
      const badKind = await gw.inject({ method: 'PUT', url: `/api/v1/contributions/${contributionId}/reactions/leuk` });
      expect(badKind.statusCode).toBe(400);
      expect(badKind.json().message).toMatch(/nuttig, eens of inspirerend/);
      const tooLong = await gw.inject({ method: 'POST', url: `/api/v1/conversations/${conversationId}/contributions`, ...json({ body: 'x'.repeat(10_001) }) });
      expect(tooLong.statusCode).toBe(400);
      expect(gw.services.callsTo(SetReaction)).toHaveLength(calls);
    });

    it('passes a service error through in the caller’s language (Dutch by default)', async () => {
      const nl = await gw.inject({ method: 'GET', url: `/api/v1/communities/${randomUUID()}` });
      expect(nl.statusCode).toBe(404);
      expect(nl.json()).toEqual({ statusCode: 404, error: 'Not Found', code: 'COMMUNITY_NOT_FOUND', message: 'Deze community bestaat niet.' });
      const en = await gw.inject({ method: 'GET', url: `/api/v1/communities/${randomUUID()}`, headers: { 'accept-language': 'en-US' } });
      expect(en.json().message).toBe('This community does not exist.');
    });

    it('serves the calendar as text/calendar', async () => {
      const res = await gw.inject({ method: 'GET', url: `/api/v1/communities/${randomUUID()}/calendar.ics` });
      expect(res.statusCode).toBe(200);
      expect(res.headers['content-type']).toBe('text/calendar; charset=utf-8');
      expect(res.body).toContain('BEGIN:VCALENDAR');
    });

    it('answers 503 UPSTREAM_UNAVAILABLE when no service listens', async () => {
      const res = await gw.inject({ method: 'GET', url: '/api/v1/search?q=warmtepomp' });
      expect(res.statusCode).toBe(503);
      expect(res.json()).toMatchObject({ statusCode: 503, error: 'Service Unavailable', code: 'UPSTREAM_UNAVAILABLE' });
      expect(Object.keys(res.json()).sort()).toEqual(ERROR_KEYS);
    });

    it('answers 504 UPSTREAM_TIMEOUT when the service does not answer in time', async () => {
      await gw.services.answer(SearchQuery, () => new Promise((resolve) => setTimeout(() => resolve({ items: [] }), 1000)));
      const res = await gw.inject({ method: 'GET', url: '/api/v1/search?q=warmtepomp' });
      expect(res.statusCode).toBe(504);
      expect(res.json()).toMatchObject({ statusCode: 504, error: 'Gateway Timeout', code: 'UPSTREAM_TIMEOUT' });
      expect(res.json().message).toMatch(/search/);
    });

    it('splits a comma-separated array query parameter', async () => {
      await gw.services.answer(SearchQuery, () => ({ items: [] }));
      const res = await gw.inject({ method: 'GET', url: '/api/v1/search?q=warmtepomp&types=community,activity' });
      expect(res.statusCode).toBe(200);
      expect(gw.services.callsTo(SearchQuery).at(-1)!.data).toEqual({ q: 'warmtepomp', types: ['community', 'activity'], limit: 20 });
    });
  });

  describe('Brinkman thesaurus (ADR 0041)', () => {
    it('forwards what is typed, trimmed and with the default limit, without a token; refuses an empty or over-long q and a limit over 20 in Dutch', async () => {
      await gw.services.answer(SuggestBrinkmanTerms, () => ({ items: [{ uri: 'http://data.bibliotheken.nl/id/thes/p075652617', label: 'eenzaamheid' }], attribution: BRINKMAN_ATTRIBUTION }));
      const res = await gw.inject({ method: 'GET', url: `/api/v1/thesaurus/brinkman?q=${encodeURIComponent('  Eenzaam ')}` });
      expect(res.statusCode).toBe(200);
      expect(res.headers['cache-control']).toBe('public, max-age=3600');
      expect(res.json()).toEqual({ items: [{ uri: 'http://data.bibliotheken.nl/id/thes/p075652617', label: 'eenzaamheid' }], attribution: BRINKMAN_ATTRIBUTION });
      const call = gw.services.callsTo(SuggestBrinkmanTerms).at(-1)!;
      expect({ data: call.data, token: call.meta.token }).toEqual({ data: { q: 'Eenzaam', limit: 10 }, token: undefined });
      const before = gw.services.callsTo(SuggestBrinkmanTerms).length;
      for (const [query, message] of [['q=', /^Ongeldige invoer \(queryparameters\): q: geef 1 tot 100 tekens op/], [`q=${'x'.repeat(101)}`, /q: geef 1 tot 100 tekens op/], ['', /q: geef 1 tot 100 tekens op/], ['q=duurz&limit=21', /limit: een heel getal van 1 tot 20/], ['q=duurz&taal=nl', /taal/]] as const) {
        const refused = await gw.inject({ method: 'GET', url: `/api/v1/thesaurus/brinkman?${query}` });
        expect({ query, status: refused.statusCode, code: refused.json().code }).toEqual({ query, status: 400, code: 'VALIDATION_FAILED' });
        expect(refused.json().message).toMatch(message);
        expect(refused.headers['cache-control']).toBeUndefined();
      }
      expect(gw.services.callsTo(SuggestBrinkmanTerms)).toHaveLength(before);
    });

    it('words the refusal of an empty q in the caller’s language: the field’s own message too', async () => {
      const ask = (language: string) => gw.inject({ method: 'GET', url: '/api/v1/thesaurus/brinkman?q=', headers: { 'accept-language': language } });
      const [en, nl] = [await ask('en'), await ask('nl-NL,nl;q=0.9')];
      for (const res of [en, nl]) {
        expect(res.statusCode).toBe(400);
        expect(Object.keys(res.json()).filter((k) => k !== 'details').sort()).toEqual(ERROR_KEYS);
      }
      expect(en.json()).toMatchObject({ statusCode: 400, error: 'Bad Request', code: 'VALIDATION_FAILED', message: 'Invalid input (query parameters): q: give 1 to 100 characters (what you typed so far)' });
      expect(nl.json()).toMatchObject({ statusCode: 400, error: 'Bad Request', code: 'VALIDATION_FAILED', message: 'Ongeldige invoer (queryparameters): q: geef 1 tot 100 tekens op (wat je tot nu toe typte)' });
    });
  });

  describe('authentication', () => {
    it('answers 401 for a malformed or invalid bearer before forwarding', async () => {
      const before = gw.services.callsTo(CreateCommunity).length;
      for (const authorization of ['Basic abc', 'Bearer not.a.jwt', `Bearer ${await gw.tokens.token({}, -10)}`]) {
        const res = await gw.inject({ method: 'POST', url: '/api/v1/communities', payload: JSON.stringify({ name: 'abc', visibility: 'public' }), headers: { 'content-type': 'application/json', authorization } });
        expect(res.statusCode).toBe(401);
        expect(res.json()).toMatchObject({ statusCode: 401, error: 'Unauthorized', code: 'INVALID_TOKEN' });
      }
      expect(gw.services.callsTo(CreateCommunity)).toHaveLength(before);
    });
  });

  describe('rate limiting', () => {
    it('answers 429 RATE_LIMITED after the login limit', async () => {
      const login = () => gw.inject({ method: 'POST', url: '/api/v1/auth/login', ...json({ email: 'a@example.nl', password: 'geheim' }), remoteAddress: '10.9.8.7' } as never);
      for (let i = 0; i < 3; i++) expect((await login()).statusCode).toBe(200);
      const limited = await login();
      expect(limited.statusCode).toBe(429);
      expect(limited.json()).toMatchObject({ statusCode: 429, error: 'Too Many Requests', code: 'RATE_LIMITED' });
      expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0);
      // another client is not affected
      const other = await gw.inject({ method: 'POST', url: '/api/v1/auth/login', ...json({ email: 'a@example.nl', password: 'geheim' }), remoteAddress: '10.9.8.8' } as never);
      expect(other.statusCode).toBe(200);
    });

    it('limits refreshing a session like log-in, and passes the device to identity, never the whole User-Agent', async () => {
      await gw.services.answer(RefreshSession, () => ({ accessToken: 'y', tokenType: 'Bearer', expiresIn: 900, refreshToken: 'r2', refreshExpiresIn: 60 }));
      const refresh = () => gw.inject({ method: 'POST', url: '/api/v1/auth/refresh', ...json({ refreshToken: 'r' }), remoteAddress: '10.9.8.9' } as never);
      for (let i = 0; i < 3; i++) expect((await refresh()).statusCode).toBe(200);
      expect((await refresh()).statusCode).toBe(429);
      const userAgent = 'Mozilla/5.0 (X11; Linux x86_64; rv:133.0) Gecko/20100101 Firefox/133.0';
      const login = await gw.inject({ method: 'POST', url: '/api/v1/auth/login', payload: JSON.stringify({ email: 'b@example.nl', password: 'geheim' }), headers: { 'content-type': 'application/json', 'user-agent': userAgent }, remoteAddress: '10.9.8.10' } as never);
      expect(login.statusCode).toBe(200);
      expect(gw.services.callsTo(Login).at(-1)?.data).toEqual({ email: 'b@example.nl', password: 'geheim', device: 'Firefox op Linux' });
      const withDevice = await gw.inject({ method: 'POST', url: '/api/v1/auth/login', ...json({ email: 'b@example.nl', password: 'geheim', device: 'Zelfgekozen' }), remoteAddress: '10.9.8.11' } as never);
      expect(withDevice.statusCode).toBe(400);
    });
  });

  describe('web sign-in with the library’s identity provider (ADR 0040)', () => {
    const flow = { region: 'midden-brabant', state: 'state-0123456789abcdef', nonce: 'nonce-0123456789abcdef', codeVerifier: 'v'.repeat(43) };
    let address = 20;
    const from = () => `10.9.7.${address++}`;
    const start = async () => {
      const response = await gw.inject({ method: 'GET', url: '/inloggen/bibliotheek/midden-brabant', remoteAddress: from() } as never);
      const cookies = [response.headers['set-cookie'] ?? []].flat().map(String);
      const cookie = cookies.find((c) => c.startsWith('kc_bibliotheek_login='))?.split(';')[0];
      return { response, cookie };
    };
    const callback = (query: string, cookie?: string) =>
      gw.inject({ method: 'GET', url: `/inloggen/sso/callback?${query}`, headers: cookie ? { cookie } : {}, remoteAddress: from() } as never);

    beforeAll(async () => {
      await gw.services.answer(StartSsoSignIn, () => ({ authorizationUrl: 'https://idp.example.org/auth?client_id=kc', flow }));
      await gw.services.answer(CompleteSsoSignIn, () => ({ accessToken: 'sso', tokenType: 'Bearer', expiresIn: 900, refreshToken: 'r-sso', refreshExpiresIn: 3600, consentRequired: false }));
      await gw.services.answer(GetMe, () => ({
        id: randomUUID(), email: 'sanne@example.nl', displayName: 'Sanne', region: { id: randomUUID(), slug: 'midden-brabant', name: 'Midden-Brabant', status: 'active' },
        roles: [], isOperator: false, createdAt: new Date().toISOString(), emailVerified: true, termsVersion: null, consentRequired: false,
      }));
    });

    it('sends the browser to the provider with the flow kept here, and signs in on the callback of that browser, once', async () => {
      const { response, cookie } = await start();
      expect([response.statusCode, response.headers.location]).toEqual([303, 'https://idp.example.org/auth?client_id=kc']);
      expect(cookie).toBeDefined();
      expect(String(response.headers['set-cookie'])).toMatch(/kc_bibliotheek_login=[\w-]{43}; Max-Age=600; Path=\/; HttpOnly; SameSite=Lax/);
      const back = await callback(`code=abc&state=${flow.state}&iss=https%3A%2F%2Fidp.example.org`, cookie);
      expect([back.statusCode, back.headers.location]).toEqual([303, expect.stringContaining('/regio/midden-brabant')]);
      expect(String(back.headers['set-cookie'])).toContain('kc_sessie=');
      expect(gw.services.callsTo(CompleteSsoSignIn).at(-1)?.data).toEqual({ flow, callbackQuery: `code=abc&state=${flow.state}&iss=https%3A%2F%2Fidp.example.org`, device: 'Onbekend apparaat' });
      // The flow works once.
      expect((await callback(`code=abc&state=${flow.state}`, cookie)).statusCode).toBe(400);
    });

    it('refuses a callback without the browser’s flow, or with another state, and asks identity nothing', async () => {
      const calls = gw.services.callsTo(CompleteSsoSignIn).length;
      expect((await callback(`code=abc&state=${flow.state}`)).statusCode).toBe(400);
      const { cookie } = await start();
      const wrongState = await callback('code=abc&state=een-andere-state', cookie);
      expect(wrongState.statusCode).toBe(400);
      expect(wrongState.body).toContain('Dit inloggen via je bibliotheek is verlopen');
      expect(gw.services.callsTo(CompleteSsoSignIn)).toHaveLength(calls);
    });
  });

  describe('health', () => {
    const all = ['identity', 'communities', 'events', 'catalogue', 'search'].map((s) => `${s}.health`).concat('catalogue-worker.health');
    const healthy = (service: string) => () => ({ service, status: 'ok', checks: { database: { status: 'up' } } });

    it('is 503 with per-service status while a service is missing, 200 once all answer', async () => {
      for (const pattern of all.filter((p) => p !== 'catalogue-worker.health')) await gw.services.answer(pattern, healthy(pattern));
      const missing = await gw.inject({ method: 'GET', url: '/health' });
      expect(missing.statusCode).toBe(503);
      expect(missing.json()).toMatchObject({
        status: 'error',
        services: { identity: { status: 'up' }, search: { status: 'up' }, 'catalogue-worker': { status: 'down', error: 'UPSTREAM_UNAVAILABLE' } },
        gateway: { nats: { status: 'up' }, redis: { status: 'up' } },
      });
      await gw.services.answer('catalogue-worker.health', healthy('catalogue-worker'));
      const ok = await gw.inject({ method: 'GET', url: '/health' });
      expect(ok.statusCode).toBe(200);
      expect(ok.json().status).toBe('ok');
      await gw.services.answer('events.health', () => ({ service: 'events', status: 'error', checks: { database: { status: 'down', error: 'gone' } } }));
      const unhealthy = await gw.inject({ method: 'GET', url: '/health' });
      expect(unhealthy.statusCode).toBe(503);
      expect(unhealthy.json().services.events).toMatchObject({ status: 'down', error: 'unhealthy' });
    });
  });

  describe('documents and pages', () => {
    it('publishes an OpenAPI document that lists every route with its schemas', async () => {
      const res = await gw.inject({ method: 'GET', url: '/api/docs-json' });
      expect(res.statusCode).toBe(200);
      const doc = res.json();
      const routes = Object.entries(doc.paths as Record<string, Record<string, unknown>>).flatMap(([path, ops]) =>
        Object.keys(ops).map((method) => `${method.toUpperCase()} ${path}`),
      );
      expect(routes.sort()).toEqual([...API_ROUTES].sort());
      const create = doc.paths['/api/v1/communities'].post;
      expect(create.requestBody.content['application/json'].schema).toMatchObject({ type: 'object', additionalProperties: false, required: ['name', 'visibility'] });
      expect(create.responses['201'].content['application/json'].schema.properties.id).toBeDefined();
      expect(create.summary).toMatch(/^Start een community/);
      const list = doc.paths['/api/v1/communities'].get;
      expect(list.responses['200'].content['application/json'].schema.properties).toHaveProperty('nextCursor');
      expect(list.parameters.map((p: { name: string }) => p.name).sort()).toEqual(['cursor', 'limit', 'region', 'scope']);
      expect(Object.keys(doc.paths['/api/v1/catalogue/imports'].post.requestBody.content)).toContain('application/marcxml+xml');
      const calendar = doc.paths['/api/v1/communities/{id}/calendar.ics'].get.responses;
      expect(Object.keys(calendar['200'].content)).toEqual(['text/calendar']);
      expect(Object.keys(calendar.default.content)).toEqual(['application/json']);
      const media = doc.paths['/api/v1/conversations/{id}/media'].post;
      expect(media.requestBody.content['application/json'].schema).toMatchObject({ type: 'object', additionalProperties: false, required: ['url'] });
      expect(media.summary).toMatch(/MEDIA_URL_NOT_ALLOWED/);
      expect(doc.paths['/api/v1/media/{id}'].patch.requestBody.content['application/json'].schema.properties.kind.enum).toEqual(['video', 'article', 'website', 'podcast']);
      const addItem = doc.paths['/api/v1/collections/{id}/items'].post;
      expect(addItem.requestBody.content['application/json'].schema).toMatchObject({ type: 'object', additionalProperties: false, required: ['type'] });
      expect(addItem.requestBody.content['application/json'].schema.properties.type.enum).toEqual(['title', 'media', 'conversation', 'activity', 'link']);
      expect(doc.paths['/api/v1/collections/{id}'].get.responses['200'].content['application/json'].schema.properties.items).toBeDefined();
      expect(doc.paths['/api/v1/collections/{id}/items/{itemId}'].delete.responses['204']).toBeDefined();
      const ui = await gw.inject({ method: 'GET', url: '/api/docs' });
      expect(ui.statusCode).toBe(200);
      expect(ui.headers['content-type']).toMatch(/text\/html/);
    });

    it('sends helmet’s security headers on API answers, without forcing https sub-resources', async () => {
      const res = await gw.inject({ method: 'GET', url: '/health' });
      expect(res.headers['x-content-type-options']).toBe('nosniff');
      expect(res.headers['x-frame-options']).toBe('SAMEORIGIN');
      expect(res.headers['strict-transport-security']).toMatch(/^max-age=\d+; includeSubDomains$/);
      expect(res.headers['content-security-policy']).toContain("default-src 'self'");
      expect(res.headers['content-security-policy']).not.toContain('upgrade-insecure-requests');
    });

    it('serves the Dutch home page with its own strict CSP and only the functional form cookie', async () => {
      await gw.services.answer(ListRegions, () => ({ items: [{ id: randomUUID(), slug: 'midden-brabant', name: 'Midden-Brabant', status: 'active' }] }));
      const res = await gw.inject({ method: 'GET', url: '/' });
      expect(res.statusCode).toBe(200);
      expect(res.headers['content-type']).toBe('text/html; charset=utf-8');
      expect(res.body).toContain('<html lang="nl">');
      expect(res.body).toMatch(/<title>[^<]+ – KennisCloud<\/title>/);
      expect(res.body).toContain('href="/regio/midden-brabant"');
      expect(res.body).toContain('href="/api/docs"');
      expect(res.body).not.toMatch(/(src|href)="(https?:)?\/\//);
      expect(res.headers['content-security-policy']).toContain("default-src 'self'");
      expect(res.headers['content-security-policy']).toContain("style-src 'self';");
      expect(res.headers['x-content-type-options']).toBe('nosniff');
      expect(res.headers['cache-control']).toBe('no-store');
      const cookie = String(res.headers['set-cookie']);
      expect(cookie).toMatch(/^kc_formulier=[^;]+; Max-Age=\d+; Path=\/; HttpOnly; SameSite=Lax$/);
    });
  });
});
