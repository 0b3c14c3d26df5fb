import { Kvm } from '@nats-io/kv';
import { connect } from '@nats-io/transport-node';
import {
  ACCESS_BUCKET, AccessEntry, BlockAccount, DomainError, GetMe, GrantStaffRole, ListStaffRoles, Login, RevokeStaffRole, UnblockAccount,
} from '@kc/contracts';
import { AccessDirectory, TokenVerifier } from '@kc/auth';
import { NatsNamespace } from '@kc/messaging';
import { InProcessService, TEST_NATS_URL, TestScope, waitFor } from '@kc/testing';
import { createRegion, failure, loginAs, operatorToken, query, resident, startIdentity } from './identity-test-kit';

type Person = Awaited<ReturnType<typeof resident>>;

describe('identity: access that applies at once (real PostgreSQL and NATS KV)', () => {
  const scope = new TestScope('identity-access');
  let identity: InProcessService;
  let operator: string;
  let operatorId: string;
  let admin: Person, helper: Person, member: Person, otherAdmin: Person;

  const contextOf = (token: string) => identity.get<TokenVerifier>(TokenVerifier).resolve({ token, correlationId: 'c', lang: 'nl' });
  const bucketEntry = async (accountId: string): Promise<AccessEntry | undefined> => {
    const nc = await connect({ servers: TEST_NATS_URL });
    try {
      const kv = await new Kvm(nc).open(new NatsNamespace(scope.namespace).bucket(ACCESS_BUCKET));
      const entry = await kv.get(accountId);
      return entry?.operation === 'PUT' ? AccessEntry.parse(entry.json()) : undefined;
    } finally {
      await nc.close();
    }
  };

  beforeAll(async () => {
    identity = await startIdentity(scope);
    operator = await operatorToken(identity);
    operatorId = (await identity.send(GetMe, {}, operator)).id;
    await createRegion(identity, operator, 'utrecht');
    await createRegion(identity, operator, 'gooi');
    [admin, helper, member, otherAdmin] = await Promise.all([
      resident(identity, 'utrecht', 'beheer-utrecht'),
      resident(identity, 'utrecht', 'hulp-utrecht'),
      resident(identity, 'utrecht', 'lid-utrecht'),
      resident(identity, 'gooi', 'beheer-gooi'),
    ]);
    await identity.send(GrantStaffRole, { region: 'utrecht', accountId: admin.id, role: 'library_admin' }, operator);
    await identity.send(GrantStaffRole, { region: 'gooi', accountId: otherAdmin.id, role: 'library_admin' }, operator);
  });
  afterAll(async () => {
    await identity?.close();
    await scope.dispose();
  });

  /** A resident of the region who holds the role: the grant by the operator, applied at once. */
  const staffMember = async (name: string, role: 'library_admin' | 'community_librarian'): Promise<Person> => {
    const person = await resident(identity, 'utrecht', name);
    await identity.send(GrantStaffRole, { region: 'utrecht', accountId: person.id, role }, operator);
    await waitFor(async () => (await contextOf(person.token)).roles.includes(role), 5000);
    return person;
  };

  it('keeps the operator and every staff member in the access bucket, with a version that grows', async () => {
    expect(await bucketEntry(operatorId)).toMatchObject({ operator: true, blocked: false, roles: [] });
    expect(await bucketEntry(admin.id)).toMatchObject({ roles: ['library_admin'], operator: false, blocked: false });
    const appointed = await staffMember('beheer-versie', 'library_admin');
    const before = await bucketEntry(appointed.id);
    expect(before).toMatchObject({ roles: ['library_admin'], operator: false, blocked: false });
    await identity.send(GrantStaffRole, { region: 'utrecht', accountId: appointed.id, role: 'community_librarian' }, operator);
    await waitFor(async () => (await bucketEntry(appointed.id))?.roles.length === 2);
    expect((await bucketEntry(appointed.id))!.version).toBeGreaterThan(before!.version);
  });

  it('lets a library admin appoint by e-mail address and list the region’s staff with names', async () => {
    expect(await identity.send(GrantStaffRole, { region: 'utrecht', email: helper.email.toUpperCase(), role: 'community_librarian' }, admin.token))
      .toMatchObject({ accountId: helper.id, role: 'community_librarian' });
    const { items } = await identity.send(ListStaffRoles, { region: 'utrecht' }, admin.token);
    // Other tests appoint staff of their own in this region: these are the two people of this one.
    expect(items.filter((i) => [admin.id, helper.id].includes(i.accountId)).map((i) => [i.displayName, i.role])).toEqual([
      ['beheer-utrecht', 'library_admin'], ['hulp-utrecht', 'community_librarian'],
    ]);
    expect(items.every((i) => !Number.isNaN(Date.parse(i.grantedAt)))).toBe(true);
    expect((await identity.send(ListStaffRoles, { region: 'gooi' }, operator)).items).toEqual([expect.objectContaining({ accountId: otherAdmin.id, role: 'library_admin' })]);
  });

  it('refuses the staff list and revocations to members and to admins of another region', async () => {
    const librarian = await staffMember('hulp-geweigerd', 'community_librarian');
    for (const token of [member.token, otherAdmin.token]) {
      expect(await failure(identity.send(ListStaffRoles, { region: 'utrecht' }, token))).toMatchObject({ statusCode: 403, code: 'STAFF_LIST_FORBIDDEN' });
      expect(await failure(identity.send(RevokeStaffRole, { region: 'utrecht', accountId: librarian.id, role: 'community_librarian' }, token)))
        .toMatchObject({ statusCode: 403, code: 'STAFF_ROLE_FORBIDDEN' });
    }
    expect(await failure(identity.send(GrantStaffRole, { region: 'utrecht', accountId: librarian.id, email: librarian.email, role: 'library_admin' }, admin.token)))
      .toMatchObject({ statusCode: 400, code: 'VALIDATION_FAILED' });
    expect(await query(scope, 'SELECT role FROM staff_roles WHERE account_id = $1', [librarian.id])).toEqual([{ role: 'community_librarian' }]);
  });

  it('takes a revoked role away from the token the person already holds', async () => {
    const librarian = await staffMember('hulp-ingetrokken', 'community_librarian');
    await identity.send(RevokeStaffRole, { region: 'utrecht', accountId: librarian.id, role: 'community_librarian' }, admin.token);
    await waitFor(async () => (await contextOf(librarian.token)).roles.length === 0, 5000);
    expect(await query(scope, 'SELECT 1 FROM staff_roles WHERE account_id = $1', [librarian.id])).toHaveLength(0);
    const events = await query(scope, "SELECT 1 FROM kc_outbox WHERE payload->>'type' = 'kc.identity.staff-role.revoked.v1' AND payload->'data'->>'accountId' = $1", [librarian.id]);
    expect(events).toHaveLength(1);
    // Revoking again changes nothing and publishes nothing.
    await identity.send(RevokeStaffRole, { region: 'utrecht', accountId: librarian.id, role: 'community_librarian' }, admin.token);
    expect(await query(scope, "SELECT 1 FROM kc_outbox WHERE payload->>'type' = 'kc.identity.staff-role.revoked.v1' AND payload->'data'->>'accountId' = $1", [librarian.id])).toHaveLength(1);
  });

  it('blocks an account: no log-in, and its existing token is refused', async () => {
    const blocked = await resident(identity, 'utrecht', 'lid-geblokkeerd');
    const before = await identity.send(GetMe, {}, blocked.token);
    expect(before.id).toBe(blocked.id);
    expect(await identity.send(BlockAccount, { accountId: blocked.id }, operator)).toEqual({ accountId: blocked.id, blocked: true });
    await waitFor(async () => (await bucketEntry(blocked.id))?.blocked);
    const refused = await failure<DomainError>(identity.send(GetMe, {}, blocked.token));
    expect(refused).toMatchObject({ statusCode: 401, code: 'ACCOUNT_BLOCKED' });
    expect(refused.messages.nl).toMatch(/geblokkeerd/);
    const login = await failure<DomainError>(identity.send(Login, { email: blocked.email, password: blocked.password }));
    expect(login).toMatchObject({ statusCode: 403, code: 'ACCOUNT_BLOCKED' });
    // A wrong password still says only that the credentials are wrong.
    expect(await failure(identity.send(Login, { email: blocked.email, password: 'niet-het-wachtwoord' }))).toMatchObject({ statusCode: 401, code: 'INVALID_CREDENTIALS' });

    expect(await identity.send(UnblockAccount, { accountId: blocked.id }, operator)).toEqual({ accountId: blocked.id, blocked: false });
    expect((await waitFor(() => identity.send(GetMe, {}, blocked.token), 5000)).id).toBe(blocked.id);
    expect(await loginAs(identity, blocked.email, blocked.password)).toEqual(expect.any(String));
  });

  it('lets only the operator block, and never an operator account', async () => {
    expect(await failure(identity.send(BlockAccount, { accountId: helper.id }, admin.token))).toMatchObject({ statusCode: 403, code: 'OPERATOR_ONLY' });
    expect(await failure(identity.send(BlockAccount, { accountId: operatorId }, operator))).toMatchObject({ statusCode: 409, code: 'OPERATOR_NOT_BLOCKABLE' });
    expect(await failure(identity.send(BlockAccount, { accountId: '0190b4a0-0000-7000-8000-000000000999' }, operator))).toMatchObject({ statusCode: 404 });
    expect(await query(scope, 'SELECT 1 FROM accounts WHERE blocked_at IS NOT NULL AND id = ANY($1::uuid[])', [[helper.id, operatorId]])).toHaveLength(0);
  });

  it('rebuilds a lost access bucket from the database when identity starts', async () => {
    const nc = await connect({ servers: TEST_NATS_URL });
    await (await new Kvm(nc).open(new NatsNamespace(scope.namespace).bucket(ACCESS_BUCKET))).destroy();
    await nc.close();
    await identity.close();
    identity = await startIdentity(scope);
    expect((await waitFor(() => bucketEntry(admin.id), 10_000)).roles).toEqual(['library_admin']);
    expect(await bucketEntry(operatorId)).toMatchObject({ operator: true });
    await identity.get<AccessDirectory>(AccessDirectory).catchUp();
    expect((await identity.send(ListStaffRoles, { region: 'utrecht' }, admin.token)).items.length).toBeGreaterThan(0);
    expect((await identity.send(GetMe, {}, await operatorToken(identity))).isOperator).toBe(true);
  });
});
