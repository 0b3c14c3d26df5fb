import { DomainError, GetRegion, GrantStaffRole, ListRegions, RegisterAccount, SetRegionLicence, TERMS_VERSION } from '@kc/contracts';
import { TokenVerifier } from '@kc/auth';
import { InProcessService, TestScope, waitFor } from '@kc/testing';
import { RegionLicenceService } from '../src/region/region-licence.service';
import { createRegion, failure, operatorToken, query, resident, startIdentity } from './identity-test-kit';

describe('identity: region licences (real PostgreSQL and NATS KV)', () => {
  const scope = new TestScope('identity-licence');
  let identity: InProcessService;
  let operator: string;
  let regionId: string;
  let admin: Awaited<ReturnType<typeof resident>>;
  let member: Awaited<ReturnType<typeof resident>>;

  const suspendedFor = async (token: string) => (await identity.get<TokenVerifier>(TokenVerifier).resolve({ token, correlationId: 'c', lang: 'nl' })).regionSuspended;
  const licenceEvents = () => query(scope, "SELECT payload->'data' AS data FROM kc_outbox WHERE payload->>'type' = 'kc.identity.region.licence-changed.v1' ORDER BY id");

  beforeAll(async () => {
    identity = await startIdentity(scope);
    operator = await operatorToken(identity);
    regionId = await createRegion(identity, operator, 'zeeland');
    [admin, member] = await Promise.all([resident(identity, 'zeeland', 'beheer-zeeland'), resident(identity, 'zeeland', 'lid-zeeland')]);
    await identity.send(GrantStaffRole, { region: 'zeeland', accountId: admin.id, role: 'library_admin' }, operator);
  });
  afterAll(async () => {
    await identity?.close();
    await scope.dispose();
  });

  it('lets only the operator change a licence, and refuses an end date in the past for an active one', async () => {
    expect(await failure(identity.send(SetRegionLicence, { region: 'zeeland', status: 'suspended', note: 'x' }, admin.token))).toMatchObject({ statusCode: 403, code: 'OPERATOR_ONLY' });
    const past = new Date(Date.now() - 86_400_000).toISOString();
    const error = await failure<DomainError>(identity.send(SetRegionLicence, { region: 'zeeland', status: 'active', validUntil: past }, operator));
    expect(error).toMatchObject({ statusCode: 400, code: 'LICENCE_VALID_UNTIL_PAST' });
    expect(error.messages.nl).toMatch(/toekomst/);
    expect(await failure(identity.send(SetRegionLicence, { region: 'atlantis', status: 'suspended' }, operator))).toMatchObject({ statusCode: 404 });
    expect(await licenceEvents()).toHaveLength(0);
  });

  it('suspends a region: its members’ writes are 423 at once, reads go on; reinstating restores it', async () => {
    const suspended = await identity.send(SetRegionLicence, { region: 'zeeland', status: 'suspended', note: 'Licentie niet verlengd' }, operator);
    expect(suspended).toMatchObject({ region: { slug: 'zeeland', status: 'suspended' }, note: 'Licentie niet verlengd', validUntil: null });
    await waitFor(() => suspendedFor(member.token), 5000);

    const refused = await failure<DomainError>(identity.send(GrantStaffRole, { region: 'zeeland', accountId: member.id, role: 'community_librarian' }, admin.token));
    expect(refused).toMatchObject({ statusCode: 423, code: 'REGION_SUSPENDED' });
    expect(refused.messages.nl).toMatch(/opgeschort/);
    const registration = await failure(identity.send(RegisterAccount, { email: 'nieuw@example.nl', password: 'nieuw-wachtwoord-1', displayName: 'Nieuw', region: 'zeeland', acceptedTermsVersion: TERMS_VERSION }));
    expect(registration).toMatchObject({ statusCode: 423, code: 'REGION_SUSPENDED' });
    expect((await identity.send(GetRegion, { slug: 'zeeland' })).status).toBe('suspended');
    expect((await identity.send(ListRegions, {})).items.find((r) => r.slug === 'zeeland')?.status).toBe('suspended');
    expect(await query(scope, "SELECT 1 FROM staff_roles WHERE account_id = $1", [member.id])).toHaveLength(0);

    await identity.send(SetRegionLicence, { region: 'zeeland', status: 'active', validUntil: new Date(Date.now() + 365 * 86_400_000).toISOString() }, operator);
    await waitFor(async () => !(await suspendedFor(member.token)), 5000);
    await identity.send(GrantStaffRole, { region: 'zeeland', accountId: member.id, role: 'community_librarian' }, admin.token);
    expect((await licenceEvents()).map((r) => (r as { data: unknown }).data)).toEqual([{ regionId, status: 'suspended' }, { regionId, status: 'active' }]);
  });

  it('suspends a region whose licence has ended by itself', async () => {
    await query(scope, "UPDATE regions SET licence_valid_until = now() - interval '1 minute' WHERE slug = 'zeeland'");
    expect(await identity.get<RegionLicenceService>(RegionLicenceService).suspendExpired()).toBe(1);
    await waitFor(() => suspendedFor(member.token), 5000);
    expect((await identity.send(GetRegion, { slug: 'zeeland' })).status).toBe('suspended');
    expect(await identity.get<RegionLicenceService>(RegionLicenceService).suspendExpired()).toBe(0);
  });
});
