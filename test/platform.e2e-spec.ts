import { TestScope, startPlatform, type Platform } from '@kc/testing';

/**
 * System tier: every service, the catalogue worker and the gateway run as their own
 * processes (from dist/, built by `npm test`), and the test talks HTTP to the gateway only.
 */
describe('platform (all processes, through the gateway)', () => {
  const scope = new TestScope('platform');
  let platform: Platform;

  beforeAll(async () => {
    platform = await startPlatform(scope);
  }, 120_000);

  afterAll(async () => {
    await platform?.stop();
    await scope.dispose();
  }, 60_000);

  it('is healthy: the gateway reports every service up', async () => {
    const res = await fetch(`${platform.baseUrl}/health`);
    expect(res.status).toBe(200);
    expect(platform.crashes()).toEqual([]);
  });

  it('documents its API at /api/docs-json', async () => {
    const res = await fetch(`${platform.baseUrl}/api/docs-json`);
    expect(res.status).toBe(200);
    const doc = (await res.json()) as { openapi: string; paths: Record<string, unknown> };
    expect(doc.openapi).toMatch(/^3\./);
    const paths = Object.keys(doc.paths);
    expect(paths).toEqual(expect.arrayContaining(['/api/v1/auth/login', '/api/v1/catalogue/imports', '/api/v1/communities']));
  });

  it('lets the bootstrap operator log in', async () => {
    const res = await fetch(`${platform.baseUrl}/api/v1/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(platform.operator),
    });
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual(expect.objectContaining({ accessToken: expect.any(String) }));
  });
});
