import { startPlatform, TestScope, type Platform } from '@kc/testing';
import { ApiClient, eventually } from './support/api-client';

/**
 * Reports and hiding through the gateway on the whole platform: a member reports a
 * contribution, the moderator sees it with the reported content and hides it; it leaves search
 * at once (before any edit could bring it back) and returns on restore; who may not moderate is
 * refused with a Dutch message and nothing changes. A hidden conversation takes its contributions
 * and media links out of search with it, keeps a new contribution out, and brings them all back on restore.
 */
describe('moderation: reports, hide and restore, end to end', () => {
  const scope = new TestScope('moderation-e2e');
  let platform: Platform;
  let api: ApiClient;
  type Person = { id: string; token: string };
  const people = {} as Record<'organiser' | 'moderator' | 'member' | 'author' | 'outsider', Person>;
  let communityId: string;
  let conversationId: string;
  let contributionId: string;

  const expectError = (res: { status: number; body: any }, status: number, code: string) => {
    expect({ status: res.status, code: res.body?.code }).toEqual({ status, code });
    expect(res.body.message).toEqual(expect.any(String));
  };
  const found = async (q: string, token: string, types = 'contribution') =>
    ((await api.get(`/search?q=${encodeURIComponent(q)}&types=${types}`, token)).body.items as Array<{ id: string }>).map((h) => h.id);

  beforeAll(async () => {
    platform = await startPlatform(scope);
    api = new ApiClient(platform.baseUrl);
    const operator = await api.login(platform.operator.email, platform.operator.password);
    expect((await api.post('/regions', { slug: 'kempen', name: 'De Kempen' }, operator)).status).toBe(201);
    expect((await api.post('/regions', { slug: 'baronie', name: 'Baronie' }, operator)).status).toBe(201);
    for (const [key, region, name] of [
      ['organiser', 'kempen', 'Olga Organisator'], ['moderator', 'kempen', 'Mo Moderator'], ['member', 'kempen', 'Mila Lid'],
      ['author', 'kempen', 'Aart Auteur'], ['outsider', 'baronie', 'Bert Baronie'],
    ] as const) people[key] = await api.resident(region, name);
    communityId = (await api.post('/communities', { name: 'Buurtkeuken Kempen', visibility: 'public' }, people.organiser.token)).body.id;
    for (const who of ['moderator', 'member', 'author'] as const) expect((await api.post(`/communities/${communityId}/members`, {}, people[who].token)).status).toBe(201);
    expect((await api.put(`/communities/${communityId}/members/${people.moderator.id}/role`, { role: 'moderator' }, people.organiser.token)).status).toBe(200);
    conversationId = (await api.post(`/communities/${communityId}/conversations`, { title: 'Soep voor de buurt', body: 'Wie kookt er mee op zaterdag?' }, people.member.token)).body.id;
    contributionId = (await api.post(`/conversations/${conversationId}/contributions`, { body: 'Goedkope zonnebrillen op wegwerpwinkel punt example' }, people.author.token)).body.id;
  }, 180_000);
  afterAll(async () => {
    await platform?.stop();
    await scope.dispose();
  });

  it('a reported contribution is hidden by a moderator, leaves search at once, shows the notice, and returns on restore', async () => {
    await eventually(async () => (await found('zonnebrillen', people.member.token)).includes(contributionId) || undefined, 20_000, 'the contribution in search');

    const first = await api.post('/reports', { targetType: 'contribution', targetId: contributionId, reason: 'Dit is reclame' }, people.member.token);
    expect(first.status).toBe(201);
    const again = await api.post('/reports', { targetType: 'contribution', targetId: contributionId, reason: 'Nog steeds reclame' }, people.member.token);
    expect(again.status).toBe(201);
    expect(again.body).toEqual({ id: first.body.id, alreadyReported: true });
    expectError(await api.post('/reports', { targetType: 'contribution', targetId: contributionId, reason: 'x' }, people.member.token), 400, 'VALIDATION_FAILED');
    expectError(await api.post('/reports', { targetType: 'contribution', targetId: contributionId, reason: 'Zomaar' }), 401, 'UNAUTHENTICATED');

    expectError(await api.get(`/communities/${communityId}/reports`, people.member.token), 403, 'NOT_A_MODERATOR');
    const reports = await api.get(`/communities/${communityId}/reports`, people.moderator.token);
    expect(reports.status).toBe(200);
    expect(reports.body.items).toEqual([expect.objectContaining({ targetType: 'contribution', targetId: contributionId, reporterCount: 1, reasons: ['Nog steeds reclame'], author: { id: people.author.id, displayName: 'Aart Auteur' } })]);

    expectError(await api.post(`/contributions/${contributionId}/hide`, { reason: 'Reclame' }, people.member.token), 403, 'NOT_A_MODERATOR');
    expectError(await api.post(`/contributions/${contributionId}/hide`, {}, people.moderator.token), 400, 'VALIDATION_FAILED');
    const hidden = await api.post(`/contributions/${contributionId}/hide`, { reason: 'Reclame voor zonnebrillen' }, people.moderator.token);
    expect(hidden.status).toBe(200);
    expect(hidden.body).toEqual({ targetType: 'contribution', targetId: contributionId, hidden: true });
    expect((await api.get(`/communities/${communityId}/reports`, people.moderator.token)).body.items).toEqual([]);

    await eventually(async () => !(await found('zonnebrillen', people.member.token)).includes(contributionId) || undefined, 10_000, 'the hidden contribution out of search');
    // An edit by its author does not bring it back.
    expect((await api.request('PATCH', `/contributions/${contributionId}`, { body: { body: 'Goedkope zonnebrillen, nu nog goedkoper' }, token: people.author.token })).status).toBe(200);
    const thread = async (token: string) => ((await api.get(`/conversations/${conversationId}/contributions`, token)).body.items as Array<{ id: string; html: string; hidden: boolean; hiddenReason: string | null }>).find((c) => c.id === contributionId)!;
    expect(await thread(people.member.token)).toMatchObject({ hidden: true, hiddenReason: null, html: expect.stringContaining('Verborgen door een moderator') });
    expect(await thread(people.author.token)).toMatchObject({ hidden: true, hiddenReason: 'Reclame voor zonnebrillen' });

    expect((await api.post(`/contributions/${contributionId}/restore`, {}, people.organiser.token)).status).toBe(200);
    await eventually(async () => (await found('goedkoper', people.member.token)).includes(contributionId) || undefined, 20_000, 'the restored contribution back in search');
    expect(await thread(people.member.token)).toMatchObject({ hidden: false, html: expect.stringContaining('goedkoper') });
  });

  it('a hidden conversation leaves search with its contributions and media links, is closed to its members, a moderator’s note stays out, and restoring brings all back', async () => {
    const everything = 'conversation,contribution,media';
    const bikes = (await api.post(`/communities/${communityId}/conversations`, { title: 'Fietsen repareren', body: 'Wie heeft er bandenplakkers?' }, people.member.token)).body.id;
    const reply = (await api.post(`/conversations/${bikes}/contributions`, { body: 'Ik heb bandenplakkers in de schuur.' }, people.author.token)).body.id;
    const link = await api.post(`/conversations/${bikes}/media`, { url: 'https://fietsen.example.org/bandenplakkers', note: 'Filmpje over bandenplakkers' }, people.author.token);
    expect(link.status).toBe(201);
    const all = [bikes, reply, link.body.id].sort();
    await eventually(async () => (await found('bandenplakkers', people.member.token, everything)).length === 3 || undefined, 20_000, 'the conversation, its contribution and its link in search');

    expectError(await api.post(`/conversations/${bikes}/hide`, { reason: 'Ruzie' }, people.member.token), 403, 'NOT_A_MODERATOR');
    expect((await api.post(`/conversations/${bikes}/hide`, { reason: 'Ruzie in de reacties' }, people.moderator.token)).status).toBe(200);
    await eventually(async () => (await found('bandenplakkers', people.member.token, everything)).length === 0 || undefined, 10_000, 'the hidden conversation and all of it out of search');
    // Closed while hidden: its members can add nothing. A moderator's note added to it does not surface:
    // once a contribution posted after it elsewhere is found, search has handled it (one stream, in order).
    expectError(await api.post(`/conversations/${bikes}/contributions`, { body: 'Nog meer bandenplakkers' }, people.member.token), 409, 'CONVERSATION_HIDDEN');
    const later = await api.post(`/conversations/${bikes}/contributions`, { body: 'Bandenplakkers: verborgen na ruzie, we praten verder na de zomer.' }, people.moderator.token);
    expect(later.status).toBe(201);
    const marker = (await api.post(`/conversations/${conversationId}/contributions`, { body: 'Ook bandenplakkers bij de soep?' }, people.member.token)).body.id;
    await eventually(async () => (await found('bandenplakkers', people.member.token, everything)).includes(marker) || undefined, 20_000, 'a later contribution elsewhere in search');
    expect(await found('bandenplakkers', people.member.token, everything)).toEqual([marker]);

    expect((await api.post(`/conversations/${bikes}/restore`, {}, people.organiser.token)).status).toBe(200);
    const expected = [...all, later.body.id, marker].sort();
    await eventually(async () => (await found('bandenplakkers', people.member.token, everything)).length === expected.length || undefined, 20_000, 'the restored conversation and all of it back in search');
    expect((await found('bandenplakkers', people.member.token, everything)).sort()).toEqual(expected);
  });
});
