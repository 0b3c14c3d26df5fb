import { startPlatform, TestScope, type Platform } from '@kc/testing';
import type { Browser } from 'playwright-core';
import { ApiClient } from '../support/api-client';
import { launchBrowser, Visitor } from './support/browser';

/**
 * Moderating content in Chromium: a member reports a contribution with Melden, the moderator
 * finds it on the community's Meldingen page and hides it with a reason, the member then sees
 * "Verborgen door een moderator" in the thread and the moderator the reason and Terugzetten,
 * which brings it back. axe-core on every page.
 */
describe('web UI: reporting, the Meldingen page, hiding and restoring', () => {
  const scope = new TestScope('webmod');
  let platform: Platform;
  let api: ApiClient;
  let browser: Browser;
  const visitors: Visitor[] = [];
  const region = 'langstraat';
  type Person = { id: string; token: string; email: string; password: string };
  let anna: Person;
  let bram: Person;
  let carla: Person;
  let communityId: string;
  let conversationId: string;

  beforeAll(async () => {
    browser = await launchBrowser();
    platform = await startPlatform(scope);
    api = new ApiClient(platform.baseUrl);
    const operatorToken = await api.login(platform.operator.email, platform.operator.password);
    expect((await api.post('/regions', { slug: region, name: 'Langstraat' }, operatorToken)).status).toBe(201);
    [anna, bram, carla] = [await api.resident(region, 'Anna Jansen'), await api.resident(region, 'Bram de Boer'), await api.resident(region, 'Carla Smit')];
    communityId = (await api.post('/communities', { name: 'Moestuin Langstraat', visibility: 'public' }, anna.token)).body.id;
    for (const who of [bram, carla]) expect((await api.post(`/communities/${communityId}/members`, {}, who.token)).status).toBe(201);
    expect((await api.put(`/communities/${communityId}/members/${bram.id}/role`, { role: 'moderator' }, anna.token)).status).toBe(200);
    conversationId = (await api.post(`/communities/${communityId}/conversations`, { title: 'Tomaten in de kas', body: 'Wanneer zaaien?' }, anna.token)).body.id;
    expect((await api.post(`/conversations/${conversationId}/contributions`, { body: 'Goedkope horloges bij horloge-spam punt example' }, anna.token)).status).toBe(201);
  });
  afterAll(async () => {
    for (const visitor of visitors) await visitor.close().catch(() => undefined);
    await browser?.close();
    await platform?.stop();
    await scope.dispose();
  });

  it('report → Meldingen → Verbergen → the notice → Terugzetten', async () => {
    const member = await Visitor.open(browser, platform.baseUrl);
    visitors.push(member);
    await member.signIn(carla.email, carla.password);
    await member.goto(`/gesprekken/${conversationId}`);
    await member.activate(member.page.getByRole('link', { name: 'Melden: bijdrage' }));
    await member.expectClean('report-form');
    await member.typeInto(member.page.getByLabel('Reden'), 'x');
    await member.activate(member.page.getByRole('button', { name: 'Melding versturen' }));
    await expect(member.page.getByRole('alert').first().textContent()).resolves.toBeTruthy();
    await member.expectClean('report-form-error');
    await member.typeInto(member.page.getByLabel('Reden'), 'Dit is reclame voor horloges');
    await member.activate(member.page.getByRole('button', { name: 'Melding versturen' }));
    await expect(member.page.getByRole('status').first().textContent()).resolves.toContain('Je melding is naar de moderatoren');
    expect(new URL(member.page.url()).pathname).toBe(`/gesprekken/${conversationId}`);

    const moderator = await Visitor.open(browser, platform.baseUrl);
    visitors.push(moderator);
    await moderator.signIn(bram.email, bram.password);
    await moderator.goto(`/community/${communityId}`);
    await moderator.activate(moderator.page.getByRole('link', { name: 'Meldingen' }));
    await expect(moderator.page.getByText('Dit is reclame voor horloges').count()).resolves.toBe(1);
    await moderator.expectClean('reports');
    await moderator.typeInto(moderator.page.getByLabel('Reden om te verbergen'), 'Reclame hoort hier niet');
    await moderator.activate(moderator.page.getByRole('button', { name: /^Bijdrage: Goedkope horloges.* verbergen$/ }));
    await expect(moderator.page.getByRole('status').first().textContent()).resolves.toContain('De inhoud is verborgen');
    await expect(moderator.page.getByText('Er zijn geen open meldingen.').count()).resolves.toBe(1);
    await moderator.expectClean('reports-empty');

    await member.goto(`/gesprekken/${conversationId}`);
    await expect(member.page.getByText('Verborgen door een moderator').count()).resolves.toBe(1);
    await expect(member.page.getByText('Goedkope horloges').count()).resolves.toBe(0);
    await member.expectClean('thread-hidden');

    await moderator.goto(`/gesprekken/${conversationId}`);
    await expect(moderator.page.getByText('Reden: Reclame hoort hier niet').count()).resolves.toBe(1);
    await moderator.expectClean('thread-hidden-moderator');
    await moderator.activate(moderator.page.getByRole('button', { name: 'Bijdrage terugzetten' }));
    await expect(moderator.page.getByRole('status').first().textContent()).resolves.toContain('De inhoud is teruggezet');

    await member.goto(`/gesprekken/${conversationId}`);
    await expect(member.page.getByText('Goedkope horloges').count()).resolves.toBe(1);
    await expect(member.page.getByText('Verborgen door een moderator').count()).resolves.toBe(0);
  });

  it('a hidden conversation is closed to its members on the page, and open to its moderators', async () => {
    const quarrel = (await api.post(`/communities/${communityId}/conversations`, { title: 'Ruzie over de schuur', body: 'Wie heeft de sleutel?' }, carla.token)).body.id;
    expect((await api.post(`/conversations/${quarrel}/hide`, { reason: 'Persoonlijke aanvallen' }, bram.token)).status).toBe(200);
    const member = await Visitor.open(browser, platform.baseUrl);
    visitors.push(member);
    await member.signIn(carla.email, carla.password);
    await member.goto(`/gesprekken/${quarrel}`);
    await expect(member.page.getByRole('note').textContent()).resolves.toContain('Er kunnen geen bijdragen of links bij');
    await expect(member.page.getByRole('button', { name: 'Plaatsen' }).count()).resolves.toBe(0);
    await member.expectClean('conversation-hidden-closed');
    const moderator = await Visitor.open(browser, platform.baseUrl);
    visitors.push(moderator);
    await moderator.signIn(bram.email, bram.password);
    await moderator.goto(`/gesprekken/${quarrel}`);
    await expect(moderator.page.getByRole('note').count()).resolves.toBe(0);
    await expect(moderator.page.getByRole('button', { name: 'Plaatsen' }).count()).resolves.toBeGreaterThan(0);
  });
});
