import { once } from 'node:events';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { gzipSync } from 'node:zlib';
import { PreviewFetchError, SafeFetcher, type Resolver } from './safe-fetcher';

const PAGE = `<!doctype html><html><head><title>Duurzaam wonen</title>
<meta property="og:title" content="Zelf je huis isoleren &amp; besparen"><meta property="og:type" content="article">
</head><body><p>tekst</p></body></html>`;

/** A local server with a handful of pages that misbehave on purpose. */
let server: http.Server;
let port: number;
let requests: string[] = [];
let hangers: http.ServerResponse[] = [];

beforeAll(async () => {
  server = http.createServer((req, res) => {
    requests.push(`${req.headers.host} ${req.url}`);
    const path = req.url ?? '/';
    if (path === '/page') return void res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(PAGE);
    if (path === '/gzip') return void res.writeHead(200, { 'content-type': 'text/html', 'content-encoding': 'gzip' }).end(gzipSync(PAGE));
    if (path === '/bomb') return void res.writeHead(200, { 'content-type': 'text/html', 'content-encoding': 'gzip' }).end(gzipSync(Buffer.alloc(5_000_000, 0x20)));
    if (path === '/big-declared') return void res.writeHead(200, { 'content-type': 'text/html', 'content-length': '5000000' }).end();
    if (path === '/big-chunked') {
      res.writeHead(200, { 'content-type': 'text/html' });
      for (let i = 0; i < 100; i++) res.write(Buffer.alloc(20_000, 0x61));
      return void res.end();
    }
    if (path === '/image') return void res.writeHead(200, { 'content-type': 'image/png' }).end(Buffer.alloc(100));
    if (path === '/no-type') return void res.writeHead(200).end(PAGE);
    if (path === '/json') return void res.writeHead(200, { 'content-type': 'application/json' }).end('{"type":"video"}');
    if (path === '/hang') return void hangers.push(res);
    if (path === '/slow-body') {
      res.writeHead(200, { 'content-type': 'text/html' });
      res.write('<html><head>');
      return void hangers.push(res);
    }
    if (path === '/to-page') return void res.writeHead(302, { location: '/page' }).end();
    if (path === '/to-metadata') return void res.writeHead(302, { location: 'http://169.254.169.254/latest/meta-data/' }).end();
    if (path === '/to-mapped') return void res.writeHead(301, { location: 'http://[::ffff:a00:1]/' }).end();
    if (path === '/to-decimal') return void res.writeHead(307, { location: 'http://167772161/' }).end();
    if (path === '/to-internal-name') return void res.writeHead(302, { location: 'http://intern.example/' }).end();
    if (path === '/to-file') return void res.writeHead(302, { location: 'file:///etc/passwd' }).end();
    if (path === '/loop') return void res.writeHead(302, { location: '/loop' }).end();
    if (path === '/missing') return void res.writeHead(404, { 'content-type': 'text/html' }).end('nope');
    res.writeHead(500).end();
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  port = (server.address() as AddressInfo).port;
});
afterEach(() => {
  requests = [];
  for (const res of hangers) res.destroy();
  hangers = [];
});
afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

/** A resolver from a table (no DNS in tests); counts its calls. */
const table = (answers: Record<string, string[]>) => {
  const calls: string[] = [];
  const resolver: Resolver = async (host) => {
    calls.push(host);
    return (answers[host] ?? []).map((address) => ({ address, family: address.includes(':') ? 6 : 4 }));
  };
  return { resolver, calls };
};

const local = (path: string) => `http://127.0.0.1:${port}${path}`;
const testFetcher = (options: ConstructorParameters<typeof SafeFetcher>[0] = {}) =>
  new SafeFetcher({ allowLoopback: true, timeoutMs: 2000, maxBytes: 200_000, ...options });
const reasonOf = async (promise: Promise<unknown>) => {
  try {
    await promise;
    return 'fetched';
  } catch (error) {
    if (error instanceof PreviewFetchError) return error.reason;
    throw error;
  }
};

describe('SafeFetcher through the test-only allowance', () => {
  it('fetches an HTML page, plain or compressed, and follows a checked redirect', async () => {
    const page = await testFetcher().fetch(local('/page'));
    expect(page.body).toContain('Duurzaam wonen');
    expect(page.contentType).toBe('text/html');
    expect((await testFetcher().fetch(local('/gzip'))).body).toContain('og:title');
    const redirected = await testFetcher().fetch(local('/to-page'));
    expect(redirected.url).toBe(local('/page'));
  });

  it('connects to the address it checked: the resolver is asked once per hop, a later answer cannot switch it', async () => {
    let calls = 0;
    // The first answer is loopback (allowed in tests); a rebinding DNS would answer a private address next.
    const rebinding: Resolver = async () => (calls++ === 0 ? [{ address: '127.0.0.1', family: 4 }] : [{ address: '10.0.0.1', family: 4 }]);
    const page = await testFetcher({ resolver: rebinding }).fetch(`http://rebind.example:${port}/page`);
    expect(page.body).toContain('Duurzaam wonen');
    expect(calls).toBe(1);
    expect(requests).toEqual([`rebind.example:${port} /page`]);
  });

  it('refuses a name that resolves to a private address, and an answer that mixes public and private, before connecting', async () => {
    const { resolver } = table({ 'intern.example': ['10.0.0.7'], 'mixed.example': ['8.8.8.8', '192.168.1.1'], 'meta.example': ['169.254.169.254'], 'v6.example': ['fd00::1'] });
    const fetcher = testFetcher({ resolver });
    for (const host of ['intern.example', 'mixed.example', 'meta.example', 'v6.example', 'nowhere.example']) {
      expect(await reasonOf(fetcher.fetch(`http://${host}:${port}/page`))).toBe('ADDRESS_NOT_ALLOWED');
    }
    expect(requests).toEqual([]);
  });

  it('checks every redirect hop again', async () => {
    const { resolver } = table({ 'intern.example': ['192.168.10.10'] });
    const fetcher = testFetcher({ resolver });
    expect(await reasonOf(fetcher.fetch(local('/to-metadata')))).toBe('URL_NOT_ALLOWED');
    expect(await reasonOf(fetcher.fetch(local('/to-mapped')))).toBe('URL_NOT_ALLOWED');
    expect(await reasonOf(fetcher.fetch(local('/to-decimal')))).toBe('URL_NOT_ALLOWED');
    expect(await reasonOf(fetcher.fetch(local('/to-file')))).toBe('URL_NOT_ALLOWED');
    expect(await reasonOf(fetcher.fetch(local('/to-internal-name')))).toBe('ADDRESS_NOT_ALLOWED');
    expect(await reasonOf(testFetcher({ maxRedirects: 3 }).fetch(local('/loop')))).toBe('TOO_MANY_REDIRECTS');
    expect(requests.filter((r) => r.endsWith('/loop'))).toHaveLength(4);
  });

  it('refuses what is too large: declared, streamed, or a compression bomb', async () => {
    expect(await reasonOf(testFetcher().fetch(local('/big-declared')))).toBe('TOO_LARGE');
    expect(await reasonOf(testFetcher().fetch(local('/big-chunked')))).toBe('TOO_LARGE');
    expect(await reasonOf(testFetcher().fetch(local('/bomb')))).toBe('TOO_LARGE');
  });

  it('gives up at the time limit, waiting for headers or for the body', async () => {
    const fetcher = testFetcher({ timeoutMs: 300 });
    expect(await reasonOf(fetcher.fetch(local('/hang')))).toBe('TIMEOUT');
    expect(await reasonOf(fetcher.fetch(local('/slow-body')))).toBe('TIMEOUT');
  });

  it('reads only HTML as a page (and JSON only when asked for oEmbed)', async () => {
    expect(await reasonOf(testFetcher().fetch(local('/image')))).toBe('NOT_HTML');
    expect(await reasonOf(testFetcher().fetch(local('/no-type')))).toBe('NOT_HTML');
    expect(await reasonOf(testFetcher().fetch(local('/json')))).toBe('NOT_HTML');
    expect((await testFetcher().fetch(local('/json'), 'json')).body).toContain('video');
    expect(await reasonOf(testFetcher().fetch(local('/missing')))).toBe('HTTP_STATUS');
  });
});

describe('SafeFetcher without the allowance (as in production)', () => {
  it('refuses loopback, private and IPv6 forms at once, and never connects', async () => {
    const fetcher = new SafeFetcher({ resolver: table({ 'localtest.example': ['127.0.0.1'] }).resolver, timeoutMs: 1000 });
    for (const url of [local('/page'), 'http://127.0.0.1/', 'http://[::1]/', 'http://[::ffff:127.0.0.1]/', 'http://2130706433/', 'http://0177.0.0.1/', 'http://localhost/', 'https://10.0.0.1/']) {
      expect(await reasonOf(fetcher.fetch(url))).toBe('URL_NOT_ALLOWED');
    }
    expect(await reasonOf(fetcher.fetch('http://localtest.example/'))).toBe('ADDRESS_NOT_ALLOWED');
    expect(requests).toEqual([]);
  });
});
