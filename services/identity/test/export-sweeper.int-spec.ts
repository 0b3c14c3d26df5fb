import { randomUUID } from 'node:crypto';
import { DomainError, GetDataExport } from '@kc/contracts';
import { InProcessService, TestScope } from '@kc/testing';
import { ExportSweeper } from '../src/data-export/export-sweeper';
import { createRegion, failure, operatorToken, query, resident, startIdentity } from './identity-test-kit';

describe('identity: expired data exports lose their document (real PostgreSQL and NATS)', () => {
  const scope = new TestScope('exportsweep');
  let identity: InProcessService;

  beforeAll(async () => {
    identity = await startIdentity(scope);
  });
  afterAll(async () => {
    await identity?.close();
    await scope.dispose();
  });

  it('deletes the document of an export past its week, keeps a current one, and an expired one answers 410', async () => {
    await createRegion(identity, await operatorToken(identity), 'zeeland');
    const anna = await resident(identity, 'zeeland', 'anna');
    const [expired, current] = [randomUUID(), randomUUID()];
    const document = JSON.stringify({ accountId: anna.id, generatedAt: new Date().toISOString(), parts: [{ service: 'identity', sections: { account: [{ email: anna.email }] } }] });
    await query(scope, `INSERT INTO data_exports (id, account_id, status, ready_at, expires_at, document) VALUES
      ($1, $3, 'ready', now() - interval '8 days', now() - interval '1 day', $4), ($2, $3, 'ready', now(), now() + interval '7 days', $4)`, [expired, current, anna.id, document]);

    expect(await identity.get<ExportSweeper>(ExportSweeper).forgetExpired()).toBe(1);
    const rows = await query<{ id: string; document: unknown }>(scope, 'SELECT id, document FROM data_exports WHERE account_id = $1', [anna.id]);
    expect(Object.fromEntries(rows.map((r) => [r.id, r.document !== null]))).toEqual({ [expired]: false, [current]: true });
    expect(await failure<DomainError>(identity.send(GetDataExport, { id: expired }, anna.token))).toMatchObject({ statusCode: 410 });
    expect((await identity.send(GetDataExport, { id: current }, anna.token)).document).toMatchObject({ accountId: anna.id });
    expect(await identity.get<ExportSweeper>(ExportSweeper).forgetExpired()).toBe(0);
  });
});
