import { randomUUID } from 'node:crypto';
import type { SearchDocument, SearchIndex, SearchRequest, VisibilityFilter } from '../src/index/search-index.port';

/**
 * The behaviour every `SearchIndex` adapter must have. `createIndex` gives an empty index
 * for each test (the caller cleans up after the suite).
 */
export function searchIndexContract(createIndex: () => Promise<SearchIndex>): void {
  const REGION_A = randomUUID();
  const REGION_B = randomUUID();
  let index: SearchIndex;

  const doc = (overrides: Partial<SearchDocument> = {}): SearchDocument => {
    const id = overrides.id ?? randomUUID();
    return {
      type: 'conversation',
      id,
      regionId: REGION_A,
      communityId: randomUUID(),
      visibility: 'public',
      title: 'Zonder titel',
      body: '',
      updatedAt: new Date('2026-11-01T10:00:00Z'),
      ...overrides,
    };
  };
  const anyone: VisibilityFilter = { publicRegionId: null, member: null };
  const find = (text: string, filter: VisibilityFilter = anyone, extra: Partial<SearchRequest> = {}) =>
    index.search({ text, limit: 20, ...extra }, filter);
  const ids = async (text: string, filter?: VisibilityFilter, extra?: Partial<SearchRequest>) => (await find(text, filter, extra)).map((h) => h.id);

  beforeEach(async () => {
    index = await createIndex();
  });

  describe('Dutch text analysis', () => {
    it('stems: "duurzame woningen" finds "duurzaam wonen"', async () => {
      const hit = doc({ title: 'Duurzaam wonen in de stad', body: 'Samen je huis verduurzamen met buren.' });
      const other = doc({ title: 'Breien voor beginners', body: 'Wol, naalden en geduld.' });
      await index.upsert(hit);
      await index.upsert(other);
      const found = await ids('duurzame woningen');
      expect(found).toContain(hit.id);
      expect(found).not.toContain(other.id);
    });

    it('folds diacritics both ways: "eenzaamheid" and "éénzaamheid"', async () => {
      const accented = doc({ title: 'Samen tegen éénzaamheid', body: 'Koffie in de bibliotheek.' });
      const plain = doc({ title: 'Eenzaamheid onder ouderen', body: 'Een gesprek over verbinding.' });
      await index.upsert(accented);
      await index.upsert(plain);
      expect(new Set(await ids('eenzaamheid'))).toEqual(new Set([accented.id, plain.id]));
      expect(new Set(await ids('éénzaamheid'))).toEqual(new Set([accented.id, plain.id]));
    });

    it('finds a document despite a typo', async () => {
      const hit = doc({ title: 'Eenzaamheid in de wijk', body: 'Wat kunnen buren voor elkaar doen?' });
      await index.upsert(hit);
      await index.upsert(doc({ title: 'Moestuinieren op het balkon', body: 'Tomaten en kruiden.' }));
      expect(await ids('eenzaamhied')).toEqual([hit.id]);
    });

    it('ranks a title match above a body-only match', async () => {
      const bodyOnly = doc({ title: 'Groen in de wijk', body: 'We praten over de moestuin achter de bibliotheek en meer.' });
      const inTitle = doc({ title: 'De moestuin', body: 'We praten over groen achter de bibliotheek en nog meer.' });
      await index.upsert(bodyOnly);
      await index.upsert(inTitle);
      expect(await ids('moestuin')).toEqual([inTitle.id, bodyOnly.id]);
    });

    it('returns a plain-text snippet with the match marked «» and no markup', async () => {
      const hit = doc({ title: 'Bijeenkomst', body: 'Kom naar <b>onze</b> avond over eenzaamheid <script>alert(1)</script> in de bieb.' });
      await index.upsert(hit);
      const [found] = await find('eenzaamheid');
      expect(found).toMatchObject({ id: hit.id, type: 'conversation', communityId: hit.communityId, title: 'Bijeenkomst' });
      expect(found.snippet).toContain('«eenzaamheid»');
      expect(found.snippet).not.toMatch(/[<>]/);
    });
    it('takes any user input without failing (operators, quotes, markup, URLs)', async () => {
      await index.upsert(doc({ title: 'Koken & bakken', body: 'Zie https://bieb.nl/agenda?a=1&b=2 voor data.' }));
      const odd = ['&', '|', '!', "'", '"', '"onaf', '-', '- -', 'a:*', '(x', '\\', '<->', '?', '??', 'koken & bakken', 'https://bieb.nl/agenda?a=1&b=2', '🙂 koken', 'or', '-koken'];
      for (const text of odd) await expect(find(text)).resolves.toEqual(expect.any(Array));
      expect((await find('koken & bakken')).length).toBe(1);
    });
  });

  describe('visibility and regions', () => {
    const MEMBERS_COMMUNITY = randomUUID();
    let publicDoc: SearchDocument;
    let membersDoc: SearchDocument;
    let otherRegionDoc: SearchDocument;

    beforeEach(async () => {
      publicDoc = doc({ title: 'Repair café open voor iedereen', regionId: REGION_A });
      membersDoc = doc({ title: 'Repair café: planning van de vrijwilligers', regionId: REGION_A, communityId: MEMBERS_COMMUNITY, visibility: 'members' });
      otherRegionDoc = doc({ title: 'Repair café in de andere regio', regionId: REGION_B });
      for (const d of [publicDoc, membersDoc, otherRegionDoc]) await index.upsert(d);
    });

    it('hides members-only documents from anonymous callers and non-members', async () => {
      expect(new Set(await ids('repair café'))).toEqual(new Set([publicDoc.id, otherRegionDoc.id]));
      const nonMember: VisibilityFilter = { publicRegionId: REGION_A, member: { regionId: REGION_A, communityIds: [randomUUID()] } };
      expect(await ids('repair café', nonMember)).toEqual([publicDoc.id]);
    });

    it('shows members-only documents to members of that community in its region', async () => {
      const member: VisibilityFilter = { publicRegionId: REGION_A, member: { regionId: REGION_A, communityIds: [MEMBERS_COMMUNITY] } };
      expect(new Set(await ids('repair café', member))).toEqual(new Set([publicDoc.id, membersDoc.id]));
    });

    it('never shows members-only documents of another region, not even to a member', async () => {
      const memberElsewhere: VisibilityFilter = { publicRegionId: REGION_B, member: { regionId: REGION_B, communityIds: [MEMBERS_COMMUNITY] } };
      expect(await ids('repair café', memberElsewhere)).toEqual([otherRegionDoc.id]);
      const memberWithoutRegion: VisibilityFilter = { publicRegionId: null, member: { regionId: null, communityIds: [MEMBERS_COMMUNITY] } };
      expect(await ids('repair café', memberWithoutRegion)).not.toContain(membersDoc.id);
    });

    it('keeps the typo fallback inside the same visibility rules', async () => {
      expect(await ids('repair cafe planing', { publicRegionId: REGION_B, member: null })).not.toContain(membersDoc.id);
    });

    it('filters public documents by region', async () => {
      expect(await ids('repair café', { publicRegionId: REGION_A, member: null })).toEqual([publicDoc.id]);
      expect(await ids('repair café', { publicRegionId: REGION_B, member: null })).toEqual([otherRegionDoc.id]);
    });

    it('filters by type and bounds the number of hits', async () => {
      const activity = doc({ type: 'activity', title: 'Repair café zaterdag', regionId: REGION_A });
      await index.upsert(activity);
      expect(await ids('repair café', anyone, { types: ['activity'] })).toEqual([activity.id]);
      expect(await find('repair café', anyone, { limit: 2 })).toHaveLength(2);
    });
  });

  describe('national communities', () => {
    const NATIONAL = randomUUID();
    const REGIONAL_B = randomUUID();
    let nationalPublic: SearchDocument;
    let nationalMembers: SearchDocument;
    let regionalMembersB: SearchDocument;

    beforeEach(async () => {
      nationalPublic = doc({ type: 'contribution', title: '', body: 'Leesclubs voor laaggeletterden landelijk.', regionId: REGION_A, communityId: NATIONAL, national: true });
      nationalMembers = doc({ title: 'Leesclubs: interne planning', regionId: REGION_A, communityId: NATIONAL, visibility: 'members', national: true });
      regionalMembersB = doc({ title: 'Leesclubs in de regio B, besloten', regionId: REGION_B, communityId: REGIONAL_B, visibility: 'members' });
      for (const d of [nationalPublic, nationalMembers, regionalMembersB]) await index.upsert(d);
    });

    it('finds a national community’s public content from every region, its members-only content for nobody else', async () => {
      expect(await ids('leesclubs', { publicRegionId: REGION_B, member: null })).toEqual([nationalPublic.id]);
      expect(await ids('leesclubs', { publicRegionId: REGION_B, member: { regionId: REGION_B, communityIds: [randomUUID()] } })).toEqual([nationalPublic.id]);
      expect(await ids('leesclubs', { publicRegionId: REGION_A, member: null })).toEqual([nationalPublic.id]);
    });

    it('shows its members-only content to its members in any region, and nothing of another region’s regional community', async () => {
      const memberInB: VisibilityFilter = { publicRegionId: REGION_B, member: { regionId: REGION_B, communityIds: [NATIONAL] } };
      expect(new Set(await ids('leesclubs', memberInB))).toEqual(new Set([nationalPublic.id, nationalMembers.id]));
      // A member of the national community in region A, who is also (wrongly) listed in region B's community, sees none of B's members-only content.
      const memberInA: VisibilityFilter = { publicRegionId: REGION_A, member: { regionId: REGION_A, communityIds: [NATIONAL, REGIONAL_B] } };
      expect(new Set(await ids('leesclubs', memberInA))).toEqual(new Set([nationalPublic.id, nationalMembers.id]));
    });
  });

  describe('hidden conversations', () => {
    const conversation = { id: randomUUID(), title: 'Kringloop in de wijk' };
    const members = randomUUID();
    const member: VisibilityFilter = { publicRegionId: REGION_A, member: { regionId: REGION_A, communityIds: [members] } };
    let reply: SearchDocument;
    let link: SearchDocument;
    let elsewhere: SearchDocument;

    beforeEach(async () => {
      reply = doc({ type: 'contribution', title: '', body: 'Een fietsenmaker repareert gratis.', conversation, communityId: members, visibility: 'members' });
      link = doc({ type: 'media', title: 'Fietsenmaker aan het werk', body: 'Video over een fietsenmaker.', conversation, communityId: members });
      elsewhere = doc({ type: 'contribution', title: '', body: 'De fietsenmaker van hiernaast.', conversation: { id: randomUUID(), title: 'Anders' } });
      for (const d of [reply, link, elsewhere]) await index.upsert(d);
    });

    it('finds none of its contributions and media links for anyone, members included, until it is shown again', async () => {
      await index.setConversationHidden(conversation.id, true);
      await index.setConversationHidden(conversation.id, true); // a redelivery
      expect(await ids('fietsenmaker')).toEqual([elsewhere.id]);
      expect(await ids('fietsenmaker', member)).toEqual([elsewhere.id]);
      expect(await ids('fietsenmakr', member)).toEqual([elsewhere.id]); // the typo fallback too

      await index.setConversationHidden(conversation.id, false);
      expect(new Set(await ids('fietsenmaker', member))).toEqual(new Set([reply.id, link.id, elsewhere.id]));
    });

    it('keeps a document that is written as hidden out, and a newer write decides', async () => {
      await index.setConversationHidden(conversation.id, true);
      const added = doc({ type: 'contribution', title: '', body: 'Nog een fietsenmaker.', conversation, conversationHidden: true });
      await index.upsert(added);
      await index.upsert({ ...reply, body: 'De fietsenmaker is verhuisd.', conversationHidden: true, updatedAt: new Date('2026-11-03T10:00:00Z') });
      expect(await ids('fietsenmaker', member)).toEqual([elsewhere.id]);
      await index.setConversationHidden(conversation.id, false);
      expect(new Set(await ids('fietsenmaker', member))).toEqual(new Set([reply.id, link.id, added.id, elsewhere.id]));
      expect((await find('verhuisd', member)).map((h) => h.id)).toEqual([reply.id]);
    });

    it('renames a conversation where its replies and links show its title (an erased author’s conversation), and only there', async () => {
      await index.retitleConversation(conversation.id, 'Verwijderd gesprek');
      await index.retitleConversation(conversation.id, 'Verwijderd gesprek'); // a redelivery
      const hits = await find('fietsenmaker', member);
      expect(hits.find((h) => h.id === reply.id)?.title).toBe('Verwijderd gesprek');
      expect(hits.find((h) => h.id === link.id)?.title).toBe('Verwijderd gesprek');
      expect(hits.find((h) => h.id === elsewhere.id)?.title).toBe('Anders');
    });

    it('showing a conversation that was never hidden changes nothing', async () => {
      await index.setConversationHidden(randomUUID(), false);
      await index.setConversationHidden(conversation.id, false);
      expect(new Set(await ids('fietsenmaker', member))).toEqual(new Set([reply.id, link.id, elsewhere.id]));
    });
  });

  describe('writes', () => {
    it('upsert replaces a document with the same id, and an older version never wins', async () => {
      const first = doc({ title: 'Taalcafé op dinsdag', body: 'Nederlands oefenen.' });
      await index.upsert(first);
      const newer = { ...first, title: 'Taalcafé op woensdag', updatedAt: new Date('2026-11-02T10:00:00Z') };
      await index.upsert(newer);
      await index.upsert(newer); // a redelivery
      await index.upsert({ ...first, title: 'Taalcafé op maandag', updatedAt: new Date('2026-10-01T10:00:00Z') });
      const hits = await find('taalcafé');
      expect(hits).toHaveLength(1);
      expect(hits[0]).toMatchObject({ id: first.id, title: 'Taalcafé op woensdag' });
    });

    it('removes a document (and removing twice is fine)', async () => {
      const gone = doc({ title: 'Schaakclub', body: 'Elke vrijdag.' });
      await index.upsert(gone);
      expect(await ids('schaakclub')).toEqual([gone.id]);
      await index.remove(gone.id);
      await index.remove(gone.id);
      expect(await ids('schaakclub')).toEqual([]);
    });
  });
}
