import { GetJwks, GetMe } from '@kc/contracts';
import { InProcessService, TestScope } from '@kc/testing';
import { OPERATOR_EMAIL, loginAs, operatorToken, query, startIdentity } from './identity-test-kit';

describe('identity: first start of two replicas at once (real PostgreSQL and NATS)', () => {
  const scope = new TestScope('identity-bootstrap');
  const replicas: InProcessService[] = [];

  afterAll(async () => {
    await Promise.all(replicas.map((r) => r.close()));
    await scope.dispose();
  });

  it('creates exactly one operator account and one signing key', async () => {
    const started = await Promise.allSettled([startIdentity(scope), startIdentity(scope)]);
    for (const r of started) if (r.status === 'fulfilled') replicas.push(r.value); // closed in afterAll even if the other failed
    expect(started.map((r) => (r.status === 'rejected' ? String(r.reason) : 'ok'))).toEqual(['ok', 'ok']);
    const operators = await query<{ id: string; email: string; region_id: string | null }>(scope, 'SELECT id, email, region_id FROM accounts WHERE is_operator');
    expect(operators).toHaveLength(1);
    expect(operators[0]).toMatchObject({ email: OPERATOR_EMAIL.toLowerCase(), region_id: null });
    expect(await query(scope, 'SELECT kid FROM signing_keys')).toHaveLength(1);
    expect((await replicas[0].send(GetJwks, {})).keys).toHaveLength(1);
  });

  it('lets either replica verify the tokens the other signed', async () => {
    const token = await operatorToken(replicas[0]);
    for (const replica of replicas) {
      expect(await replica.send(GetMe, {}, token)).toMatchObject({ isOperator: true, region: null, roles: [] });
    }
  });

  it('leaves the operator alone on a restart', async () => {
    replicas.push(await startIdentity(scope, { KC_BOOTSTRAP_OPERATOR_PASSWORD: 'een-ander-wachtwoord' }));
    expect(await query(scope, 'SELECT id FROM accounts WHERE is_operator')).toHaveLength(1);
    expect(await query(scope, 'SELECT kid FROM signing_keys')).toHaveLength(1);
    await expect(loginAs(replicas[2], OPERATOR_EMAIL, 'een-ander-wachtwoord')).rejects.toMatchObject({ statusCode: 401 });
  });
});
