import { randomUUID } from 'node:crypto';
import {
  AddCommunityPartner, AddOrganisationMember, ChangeOrganisationMemberRole, CreateCommunity, CreateOrganisation, DomainError, ErasureRequested, GetOrganisation,
  JoinCommunity, ListCommunityPartners, ListOrganisations, RegionCreated, RemoveCommunityPartner, RemoveOrganisationMember, UpdateOrganisation,
} from '@kc/contracts';
import { InProcessService, TestIdentity, TestScope, waitFor } from '@kc/testing';
import { failure } from '../../identity/test/identity-test-kit';
import { publishEvent, sql, startCommunities } from './support';

const refusal = async (attempt: Promise<unknown>) => {
  const error = await failure<DomainError>(attempt);
  expect(error).toBeInstanceOf(DomainError);
  expect(error.messages.nl.length).toBeGreaterThan(10);
  return { status: error.statusCode, code: error.code };
};

describe('communities: partner organisations, their members and co-hosting (real PostgreSQL and NATS)', () => {
  const scope = new TestScope('organisations');
  let svc: InProcessService;
  let tokens: TestIdentity;
  const regionA = randomUUID();
  const regionB = randomUUID();
  const slugA = `regio-${randomUUID().slice(0, 6)}`;
  const slugB = `regio-${randomUUID().slice(0, 6)}`;
  const ids = { adminA: randomUUID(), adminB: randomUUID(), partner: randomUUID(), resident: randomUUID(), outsider: randomUUID(), organiser: randomUUID(), operator: randomUUID() };
  type Who = keyof typeof ids;
  const as = {} as Record<Who, string>;
  let organisationId: string;
  let communityId: string;

  beforeAll(async () => {
    tokens = await new TestIdentity(scope.namespace).start();
    svc = await startCommunities(scope);
    as.adminA = await tokens.token({ accountId: ids.adminA, regionId: regionA, roles: ['library_admin'] });
    as.adminB = await tokens.token({ accountId: ids.adminB, regionId: regionB, roles: ['library_admin'] });
    as.operator = await tokens.token({ accountId: ids.operator, regionId: null, operator: true });
    for (const who of ['partner', 'resident', 'organiser'] as const) as[who] = await tokens.token({ accountId: ids[who], regionId: regionA });
    as.outsider = await tokens.token({ accountId: ids.outsider, regionId: regionB });
    tokens.name(ids.partner, 'Petra Partner', regionA).name(ids.resident, 'Ria Bewoner', regionA).name(ids.outsider, 'Otto Elders', regionB).name(ids.adminA, 'Bea Beheer', regionA);
    await publishEvent(scope, RegionCreated, { regionId: regionA, slug: slugA, name: 'Regio A' }, regionA);
    await publishEvent(scope, RegionCreated, { regionId: regionB, slug: slugB, name: 'Regio B' }, regionB);
    await waitFor(async () => (await sql(svc, 'SELECT 1 FROM regions WHERE id IN (?, ?)', [regionA, regionB])).length === 2);
    organisationId = (await svc.send(CreateOrganisation, { name: 'Omroep West', description: 'Wij maken **radio**. <script>alert(1)</script>', website: 'https://omroepwest.example.nl', region: slugA }, as.adminA)).id;
    communityId = (await svc.send(CreateCommunity, { name: 'Luisteraars', visibility: 'public' }, as.organiser)).id;
    await svc.send(JoinCommunity, { communityId }, as.resident);
  });
  afterAll(async () => {
    await svc?.close();
    await tokens?.stop();
    await scope.dispose();
  });

  /** An organisation of region A of the test's own, made by its library administrator, with `partner` as an admin. */
  const organisationWithPartner = async (name: string) => {
    const id = (await svc.send(CreateOrganisation, { name, website: 'https://omroep.example.nl', region: slugA }, as.adminA)).id;
    await svc.send(AddOrganisationMember, { organisationId: id, accountId: ids.partner, role: 'admin' }, as.adminA);
    return id;
  };

  it('a region’s library administrators (or the operator) create one; another region’s admin and residents are refused, and the website must be public', async () => {
    // Two regions of its own, so that their lists hold exactly the organisations this test makes.
    const [regionC, regionD] = [randomUUID(), randomUUID()];
    const [slugC, slugD] = [`regio-${randomUUID().slice(0, 6)}`, `regio-${randomUUID().slice(0, 6)}`];
    await publishEvent(scope, RegionCreated, { regionId: regionC, slug: slugC, name: 'Regio C' }, regionC);
    await publishEvent(scope, RegionCreated, { regionId: regionD, slug: slugD, name: 'Regio D' }, regionD);
    await waitFor(async () => (await sql(svc, 'SELECT 1 FROM regions WHERE id IN (?, ?)', [regionC, regionD])).length === 2);
    const adminC = await tokens.token({ accountId: randomUUID(), regionId: regionC, roles: ['library_admin'] });
    const residentD = await tokens.token({ accountId: randomUUID(), regionId: regionD });
    expect(await refusal(svc.send(CreateOrganisation, { name: 'Universiteit', website: 'https://uni.example.nl', region: slugC }, as.adminB))).toEqual({ status: 403, code: 'NOT_A_LIBRARY_ADMIN' });
    expect(await refusal(svc.send(CreateOrganisation, { name: 'Universiteit', website: 'https://uni.example.nl' }, as.resident))).toEqual({ status: 403, code: 'NOT_A_LIBRARY_ADMIN' });
    for (const website of ['http://localhost:8080/', 'ftp://files.example.nl', 'javascript:alert(1)', 'http://10.0.0.1/', 'https://user:pw@example.nl']) {
      expect(await refusal(svc.send(CreateOrganisation, { name: 'Universiteit', website }, adminC))).toEqual({ status: 400, code: 'INVALID_WEBSITE' });
    }
    const before = await sql(svc, 'SELECT count(*)::int AS n FROM organisations');
    expect(await refusal(svc.send(CreateOrganisation, { name: 'Universiteit', website: 'https://uni.example.nl', region: 'bestaat-niet' }, as.operator))).toMatchObject({ status: 404, code: 'REGION_NOT_FOUND' });
    expect(await sql(svc, 'SELECT count(*)::int AS n FROM organisations')).toEqual(before);

    await svc.send(CreateOrganisation, { name: 'Omroep Noord', website: 'https://omroepnoord.example.nl', region: slugC }, adminC);
    const national = (await svc.send(CreateOrganisation, { name: 'Landelijke Vereniging', website: 'https://vereniging.example.nl' }, as.operator)).id;
    const ofC = await svc.send(ListOrganisations, { region: slugC, limit: 50 }, as.resident);
    expect(ofC.items.map((o) => o.name)).toEqual(['Landelijke Vereniging', 'Omroep Noord']);
    const ofD = await svc.send(ListOrganisations, { limit: 50 }, residentD);
    expect(ofD.items.map((o) => o.id)).toEqual([national]);
    expect(await refusal(svc.send(ListOrganisations, { limit: 1, cursor: 'nonsense!' }, as.resident))).toMatchObject({ status: 400, code: 'INVALID_CURSOR' });
  });

  it('the profile is public with sanitised Markdown; members are shown only to members and staff', async () => {
    const publicView = await svc.send(GetOrganisation, { id: organisationId });
    expect(publicView).toMatchObject({ name: 'Omroep West', website: 'https://omroepwest.example.nl/', members: null, myRole: null, canManage: false });
    expect(publicView.descriptionHtml).toContain('<strong>radio</strong>');
    expect(publicView.descriptionHtml).not.toContain('<script');
    const adminView = await svc.send(GetOrganisation, { id: organisationId }, as.adminA);
    expect(adminView).toMatchObject({ myRole: 'admin', canManage: true, members: [{ accountId: ids.adminA, displayName: 'Bea Beheer', role: 'admin' }] });
    expect((await svc.send(GetOrganisation, { id: organisationId }, as.adminB)).canManage).toBe(false);
    expect(await refusal(svc.send(UpdateOrganisation, { id: organisationId, name: 'Overgenomen' }, as.adminB))).toEqual({ status: 403, code: 'NOT_AN_ORGANISATION_ADMIN' });
    expect(await refusal(svc.send(UpdateOrganisation, { id: organisationId, website: 'http://127.0.0.1/' }, as.adminA))).toEqual({ status: 400, code: 'INVALID_WEBSITE' });
    expect(await refusal(svc.send(GetOrganisation, { id: randomUUID() }, as.adminA))).toEqual({ status: 404, code: 'ORGANISATION_NOT_FOUND' });
  });

  it('members with roles: only accounts of its region, and at least one admin stays', async () => {
    // An organisation of its own: this test changes its members and description.
    const organisationId = (await svc.send(CreateOrganisation, { name: 'Omroep Zuid', website: 'https://omroepzuid.example.nl', region: slugA }, as.adminA)).id;
    expect(await svc.send(AddOrganisationMember, { organisationId, accountId: ids.partner, role: 'member' }, as.adminA)).toMatchObject({ accountId: ids.partner, displayName: 'Petra Partner', role: 'member' });
    expect(await refusal(svc.send(AddOrganisationMember, { organisationId, accountId: ids.partner, role: 'admin' }, as.adminA))).toEqual({ status: 409, code: 'ALREADY_ORGANISATION_MEMBER' });
    expect(await refusal(svc.send(AddOrganisationMember, { organisationId, accountId: ids.outsider, role: 'member' }, as.adminA))).toEqual({ status: 409, code: 'ACCOUNT_OF_OTHER_REGION' });
    expect(await refusal(svc.send(AddOrganisationMember, { organisationId, accountId: randomUUID(), role: 'member' }, as.adminA))).toEqual({ status: 404, code: 'ACCOUNT_NOT_FOUND' });
    expect(await refusal(svc.send(AddOrganisationMember, { organisationId, accountId: ids.resident, role: 'admin' }, as.partner))).toEqual({ status: 403, code: 'NOT_AN_ORGANISATION_ADMIN' });
    expect(await refusal(svc.send(AddOrganisationMember, { organisationId, accountId: ids.resident, role: 'admin' }, as.adminB))).toEqual({ status: 403, code: 'NOT_AN_ORGANISATION_ADMIN' });
    expect(await refusal(svc.send(ChangeOrganisationMemberRole, { organisationId, accountId: ids.adminA, role: 'member' }, as.adminA))).toEqual({ status: 409, code: 'LAST_ORGANISATION_ADMIN' });
    expect(await refusal(svc.send(RemoveOrganisationMember, { organisationId, accountId: ids.adminA }, as.adminA))).toEqual({ status: 409, code: 'LAST_ORGANISATION_ADMIN' });

    await svc.send(ChangeOrganisationMemberRole, { organisationId, accountId: ids.partner, role: 'admin' }, as.adminA);
    await svc.send(RemoveOrganisationMember, { organisationId, accountId: ids.adminA }, as.partner);
    const view = await svc.send(GetOrganisation, { id: organisationId }, as.partner);
    expect(view.members!.map((m) => [m.accountId, m.role])).toEqual([[ids.partner, 'admin']]);
    // The region's library administrator still manages it without being a member.
    expect((await svc.send(GetOrganisation, { id: organisationId }, as.adminA)).canManage).toBe(true);
    await svc.send(UpdateOrganisation, { id: organisationId, description: 'Radio en *televisie*.' }, as.partner);
    expect((await svc.send(GetOrganisation, { id: organisationId }, as.resident)).descriptionHtml).toContain('<em>televisie</em>');
  });

  it('a community’s organisers name it co-host; it shows on both pages, and its admins can end it', async () => {
    const organisationId = await organisationWithPartner('Omroep Midden');
    expect(await refusal(svc.send(AddCommunityPartner, { communityId, organisationId }, as.resident))).toEqual({ status: 403, code: 'NOT_AN_ORGANISER' });
    const elsewhere = (await svc.send(CreateOrganisation, { name: 'Omroep Oost', website: 'https://oost.example.nl' }, as.adminB)).id;
    expect(await refusal(svc.send(AddCommunityPartner, { communityId, organisationId: elsewhere }, as.organiser))).toEqual({ status: 409, code: 'ORGANISATION_OF_OTHER_REGION' });
    expect(await svc.send(AddCommunityPartner, { communityId, organisationId }, as.organiser)).toEqual({ organisationId, name: 'Omroep Midden' });
    expect(await refusal(svc.send(AddCommunityPartner, { communityId, organisationId }, as.organiser))).toEqual({ status: 409, code: 'ALREADY_PARTNER' });
    expect((await svc.send(ListCommunityPartners, { communityId })).items).toEqual([{ organisationId, name: 'Omroep Midden' }]);
    expect((await svc.send(GetOrganisation, { id: organisationId })).communities).toEqual([{ id: communityId, name: 'Luisteraars' }]);

    expect(await refusal(svc.send(RemoveCommunityPartner, { communityId, organisationId }, as.resident))).toEqual({ status: 403, code: 'NOT_AN_ORGANISER' });
    await svc.send(RemoveCommunityPartner, { communityId, organisationId }, as.partner);
    expect((await svc.send(ListCommunityPartners, { communityId }, as.organiser)).items).toEqual([]);
  });

  it('an erasure takes the person’s organisation memberships out', async () => {
    const organisationId = await organisationWithPartner('Omroep Oostkust');
    // Someone of its own to erase, so the other tests keep their resident.
    const leaving = randomUUID();
    tokens.name(leaving, 'Vera Vertrek', regionA);
    await svc.send(AddOrganisationMember, { organisationId, accountId: leaving, role: 'member' }, as.partner);
    expect(await sql(svc, 'SELECT 1 FROM organisation_members WHERE account_id = ?', [leaving])).toHaveLength(1);
    await publishEvent(scope, ErasureRequested, { erasureId: randomUUID(), accountId: leaving, content: 'anonymise' }, regionA);
    await waitFor(async () => (await sql(svc, 'SELECT 1 FROM organisation_members WHERE account_id = ?', [leaving])).length === 0);
    expect(await sql(svc, 'SELECT account_id FROM organisation_members WHERE organisation_id = ? ORDER BY account_id', [organisationId]))
      .toEqual([ids.adminA, ids.partner].sort().map((id) => ({ account_id: id })));
  });
});
