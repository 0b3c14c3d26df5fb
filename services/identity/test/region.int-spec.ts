import { CreateRegion, DomainError, GetRegion, ListRegions } from '@kc/contracts';
import { InProcessService, TestScope } from '@kc/testing';
import { createRegion, failure, operatorToken, resident, startIdentity } from './identity-test-kit';

describe('identity: regions (real PostgreSQL and NATS)', () => {
  const scope = new TestScope('identity-regions');
  let identity: InProcessService;

  beforeAll(async () => {
    identity = await startIdentity(scope);
  });
  afterAll(async () => {
    await identity?.close();
    await scope.dispose();
  });

  const slugs = async () => (await identity.send(ListRegions, {})).items.map((r) => r.slug);

  it('rejects an invalid slug with a Dutch validation message and creates nothing', async () => {
    const before = await slugs();
    const error = await failure<DomainError>(identity.send(CreateRegion, { slug: 'Geen Slug', name: 'X' }, await operatorToken(identity)));
    expect(error).toBeInstanceOf(DomainError);
    expect(error.statusCode).toBe(400);
    expect(error.messages.nl).toMatch(/slug: alleen kleine letters/);
    expect(await slugs()).toEqual(before);
  });

  it('lets the operator create a region, which is then listed', async () => {
    expect(await slugs()).not.toContain('test-regio');
    const created = await identity.send(CreateRegion, { slug: 'test-regio', name: 'Testregio' }, await operatorToken(identity));
    expect(created).toMatchObject({ slug: 'test-regio', name: 'Testregio' });
    const region = await identity.send(GetRegion, { slug: 'test-regio' });
    expect(region).toEqual({ id: created.id, slug: 'test-regio', name: 'Testregio', status: 'active' });
    expect((await identity.send(ListRegions, {})).items.filter((r) => r.slug === 'test-regio')).toEqual([region]);
  });

  it('refuses region creation to anyone but the operator', async () => {
    const anonymous = await failure<DomainError>(identity.send(CreateRegion, { slug: 'anoniem', name: 'Anoniem' }));
    expect(anonymous.statusCode).toBe(401);
    await createRegion(identity, await operatorToken(identity), 'regio-van-lid');
    const member = await resident(identity, 'regio-van-lid', 'lid');
    const refused = await failure<DomainError>(identity.send(CreateRegion, { slug: 'van-lid', name: 'Van lid' }, member.token));
    expect(refused).toMatchObject({ statusCode: 403, code: 'OPERATOR_ONLY' });
    await expect(identity.send(GetRegion, { slug: 'van-lid' })).rejects.toMatchObject({ statusCode: 404, code: 'REGION_NOT_FOUND' });
  });
});
