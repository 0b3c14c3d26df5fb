import { Objm } from '@nats-io/obj';
import { createLogger } from '@kc/observability';
import { TestScope, TEST_NATS_URL } from '@kc/testing';
import { NatsClient, NatsNamespace, ObjectBucket } from '../src';

describe('ObjectBucket (real JetStream)', () => {
  const scope = new TestScope('object-bucket');
  const ns = new NatsNamespace(scope.namespace);
  const nats = new NatsClient(TEST_NATS_URL, 'object-bucket-test', createLogger('test', 'silent'));

  beforeAll(() => nats.connect());
  afterAll(async () => {
    await nats.onApplicationShutdown();
    await scope.dispose();
  });

  it('creates the bucket with its age limit, and gives an existing bucket without one the limit', async () => {
    await new Objm(nats.nc).create(ns.bucket('oud'));
    expect((await (await new Objm(nats.nc).open(ns.bucket('oud'))).status()).ttl).toBe(0);

    const old = await new ObjectBucket(nats, ns, { name: 'oud', maxAgeHours: 72 }).get();
    expect((await old.status()).ttl).toBe(72 * 3_600_000_000_000);
    const fresh = await new ObjectBucket(nats, ns, { name: 'nieuw', maxAgeHours: 1 }).get();
    expect((await fresh.status()).ttl).toBe(3_600_000_000_000);
    await fresh.putBlob({ name: 'x' }, new Uint8Array([1, 2, 3]));
    expect(await fresh.getBlob('x')).toEqual(new Uint8Array([1, 2, 3]));
  });
});
