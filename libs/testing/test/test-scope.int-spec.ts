import { Redis } from 'ioredis';
import { TEST_REDIS_URL, TestScope } from '../src/test-scope';

describe('TestScope (real Redis)', () => {
  const redis = new Redis(TEST_REDIS_URL);
  afterAll(() => redis.quit());

  it('removes its own Redis keys when disposed (queues, hash-tagged counters) and no one else’s', async () => {
    const scope = new TestScope('scope-keys');
    const neighbour = new TestScope('scope-keys');
    const own = [`kc-t${scope.id}:catalogue-suggest:suggest:1`, `{kc-t${scope.id}:gateway:rl}:login`];
    const others = [`kc-t${neighbour.id}:catalogue-suggest:suggest:1`, `kc-t${scope.id}x:unrelated`];
    for (const key of [...own, ...others]) await redis.set(key, '1');
    await scope.dispose();
    expect(await redis.exists(...own)).toBe(0);
    expect(await redis.exists(...others)).toBe(2);
    await redis.del(...others);
  });
});
