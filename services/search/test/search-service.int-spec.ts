import { randomUUID } from 'node:crypto';
import { jetstream, jetstreamManager, type JetStreamClient, type JetStreamManager } from '@nats-io/jetstream';
import { connect, type NatsConnection } from '@nats-io/transport-node';
import { v7 as uuidv7 } from 'uuid';
import {
  ActivityScheduled, CollectionCreated, CommunityCreated, ContentHidden, ContentRestored, ContributionDeleted, ContributionEdited, ContributionPosted, MediaAdded, MediaRemoved, MediaUpdated, ConversationStarted, DomainError, MemberJoined, RegionCreated, SearchQuery,
  type EventContract, type EventData, type EventEnvelope, type ServiceName,
} from '@kc/contracts';
import { NatsNamespace, ensureStreams } from '@kc/messaging';
import { createLogger } from '@kc/observability';
import { InProcessService, TEST_NATS_URL, TestIdentity, TestScope, waitFor } from '@kc/testing';
import { loadSearchConfig } from '../src/config';
import { SearchModule } from '../src/search.module';

/**
 * The search service end to end on the real PostgreSQL and NATS JetStream: events published
 * into the producers' streams (as their outbox relays would) become searchable through
 * `search.query`, with visibility decided per caller.
 */
describe('search service: indexes domain events and answers search.query', () => {
  const scope = new TestScope('search-service');
  const ns = new NatsNamespace(scope.namespace);
  let nc: NatsConnection;
  let js: JetStreamClient;
  let jsm: JetStreamManager;
  let tokens: TestIdentity;
  let search: InProcessService;

  const regionA = { regionId: randomUUID(), slug: `noord-${scope.id}`, name: 'Bibliotheek Noord' };
  const regionB = { regionId: randomUUID(), slug: `zuid-${scope.id}`, name: 'Bibliotheek Zuid' };
  const alice = randomUUID(); // region A, member of the members-only community
  const bob = randomUUID(); // region A, no memberships
  const carol = randomUUID(); // region B, member of region A's members-only community
  const publicA = randomUUID();
  const membersA = randomUUID();
  const publicB = randomUUID();
  const lateCommunity = randomUUID(); // never announced: its activity must still be indexed
  const conversationA = randomUUID();
  const conversationMembers = randomUUID();
  const conversationB = randomUUID();
  const activityMembers = randomUUID();
  const activityLate = randomUUID();
  let firstConversationEvent: EventEnvelope<typeof ConversationStarted>;

  const envelopeOf = <C extends EventContract>(contract: C, data: EventData<C>, region: string | null): EventEnvelope<C> => ({
    id: uuidv7(), type: contract.type, version: contract.version, occurredAt: new Date().toISOString(),
    region, actor: null, correlationId: randomUUID(), causationId: null, data,
  });
  /** As the producer's outbox relay publishes: `Nats-Msg-Id` = event id. */
  const publish = async <C extends EventContract>(contract: C, data: EventData<C>, region: string | null) => {
    const envelope = envelopeOf(contract, data, region);
    await js.publish(ns.subject(contract.type), JSON.stringify(envelope), { msgID: envelope.id });
    return envelope;
  };
  /** The same event once more, after JetStream's duplicate window (a new message id): the consumer must apply it once. */
  const redeliver = async (envelope: EventEnvelope) => {
    await js.publish(ns.subject(envelope.type), JSON.stringify(envelope), { msgID: `${envelope.id}-again` });
  };
  /** Every message of the stream delivered to search and acknowledged. */
  const drained = async (source: ServiceName) => {
    const info = await jsm.consumers.info(ns.streamOf(source), `search-from-${source}`);
    return info.num_pending === 0 && info.num_ack_pending === 0 && info.delivered.stream_seq === (await jsm.streams.info(ns.streamOf(source))).state.last_seq;
  };

  const token = (accountId: string, regionId: string) => tokens.token({ accountId, regionId });
  const find = (q: string, as?: string, extra: Record<string, unknown> = {}) => search.send(SearchQuery, { q, ...extra }, as);
  const idsOf = async (q: string, as?: string, extra?: Record<string, unknown>) => new Set((await find(q, as, extra)).items.map((i) => i.id));

  beforeAll(async () => {
    nc = await connect({ servers: TEST_NATS_URL });
    js = jetstream(nc);
    jsm = await jetstreamManager(nc);
    for (const producer of ['identity', 'communities', 'events'] as const) await ensureStreams(jsm, ns, producer, { maxAgeDays: 1, replicas: 1 });
    tokens = await new TestIdentity(scope.namespace).start();
    scope.dbName('search');
    // Runs on the PostgreSQL index; with OPENSEARCH_URL set, on OpenSearch instead.
    const openSearch: Record<string, string> = process.env.OPENSEARCH_URL ? { OPENSEARCH_URL: process.env.OPENSEARCH_URL, OPENSEARCH_REFRESH_ON_WRITE: 'true' } : {};
    const config = loadSearchConfig(scope.env(openSearch));
    search = await InProcessService.start({ service: 'search', scope, module: SearchModule.forRoot(config, createLogger('search', 'silent')) });

    await publish(RegionCreated, regionA, regionA.regionId);
    await publish(RegionCreated, regionB, regionB.regionId);
    const community = (communityId: string, regionId: string, name: string, description: string, visibility: 'public' | 'members') =>
      publish(CommunityCreated, { communityId, regionId, name, description, visibility, organiserId: randomUUID() }, regionId);
    await community(publicA, regionA.regionId, 'Duurzaam wonen Noord', 'Bewoners die hun huis verduurzamen.', 'public');
    await community(membersA, regionA.regionId, 'Buurtteam tegen eenzaamheid', 'Besloten groep vrijwilligers.', 'members');
    await community(publicB, regionB.regionId, 'Duurzaam wonen Zuid', 'Zonnepanelen en isolatie in Zuid.', 'public');
    await publish(MemberJoined, { communityId: membersA, accountId: alice, role: 'member' }, regionA.regionId);
    await publish(MemberJoined, { communityId: membersA, accountId: carol, role: 'member' }, regionB.regionId);
    const conversation = (conversationId: string, communityId: string, regionId: string, title: string, body: string, visibility: 'public' | 'members') =>
      publish(ConversationStarted, { conversationId, communityId, title, body, visibility, revision: 0, authorId: randomUUID() }, regionId);
    firstConversationEvent = await conversation(conversationA, publicA, regionA.regionId, 'Zonnepanelen op een rijtjeshuis', 'Ervaringen met duurzame woningen in Noord.', 'public');
    await conversation(conversationMembers, membersA, regionA.regionId, 'Rooster van de vrijwilligers', 'Wie belt deze week de ouderen die last hebben van éénzaamheid?', 'members');
    await conversation(conversationB, publicB, regionB.regionId, 'Zonnepanelen in Zuid', 'Collectief inkopen met de buren.', 'public');
    const activity = (activityId: string, communityId: string, regionId: string, title: string, visibility: 'public' | 'members') =>
      publish(ActivityScheduled, {
        activityId, communityId, title, description: 'Koffie en een goed gesprek over eenzaamheid.', startsAt: '2026-12-01T10:00:00+01:00',
        endsAt: '2026-12-01T12:00:00+01:00', timeZone: 'Europe/Amsterdam', mode: 'in_person', location: 'Bibliotheek Noord', visibility,
      }, regionId);
    await activity(activityMembers, membersA, regionA.regionId, 'Koffieochtend voor vrijwilligers', 'members');
    await activity(activityLate, lateCommunity, regionA.regionId, 'Taalcafé in de bibliotheek', 'public');

    // Eventually consistent: wait until the last event of every stream is searchable.
    await waitFor(async () => (await idsOf('vrijwilligers', await token(alice, regionA.regionId))).has(activityMembers), 20_000);
    await waitFor(async () => (await idsOf('zonnepanelen')).has(conversationB), 20_000);
  }, 60_000);

  afterAll(async () => {
    await search?.close();
    await tokens?.stop();
    await nc?.close();
    await scope.dispose();
  });

  it('answers /health with the index among its checks', async () => {
    const response = await fetch(`${await search.app.getUrl()}/health`);
    expect(response.status).toBe(200);
    expect(((await response.json()) as { checks: Record<string, unknown> }).checks).toHaveProperty(process.env.OPENSEARCH_URL ? 'opensearch' : 'search-index');
  });

  it('shows anonymous callers public documents of every region, or of the region they name', async () => {
    expect(await idsOf('zonnepanelen')).toEqual(new Set([conversationA, conversationB, publicB]));
    expect(await idsOf('zonnepanelen', undefined, { region: regionA.slug })).toEqual(new Set([conversationA]));
    const result = await find('zonnepanelen', undefined, { region: regionA.slug });
    expect(result).toEqual({
      items: [{ type: 'conversation', id: conversationA, title: 'Zonnepanelen op een rijtjeshuis', snippet: expect.any(String), communityId: publicA }],
      nextCursor: null,
    });
    expect(await idsOf('eenzaamheid')).toEqual(new Set([activityLate]));
  });

  it('finds Dutch words by their stem and marks them in a plain-text snippet', async () => {
    const { items } = await find('duurzame woningen', undefined, { region: regionA.slug });
    expect(items.map((i) => i.id)).toEqual([conversationA, publicA]);
    expect(items[0].snippet).toContain('«duurzame» «woningen»');
  });

  it('shows members-only content to members of the community in its region', async () => {
    expect(await idsOf('eenzaamheid', await token(alice, regionA.regionId))).toEqual(new Set([membersA, conversationMembers, activityMembers, activityLate]));
  });

  it('hides members-only content from non-members of the same region', async () => {
    expect(await idsOf('eenzaamheid', await token(bob, regionA.regionId))).toEqual(new Set([activityLate]));
  });

  it('never shows members-only content of another region, not even to a member', async () => {
    expect(await idsOf('eenzaamheid', await token(carol, regionB.regionId))).toEqual(new Set());
    // A logged-in caller searches their own region, whatever region they name.
    expect(await idsOf('zonnepanelen', await token(carol, regionB.regionId), { region: regionA.slug })).toEqual(new Set([conversationB, publicB]));
  });

  it('indexes content of a community it has not heard of yet, in the event’s region', async () => {
    expect(await idsOf('taalcafé', undefined, { region: regionA.slug })).toEqual(new Set([activityLate]));
    expect(await idsOf('taalcafé', undefined, { region: regionB.slug })).toEqual(new Set());
  });

  it('filters by type and finds a misspelt word', async () => {
    expect(await idsOf('eenzaamheid', await token(alice, regionA.regionId), { types: ['activity'] })).toEqual(new Set([activityMembers, activityLate]));
    expect(await idsOf('zonnepaneel rijtjeshuiss', undefined, { region: regionA.slug })).toEqual(new Set([conversationA]));
  });

  it('answers an unknown region and an empty query with a clear Dutch error', async () => {
    const unknown = await find('zonnepanelen', undefined, { region: 'nergens' }).catch((e: DomainError) => e);
    expect(unknown).toBeInstanceOf(DomainError);
    expect(unknown).toMatchObject({ statusCode: 404, code: 'REGION_NOT_FOUND' });
    expect((unknown as DomainError).messages.nl).toMatch(/regio "nergens" bestaat niet/);
    const empty = await find('   ').catch((e: DomainError) => e);
    expect(empty).toMatchObject({ statusCode: 400 });
    const tooMany = await find('zon', undefined, { limit: 500 }).catch((e: DomainError) => e);
    expect(tooMany).toMatchObject({ statusCode: 400 });
  });

  it('applies a redelivered event once, and an update replaces the document', async () => {
    await redeliver(firstConversationEvent);
    await waitFor(() => drained('communities'));
    expect((await find('zonnepanelen', undefined, { region: regionA.slug })).items).toHaveLength(1);

    // A newer version of the same conversation replaces it; the old event redelivered afterwards changes nothing.
    await publish(ConversationStarted, { ...firstConversationEvent.data, title: 'Zonnepanelen en warmtepomp', revision: 1 }, regionA.regionId);
    await waitFor(async () => (await find('warmtepomp', undefined, { region: regionA.slug })).items.length === 1);
    await redeliver(firstConversationEvent);
    await waitFor(() => drained('communities'));
    const { items } = await find('zonnepanelen', undefined, { region: regionA.slug });
    expect(items).toEqual([expect.objectContaining({ id: conversationA, title: 'Zonnepanelen en warmtepomp' })]);
  });

  it('finds contributions under their conversation, follows their edits and forgets them when deleted', async () => {
    const reply = randomUUID();
    const secret = randomUUID();
    const posted = (contributionId: string, conversationId: string, communityId: string, conversationTitle: string, body: string, visibility: 'public' | 'members') =>
      publish(ContributionPosted, { contributionId, conversationId, conversationTitle, communityId, parentId: null, authorId: randomUUID(), body, visibility, revision: 0 }, regionA.regionId);
    await posted(reply, conversationA, publicA, 'Zonnepanelen op een rijtjeshuis', 'Een omvormer van de kringloopwinkel werkt prima.', 'public');
    await posted(secret, conversationMembers, membersA, 'Rooster van de vrijwilligers', 'Ik bel maandag met de omvormer-expert.', 'public');
    await waitFor(async () => (await idsOf('omvormer', await token(alice, regionA.regionId))).size === 2);
    expect(await find('kringloopwinkel')).toEqual({
      items: [{ type: 'contribution', id: reply, title: 'Zonnepanelen op een rijtjeshuis', conversationId: conversationA, snippet: expect.stringContaining('«kringloopwinkel»'), communityId: publicA }],
      nextCursor: null,
    });
    // A contribution in a members-only community is members-only, whatever its event says.
    expect(await idsOf('omvormer', await token(bob, regionA.regionId))).toEqual(new Set([reply]));
    // The conversation's title does not make every contribution a hit.
    expect(await idsOf('rijtjeshuis', undefined, { types: ['contribution'] })).toEqual(new Set());

    await publish(ContributionEdited, {
      contributionId: reply, conversationId: conversationA, conversationTitle: 'Zonnepanelen op een rijtjeshuis', communityId: publicA, authorId: randomUUID(),
      body: 'Een micro-omvormer per paneel werkt beter.', visibility: 'public', revision: 1,
    }, regionA.regionId);
    await waitFor(async () => (await idsOf('paneel', undefined, { types: ['contribution'] })).has(reply));
    expect(await idsOf('kringloopwinkel')).toEqual(new Set());
    await publish(ContributionDeleted, { contributionId: reply, conversationId: conversationA, communityId: publicA, deletedBy: randomUUID() }, regionA.regionId);
    await waitFor(async () => (await idsOf('paneel', undefined, { types: ['contribution'] })).size === 0);
  });

  it('finds media links by their preview and note under their conversation, members-only ones for members, and forgets removed ones', async () => {
    const link = randomUUID();
    const hidden = randomUUID();
    const facts = (mediaId: string, conversationId: string, communityId: string, conversationTitle: string, title: string | null, note: string) => ({
      mediaId, conversationId, conversationTitle, communityId, visibility: 'public' as const, url: 'https://www.youtube.com/watch?v=warmte', kind: 'video' as const,
      title, description: null, siteName: 'YouTube', note, addedBy: randomUUID(),
    });
    await publish(MediaAdded, facts(link, conversationA, publicA, 'Zonnepanelen op een rijtjeshuis', null, 'Kijk vanaf minuut drie'), regionA.regionId);
    await publish(MediaAdded, facts(hidden, conversationMembers, membersA, 'Rooster van de vrijwilligers', null, 'Instructiefilm warmtepomp'), regionA.regionId);
    await waitFor(async () => (await idsOf('minuut', undefined, { types: ['media'] })).has(link));
    // The preview arrives later and replaces what was indexed.
    await publish(MediaUpdated, { ...facts(link, conversationA, publicA, 'Zonnepanelen op een rijtjeshuis', 'Warmtepomp uitgelegd', 'Kijk vanaf minuut drie') }, regionA.regionId);
    await waitFor(async () => (await idsOf('warmtepomp', undefined, { types: ['media'] })).has(link));
    expect((await find('warmtepomp')).items.filter((h) => h.type === 'media')).toEqual([
      { type: 'media', id: link, title: 'Zonnepanelen op een rijtjeshuis', conversationId: conversationA, snippet: expect.stringContaining('«Warmtepomp»'), communityId: publicA },
    ]);
    expect(await idsOf('warmtepomp', await token(alice, regionA.regionId), { types: ['media'] })).toEqual(new Set([link, hidden]));
    await publish(MediaRemoved, { mediaId: link, conversationId: conversationA, communityId: publicA, removedBy: randomUUID() }, regionA.regionId);
    await waitFor(async () => (await idsOf('minuut', undefined, { types: ['media'] })).size === 0);
  });

  it('takes a hidden conversation out with its contributions and media links, keeps later ones out, and brings all back on restore', async () => {
    const conversation = randomUUID();
    const reply = randomUUID();
    const link = randomUUID();
    const later = randomUUID();
    const moderator = randomUUID();
    const title = 'Fietsenmakers in Noord';
    const posted = (contributionId: string, body: string) =>
      publish(ContributionPosted, { contributionId, conversationId: conversation, conversationTitle: title, communityId: publicA, parentId: null, authorId: randomUUID(), body, visibility: 'public', revision: 0 }, regionA.regionId);
    const media = (note: string) => ({
      mediaId: link, conversationId: conversation, conversationTitle: title, communityId: publicA, visibility: 'public' as const, url: 'https://example.org/fietsbel', kind: 'website' as const,
      title: null, description: null, siteName: null, note, addedBy: randomUUID(),
    });
    await publish(ConversationStarted, { conversationId: conversation, communityId: publicA, title, body: 'Wie kent een goede fietsbel?', visibility: 'public', revision: 0, authorId: randomUUID() }, regionA.regionId);
    await posted(reply, 'Mijn fietsbel kwam van de markt.');
    await publish(MediaAdded, media('Een fietsbel die je hoort'), regionA.regionId);
    const all = new Set([conversation, reply, link]);
    await waitFor(async () => (await idsOf('fietsbel', await token(alice, regionA.regionId))).size === 3);

    await publish(ContentHidden, { targetType: 'conversation', targetId: conversation, communityId: publicA, by: moderator }, regionA.regionId);
    await waitFor(async () => (await idsOf('fietsbel')).size === 0);
    expect(await idsOf('fietsbel', await token(alice, regionA.regionId))).toEqual(new Set());
    // A new contribution, an edit and a fetched preview of the hidden conversation do not bring anything back.
    await posted(later, 'Nog een fietsbel, nu met een lampje.');
    await publish(ContributionEdited, {
      contributionId: reply, conversationId: conversation, conversationTitle: title, communityId: publicA, authorId: randomUUID(), body: 'Mijn fietsbel en lampje kwamen van de markt.', visibility: 'public', revision: 1,
    }, regionA.regionId);
    await publish(MediaUpdated, { ...media('Een fietsbel en een lampje'), title: 'Fietsbel met lampje' }, regionA.regionId);
    await waitFor(() => drained('communities'));
    expect(await idsOf('lampje')).toEqual(new Set());
    expect(await idsOf('fietsbel', undefined, { types: ['contribution', 'media'] })).toEqual(new Set());

    await publish(ContentRestored, {
      targetType: 'conversation', targetId: conversation, communityId: publicA, by: moderator,
      document: { visibility: 'public', title, body: 'Wie kent een goede fietsbel?', conversation: null },
    }, regionA.regionId);
    await waitFor(async () => (await idsOf('fietsbel')).size === 4);
    expect(await idsOf('fietsbel')).toEqual(new Set([...all, later]));
    expect(await idsOf('lampje')).toEqual(new Set([reply, link, later]));
  });

  it('finds a national community’s public content from every region, and its members-only content for its members wherever they are', async () => {
    const national = randomUUID();
    const closed = randomUUID();
    const dave = randomUUID(); // region B, member of the closed national community
    const [talk, reply, link, collection, planning] = [randomUUID(), randomUUID(), randomUUID(), randomUUID(), randomUUID()];
    const start = (communityId: string, name: string, visibility: 'public' | 'members') =>
      publish(CommunityCreated, { communityId, regionId: regionA.regionId, name, description: 'Het landelijke netwerk van gemeenschapsbibliothecarissen.', visibility, organiserId: randomUUID(), scope: 'national' }, regionA.regionId);
    await start(national, 'Landelijk netwerk leesbevordering', 'public');
    await start(closed, 'Landelijk overleg leesbevordering', 'members');
    await publish(MemberJoined, { communityId: closed, accountId: dave, role: 'member' }, regionB.regionId);
    const title = 'Voorleesuurtjes organiseren';
    await publish(ConversationStarted, { conversationId: talk, communityId: national, title, body: 'Hoe krijgen jullie ouders naar het voorleesuurtje?', visibility: 'public', revision: 0, authorId: randomUUID() }, regionA.regionId);
    await publish(ContributionPosted, { contributionId: reply, conversationId: talk, conversationTitle: title, communityId: national, parentId: null, authorId: randomUUID(), body: 'Wij doen het voorleesuurtje op zaterdag.', visibility: 'public', revision: 0 }, regionA.regionId);
    await publish(MediaAdded, {
      mediaId: link, conversationId: talk, conversationTitle: title, communityId: national, visibility: 'public', url: 'https://example.org/voorlezen', kind: 'website',
      title: null, description: null, siteName: null, note: 'Tips voor het voorleesuurtje', addedBy: randomUUID(),
    }, regionA.regionId);
    await publish(CollectionCreated, { collectionId: collection, communityId: national, visibility: 'public', title: 'Voorleesuurtje: de beste boeken', description: '', items: [], createdBy: randomUUID() }, regionA.regionId);
    await publish(ConversationStarted, { conversationId: planning, communityId: closed, title: 'Voorleesuurtje: begroting', body: 'Intern.', visibility: 'members', revision: 0, authorId: randomUUID() }, regionA.regionId);
    const everything = new Set([talk, reply, link, collection]);
    await waitFor(async () => (await idsOf('voorleesuurtje', await token(dave, regionB.regionId))).size === 5);

    // Region B: anonymous naming it, and a resident of it, find the national community's public content.
    expect(await idsOf('voorleesuurtje', undefined, { region: regionB.slug })).toEqual(everything);
    expect(await idsOf('voorleesuurtje', await token(carol, regionB.regionId))).toEqual(everything);
    expect(await idsOf('voorleesuurtje', await token(bob, regionA.regionId))).toEqual(everything);
    // Members-only content of the national community: its member in region B only.
    expect(await idsOf('voorleesuurtje', await token(dave, regionB.regionId))).toEqual(new Set([...everything, planning]));
    expect(await idsOf('landelijk', await token(dave, regionB.regionId), { types: ['community'] })).toEqual(new Set([national, closed]));
    expect(await idsOf('landelijk', await token(carol, regionB.regionId), { types: ['community'] })).toEqual(new Set([national]));
    // Being in a national community opens nothing of region A's regional members-only content.
    expect(await idsOf('eenzaamheid', await token(dave, regionB.regionId))).toEqual(new Set());
  });
});
