import { startPlatform, TestScope, type Platform } from '@kc/testing';
import type { Browser } from 'playwright-core';
import { ApiClient } from '../support/api-client';
import { launchBrowser, Visitor } from './support/browser';

/**
 * Moderation against a flood and a troll, through the gateway and in Chromium: a member who posts
 * more contributions in a minute than the limit gets 429 with Retry-After and a Dutch message; a
 * moderator blocks them on the Geblokkeerde personen page, after which they are out and cannot
 * join or post again; lifting the block lets them back in. axe-core on every page.
 */
describe('web UI and API: blocking in a community, and posting limits', () => {
  const scope = new TestScope('webblock');
  let platform: Platform;
  let api: ApiClient;
  let browser: Browser;
  const visitors: Visitor[] = [];
  const region = 'baronie';
  type Person = { id: string; token: string; email: string; password: string };
  let anna: Person;
  let bram: Person;
  let troll: Person;
  let communityId: string;
  let conversationId: string;

  beforeAll(async () => {
    browser = await launchBrowser();
    platform = await startPlatform(scope, { env: { COMMUNITIES_MAX_CONTRIBUTIONS_PER_MINUTE: '3' } });
    api = new ApiClient(platform.baseUrl);
    const operatorToken = await api.login(platform.operator.email, platform.operator.password);
    expect((await api.post('/regions', { slug: region, name: 'Baronie' }, operatorToken)).status).toBe(201);
    [anna, bram, troll] = [await api.resident(region, 'Anna Jansen'), await api.resident(region, 'Bram de Boer'), await api.resident(region, 'Tom Trol')];
    communityId = (await api.post('/communities', { name: 'Repair Café Baronie', visibility: 'public' }, anna.token)).body.id;
    for (const who of [bram, troll]) expect((await api.post(`/communities/${communityId}/members`, {}, who.token)).status).toBe(201);
    expect((await api.put(`/communities/${communityId}/members/${bram.id}/role`, { role: 'moderator' }, anna.token)).status).toBe(200);
    conversationId = (await api.post(`/communities/${communityId}/conversations`, { title: 'Koffiezetapparaat lekt', body: 'Wie weet raad?' }, anna.token)).body.id;
  });
  afterAll(async () => {
    for (const visitor of visitors) await visitor.close().catch(() => undefined);
    await browser?.close();
    await platform?.stop();
    await scope.dispose();
  });

  it('a flood of contributions stops at 429 with Retry-After; a blocked member is out until the block is lifted', async () => {
    for (let i = 1; i <= 3; i++) expect((await api.post(`/conversations/${conversationId}/contributions`, { body: `Koop nu! ${i}` }, troll.token)).status).toBe(201);
    const flood = await api.post(`/conversations/${conversationId}/contributions`, { body: 'Koop nu! 4' }, troll.token);
    expect(flood.status).toBe(429);
    expect(flood.body).toMatchObject({ code: 'POSTING_LIMIT_REACHED' });
    expect(flood.body.message).toContain('de afgelopen minuut al 3 bijdragen');
    expect(Number(flood.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
    // Another member posts on.
    expect((await api.post(`/conversations/${conversationId}/contributions`, { body: 'Het rubbertje vervangen.' }, bram.token)).status).toBe(201);

    const moderator = await Visitor.open(browser, platform.baseUrl);
    visitors.push(moderator);
    await moderator.signIn(bram.email, bram.password);
    await moderator.goto(`/community/${communityId}`);
    await moderator.activate(moderator.page.getByRole('link', { name: 'Geblokkeerde personen' }));
    await expect(moderator.page.getByText('Niemand is geblokkeerd.').count()).resolves.toBe(1);
    await moderator.expectClean('blocks-empty');
    // The organiser is not offered; the moderator is not either (it is oneself).
    await expect(moderator.page.getByLabel('Lid').locator('option').allTextContents()).resolves.toEqual(['Tom Trol']);
    await moderator.typeInto(moderator.page.getByLabel('Reden'), 'Plaatst reclame in elk gesprek');
    await moderator.activate(moderator.page.getByRole('button', { name: 'Blokkeren' }));
    await expect(moderator.page.getByRole('status').first().textContent()).resolves.toContain('De persoon is geblokkeerd');
    await expect(moderator.page.getByRole('table').textContent()).resolves.toContain('Plaatst reclame in elk gesprek');
    await moderator.expectClean('blocks-blocked');
    await moderator.goto(`/community/${communityId}`);
    await moderator.activate(moderator.page.getByRole('link', { name: 'Logboek van de community' }));
    const entry = moderator.page.getByRole('row', { name: /Blokkeerde Tom Trol/ });
    await expect(entry.textContent()).resolves.toContain('Plaatst reclame in elk gesprek');
    await expect(moderator.page.getByRole('row', { name: /Maakte Bram de Boer moderator/ }).count()).resolves.toBe(1);
    await moderator.expectClean('community-log');
    await moderator.goto(`/community/${communityId}/geblokkeerd`);

    const members = (await api.get(`/communities/${communityId}/members`, anna.token)).body.items.map((m: { accountId: string }) => m.accountId);
    expect(members).not.toContain(troll.id);
    const rejoin = await api.post(`/communities/${communityId}/members`, {}, troll.token);
    expect(rejoin.status).toBe(403);
    expect(rejoin.body).toMatchObject({ code: 'BLOCKED_IN_COMMUNITY' });
    expect((await api.post(`/communities/${communityId}/conversations`, { title: 'Nieuw', body: 'Hoi' }, troll.token)).status).toBe(403);
    // Only moderators see who is blocked.
    expect((await api.get(`/communities/${communityId}/blocks`, troll.token)).status).toBe(403);

    await moderator.activate(moderator.page.getByRole('button', { name: 'Blokkade opheffen: Tom Trol' }));
    await expect(moderator.page.getByRole('status').first().textContent()).resolves.toContain('De blokkade is opgeheven');
    await moderator.expectClean('blocks-lifted');
    expect((await api.post(`/communities/${communityId}/members`, {}, troll.token)).status).toBe(201);
  });
});
