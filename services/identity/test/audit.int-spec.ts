import {
  BlockAccount, DomainError, GrantStaffRole, ListOperatorAudit, ListRegionAudit, Login, RevokeStaffRole, SetRegionLicence, UnblockAccount, type AuditEntry,
} from '@kc/contracts';
import { InProcessService, TestScope, waitFor } from '@kc/testing';
import { RegionLicenceService } from '../src/region/region-licence.service';
import { createRegion, failure, operatorToken, query, resident, startIdentity } from './identity-test-kit';

type Person = Awaited<ReturnType<typeof resident>>;

describe('identity: the audit log (real PostgreSQL and NATS)', () => {
  const scope = new TestScope('identity-audit');
  let identity: InProcessService;
  let operator: string;
  let operatorId: string;
  let drentheId: string;
  let admin: Person, member: Person, librarian: Person, otherAdmin: Person;

  const regionLog = async (token: string, region = 'drenthe', page: { limit?: number; cursor?: string } = {}) =>
    identity.send(ListRegionAudit, { region, limit: page.limit ?? 50, ...(page.cursor ? { cursor: page.cursor } : {}) }, token);
  const actionsOf = (items: AuditEntry[]) => items.map((e) => e.action);

  beforeAll(async () => {
    identity = await startIdentity(scope, { LOGIN_LOCK_AFTER_FAILURES: '3', LOGIN_LOCK_BASE_SECONDS: '60' });
    operator = await operatorToken(identity);
    operatorId = (await query<{ id: string }>(scope, 'SELECT id FROM accounts WHERE is_operator'))[0]!.id;
    drentheId = await createRegion(identity, operator, 'drenthe');
    await createRegion(identity, operator, 'twente');
    [admin, member, librarian, otherAdmin] = await Promise.all([
      resident(identity, 'drenthe', 'beheer-drenthe'), resident(identity, 'drenthe', 'lid-drenthe'),
      resident(identity, 'drenthe', 'bibliothecaris-drenthe'), resident(identity, 'twente', 'beheer-twente'),
    ]);
    await identity.send(GrantStaffRole, { region: 'drenthe', accountId: admin.id, role: 'library_admin', reason: 'Nieuwe beheerder' }, operator);
    await identity.send(GrantStaffRole, { region: 'twente', accountId: otherAdmin.id, role: 'library_admin' }, operator);
    // The roles reach the access directory asynchronously (outbox → event → KV): wait until they apply.
    await waitFor(() => regionLog(admin.token).then(() => true, () => false), 10_000);
    await waitFor(() => regionLog(otherAdmin.token, 'twente').then(() => true, () => false), 10_000);
  });
  afterAll(async () => {
    await identity?.close();
    await scope.dispose();
  });

  it('records a grant and a revocation with who, what, when, why and where, once per change', async () => {
    const before = Date.now();
    const grant = { region: 'drenthe', accountId: librarian.id, role: 'community_librarian', reason: 'Ondersteunt de leesclub' } as const;
    await identity.send(GrantStaffRole, grant, admin.token);
    await identity.send(GrantStaffRole, grant, admin.token); // already held: no change, no entry
    await identity.send(RevokeStaffRole, { region: 'drenthe', accountId: librarian.id, role: 'community_librarian', reason: 'Vertrokken' }, admin.token);
    await identity.send(RevokeStaffRole, { region: 'drenthe', accountId: librarian.id, role: 'community_librarian' }, admin.token); // nothing to revoke

    // Other tests write to Drenthe's log too: look at the entries about these two accounts.
    const items = (await regionLog(admin.token)).items.filter((e) => e.target?.id === librarian.id || e.target?.id === admin.id);
    expect(actionsOf(items)).toEqual(['staff-role.revoked', 'staff-role.granted', 'staff-role.granted']);
    const [revoked, granted, first] = items;
    expect(granted).toMatchObject({
      action: 'staff-role.granted', actor: { id: admin.id, displayName: 'beheer-drenthe' }, target: { type: 'account', id: librarian.id, displayName: 'bibliothecaris-drenthe' },
      region: { id: drentheId, slug: 'drenthe' }, reason: 'Ondersteunt de leesclub', details: { role: 'community_librarian' },
    });
    expect(revoked).toMatchObject({ actor: { id: admin.id }, reason: 'Vertrokken', details: { role: 'community_librarian' } });
    expect(first).toMatchObject({ actor: { id: operatorId }, target: { id: admin.id }, reason: 'Nieuwe beheerder', details: { role: 'library_admin' } });
    expect(new Date(granted!.occurredAt).getTime()).toBeGreaterThanOrEqual(before - 1000);
  });

  it('records nothing for a refused or failed command', async () => {
    const count = async () => Number((await query<{ n: string }>(scope, 'SELECT count(*) AS n FROM audit_log'))[0]!.n);
    const before = await count();
    expect(await failure(identity.send(GrantStaffRole, { region: 'drenthe', accountId: member.id, role: 'library_admin' }, otherAdmin.token))).toMatchObject({ statusCode: 403 });
    expect(await failure(identity.send(GrantStaffRole, { region: 'drenthe', accountId: otherAdmin.id, role: 'library_admin' }, admin.token))).toMatchObject({ statusCode: 409 });
    expect(await failure(identity.send(BlockAccount, { accountId: member.id, reason: 'x' }, admin.token))).toMatchObject({ statusCode: 403 });
    expect(await count()).toBe(before);
  });

  it('records blocks, unblocks and licence changes by the operator in the region of what they touched', async () => {
    await identity.send(BlockAccount, { accountId: member.id, reason: 'Spam in gesprekken' }, operator);
    await identity.send(BlockAccount, { accountId: member.id }, operator); // already blocked
    await identity.send(UnblockAccount, { accountId: member.id, reason: 'Bezwaar toegekend' }, operator);
    const validUntil = new Date(Date.now() + 365 * 86_400_000).toISOString();
    await identity.send(SetRegionLicence, { region: 'drenthe', status: 'suspended', note: 'Factuur niet betaald' }, operator);
    await identity.send(SetRegionLicence, { region: 'drenthe', status: 'active', validUntil, note: 'Betaald' }, operator);

    const { items } = await regionLog(admin.token, 'drenthe', { limit: 4 });
    expect(actionsOf(items)).toEqual(['region.licence-changed', 'region.licence-changed', 'account.unblocked', 'account.blocked']);
    expect(items[0]).toMatchObject({
      actor: { id: operatorId }, target: { type: 'region', id: drentheId, displayName: 'Regio drenthe' }, reason: 'Betaald',
      details: { status: 'active', previousStatus: 'suspended', validUntil: new Date(validUntil).toISOString() },
    });
    expect(items[1]).toMatchObject({ reason: 'Factuur niet betaald', details: { status: 'suspended', previousStatus: 'active' } });
    expect(items[3]).toMatchObject({ target: { id: member.id, displayName: 'lid-drenthe' }, reason: 'Spam in gesprekken' });
  });

  it('records an expired licence with no actor', async () => {
    await query(scope, "UPDATE regions SET licence_valid_until = now() - interval '1 second' WHERE slug = 'twente'");
    try {
      expect(await identity.get<RegionLicenceService>(RegionLicenceService).suspendExpired()).toBe(1);
      const { items } = await identity.send(ListOperatorAudit, { region: 'twente', limit: 1 }, operator);
      expect(items[0]).toMatchObject({ action: 'region.licence-changed', actor: null, reason: 'Licentie verlopen', details: { status: 'suspended', expired: true } });
    } finally {
      await identity.send(SetRegionLicence, { region: 'twente', status: 'active', note: '' }, operator);
    }
  });

  it('records a lockout (failed sign-ins in bulk) against the account, and one for an unknown address, without the address or passwords', async () => {
    const guess = 'Geraden-Wachtwoord-42';
    for (let i = 0; i < 3; i++) await failure(identity.send(Login, { email: member.email, password: guess }));
    expect(await failure(identity.send(Login, { email: member.email, password: member.password }))).toMatchObject({ statusCode: 429 });
    for (let i = 0; i < 3; i++) await failure(identity.send(Login, { email: 'onbekend@example.nl', password: guess }));

    const { items } = await regionLog(admin.token, 'drenthe', { limit: 1 });
    expect(items[0]).toMatchObject({ action: 'sign-in.locked', actor: null, target: { id: member.id }, details: { failures: 3, lockedSeconds: 60, knownAccount: true } });
    const all = await identity.send(ListOperatorAudit, { limit: 1 }, operator);
    expect(all.items[0]).toMatchObject({ action: 'sign-in.locked', target: null, region: null, details: { knownAccount: false } });

    const stored = JSON.stringify(await query(scope, 'SELECT * FROM audit_log'));
    for (const secret of [guess, member.password, member.email, 'onbekend@example.nl', member.token, operator]) expect(stored).not.toContain(secret);
  });

  it('pages newest first by keyset, and refuses a cursor it did not make', async () => {
    // Enough entries for several pages, whatever else ran before.
    const lezer = await resident(identity, 'drenthe', 'lezer-drenthe');
    for (const reason of ['Eerste keer', 'Tweede keer']) {
      await identity.send(GrantStaffRole, { region: 'drenthe', accountId: lezer.id, role: 'community_librarian', reason }, admin.token);
      await identity.send(RevokeStaffRole, { region: 'drenthe', accountId: lezer.id, role: 'community_librarian', reason }, admin.token);
    }
    const all = await regionLog(admin.token);
    expect(all.items.length).toBeGreaterThan(4);
    const seen: string[] = [];
    let cursor: string | undefined;
    do {
      const page = await regionLog(admin.token, 'drenthe', { limit: 2, cursor });
      expect(page.items.length).toBeLessThanOrEqual(2);
      seen.push(...page.items.map((e) => e.id));
      cursor = page.nextCursor ?? undefined;
    } while (cursor);
    expect(seen).toEqual(all.items.map((e) => e.id));
    expect(all.nextCursor).toBeNull();
    const bad = await failure<DomainError>(regionLog(admin.token, 'drenthe', { cursor: 'bm9n' }));
    expect(bad).toMatchObject({ statusCode: 400, code: 'INVALID_CURSOR' });
    expect(bad.messages.nl).toMatch(/paginacursor/);
  });

  it('shows a region’s log only to its library administrators (as they are now) and the operator', async () => {
    expect(await failure<DomainError>(regionLog(member.token))).toMatchObject({ statusCode: 403, code: 'AUDIT_FORBIDDEN' });
    expect(await failure<DomainError>(regionLog(otherAdmin.token))).toMatchObject({ statusCode: 403, code: 'AUDIT_FORBIDDEN' });
    expect(await failure<DomainError>(identity.send(ListRegionAudit, { region: 'drenthe', limit: 5 }))).toMatchObject({ statusCode: 401 });
    expect(await failure<DomainError>(identity.send(ListOperatorAudit, { limit: 5 }, admin.token))).toMatchObject({ statusCode: 403 });
    // Twente's log never shows Drenthe's entries.
    const twente = await regionLog(otherAdmin.token, 'twente');
    expect(twente.items.length).toBeGreaterThan(0);
    expect(twente.items.every((e) => e.region?.slug === 'twente')).toBe(true);
    expect((await regionLog(operator)).items.length).toBeGreaterThan(0);

    // A revoked administrator loses the log at once, with the token they already hold
    // (an administrator of this test only: the others keep theirs).
    const tijdelijk = await resident(identity, 'drenthe', 'tijdelijk-beheer-drenthe');
    await identity.send(GrantStaffRole, { region: 'drenthe', accountId: tijdelijk.id, role: 'library_admin' }, operator);
    await waitFor(() => regionLog(tijdelijk.token).then(() => true, () => false), 10_000);
    await identity.send(RevokeStaffRole, { region: 'drenthe', accountId: tijdelijk.id, role: 'library_admin' }, operator);
    const refused = await waitFor(() => regionLog(tijdelijk.token).then(() => undefined, (error: DomainError) => error), 5000);
    expect(refused).toMatchObject({ statusCode: 403, code: 'AUDIT_FORBIDDEN' });
  });
});
