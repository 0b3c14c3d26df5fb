import { randomUUID } from 'node:crypto';
import { MikroORM } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';
import { Queue } from 'bullmq';
import { CatalogueWorkerHealth, ConversationGrew, ConversationStarted, ConversationTitleAdded, ConversationTitleRemoved, GetImport, StartImport, SuggestionDismissed } from '@kc/contracts';
import { EventOutbox } from '@kc/messaging';
import { InProcessService, TestIdentity, TestScope, waitFor } from '@kc/testing';
import { CatalogueQueue, redisConnection, suggestJobId } from '../src/queue/queues';
import { finishSuggestionRequest } from '../src/suggestion/suggestion-finish';
import { CatalogueTestKit, marcFile } from './catalogue-test-kit';

describe('catalogue: suggestion jobs (real PostgreSQL, NATS, Redis)', () => {
  const scope = new TestScope('catalogue-suggest');
  const kit = new CatalogueTestKit(scope, { CATALOGUE_JOB_BACKOFF_MS: '100', CATALOGUE_SUGGEST_DEBOUNCE_MS: '2000' });
  const regionA = randomUUID();
  const regionB = randomUUID();
  const communityA = randomUUID();
  let tokens: TestIdentity;
  let catalogue: InProcessService;
  let worker: InProcessService | undefined;
  let queue: Queue;

  const conversation = (title: string, body: string, revision = 0, conversationId = randomUUID()) => ({
    conversationId, communityId: communityA, title, body, visibility: 'public' as const, revision, authorId: randomUUID(),
  });

  beforeAll(async () => {
    tokens = await new TestIdentity(scope.namespace).start();
    await kit.start();
    catalogue = await kit.startCatalogue();
    queue = new Queue(CatalogueQueue.Suggest, { connection: redisConnection(kit.config.REDIS_URL), prefix: kit.config.KC_QUEUE_PREFIX });
    // The region's titles, and a worker running, for every test (the first stops it while it runs).
    worker = await kit.startWorker();
    const adminA = await tokens.token({ regionId: regionA, roles: ['library_admin'] });
    const importId = randomUUID();
    await kit.upload(importId, marcFile('nlnz-first100.marcxml'));
    await catalogue.send(StartImport, { importId, objectName: importId, format: 'marcxml' }, adminA);
    await waitFor(async () => (await catalogue.send(GetImport, { id: importId }, adminA)).status === 'completed', 30_000);
  });
  afterAll(async () => {
    await worker?.close();
    await catalogue?.close();
    await queue?.obliterate({ force: true }).catch(() => undefined);
    await queue?.close();
    await tokens?.stop();
    await kit.stop();
    await scope.dispose();
  });

  it('turns the same conversation revision, delivered twice, into one request and one job', async () => {
    // No worker while this test runs: the request stays pending, its job waits.
    await worker?.close();
    worker = undefined;
    try {
      const data = conversation('Duurzaam wonen', 'Hoe isoleer ik mijn huis?');
      // Two distinct events (e.g. a producer that retried after a lost reply): the inbox cannot dedupe them.
      const events = [await kit.publish(ConversationStarted, data, regionA), await kit.publish(ConversationStarted, data, regionA)];
      await waitFor(async () => Number((await kit.query<{ n: string }>('SELECT count(*) n FROM kc_inbox WHERE event_id = ANY($1::uuid[])', [events.map((e) => e.id)]))[0].n) === 2);
      expect(await kit.query('SELECT status FROM suggestion_requests WHERE conversation_id = $1', [data.conversationId])).toEqual([{ status: 'pending' }]);
      // The queue holds the other tests' jobs as well: this conversation's are one.
      const jobs = await queue.getJobs(['waiting', 'active', 'delayed', 'completed', 'failed', 'prioritized']);
      expect(jobs.filter((j) => j?.data.conversationId === data.conversationId).map((j) => j.id)).toEqual([suggestJobId(data.conversationId, 0)]);
    } finally {
      worker = await kit.startWorker();
    }
  });

  it('the worker proposes titles of the conversation’s own region only, through the outbox', async () => {
    const [sample] = await kit.query<{ title: string; subjects: string[] }>(
      "SELECT title, subjects FROM titles WHERE region_id = $1 AND cardinality(subjects) > 0 ORDER BY title LIMIT 1", [regionA]);
    const inA = conversation(sample.title, `Wie weet meer over ${sample.subjects.join(', ')}?`);
    const inB = conversation(sample.title, `Wie weet meer over ${sample.subjects.join(', ')}?`);
    await kit.publish(ConversationStarted, inA, regionA);
    await kit.publish(ConversationStarted, inB, regionB);

    const done = (id: string) => waitFor(async () => {
      const [row] = await kit.query<{ status: string; id: string }>('SELECT id, status FROM suggestion_requests WHERE conversation_id = $1', [id]);
      return row?.status === 'done' ? row : undefined;
    }, 30_000);
    const requestA = await done(inA.conversationId);
    const requestB = await done(inB.conversationId);
    const stored = await kit.query<{ region_id: string; title_region: string }>(
      'SELECT s.region_id, t.region_id title_region FROM suggestions s JOIN titles t ON t.id = s.title_id WHERE s.request_id = $1', [requestA.id]);
    expect(stored.length).toBeGreaterThan(0);
    expect(stored.every((s) => s.region_id === regionA && s.title_region === regionA)).toBe(true);
    expect(await kit.query('SELECT 1 FROM suggestions WHERE request_id = $1', [requestB.id])).toHaveLength(0);

    const events = await kit.query<{ payload: { region: string; data: { conversationId: string; suggestions: { title: string }[] } } }>(
      "SELECT payload FROM kc_outbox WHERE subject LIKE '%kc.catalogue.suggestions.proposed.v1'");
    const forA = events.find((e) => e.payload.data.conversationId === inA.conversationId)!;
    expect(forA.payload.region).toBe(regionA);
    expect(forA.payload.data.suggestions.map((s) => s.title)).toContain(sample.title);
    expect(events.find((e) => e.payload.data.conversationId === inB.conversationId)!.payload.data.suggestions).toEqual([]);
  });

  it('finishes a request in one statement, and writes nothing while a proposed title is not the region’s own', async () => {
    const orm = worker!.app.get(MikroORM);
    const outbox = worker!.app.get(EventOutbox);
    const [own] = await kit.query<{ id: string; title: string }>('SELECT id::text, title FROM titles WHERE region_id = $1 ORDER BY id LIMIT 1', [regionA]);
    const request = { id: randomUUID(), regionId: regionA, communityId: communityA, conversationId: randomUUID(), revision: 0, eventId: randomUUID(), correlationId: randomUUID() };
    await kit.query(
      `INSERT INTO suggestion_requests (id, conversation_id, community_id, region_id, revision, title, body, exclude, event_id, correlation_id)
       VALUES ($1, $2, $3, $4, 0, 'Gesprek', 'Tekst', '{}', $5, $6)`,
      [request.id, request.conversationId, communityA, regionA, request.eventId, request.correlationId],
    );
    const proposal = (titleId: string) => ({ titleId, title: own!.title, authors: [], year: null, isbn: null, subjects: [], reason: 'onderwerp', score: 1 });
    const written = async () => ({
      status: (await kit.query<{ status: string }>('SELECT status FROM suggestion_requests WHERE id = $1', [request.id]))[0]!.status,
      suggestions: (await kit.query<{ title_id: string }>('SELECT title_id::text FROM suggestions WHERE request_id = $1 ORDER BY rank', [request.id])).map((r) => r.title_id),
      announced: (await kit.query("SELECT 1 FROM kc_outbox WHERE payload->'data'->>'conversationId' = $1", [request.conversationId])).length,
    });

    const notATitle = randomUUID(); // no title of this region (of any region)
    const refused = await finishSuggestionRequest(orm.em.fork() as EntityManager, outbox, request, [proposal(own!.id), proposal(notATitle)]);
    expect(refused).toEqual({ finished: false, foreign: [notATitle] });
    expect(await written()).toEqual({ status: 'pending', suggestions: [], announced: 0 });

    expect(await finishSuggestionRequest(orm.em.fork() as EntityManager, outbox, request, [proposal(own!.id)])).toEqual({ finished: true, foreign: [] });
    expect(await written()).toEqual({ status: 'done', suggestions: [own!.id], announced: 1 });
    // Done already: a second run (a redelivered job) writes nothing more.
    expect(await finishSuggestionRequest(orm.em.fork() as EntityManager, outbox, request, [proposal(own!.id)])).toEqual({ finished: false, foreign: [] });
    expect(await written()).toEqual({ status: 'done', suggestions: [own!.id], announced: 1 });
  });

  it('suggests again when a conversation grows, computes only its newest revision, and never proposes what members added or dismissed', async () => {
    const [sample] = await kit.query<{ id: string; title: string; subjects: string[] }>(
      "SELECT id::text, title, subjects FROM titles WHERE region_id = $1 AND cardinality(subjects) > 0 ORDER BY title LIMIT 1", [regionA]);
    const conversationId = randomUUID();
    const grew = (revision: number, exclude: string[]) => ({
      conversationId, communityId: communityA, revision, title: 'Wie weet er meer?', text: `Het gaat over ${sample.subjects.join(', ')}. ${sample.title}`, exclude,
    });
    // Two revisions within the debounce: the first is superseded, only the second is computed.
    await kit.publish(ConversationGrew, grew(1, []), regionA);
    await kit.publish(ConversationGrew, grew(2, [sample.id]), regionA);
    const status = (revision: number) => kit.query<{ status: string }>('SELECT status FROM suggestion_requests WHERE conversation_id = $1 AND revision = $2', [conversationId, revision]);
    await waitFor(async () => (await status(2))[0]?.status === 'done', 30_000);
    expect(await status(1)).toEqual([{ status: 'superseded' }]);
    const proposed = await kit.query<{ payload: { data: { revision: number; suggestions: { titleId: string }[] } } }>(
      "SELECT payload FROM kc_outbox WHERE subject LIKE '%kc.catalogue.suggestions.proposed.v1' AND payload->'data'->>'conversationId' = $1", [conversationId]);
    expect(proposed.map((p) => p.payload.data.revision)).toEqual([2]);
    expect(proposed[0]!.payload.data.suggestions.length).toBeGreaterThan(0);
    expect(proposed[0]!.payload.data.suggestions.map((s) => s.titleId)).not.toContain(sample.id);
  });

  it('learns from the region’s members: titles added in similar conversations come up, dismissed ones go down; a title taken off again counts no more', async () => {
    const [sample] = await kit.query<{ title: string; subjects: string[] }>(
      "SELECT title, subjects FROM titles WHERE region_id = $1 AND cardinality(subjects) > 0 ORDER BY title DESC LIMIT 1", [regionA]);
    const text = `Wie weet meer over ${sample.subjects.join(', ')}? Het gaat mij om ${sample.title}.`;
    type Proposed = { titleId: string; score: number; reason: string };
    const proposedFor = async (conversationId: string) => {
      await waitFor(async () => (await kit.query<{ status: string }>('SELECT status FROM suggestion_requests WHERE conversation_id = $1', [conversationId]))[0]?.status === 'done', 30_000);
      const [event] = await kit.query<{ payload: { data: { suggestions: Proposed[] } } }>(
        "SELECT payload FROM kc_outbox WHERE subject LIKE '%kc.catalogue.suggestions.proposed.v1' AND payload->'data'->>'conversationId' = $1", [conversationId]);
      return event!.payload.data.suggestions;
    };
    const earlier = [conversation('Eerste vraag', text), conversation('Tweede vraag', text)];
    for (const c of earlier) await kit.publish(ConversationStarted, c, regionA);
    const before = await proposedFor(earlier[0]!.conversationId);
    await proposedFor(earlier[1]!.conversationId);
    const dismissed = before[0]!;
    const [unsuggested] = await kit.query<{ id: string }>('SELECT id::text FROM titles WHERE region_id = $1 AND NOT (id = ANY($2::uuid[])) ORDER BY id LIMIT 1', [regionA, before.map((s) => s.titleId)]);
    const feedbackRows = () => kit.query<{ signal: number; title_id: string }>('SELECT signal, title_id::text FROM suggestion_feedback WHERE region_id = $1 ORDER BY signal', [regionA]);
    for (const c of earlier) {
      await kit.publish(SuggestionDismissed, { conversationId: c.conversationId, communityId: communityA, titleId: dismissed.titleId, dismissedBy: randomUUID() }, regionA);
      await kit.publish(ConversationTitleAdded, { conversationId: c.conversationId, communityId: communityA, titleId: unsuggested!.id, addedBy: randomUUID(), fromSuggestion: false }, regionA);
    }
    await waitFor(async () => (await feedbackRows()).length === 4, 30_000);

    const similar = conversation('Nog een vraag', text);
    await kit.publish(ConversationStarted, similar, regionA);
    const after = await proposedFor(similar.conversationId);
    const learned = after.find((s) => s.titleId === unsuggested!.id);
    expect(learned?.reason).toMatch(/eerder toegevoegd bij vergelijkbare gesprekken$/);
    const again = after.find((s) => s.titleId === dismissed.titleId);
    if (again) expect(again.score).toBeLessThan(dismissed.score);

    await kit.publish(ConversationTitleRemoved, { conversationId: earlier[0]!.conversationId, communityId: communityA, titleId: unsuggested!.id, removedBy: randomUUID() }, regionA);
    await waitFor(async () => (await feedbackRows()).length === 3, 30_000);
    expect((await feedbackRows()).map((r) => r.signal)).toEqual([-1, -1, 1]);
  });

  it('answers the worker health request over NATS', async () => {
    const report = await catalogue.send(CatalogueWorkerHealth, {});
    expect(report).toMatchObject({ service: 'catalogue-worker', status: 'ok', checks: { database: { status: 'up' }, nats: { status: 'up' }, redis: { status: 'up' } } });
  });
});
