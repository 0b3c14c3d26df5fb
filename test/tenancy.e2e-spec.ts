import { startPlatform, TestScope, type Platform } from '@kc/testing';
import { ApiClient, eventually } from './support/api-client';
import { runMatrix, stateOf, uncovered } from './support/tenancy/run';
import { buildTenancyWorld, type TenancyWorld } from './support/tenancy/world';

/**
 * Tenancy and membership through the gateway on the whole platform (one platform for both).
 *
 * The tenancy matrix: two regions, a members-only community of region B, a national community,
 * every role and every route (test/support/tenancy/matrix.ts): who may do what, refused writes
 * change nothing, and no answer to anyone else carries the community's marker text.
 *
 * Join modes, invitations, roles and the community plan, with a who-may-do-what matrix across
 * two regions: organiser, moderator, member, a resident who is not a member, the region's
 * community librarian, another region's librarian and resident, and anonymous. Every refusal is
 * a 4xx with a Dutch message and changes nothing.
 */
describe('tenancy and membership, end to end', () => {
  const scope = new TestScope('tenancy-e2e');
  let platform: Platform;
  let api: ApiClient;
  type Person = { id: string; token: string };
  const people = {} as Record<'organiser' | 'moderator' | 'member' | 'resident' | 'librarian' | 'otherLibrarian' | 'outsider' | 'asker', Person>;
  let communityId: string;

  beforeAll(async () => {
    platform = await startPlatform(scope);
    api = new ApiClient(platform.baseUrl);
    const operator = await api.login(platform.operator.email, platform.operator.password);
    expect((await api.post('/regions', { slug: 'gooi', name: 'Gooi en Vecht' }, operator)).status).toBe(201);
    expect((await api.post('/regions', { slug: 'eemland', name: 'Eemland' }, operator)).status).toBe(201);
    for (const [key, region, name] of [
      ['organiser', 'gooi', 'Olga Organisator'], ['moderator', 'gooi', 'Mo Moderator'], ['member', 'gooi', 'Mila Lid'], ['resident', 'gooi', 'Ruud Inwoner'],
      ['librarian', 'gooi', 'Lotte Bibliothecaris'], ['asker', 'gooi', 'Anouk Aanvrager'], ['otherLibrarian', 'eemland', 'Erik Bibliothecaris'], ['outsider', 'eemland', 'Evi Eemland'],
    ] as const) people[key] = await api.resident(region, name);
    for (const [who, region] of [['librarian', 'gooi'], ['otherLibrarian', 'eemland']] as const) {
      expect((await api.post(`/regions/${region}/staff`, { accountId: people[who].id, role: 'community_librarian' }, operator)).status).toBe(201);
    }
    await eventually(async () => (await api.get('/communities?region=gooi', people.librarian.token)).status === 200);
    communityId = (await api.post('/communities', { name: 'Taalcafé Gooi', visibility: 'members', joinMode: 'invite' }, people.organiser.token)).body.id;
    const invitation = await api.post(`/communities/${communityId}/invitations`, { expiresInDays: 3 }, people.organiser.token);
    expect(invitation.status).toBe(201);
    for (const who of ['moderator', 'member'] as const) expect((await api.post(`/invitations/${invitation.body.token}/accept`, {}, people[who].token)).status).toBe(201);
    expect((await api.put(`/communities/${communityId}/members/${people.moderator.id}/role`, { role: 'moderator' }, people.organiser.token)).status).toBe(200);
    // The librarian needs a moment until the granted role reaches communities.
    await eventually(async () => (await api.get(`/communities/${communityId}`, people.librarian.token)).status === 200);
  });
  afterAll(async () => {
    await platform?.stop();
    await scope.dispose();
  });

  describe('the tenancy matrix: two regions, a national community, every role, every route', () => {
    let world: TenancyWorld;

    beforeAll(async () => {
      world = await buildTenancyWorld(api, platform.operator);
      // Positive control for the scans of search: the kring's own member finds the marker there.
      await eventually(async () => (await api.get(`/search?q=${world.marker}`, world.people.member.token)).text.includes(world.marker), 15_000, 'search to index the kring');
    }, 60_000);

    it('has an expectation for every route the gateway documents', async () => {
      const doc = (await (await fetch(`${platform.baseUrl}/api/docs-json`)).json()) as { paths: Record<string, Record<string, unknown>> };
      const documented = Object.entries(doc.paths).flatMap(([path, ops]) => Object.keys(ops).map((method) => `${method.toUpperCase()} ${path}`));
      expect(uncovered(documented)).toEqual({ missing: [], stale: [] });
    });

    it('refuses everyone but the rightful people, shows the members-only text to nobody else, and refused writes change nothing', async () => {
      const before = await stateOf(api, world);
      const started = Date.now();
      const outcome = await runMatrix(api, world);
      console.log(`tenancy matrix: ${outcome.requests} requests in ${Date.now() - started} ms; statuses ${JSON.stringify(outcome.byStatus)}`);
      expect(outcome.violations).toEqual([]);
      // The rightful people's answers do carry the marker: the scan would see a leak.
      expect([...outcome.shown]).toEqual(expect.arrayContaining([
        'GET /api/v1/communities/{id}', 'GET /api/v1/conversations/{id}', 'GET /api/v1/conversations/{id}/contributions', 'GET /api/v1/collections/{id}',
        'GET /api/v1/activities/{id}', 'GET /api/v1/communities/{id}/plan', 'GET /api/v1/communities/{id}/reports', 'GET /api/v1/communities/{id}/audit',
      ]));
      expect(await stateOf(api, world)).toEqual(before);
    });

    it('lists what region B’s partner organisation co-hosts: the kring’s activity for its member, nothing for a resident outside it', async () => {
      const path = `/organisations/${world.ids.organisationB}/activities`;
      const [asMember, asResident] = await Promise.all([api.get(path, world.people.member.token), api.get(path, world.people.residentB.token)]);
      expect([asMember.status, asMember.body.items.map((a: { id: string }) => a.id)]).toEqual([200, [world.ids.activity]]);
      expect([asResident.status, asResident.body.items]).toEqual([200, []]);
    });

    it('keeps region B’s kring out of the national community: nothing of it can be added there, and its lists never show it', async () => {
      const { nationalCommunity: n, conversation, media, activity, contribution } = world.ids;
      const { national, member, librarianA } = world.people;
      const collection = await api.post(`/communities/${n}/collections`, { title: 'Landelijke tips', description: 'Wat we elkaar aanraden.' }, national.token);
      const own = await api.post(`/communities/${n}/collections`, { title: 'Mijn tips', description: '' }, member.token);
      expect([collection.status, own.status]).toEqual([201, 201]);
      // The kring's own member cannot carry its content into the national community by reference, nor mention a non-member there.
      const attempts = await Promise.all([
        api.post(`/collections/${own.body.id}/items`, { type: 'conversation', refId: conversation }, member.token),
        api.post(`/collections/${own.body.id}/items`, { type: 'media', refId: media }, member.token),
        api.post(`/collections/${own.body.id}/items`, { type: 'activity', refId: activity }, member.token),
        api.post(`/collections/${collection.body.id}/items`, { type: 'conversation', refId: conversation }, national.token),
        api.post(`/conversations/${conversation}/contributions`, { body: 'Kijk jij even mee?', mentions: [national.id] }, member.token),
        api.post('/reports', { targetType: 'contribution', targetId: contribution, reason: 'Wat is dit?' }, national.token),
      ]);
      expect(attempts.map((a) => [a.status, a.body.code, a.text.includes(world.marker)])).toEqual([
        [404, 'COLLECTION_TARGET_NOT_FOUND', false], [404, 'COLLECTION_TARGET_NOT_FOUND', false], [404, 'COLLECTION_TARGET_NOT_FOUND', false], [404, 'COLLECTION_TARGET_NOT_FOUND', false],
        [400, 'MENTION_NOT_A_MEMBER', false], [404, 'CONTRIBUTION_NOT_FOUND', false],
      ]);
      const paths = [
        `/communities/${n}`, `/communities/${n}/members`, `/communities/${n}/conversations`, `/communities/${n}/collections`, `/collections/${collection.body.id}`, `/collections/${own.body.id}`,
        `/communities/${n}/activities`, `/communities/${n}/calendar.ics`, `/communities/${n}/plan`, '/communities?scope=national', `/calendar-feeds/${world.ids.nationalFeed}/calendar.ics`,
      ];
      const answers = await Promise.all(paths.flatMap((path) => [national, member, librarianA].map(async (who) => {
        const res = await api.get(path, who.token);
        return `${path} ${res.status} ${res.text.includes(world.marker) ? 'shows the marker' : 'clean'}`;
      })));
      expect(answers).toEqual(paths.flatMap((path) => [0, 1, 2].map(() => `${path} 200 clean`)));
    });
  });

  const memberIds = async () => ((await api.get(`/communities/${communityId}/members`, people.organiser.token)).body.items as Array<{ accountId: string; role: string }>)
    .map((m) => `${m.accountId}:${m.role}`).sort();

  it('answers who may do what, across two regions, and refusals change nothing', async () => {
    const before = await memberIds();
    type Who = Exclude<keyof typeof people, 'asker'> | 'anonymous';
    const who: Who[] = ['organiser', 'moderator', 'member', 'resident', 'librarian', 'otherLibrarian', 'outsider', 'anonymous'];
    const tokenOf = (w: Who) => (w === 'anonymous' ? undefined : people[w].token);
    const cases: Array<{ name: string; call: (token?: string) => Promise<{ status: number; body: any }>; expected: Record<Who, number> }> = [
      { name: 'GET members', call: (t) => api.get(`/communities/${communityId}/members`, t),
        expected: { organiser: 200, moderator: 200, member: 200, resident: 404, librarian: 200, otherLibrarian: 404, outsider: 404, anonymous: 401 } },
      { name: 'GET membership-requests', call: (t) => api.get(`/communities/${communityId}/membership-requests`, t),
        expected: { organiser: 200, moderator: 200, member: 403, resident: 404, librarian: 200, otherLibrarian: 404, outsider: 404, anonymous: 401 } },
      { name: 'GET invitations', call: (t) => api.get(`/communities/${communityId}/invitations`, t),
        expected: { organiser: 200, moderator: 200, member: 403, resident: 404, librarian: 200, otherLibrarian: 404, outsider: 404, anonymous: 401 } },
      { name: 'GET plan', call: (t) => api.get(`/communities/${communityId}/plan`, t),
        expected: { organiser: 200, moderator: 200, member: 200, resident: 404, librarian: 200, otherLibrarian: 404, outsider: 404, anonymous: 401 } },
      { name: 'PUT role of the member (to member: no change)', call: (t) => api.put(`/communities/${communityId}/members/${people.member.id}/role`, { role: 'member' }, t),
        expected: { organiser: 200, moderator: 403, member: 403, resident: 404, librarian: 200, otherLibrarian: 404, outsider: 404, anonymous: 401 } },
      { name: 'PUT role: demote the only organiser', call: (t) => api.put(`/communities/${communityId}/members/${people.organiser.id}/role`, { role: 'member' }, t),
        expected: { organiser: 409, moderator: 403, member: 403, resident: 404, librarian: 409, otherLibrarian: 404, outsider: 404, anonymous: 401 } },
      { name: 'DELETE the organiser', call: (t) => api.request('DELETE', `/communities/${communityId}/members/${people.organiser.id}`, { token: t }),
        expected: { organiser: 409, moderator: 403, member: 403, resident: 404, librarian: 409, otherLibrarian: 404, outsider: 404, anonymous: 401 } },
      { name: 'PATCH join mode to the same', call: (t) => api.request('PATCH', `/communities/${communityId}`, { body: { joinMode: 'invite' }, token: t }),
        expected: { organiser: 200, moderator: 403, member: 403, resident: 404, librarian: 200, otherLibrarian: 404, outsider: 404, anonymous: 401 } },
    ];
    const seen: Record<string, Record<string, number>> = {};
    const wanted: Record<string, Record<string, number>> = {};
    for (const c of cases) {
      seen[c.name] = {};
      wanted[c.name] = c.expected;
      for (const w of who) {
        const res = await c.call(tokenOf(w));
        seen[c.name]![w] = res.status;
        if (res.status >= 400) expect(typeof res.body?.message).toBe('string');
      }
    }
    expect(seen).toEqual(wanted);
    expect(await memberIds()).toEqual(before);
  });

  it('approval through the gateway: 202 requested, approved by the moderator; invitations revoked are 410', async () => {
    const communityId = (await api.post('/communities', { name: 'Leesclub Gooi', visibility: 'public', joinMode: 'approval' }, people.organiser.token)).body.id;
    const first = await api.post(`/communities/${communityId}/invitations`, {}, people.organiser.token);
    for (const who of ['moderator', 'member'] as const) expect((await api.post(`/invitations/${first.body.token}/accept`, {}, people[who].token)).status).toBe(201);
    expect((await api.put(`/communities/${communityId}/members/${people.moderator.id}/role`, { role: 'moderator' }, people.organiser.token)).status).toBe(200);
    const memberIds = async () => ((await api.get(`/communities/${communityId}/members`, people.organiser.token)).body.items as Array<{ accountId: string; role: string }>)
      .map((m) => `${m.accountId}:${m.role}`);
    const asked = await api.post(`/communities/${communityId}/members`, {}, people.asker.token);
    expect(asked).toMatchObject({ status: 202, body: { status: 'requested' } });
    expect((await api.post(`/communities/${communityId}/members`, {}, people.outsider.token)).status).toBe(403);
    const requests = await api.get(`/communities/${communityId}/membership-requests`, people.moderator.token);
    expect(requests.body.items).toEqual([expect.objectContaining({ accountId: people.asker.id, displayName: 'Anouk Aanvrager' })]);
    expect((await api.post(`/communities/${communityId}/membership-requests/${people.asker.id}/approve`, {}, people.moderator.token)).status).toBe(200);
    expect((await api.post(`/communities/${communityId}/membership-requests/${people.asker.id}/reject`, {}, people.moderator.token)).status).toBe(404);
    expect(await memberIds()).toContain(`${people.asker.id}:member`);

    const invitation = await api.post(`/communities/${communityId}/invitations`, {}, people.moderator.token);
    expect((await api.request('DELETE', `/communities/${communityId}/invitations/${invitation.body.id}`, { token: people.moderator.token })).status).toBe(204);
    const gone = await api.post(`/invitations/${invitation.body.token}/accept`, {}, people.resident.token);
    expect(gone.status).toBe(410);
    expect(gone.body.message).toMatch(/verlopen of ingetrokken/);
    expect((await api.post('/invitations/kort/accept', {}, people.resident.token)).status).toBe(400);

    // The moderator removes a member; the member can leave; the plan is written by the region's librarian.
    expect((await api.request('DELETE', `/communities/${communityId}/members/${people.asker.id}`, { token: people.moderator.token })).status).toBe(204);
    expect((await api.request('DELETE', `/communities/${communityId}/members/${people.member.id}`, { token: people.member.token })).status).toBe(204);
    const plan = { goals: 'Samen **Nederlands** oefenen', targetGroup: 'Nieuwkomers', conditions: 'Een ruimte in de bieb', approach: 'Elke dinsdag' };
    expect((await api.put(`/communities/${communityId}/plan`, { ...plan, extra: 1 }, people.librarian.token)).status).toBe(400);
    expect((await api.put(`/communities/${communityId}/plan`, plan, people.moderator.token)).status).toBe(403);
    expect((await api.put(`/communities/${communityId}/plan`, plan, people.librarian.token)).status).toBe(200);
    expect((await api.get(`/communities/${communityId}/plan`, people.moderator.token)).body.html.goals).toContain('<strong>Nederlands</strong>');
  });

  it('an invitation link shows its community to whoever holds it; requests show as pending; librarians start communities on behalf of the library', async () => {
    const communityId = (await api.post('/communities', { name: 'Schrijfkring Gooi', description: 'Samen schrijven.', visibility: 'members', joinMode: 'invite' }, people.organiser.token)).body.id;
    const invitation = await api.post(`/communities/${communityId}/invitations`, { expiresInDays: 2 }, people.organiser.token);
    // Anonymous too: the token is what opens it, as it opens the community.
    const shown = await api.get(`/invitations/${invitation.body.token}`);
    expect(shown).toMatchObject({ status: 200, body: { communityId, name: 'Schrijfkring Gooi', description: 'Samen schrijven.', expiresAt: invitation.body.expiresAt, myRole: null } });
    expect((await api.get(`/invitations/${invitation.body.token}`, people.organiser.token)).body.myRole).toBe('organiser');
    expect((await api.get(`/invitations/${'z'.repeat(43)}`)).status).toBe(404);
    expect((await api.get('/invitations/kort')).status).toBe(400);
    expect((await api.request('DELETE', `/communities/${communityId}/invitations/${invitation.body.id}`, { token: people.organiser.token })).status).toBe(204);
    const gone = await api.get(`/invitations/${invitation.body.token}`);
    expect(gone.status).toBe(410);
    expect(gone.body.message).toMatch(/verlopen of ingetrokken/);

    const asking = (await api.post('/communities', { name: 'Vraagkring Gooi', visibility: 'public', joinMode: 'approval' }, people.organiser.token)).body.id;
    expect((await api.post(`/communities/${asking}/members`, {}, people.resident.token)).status).toBe(202);
    expect((await api.get(`/communities/${asking}`, people.resident.token)).body).toMatchObject({ requestPending: true, myRole: null, onBehalfOfLibrary: false });
    expect((await api.get(`/communities/${asking}`)).body.requestPending).toBe(false);

    const refused = await api.post('/communities', { name: 'Namens wie', visibility: 'public', onBehalfOfLibrary: true }, people.resident.token);
    expect(refused).toMatchObject({ status: 403, body: { code: 'NOT_A_COMMUNITY_LIBRARIAN' } });
    expect(refused.body.message).toMatch(/community-bibliothecarissen/);
    const library = await api.post('/communities', { name: 'Leesclub van de bibliotheek', visibility: 'public', onBehalfOfLibrary: true }, people.librarian.token);
    expect(library.status).toBe(201);
    expect((await api.get(`/communities/${library.body.id}`)).body).toMatchObject({ onBehalfOfLibrary: true });
    expect((await api.post('/communities', { name: 'Andere regio', visibility: 'public', onBehalfOfLibrary: 'ja' }, people.librarian.token)).status).toBe(400);
  });
});
