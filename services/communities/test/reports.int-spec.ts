import { randomUUID } from 'node:crypto';
import {
  AcceptInvitation, AddCollectionItem, AddMedia, CreateInvitation, ChangeMemberRole, CreateCollection, CreateCommunity, DismissReport, DomainError, GetCollection, GetConversation,
  HideContent, ListCollections, ListContributions, ListConversations, ListReports, PostContribution, RegionCreated, ReportContent,
  RestoreContent, StartConversation,
} from '@kc/contracts';
import { InProcessService, TestIdentity, TestScope } from '@kc/testing';
import { failure } from '../../identity/test/identity-test-kit';
import { publishEvent, sql, startCommunities } from './support';

const refusal = async (attempt: Promise<unknown>) => {
  const error = await failure<DomainError>(attempt);
  expect(error).toBeInstanceOf(DomainError);
  expect(error.messages.nl.length).toBeGreaterThan(10);
  return { status: error.statusCode, code: error.code };
};

describe('communities: reports, hiding and restoring (real PostgreSQL and NATS)', () => {
  const scope = new TestScope('reports');
  let svc: InProcessService;
  let tokens: TestIdentity;
  const region = randomUUID();
  const otherRegion = randomUUID();
  const ids = {
    organiser: randomUUID(), moderator: randomUUID(), member: randomUUID(), author: randomUUID(), outsider: randomUUID(),
    librarian: randomUUID(), otherLibrarian: randomUUID(), stranger: randomUUID(),
  };
  type Who = keyof typeof ids;
  const as = {} as Record<Who, string>;
  let communityId: string;
  let conversationId: string;

  beforeAll(async () => {
    tokens = await new TestIdentity(scope.namespace).start();
    svc = await startCommunities(scope, { MEDIA_PREVIEW_ALLOW_LOOPBACK_FOR_TESTS: 'true' });
    for (const who of Object.keys(ids) as Who[]) {
      const staff = who === 'librarian' || who === 'otherLibrarian';
      as[who] = await tokens.token({
        accountId: ids[who], regionId: who === 'otherLibrarian' || who === 'stranger' ? otherRegion : region, ...(staff ? { roles: ['community_librarian' as const] } : {}),
      });
    }
    await publishEvent(scope, RegionCreated, { regionId: region, slug: `regio-${randomUUID().slice(0, 6)}`, name: 'Regio Meld' }, region);
    await publishEvent(scope, RegionCreated, { regionId: otherRegion, slug: `regio-${randomUUID().slice(0, 6)}`, name: 'Regio Ander' }, otherRegion);
    communityId = (await svc.send(CreateCommunity, { name: 'Wijkenergie', visibility: 'members' }, as.organiser)).id;
    // Members only (outsiders cannot see it): members come in by invitation.
    const invitation = await svc.send(CreateInvitation, { communityId, expiresInDays: 7 }, as.organiser);
    for (const who of ['moderator', 'member', 'author'] as const) await svc.send(AcceptInvitation, { token: invitation.token }, as[who]);
    await svc.send(ChangeMemberRole, { communityId, accountId: ids.moderator, role: 'moderator' }, as.organiser);
    conversationId = (await svc.send(StartConversation, { communityId, title: 'Zonnepanelen delen', body: 'Wie doet mee met een collectief dak?' }, as.author)).id;
  });
  afterAll(async () => {
    await svc?.close();
    await tokens?.stop();
    await scope.dispose();
  });

  const outbox = (targetId: string) =>
    sql<{ subject: string }>(svc, `SELECT subject FROM kc_outbox WHERE payload->'data'->>'targetId' = ? ORDER BY created_at, id`, [targetId]);
  const audit = (targetId: string) =>
    sql<{ action: string; actor_id: string; reason: string | null }>(svc, 'SELECT action, actor_id, reason FROM community_audit WHERE target_id = ? ORDER BY at, id', [targetId]);
  /** The author's spam, a contribution of the test's own in the conversation. */
  const spam = async () => (await svc.send(PostContribution, { conversationId, body: 'Koop nu goedkope horloges op spam.example' }, as.author)).id;
  /** The open reports of the community about one target (other tests leave reports of their own). */
  const openReports = async (who: Who, targetId: string) => (await svc.send(ListReports, { communityId }, as[who])).items.filter((r) => r.targetId === targetId);

  it('reporting twice is one report (same id); who cannot see the content cannot report it; bad reasons are refused', async () => {
    const contributionId = await spam();
    const first = await svc.send(ReportContent, { targetType: 'contribution', targetId: contributionId, reason: 'Dit is reclame' }, as.member);
    const again = await svc.send(ReportContent, { targetType: 'contribution', targetId: contributionId, reason: 'Echt reclame, graag weg' }, as.member);
    expect(again).toEqual({ id: first.id, alreadyReported: true });
    expect(first.alreadyReported).toBe(false);
    await svc.send(ReportContent, { targetType: 'contribution', targetId: contributionId, reason: 'Spam' }, as.moderator);
    expect(await sql(svc, 'SELECT reason FROM reports WHERE target_id = ? ORDER BY reported_at', [contributionId])).toEqual([{ reason: 'Echt reclame, graag weg' }, { reason: 'Spam' }]);

    expect(await refusal(svc.send(ReportContent, { targetType: 'contribution', targetId: contributionId, reason: 'Zomaar' }, as.outsider))).toEqual({ status: 404, code: 'CONTRIBUTION_NOT_FOUND' });
    expect(await refusal(svc.send(ReportContent, { targetType: 'conversation', targetId: randomUUID(), reason: 'Zomaar' }, as.member))).toEqual({ status: 404, code: 'CONVERSATION_NOT_FOUND' });
    for (const reason of ['', 'ab', 'x'.repeat(1001), 'nul\u0000teken']) {
      expect((await refusal(svc.send(ReportContent, { targetType: 'contribution', targetId: contributionId, reason }, as.member))).status).toBe(400);
    }
    expect(await sql(svc, 'SELECT count(*)::int AS n FROM reports WHERE target_id = ?', [contributionId])).toEqual([{ n: 2 }]);
  });

  it('organisers, moderators and the region’s community librarians see the open reports with the content; members and other regions do not', async () => {
    const contributionId = await spam();
    await svc.send(ReportContent, { targetType: 'contribution', targetId: contributionId, reason: 'Echt reclame, graag weg' }, as.member);
    await svc.send(ReportContent, { targetType: 'contribution', targetId: contributionId, reason: 'Spam' }, as.moderator);
    for (const who of ['organiser', 'moderator', 'librarian'] as const) {
      expect(await openReports(who, contributionId)).toEqual([expect.objectContaining({
        targetType: 'contribution', targetId: contributionId, excerpt: 'Koop nu goedkope horloges op spam.example', author: expect.objectContaining({ id: ids.author }),
        conversationId, hidden: false, reporterCount: 2, reasons: ['Echt reclame, graag weg', 'Spam'],
      })]);
    }
    expect(await refusal(svc.send(ListReports, { communityId }, as.member))).toEqual({ status: 403, code: 'NOT_A_MODERATOR' });
    expect(await refusal(svc.send(ListReports, { communityId }, as.outsider))).toEqual({ status: 404, code: 'COMMUNITY_NOT_FOUND' });
    expect(await refusal(svc.send(ListReports, { communityId }, as.otherLibrarian))).toEqual({ status: 404, code: 'COMMUNITY_NOT_FOUND' });
  });

  it('hiding resolves the reports, shows the notice to others and the reason to its author and moderators, and tells search; restoring puts it back', async () => {
    const contributionId = await spam();
    await svc.send(ReportContent, { targetType: 'contribution', targetId: contributionId, reason: 'Dit is reclame' }, as.member);
    expect(await openReports('moderator', contributionId)).toHaveLength(1);
    expect(await refusal(svc.send(HideContent, { targetType: 'contribution', targetId: contributionId, reason: 'Reclame' }, as.member))).toEqual({ status: 403, code: 'NOT_A_MODERATOR' });
    expect(await refusal(svc.send(HideContent, { targetType: 'contribution', targetId: contributionId, reason: 'Reclame' }, as.otherLibrarian))).toEqual({ status: 404, code: 'CONTRIBUTION_NOT_FOUND' });
    expect(await svc.send(HideContent, { targetType: 'contribution', targetId: contributionId, reason: 'Reclame voor horloges' }, as.moderator)).toEqual({ targetType: 'contribution', targetId: contributionId, hidden: true });
    await svc.send(HideContent, { targetType: 'contribution', targetId: contributionId, reason: 'Nogmaals' }, as.organiser); // changes nothing
    expect(await openReports('moderator', contributionId)).toEqual([]);

    const shown = async (who: Who) => (await svc.send(ListContributions, { conversationId, limit: 20 }, as[who])).items.find((c) => c.id === contributionId)!;
    const seenByMember = await shown('member');
    expect(seenByMember).toMatchObject({ hidden: true, hiddenReason: null });
    expect(seenByMember.html).toContain('Verborgen door een moderator');
    expect(seenByMember.html).not.toContain('horloges');
    for (const who of ['author', 'moderator', 'librarian'] as const) {
      const seen = await shown(who);
      expect(seen).toMatchObject({ hidden: true, hiddenReason: 'Reclame voor horloges' });
      expect(seen.html).toContain('horloges');
    }

    await svc.send(RestoreContent, { targetType: 'contribution', targetId: contributionId }, as.librarian);
    expect(await shown('member')).toMatchObject({ hidden: false, hiddenReason: null });
    expect((await shown('member')).html).toContain('horloges');
    expect((await outbox(contributionId)).map((e) => e.subject.split('.').slice(-3, -1).join('.'))).toEqual(['content.hidden', 'content.restored']);
    const [restored] = await sql<{ payload: { data: { document: { body: string; conversation: { id: string } } } } }>(
      svc, `SELECT payload FROM kc_outbox WHERE payload->'data'->>'targetId' = ? AND subject LIKE '%content.restored%'`, [contributionId]);
    expect(restored!.payload.data.document).toMatchObject({ body: 'Koop nu goedkope horloges op spam.example', conversation: { id: conversationId } });
    expect(await audit(contributionId)).toEqual([
      { action: 'content.hidden', actor_id: ids.moderator, reason: 'Reclame voor horloges' },
      { action: 'content.restored', actor_id: ids.librarian, reason: null },
    ]);
  });

  it('a hidden conversation is not listed for others and shows them the notice; its collection item disappears for them', async () => {
    const hiddenId = (await svc.send(StartConversation, { communityId, title: 'Verkoop je stem', body: 'Betaald stemmen' }, as.author)).id;
    const collectionId = (await svc.send(CreateCollection, { communityId, title: 'Energie', description: 'Alles over energie' }, as.member)).id;
    await svc.send(AddCollectionItem, { collectionId, type: 'conversation', refId: hiddenId }, as.member);
    await svc.send(AddCollectionItem, { collectionId, type: 'conversation', refId: conversationId }, as.member);
    await svc.send(HideContent, { targetType: 'conversation', targetId: hiddenId, reason: 'Oproep tot fraude' }, as.organiser);

    const listed = async (who: Who) => (await svc.send(ListConversations, { communityId, limit: 50 }, as[who])).items.map((c) => c.id);
    expect(await listed('member')).not.toContain(hiddenId);
    expect(await listed('author')).toContain(hiddenId);
    expect(await listed('moderator')).toContain(hiddenId);
    const seen = await svc.send(GetConversation, { id: hiddenId }, as.member);
    expect(seen).toMatchObject({ title: 'Verborgen door een moderator', body: '', hidden: true, hiddenReason: null });
    expect(await svc.send(GetConversation, { id: hiddenId }, as.author)).toMatchObject({ title: 'Verkoop je stem', hidden: true, hiddenReason: 'Oproep tot fraude' });
    // Closed while hidden: no replies or links, except from its moderators.
    expect(await refusal(svc.send(PostContribution, { conversationId: hiddenId, body: 'Ik doe mee' }, as.author))).toEqual({ status: 409, code: 'CONVERSATION_HIDDEN' });
    expect(await refusal(svc.send(AddMedia, { conversationId: hiddenId, url: 'https://example.org/stem' }, as.member))).toEqual({ status: 409, code: 'CONVERSATION_HIDDEN' });
    expect(await svc.send(PostContribution, { conversationId: hiddenId, body: 'Verborgen wegens een oproep tot fraude.' }, as.moderator)).toMatchObject({ id: expect.any(String) });

    const items = async (who: Who) => (await svc.send(GetCollection, { id: collectionId }, as[who])).items.map((i) => i.ref);
    expect(await items('member')).toEqual([conversationId]);
    expect(await items('moderator')).toEqual([hiddenId, conversationId]);
    // Search learns the collection without the hidden item.
    const [latest] = await sql<{ payload: { data: { items: Array<{ title: string }> } } }>(
      svc, `SELECT payload FROM kc_outbox WHERE subject LIKE '%collection.updated%' AND payload->'data'->>'collectionId' = ? ORDER BY created_at DESC, id DESC LIMIT 1`, [collectionId]);
    expect(latest!.payload.data.items.map((i) => i.title)).toEqual(['Zonnepanelen delen']);
  });

  it('a hidden collection and media link leave others’ lists; dismissing reports keeps the content and is in the audit log', async () => {
    const collectionId = (await svc.send(CreateCollection, { communityId, title: 'Reclamebundel', description: 'Koop hier' }, as.author)).id;
    await svc.send(HideContent, { targetType: 'collection', targetId: collectionId, reason: 'Alleen reclame' }, as.moderator);
    const listed = async (who: Who) => (await svc.send(ListCollections, { communityId, limit: 50 }, as[who])).items.map((c) => c.id);
    expect(await listed('member')).not.toContain(collectionId);
    expect(await listed('author')).toContain(collectionId);
    expect(await svc.send(GetCollection, { id: collectionId }, as.member)).toMatchObject({ title: 'Verborgen door een moderator', items: [], canEdit: false, hidden: true });

    const mediaId = (await svc.send(AddMedia, { conversationId, url: 'https://example.org/artikel-zon' }, as.author)).id;
    await svc.send(HideContent, { targetType: 'media', targetId: mediaId, reason: 'Misleidend' }, as.moderator);
    expect((await svc.send(GetConversation, { id: conversationId }, as.member)).media.map((m) => m.id)).not.toContain(mediaId);
    expect((await svc.send(GetConversation, { id: conversationId }, as.author)).media).toEqual([expect.objectContaining({ id: mediaId, hidden: true, hiddenReason: 'Misleidend' })]);

    const report = await svc.send(ReportContent, { targetType: 'conversation', targetId: conversationId, reason: 'Ik vind dit niet leuk' }, as.member);
    expect((await openReports('moderator', conversationId)).map((r) => r.reasons)).toEqual([['Ik vind dit niet leuk']]);
    expect(await refusal(svc.send(DismissReport, { reportId: report.id }, as.member))).toEqual({ status: 403, code: 'NOT_A_MODERATOR' });
    expect(await refusal(svc.send(DismissReport, { reportId: report.id }, as.otherLibrarian))).toEqual({ status: 404, code: 'REPORT_NOT_FOUND' });
    expect(await svc.send(DismissReport, { reportId: report.id }, as.moderator)).toEqual({ dismissed: 1 });
    expect(await svc.send(DismissReport, { reportId: report.id }, as.moderator)).toEqual({ dismissed: 0 });
    expect(await openReports('moderator', conversationId)).toEqual([]);
    expect((await svc.send(GetConversation, { id: conversationId }, as.member)).hidden).toBe(false);
    expect(await audit(conversationId)).toEqual([{ action: 'report.dismissed', actor_id: ids.moderator, reason: null }]);
  });
});
