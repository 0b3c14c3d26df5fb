import { GetRegionRetention, GrantStaffRole, Login, SetRegionRetention } from '@kc/contracts';
import type { DomainError } from '@kc/contracts';
import { InProcessService, TestScope, waitFor } from '@kc/testing';
import { InactiveAccounts } from '../src/retention/inactive-accounts';
import { createRegion, failure, operatorToken, query, resident, startIdentity } from './identity-test-kit';

/**
 * Accounts nobody signs in to: the region says how long (months), a warning mail goes out a
 * month before, signing in keeps the account, and an account still unused after the warning is
 * erased (anonymised). Dates are set relative to now on the account rows, as if time had passed.
 */
describe('identity: inactive accounts are warned, then erased (real PostgreSQL and NATS)', () => {
  const scope = new TestScope('identity-inactive');
  let identity: InProcessService;
  let operator: string;
  let pass: InactiveAccounts;

  const lastSeen = (id: string, interval: string) => query(scope, `UPDATE accounts SET last_sign_in_on = (now() - $2::interval)::date, created_at = now() - interval '10 years' WHERE id = $1`, [id, interval]);
  const warnings = (email: string) => query<{ subject: string; text_body: string }>(scope, "SELECT subject, text_body FROM mail_outbox WHERE kind = 'inactivity-warning' AND recipient = $1", [email.toLowerCase()]);
  const account = async (id: string) => (await query<{ warned: Date | null; erased: Date | null }>(scope, 'SELECT inactivity_warned_at AS warned, erased_at AS erased FROM accounts WHERE id = $1', [id]))[0]!;

  beforeAll(async () => {
    identity = await startIdentity(scope, { INACTIVITY_PASS_INTERVAL_MS: '86400000', INACTIVITY_WARNING_DAYS: '30' });
    operator = await operatorToken(identity);
    await createRegion(identity, operator, 'drechtsteden');
    pass = identity.get(InactiveAccounts);
  });
  afterAll(async () => {
    await identity?.close();
    await scope.dispose();
  });

  it('lets the region’s library administrators and the operator set the period, within 6 to 120 months', async () => {
    const admin = await resident(identity, 'drechtsteden', 'Beheerder');
    const other = await resident(identity, 'drechtsteden', 'Inwoner');
    await identity.send(GrantStaffRole, { region: 'drechtsteden', accountId: admin.id, role: 'library_admin' }, operator);
    const retention = await waitFor(() => identity.send(GetRegionRetention, { region: 'drechtsteden' }, admin.token), 5000); // the role applies within a second
    expect(retention).toEqual({ region: 'drechtsteden', inactiveAccountMonths: 24, warningDays: 30 });
    expect(await identity.send(SetRegionRetention, { region: 'drechtsteden', inactiveAccountMonths: 12 }, admin.token)).toMatchObject({ inactiveAccountMonths: 12 });
    expect((await failure<DomainError>(identity.send(SetRegionRetention, { region: 'drechtsteden', inactiveAccountMonths: 48 }, other.token))).statusCode).toBe(403);
    expect((await failure<DomainError>(identity.send(SetRegionRetention, { region: 'drechtsteden', inactiveAccountMonths: 5 }, operator))).statusCode).toBe(400);
    expect((await failure<DomainError>(identity.send(GetRegionRetention, { region: 'bestaat-niet' }, operator))).statusCode).toBe(404);
    expect(await identity.send(GetRegionRetention, { region: 'drechtsteden' }, operator)).toMatchObject({ inactiveAccountMonths: 12 });
  });

  it('warns once a month before, keeps whoever signs in, and erases (anonymises) whoever does not', async () => {
    // A region of its own, with a period of 12 months.
    await createRegion(identity, operator, 'hoeksewaard');
    expect(await identity.send(SetRegionRetention, { region: 'hoeksewaard', inactiveAccountMonths: 12 }, operator)).toMatchObject({ inactiveAccountMonths: 12 });
    const [away, back, active] = await Promise.all([resident(identity, 'hoeksewaard', 'Anouk'), resident(identity, 'hoeksewaard', 'Bart'), resident(identity, 'hoeksewaard', 'Carla')]);
    await lastSeen(away.id, '11 months 10 days');
    await lastSeen(back.id, '11 months 10 days');
    await lastSeen(active.id, '2 months');

    expect(await pass.runOnce()).toMatchObject({ warned: 2, erased: 0 });
    expect(await pass.runOnce()).toMatchObject({ warned: 0, erased: 0 }); // one warning each
    const [mail] = await warnings(away.email);
    expect(mail!.subject).toMatch(/wordt binnenkort gewist/);
    expect(mail!.text_body).toMatch(/Hallo Anouk,[\s\S]*Log dan voor die datum in[\s\S]*-- English --/);
    expect(await warnings(active.email)).toEqual([]);

    await identity.send(Login, { email: back.email, password: back.password });
    expect(await pass.runOnce()).toMatchObject({ kept: 1 });
    expect((await account(back.id)).warned).toBeNull();

    // A month and more later, still nobody signed in.
    await query(scope, "UPDATE accounts SET inactivity_warned_at = now() - interval '31 days' WHERE id = $1", [away.id]);
    await lastSeen(away.id, '12 months 10 days');
    expect(await pass.runOnce()).toMatchObject({ erased: 1 });
    expect((await account(away.id)).erased).not.toBeNull();
    const [erasure] = await query<{ requested_by: string; content: string }>(scope, 'SELECT requested_by, content FROM erasures WHERE account_id = $1', [away.id]);
    expect(erasure).toEqual({ requested_by: 'retention', content: 'anonymise' });
    expect((await account(active.id)).erased).toBeNull();
    expect((await account(back.id)).erased).toBeNull();
    expect(await pass.runOnce()).toMatchObject({ erased: 0 }); // erased once
  });
});
