import { startPlatform, TestScope, type Platform } from '@kc/testing';
import { ApiClient, eventually } from './support/api-client';

type Person = Awaited<ReturnType<ApiClient['resident']>>;

/**
 * Identity, tenancy and privacy through the gateway, on the whole platform: the audit log of
 * security-relevant actions (who, what, when, why, where; never a password or token) and who
 * may read it; sessions that end everywhere within a second.
 */
describe('identity: audit log through the gateway', () => {
  const scope = new TestScope('identity-e2e');
  const REGION = 'veluwe';
  const OTHER = 'achterhoek';
  let platform: Platform;
  let api: ApiClient;
  let operator: string;
  let admin: Person, member: Person, otherAdmin: Person;

  beforeAll(async () => {
    platform = await startPlatform(scope);
    api = new ApiClient(platform.baseUrl);
    operator = await api.login(platform.operator.email, platform.operator.password);
    expect((await api.post('/regions', { slug: REGION, name: 'Veluwe' }, operator)).status).toBe(201);
    expect((await api.post('/regions', { slug: OTHER, name: 'Achterhoek' }, operator)).status).toBe(201);
    [admin, member, otherAdmin] = await Promise.all([api.resident(REGION, 'Vera Beheer'), api.resident(REGION, 'Mo Lid'), api.resident(OTHER, 'Ab Beheer')]);
    expect((await api.post(`/regions/${REGION}/staff`, { accountId: admin.id, role: 'library_admin', reason: 'Hoofd collectie' }, operator)).status).toBe(201);
    expect((await api.post(`/regions/${OTHER}/staff`, { accountId: otherAdmin.id, role: 'library_admin' }, operator)).status).toBe(201);
  });
  afterAll(async () => {
    await platform?.stop();
    await scope.dispose();
  });

  it('records roles, blocks, the licence and a lockout, and shows them to the region’s administrator newest first', async () => {
    // The administrator's new role reaches the gateway and identity through the access directory.
    await eventually(async () => (await api.post(`/regions/${REGION}/staff`, { email: member.email, role: 'community_librarian', reason: 'Leesclub' }, admin.token)).status === 201 || undefined, 5000, 'the grant by the new administrator');
    expect((await api.request('DELETE', `/regions/${REGION}/staff/${member.id}/community_librarian?reason=${encodeURIComponent('Leesclub gestopt')}`, { token: admin.token })).status).toBe(204);
    expect((await api.post(`/accounts/${member.id}/block`, { reason: 'Spam' }, operator)).status).toBe(200);
    expect((await api.post(`/accounts/${member.id}/unblock`, {}, operator)).status).toBe(200);
    expect((await api.put(`/regions/${REGION}/licence`, { status: 'suspended', note: 'Contract loopt af' }, operator)).status).toBe(200);
    expect((await api.put(`/regions/${REGION}/licence`, { status: 'active', note: 'Verlengd' }, operator)).status).toBe(200);
    const guess = 'Geraden-Wachtwoord-99';
    for (let i = 0; i < 5; i++) expect((await api.post('/auth/login', { email: member.email, password: guess })).status).toBe(401);
    expect((await api.post('/auth/login', { email: member.email, password: member.password })).status).toBe(429);

    const log = await api.get(`/regions/${REGION}/audit?limit=20`, admin.token);
    expect(log.status).toBe(200);
    expect(log.body.items.map((e: { action: string }) => e.action)).toEqual([
      'sign-in.locked', 'region.licence-changed', 'region.licence-changed', 'account.unblocked', 'account.blocked', 'staff-role.revoked', 'staff-role.granted', 'staff-role.granted',
    ]);
    const [locked, reinstated, , , blocked, revoked, granted, first] = log.body.items;
    expect(locked).toMatchObject({ actor: null, target: { id: member.id, displayName: 'Mo Lid' }, region: { slug: REGION }, details: { failures: 5, knownAccount: true } });
    expect(reinstated).toMatchObject({ actor: { displayName: expect.any(String) }, target: { type: 'region', displayName: 'Veluwe' }, reason: 'Verlengd', details: { status: 'active' } });
    expect(blocked).toMatchObject({ reason: 'Spam', target: { id: member.id } });
    expect(revoked).toMatchObject({ actor: { id: admin.id, displayName: 'Vera Beheer' }, reason: 'Leesclub gestopt', details: { role: 'community_librarian' } });
    expect(granted).toMatchObject({ actor: { id: admin.id }, reason: 'Leesclub' });
    expect(first).toMatchObject({ target: { id: admin.id }, reason: 'Hoofd collectie', details: { role: 'library_admin' } });
    for (const secret of [guess, member.password, member.email, admin.token, operator]) expect(log.text).not.toContain(secret);

    // Page by page, the same entries.
    const first3 = await api.get(`/regions/${REGION}/audit?limit=3`, admin.token);
    const next = await api.get(`/regions/${REGION}/audit?limit=20&cursor=${encodeURIComponent(first3.body.nextCursor)}`, admin.token);
    expect([...first3.body.items, ...next.body.items].map((e: { id: string }) => e.id)).toEqual(log.body.items.map((e: { id: string }) => e.id));
    expect(next.body.nextCursor).toBeNull();
  });

  it('shows the operator the whole platform, and one region on request', async () => {
    const all = await api.get('/operator/audit?limit=100', operator);
    expect(all.status).toBe(200);
    const regions = new Set(all.body.items.map((e: { region: { slug: string } | null }) => e.region?.slug));
    // Both regions of this file's setup; the other cases add entries of regions of their own.
    expect([...regions]).toEqual(expect.arrayContaining([REGION, OTHER]));
    const other = await api.get(`/operator/audit?region=${OTHER}`, operator);
    expect(other.body.items.map((e: { action: string; region: { slug: string } }) => [e.action, e.region.slug])).toEqual([['staff-role.granted', OTHER]]);
  });

  it('refuses everyone else, in Dutch and English, and bad input with a 400', async () => {
    const otherRegion = await api.get(`/regions/${REGION}/audit`, otherAdmin.token);
    expect(otherRegion.status).toBe(403);
    expect(otherRegion.body).toMatchObject({ code: 'AUDIT_FORBIDDEN', message: expect.stringMatching(/bibliotheekbeheerder/) });
    const english = await api.get(`/regions/${REGION}/audit`, member.token, 'en');
    expect(english.body).toMatchObject({ statusCode: 403, code: 'AUDIT_FORBIDDEN', message: expect.stringMatching(/library administrator/) });
    expect((await api.get(`/regions/${REGION}/audit`)).status).toBe(401);
    expect((await api.get('/operator/audit', admin.token)).body).toMatchObject({ statusCode: 403, code: 'OPERATOR_ONLY' });

    for (const query of ['limit=0', 'limit=101', 'limit=veel', 'wie=iedereen', `cursor=${'x'.repeat(201)}`]) {
      const res = await api.get(`/regions/${REGION}/audit?${query}`, admin.token);
      expect({ query, status: res.status, code: res.body.code }).toEqual({ query, status: 400, code: 'VALIDATION_FAILED' });
    }
    const cursor = await api.get(`/regions/${REGION}/audit?cursor=bm9vaXQ`, admin.token, 'en');
    expect(cursor.body).toMatchObject({ statusCode: 400, code: 'INVALID_CURSOR', message: expect.stringMatching(/page cursor/) });
    expect((await api.get('/regions/Veluwe!/audit', admin.token)).status).toBe(400);
    const tooLong = await api.post(`/accounts/${member.id}/block`, { reason: 'x'.repeat(501) }, operator);
    expect(tooLong).toMatchObject({ status: 400, body: { code: 'VALIDATION_FAILED' } });
    expect((await api.get(`/operator/audit?region=${REGION}&limit=1`, operator)).body.items[0].action).not.toBe('account.blocked');
  });

  it('reports usage per region to the operator only: what every service holds, counted by that service', async () => {
    const slug = 'flevoland-gebruik';
    expect((await api.post('/regions', { slug, name: 'Flevoland' }, operator)).status).toBe(201);
    const rowOf = async () => ((await api.get('/operator/usage', operator)).body.items as Array<Record<string, any>>).find((r) => r.slug === slug)!;
    expect(await rowOf()).toMatchObject({ name: 'Flevoland', status: 'active', accounts: 0, activeLast30Days: 0, communities: 0, titles: 0, storageBytes: { total: 0 } });

    const [anna, bram] = [await api.resident(slug, 'Anna Flevo'), await api.resident(slug, 'Bram Flevo')];
    const communityId = (await api.post('/communities', { name: 'Tuinclub Almere', visibility: 'public' }, anna.token)).body.id;
    expect((await api.post(`/communities/${communityId}/members`, {}, bram.token)).status).toBe(201);
    const conversationId = (await api.post(`/communities/${communityId}/conversations`, { title: 'Moestuin op klei', body: 'Wat groeit er goed?' }, anna.token)).body.id;
    await api.post(`/communities/${communityId}/conversations`, { title: 'Compost', body: 'Hoe begin je?' }, bram.token);
    expect((await api.post(`/conversations/${conversationId}/contributions`, { body: 'Bonen!' }, bram.token)).status).toBe(201);
    const day = 24 * 3_600_000;
    const activity = await api.post(`/communities/${communityId}/activities`, {
      title: 'Zaaidag', mode: 'online', onlineUrl: 'https://meet.example.org/zaai', startsAt: new Date(Date.now() + 7 * day).toISOString(), endsAt: new Date(Date.now() + 7 * day + 3_600_000).toISOString(),
    }, anna.token);
    expect((await api.post(`/activities/${activity.body.id}/rsvp`, {}, bram.token)).status).toBe(201);

    const row = await rowOf();
    expect(row).toMatchObject({
      accounts: 2, activeLast30Days: 2, communities: 1, members: 2, conversations: 2, contributions: 1, activities: 1, signUps: 1, titles: 0,
    });
    expect(row.storageBytes.identity).toBeGreaterThan(0);
    expect(row.storageBytes.communities).toBeGreaterThan(0);
    expect(row.storageBytes.events).toBeGreaterThan(0);
    expect(row.storageBytes.total).toBe(row.storageBytes.identity + row.storageBytes.communities + row.storageBytes.events + row.storageBytes.catalogue);
    // The other regions keep their own figures.
    expect(((await api.get('/operator/usage', operator)).body.items as Array<{ slug: string; communities: number }>).find((r) => r.slug === REGION)!.communities).toBe(0);

    for (const token of [anna.token, admin.token]) {
      const refused = await api.get('/operator/usage', token);
      expect({ status: refused.status, code: refused.body.code }).toEqual({ status: 403, code: 'OPERATOR_ONLY' });
      expect(refused.body.message).toBe('Alleen de landelijke beheerder mag dit.');
    }
    expect((await api.get('/operator/usage')).status).toBe(401);
  });

  it('exports everything every service holds about a person, to that person only, within a minute', async () => {
    const slug = 'export-regio';
    expect((await api.post('/regions', { slug, name: 'Exportland' }, operator)).status).toBe(201);
    const [sanne, tom] = [await api.resident(slug, 'Sanne Export'), await api.resident(slug, 'Tom Ander')];
    expect((await api.request('PATCH', '/me/profile', { body: { bio: 'Ik weet veel van bijen.', expertise: ['bijen'] }, token: sanne.token })).status).toBe(200);
    const communityId = (await api.post('/communities', { name: 'Imkers', visibility: 'public' }, sanne.token)).body.id;
    expect((await api.post(`/communities/${communityId}/members`, {}, tom.token)).status).toBe(201);
    const conversationId = (await api.post(`/communities/${communityId}/conversations`, { title: 'Varroa bestrijden', body: 'Mierenzuur of oxaalzuur?' }, sanne.token)).body.id;
    const tomsWords = (await api.post(`/conversations/${conversationId}/contributions`, { body: 'Oxaalzuur in de winter, zegt Tom.' }, tom.token)).body.id;
    const mine = (await api.post(`/conversations/${conversationId}/contributions`, { body: 'Dank je, ik probeer het.', parentId: tomsWords }, sanne.token)).body.id;
    expect((await api.request('PUT', `/contributions/${tomsWords}/reactions/nuttig`, { token: sanne.token })).status).toBe(204);
    const day = 24 * 3_600_000;
    const activity = (await api.post(`/communities/${communityId}/activities`, {
      title: 'Kijken in de kast', mode: 'online', onlineUrl: 'https://meet.example.org/bijen', startsAt: new Date(Date.now() + 5 * day).toISOString(), endsAt: new Date(Date.now() + 5 * day + 3_600_000).toISOString(),
    }, sanne.token)).body.id;
    expect((await api.post(`/activities/${activity}/rsvp`, {}, sanne.token)).status).toBe(201);
    expect((await api.get('/me/calendar-feed', sanne.token)).status).toBe(200);

    const asked = await api.post('/me/export', {}, sanne.token);
    expect(asked.status).toBe(202);
    const ready = await eventually(async () => {
      const res = await api.get(`/me/export/${asked.body.id}`, sanne.token);
      return res.body.status === 'ready' && res.body;
    }, 60_000, 'the data export');
    const parts = Object.fromEntries((ready.document.parts as Array<{ service: string; sections: Record<string, Array<Record<string, unknown>>>; note?: string }>).map((p) => [p.service, p]));
    expect(Object.keys(parts)).toEqual(['identity', 'communities', 'events', 'catalogue', 'search']);
    expect(parts.identity!.sections.account).toEqual([expect.objectContaining({ id: sanne.id, display_name: 'Sanne Export', email: sanne.email })]);
    expect(parts.identity!.sections.profile![0]).toMatchObject({ bio: 'Ik weet veel van bijen.', expertise: ['bijen'] });
    expect(parts.communities!.sections.conversations!.map((c) => c.title)).toEqual(['Varroa bestrijden']);
    expect(parts.communities!.sections.contributions!.map((c) => c.id)).toEqual([mine]);
    expect(parts.communities!.sections.reactions).toEqual([expect.objectContaining({ contribution_id: tomsWords, kind: 'nuttig' })]);
    expect(parts.communities!.sections.memberships).toEqual([expect.objectContaining({ community_id: communityId, role: 'organiser' })]);
    expect(parts.events!.sections.signUps).toEqual([expect.objectContaining({ activity_id: activity, status: 'going' })]);
    expect(parts.events!.sections.calendarFeed).toHaveLength(1);
    expect(parts.catalogue!.note).toMatch(/niets op naam/);
    // Never a secret, and nothing of anyone else's.
    const text = JSON.stringify(ready.document);
    expect(text).not.toMatch(/password_hash|argon2|"token"/);
    expect(text).not.toContain('Oxaalzuur in de winter');
    expect(text).not.toContain('Tom Ander');

    for (const [token, status] of [[tom.token, 404], [operator, 404]] as const) expect((await api.get(`/me/export/${asked.body.id}`, token)).status).toBe(status);
    expect((await api.get(`/me/export/${asked.body.id}`)).status).toBe(401);
    expect((await api.get('/me/export/geen-id', sanne.token)).status).toBe(400);
    expect((await api.get('/me/export', sanne.token)).body.items).toEqual([expect.objectContaining({ id: asked.body.id, status: 'ready' })]);
  });
  it('rotates refresh tokens, and ends a session in every service within a second (logout, reuse, logout-all, password change)', async () => {
    const slug = 'sessie-regio';
    expect((await api.post('/regions', { slug, name: 'Sessieland' }, operator)).status).toBe(201);
    const kim = await api.resident(slug, 'Kim Sessie');
    const communityId = (await api.post('/communities', { name: 'Sessieclub', visibility: 'public' }, kim.token)).body.id;
    const signIn = async () => {
      const pair = await api.signIn(kim.email, kim.password);
      expect(pair).toMatchObject({ expiresIn: 900, refreshToken: expect.any(String), refreshExpiresIn: 30 * 86400 });
      return pair;
    };
    /** Milliseconds from now until communities and events both refuse the token as signed out. */
    const refusedEverywhereWithin = async (token: string, started: number) => {
      await eventually(async () => {
        const [communities, events] = await Promise.all([api.get(`/communities/${communityId}`, token), api.get('/me/activities', token)]);
        return [communities, events].every((res) => res.status === 401 && res.body.code === 'SESSION_ENDED') || undefined;
      }, 5000, 'the ended session refused by communities and events');
      return Date.now() - started;
    };

    const laptop = await signIn();
    const renewed = await api.post('/auth/refresh', { refreshToken: laptop.refreshToken });
    expect(renewed.status).toBe(200);
    expect((await api.get(`/communities/${communityId}`, renewed.body.accessToken)).status).toBe(200);
    const listed = await api.get('/me/sessions', renewed.body.accessToken);
    expect(listed.body.items).toHaveLength(2);
    expect(listed.body.items.filter((s: { current: boolean }) => s.current)).toHaveLength(1);
    expect(listed.text).not.toContain(laptop.refreshToken);

    // Logout: this session's access tokens are refused everywhere; the other session goes on.
    let started = Date.now();
    expect((await api.post('/auth/logout', {}, renewed.body.accessToken)).status).toBe(204);
    expect(await refusedEverywhereWithin(renewed.body.accessToken, started)).toBeLessThan(1000);
    expect((await api.post('/auth/refresh', { refreshToken: renewed.body.refreshToken })).body.code).toBe('REFRESH_TOKEN_INVALID');
    expect((await api.get('/me/activities', kim.token)).status).toBe(200);

    // A refresh token that comes back ends its whole family.
    const phone = await signIn();
    const next = await api.post('/auth/refresh', { refreshToken: phone.refreshToken });
    started = Date.now();
    const reused = await api.post('/auth/refresh', { refreshToken: phone.refreshToken });
    expect(reused).toMatchObject({ status: 401, body: { code: 'REFRESH_TOKEN_REUSED', message: expect.stringMatching(/opnieuw werd gebruikt/) } });
    expect(await refusedEverywhereWithin(next.body.accessToken, started)).toBeLessThan(1000);

    // A password change ends the others; logout-all ends the rest.
    const tablet = await signIn();
    expect((await api.put('/me/password', { currentPassword: 'niet-het-wachtwoord', newPassword: 'Een-nieuw-wachtwoord-1' }, tablet.accessToken)).status).toBe(403);
    expect((await api.put('/me/password', { currentPassword: kim.password, newPassword: 'kort' }, tablet.accessToken)).body.code).toBe('VALIDATION_FAILED');
    // The second counts from the change's answer: the request itself verifies and hashes a password (argon2, two 19 MiB passes).
    expect((await api.put('/me/password', { currentPassword: kim.password, newPassword: 'Een-nieuw-wachtwoord-1' }, tablet.accessToken)).body).toEqual({ endedSessions: 1 });
    started = Date.now();
    expect(await refusedEverywhereWithin(kim.token, started)).toBeLessThan(1000);
    expect((await api.request('DELETE', `/me/sessions/${listed.body.items[0].id}`, { token: tablet.accessToken })).status).toBe(404);
    started = Date.now();
    expect((await api.post('/auth/logout-all', {}, tablet.accessToken)).body).toEqual({ ended: 1 });
    expect(await refusedEverywhereWithin(tablet.accessToken, started)).toBeLessThan(1000);

    const log = await api.get(`/operator/audit?region=${slug}`, operator);
    expect(log.body.items.map((e: { action: string }) => e.action)).toEqual(['session.logout-all', 'account.password-changed', 'session.refresh-reused']);
    for (const secret of [laptop.refreshToken, phone.refreshToken, tablet.accessToken, 'Een-nieuw-wachtwoord-1', kim.password]) expect(log.text).not.toContain(secret);
  });
});
