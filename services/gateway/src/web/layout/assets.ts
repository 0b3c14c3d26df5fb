import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import type { FastifyInstance } from 'fastify';

/**
 * Every file a page loads, served by the gateway itself (no other host is ever asked): the NL
 * Design System component CSS and the "Voorbeeld" theme tokens from npm, KennisCloud's own theme
 * on top, htmx, and KennisCloud's one script of its own (keyword suggestions, ADR 0041). A fixed list (nothing else under /assets is reachable), read once at start,
 * fingerprinted (`?v=<hash>`, cached for a year) and pre-compressed for slow connections.
 */
const SOURCES = {
  'components.css': { file: () => require.resolve('@utrecht/component-library-css/dist/index.css'), type: 'text/css; charset=utf-8' },
  'theme.css': { file: () => require.resolve('@nl-design-system-unstable/voorbeeld-design-tokens/dist/theme.css'), type: 'text/css; charset=utf-8' },
  'kennis.css': { file: () => join(__dirname, 'assets', 'kennis.css'), type: 'text/css; charset=utf-8' },
  'htmx.min.js': { file: () => require.resolve('htmx.org/dist/htmx.min.js'), type: 'text/javascript; charset=utf-8' },
  'keyword-suggestions.js': { file: () => join(__dirname, 'assets', 'keyword-suggestions.js'), type: 'text/javascript; charset=utf-8' },
} satisfies Record<string, { file: () => string; type: string }>;

interface Asset {
  type: string;
  hash: string;
  raw: Buffer;
  br: Buffer;
  gzip: Buffer;
}

let assets: Map<string, Asset> | undefined;

function load(): Map<string, Asset> {
  assets ??= new Map(
    Object.entries(SOURCES).map(([name, source]) => {
      const raw = readFileSync(source.file());
      return [name, {
        type: source.type,
        hash: createHash('sha256').update(raw).digest('base64url').slice(0, 12),
        raw,
        br: brotliCompressSync(raw, { params: { [constants.BROTLI_PARAM_QUALITY]: 9 } }),
        gzip: gzipSync(raw, { level: 9 }),
      }];
    }),
  );
  return assets;
}

/** The fingerprinted address of an asset, e.g. `/assets/kennis.css?v=3kq0…`. */
export function assetUrl(name: keyof typeof SOURCES): string {
  const asset = load().get(name);
  if (!asset) throw new Error(`unknown asset ${name}`);
  return `/assets/${name}?v=${asset.hash}`;
}

export function registerAssets(fastify: FastifyInstance): void {
  load();
  fastify.get<{ Params: { name: string } }>('/assets/:name', (req, reply) => {
    const asset = load().get(req.params.name);
    if (!asset) return reply.code(404).type('text/plain; charset=utf-8').send('Niet gevonden / Not found');
    const accepts = String(req.headers['accept-encoding'] ?? '');
    const [body, encoding] = /\bbr\b/.test(accepts) ? [asset.br, 'br'] : /\bgzip\b/.test(accepts) ? [asset.gzip, 'gzip'] : [asset.raw, undefined];
    reply.header('content-type', asset.type).header('cache-control', 'public, max-age=31536000, immutable').header('etag', `"${asset.hash}"`).header('vary', 'accept-encoding');
    if (encoding) reply.header('content-encoding', encoding);
    if (req.headers['if-none-match'] === `"${asset.hash}"`) return reply.code(304).send();
    return reply.send(body);
  });
}
