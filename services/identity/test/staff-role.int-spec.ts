import { DomainError, GetMe, GrantStaffRole } from '@kc/contracts';
import { TokenVerifier } from '@kc/auth';
import { InProcessService, TestScope, waitFor } from '@kc/testing';
import { createRegion, failure, operatorToken, query, resident, startIdentity } from './identity-test-kit';

type Person = Awaited<ReturnType<typeof resident>>;

describe('identity: staff roles (real PostgreSQL and NATS)', () => {
  const scope = new TestScope('identity-staff');
  let identity: InProcessService;
  let operator: string;
  let utrechtId: string;
  let adminUtrecht: Person, adminGooi: Person, member: Person, librarian: Person, gooiResident: Person;

  const grantedEvents = (accountId: string) =>
    query(scope, "SELECT id FROM kc_outbox WHERE payload->>'type' = 'kc.identity.staff-role.granted.v1' AND payload->'data'->>'accountId' = $1", [accountId]);
  const contextOf = (token: string) => identity.get<TokenVerifier>(TokenVerifier).resolve({ token, correlationId: 'c', lang: 'nl' });

  beforeAll(async () => {
    identity = await startIdentity(scope);
    operator = await operatorToken(identity);
    utrechtId = await createRegion(identity, operator, 'utrecht');
    await createRegion(identity, operator, 'gooi');
    adminUtrecht = await resident(identity, 'utrecht', 'admin-utrecht');
    adminGooi = await resident(identity, 'gooi', 'admin-gooi');
    member = await resident(identity, 'utrecht', 'lid-utrecht');
    librarian = await resident(identity, 'utrecht', 'bibliothecaris');
    gooiResident = await resident(identity, 'gooi', 'inwoner-gooi');
    // The staff every test may rely on: a library_admin in each region and a community_librarian in Utrecht.
    await identity.send(GrantStaffRole, { region: 'utrecht', accountId: adminUtrecht.id, role: 'library_admin' }, operator);
    await identity.send(GrantStaffRole, { region: 'gooi', accountId: adminGooi.id, role: 'library_admin' }, operator);
    await identity.send(GrantStaffRole, { region: 'utrecht', accountId: librarian.id, role: 'community_librarian' }, operator);
    // The roles reach the access directory asynchronously (outbox → event → KV): wait until they apply.
    for (const [person, role] of [[adminUtrecht, 'library_admin'], [adminGooi, 'library_admin'], [librarian, 'community_librarian']] as const) {
      await waitFor(async () => (await contextOf(person.token)).roles.includes(role), 10_000);
    }
  });
  afterAll(async () => {
    await identity?.close();
    await scope.dispose();
  });

  it('lets the operator grant a role, idempotently, with one StaffRoleGranted event', async () => {
    const nieuw = await resident(identity, 'utrecht', 'nieuwe-beheerder');
    const grant = { region: 'utrecht', accountId: nieuw.id, role: 'library_admin' } as const;
    expect(await identity.send(GrantStaffRole, grant, operator)).toEqual({ accountId: nieuw.id, regionId: utrechtId, role: 'library_admin' });
    expect(await identity.send(GrantStaffRole, grant, operator)).toEqual({ accountId: nieuw.id, regionId: utrechtId, role: 'library_admin' });
    expect(await grantedEvents(nieuw.id)).toHaveLength(1);
  });

  it('applies the new role to the token issued before the grant, without a new log-in', async () => {
    const later = await resident(identity, 'utrecht', 'later-beheerder');
    expect((await contextOf(later.token)).roles).toEqual([]);
    await identity.send(GrantStaffRole, { region: 'utrecht', accountId: later.id, role: 'library_admin' }, operator);
    await waitFor(async () => (await contextOf(later.token)).roles.includes('library_admin'), 5000);
    expect(await contextOf(later.token)).toMatchObject({ accountId: later.id, regionId: utrechtId, roles: ['library_admin'], isOperator: false });
    expect((await contextOf(member.token)).roles).toEqual([]);
  });

  it('lets a library_admin of the region grant a role', async () => {
    const leesclub = await resident(identity, 'utrecht', 'leesclub-bibliothecaris');
    await identity.send(GrantStaffRole, { region: 'utrecht', accountId: leesclub.id, role: 'community_librarian' }, adminUtrecht.token);
    const me = await identity.send(GetMe, {}, leesclub.token);
    expect(me.roles).toEqual(['community_librarian']);
    expect(await grantedEvents(leesclub.id)).toHaveLength(1);
  });

  it('refuses a member and a library_admin of another region (403)', async () => {
    const grant = { region: 'utrecht', accountId: member.id, role: 'library_admin' } as const;
    const byMember = await failure<DomainError>(identity.send(GrantStaffRole, grant, member.token));
    expect(byMember).toMatchObject({ statusCode: 403, code: 'STAFF_ROLE_FORBIDDEN' });
    expect(byMember.messages.nl).toMatch(/bibliotheekbeheerder/);
    const byOtherAdmin = await failure<DomainError>(identity.send(GrantStaffRole, grant, adminGooi.token));
    expect(byOtherAdmin).toMatchObject({ statusCode: 403, code: 'STAFF_ROLE_FORBIDDEN' });
    const byLibrarian = await failure<DomainError>(identity.send(GrantStaffRole, grant, librarian.token));
    expect(byLibrarian).toMatchObject({ statusCode: 403 });
    const anonymous = await failure<DomainError>(identity.send(GrantStaffRole, grant));
    expect(anonymous).toMatchObject({ statusCode: 401 });
    expect(await query(scope, 'SELECT 1 FROM staff_roles WHERE account_id = $1', [member.id])).toHaveLength(0);
    expect(await grantedEvents(member.id)).toHaveLength(0);
  });

  it('answers an unknown account or region with 404 and an account of another region with 409', async () => {
    const unknownAccount = await failure<DomainError>(
      identity.send(GrantStaffRole, { region: 'utrecht', accountId: '0190b4a0-0000-7000-8000-000000000999', role: 'library_admin' }, operator),
    );
    expect(unknownAccount).toMatchObject({ statusCode: 404, code: 'ACCOUNT_NOT_FOUND' });
    const unknownRegion = await failure<DomainError>(identity.send(GrantStaffRole, { region: 'atlantis', accountId: member.id, role: 'library_admin' }, operator));
    expect(unknownRegion).toMatchObject({ statusCode: 404, code: 'REGION_NOT_FOUND' });
    const otherRegion = await failure<DomainError>(
      identity.send(GrantStaffRole, { region: 'utrecht', accountId: gooiResident.id, role: 'community_librarian' }, adminUtrecht.token),
    );
    expect(otherRegion).toMatchObject({ statusCode: 409, code: 'ACCOUNT_NOT_IN_REGION' });
    expect(otherRegion.messages.nl).toMatch(/hoort niet bij deze regio/);
    expect(await query(scope, 'SELECT 1 FROM staff_roles WHERE account_id = $1', [gooiResident.id])).toHaveLength(0);
  });
});
