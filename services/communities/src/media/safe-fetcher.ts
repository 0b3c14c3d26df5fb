import { lookup as dnsLookup } from 'node:dns/promises';
import http, { type IncomingMessage } from 'node:http';
import https from 'node:https';
import type { LookupAddress } from 'node:dns';
import type { LookupFunction } from 'node:net';
import { createBrotliDecompress, createGunzip, createInflate } from 'node:zlib';
import { pipeline, type Readable, type Transform } from 'node:stream';
import { checkMediaUrl, isPublicAddress } from './address-policy';

/** Resolves a host name to its addresses (all of them); injected in unit tests. */
export type Resolver = (host: string) => Promise<{ address: string; family: number }[]>;
export const systemResolver: Resolver = (host) => dnsLookup(host, { all: true, verbatim: true });

export type FetchFailure =
  | 'URL_NOT_ALLOWED' | 'ADDRESS_NOT_ALLOWED' | 'TOO_MANY_REDIRECTS' | 'TOO_LARGE' | 'TIMEOUT' | 'NOT_HTML' | 'HTTP_STATUS' | 'NETWORK';

export class PreviewFetchError extends Error {
  constructor(readonly reason: FetchFailure, detail = '') {
    super(`preview fetch refused: ${reason}${detail ? ` (${detail})` : ''}`);
  }
}

export interface SafeFetchOptions {
  resolver?: Resolver;
  /**
   * Test-only: loopback addresses and any port are allowed, so tests can run the fetcher
   * against a local server. Config validation refuses it in production.
   */
  allowLoopback?: boolean;
  maxBytes?: number;
  /** For the whole fetch, every redirect included. */
  timeoutMs?: number;
  maxRedirects?: number;
}

export interface FetchedDocument {
  /** Where the last redirect led. */
  url: string;
  contentType: string;
  body: string;
}

const ACCEPT = {
  html: { header: 'text/html,application/xhtml+xml;q=0.9', types: ['text/html', 'application/xhtml+xml'] },
  json: { header: 'application/json', types: ['application/json', 'application/json+oembed', 'text/json'] },
} as const;

/**
 * Fetches a page for a link preview, safe against SSRF (ADR 0022): each hop's URL passes the
 * address policy; the host name is resolved by us and every address it resolves to must be
 * public, and the socket connects to the address we checked (the `lookup` hook), so a DNS answer
 * cannot change between check and connection (rebinding). Redirects are followed by hand, each
 * checked again, at most `maxRedirects`. The body is read up to `maxBytes` (decompressed) within
 * `timeoutMs` for the whole fetch, and only of the expected content type.
 */
export class SafeFetcher {
  private readonly resolver: Resolver;
  private readonly allowLoopback: boolean;
  private readonly maxBytes: number;
  private readonly timeoutMs: number;
  private readonly maxRedirects: number;

  constructor(options: SafeFetchOptions = {}) {
    this.resolver = options.resolver ?? systemResolver;
    this.allowLoopback = options.allowLoopback ?? false;
    this.maxBytes = options.maxBytes ?? 1_000_000;
    this.timeoutMs = options.timeoutMs ?? 8_000;
    this.maxRedirects = options.maxRedirects ?? 5;
  }

  async fetch(url: string, accept: keyof typeof ACCEPT = 'html'): Promise<FetchedDocument> {
    const abort = new AbortController();
    const timer = setTimeout(() => abort.abort(), this.timeoutMs);
    try {
      let current = url;
      for (let hop = 0; ; hop++) {
        const response = await this.request(current, accept, abort.signal);
        const location = response.headers.location;
        if (response.statusCode && response.statusCode >= 300 && response.statusCode < 400 && location) {
          response.destroy();
          if (hop >= this.maxRedirects) throw new PreviewFetchError('TOO_MANY_REDIRECTS');
          current = resolveLocation(location, current);
          continue;
        }
        return await this.read(response, current, accept, abort.signal);
      }
    } catch (error) {
      if (error instanceof PreviewFetchError) throw error;
      if (abort.signal.aborted) throw new PreviewFetchError('TIMEOUT');
      throw new PreviewFetchError('NETWORK', (error as Error).message);
    } finally {
      clearTimeout(timer);
    }
  }

  private request(target: string, accept: keyof typeof ACCEPT, signal: AbortSignal): Promise<IncomingMessage> {
    const check = checkMediaUrl(target, { allowLoopback: this.allowLoopback });
    if (!check.ok) return Promise.reject(new PreviewFetchError('URL_NOT_ALLOWED', check.reason));
    const { url } = check;
    const client = url.protocol === 'https:' ? https : http;
    return new Promise((resolve, reject) => {
      const req = client.request(url, {
        method: 'GET',
        agent: false,
        signal,
        lookup: this.pinnedLookup(),
        headers: {
          'user-agent': 'KennisCloud-linkvoorbeeld/1.0 (+https://kenniscloud.nl)',
          accept: ACCEPT[accept].header,
          'accept-encoding': 'gzip, deflate, br',
          'accept-language': 'nl, en;q=0.8',
        },
      }, resolve);
      req.on('error', (error) => reject(error instanceof PreviewFetchError ? error : (error as { cause?: unknown }).cause instanceof PreviewFetchError ? (error as { cause: PreviewFetchError }).cause : error));
      req.end();
    });
  }

  /**
   * The socket's DNS lookup: our resolver, every answer checked, and the checked address is the
   * one the socket connects to. Not called for a literal IP (checked by the URL policy already).
   */
  private pinnedLookup(): LookupFunction {
    return ((hostname: string, options: { all?: boolean } | number, callback: (...args: unknown[]) => void) => {
      const all = typeof options === 'object' && options.all === true;
      this.resolver(hostname).then((addresses) => {
        if (addresses.length === 0) return callback(new PreviewFetchError('ADDRESS_NOT_ALLOWED', 'no address'));
        const refused = addresses.find((a) => !isPublicAddress(a.address, { allowLoopback: this.allowLoopback }));
        if (refused) return callback(new PreviewFetchError('ADDRESS_NOT_ALLOWED', refused.address));
        const answers: LookupAddress[] = addresses.map((a) => ({ address: a.address, family: a.address.includes(':') ? 6 : 4 }));
        return all ? callback(null, answers) : callback(null, answers[0]!.address, answers[0]!.family);
      }, (error: Error) => callback(error));
    }) as LookupFunction;
  }

  private async read(response: IncomingMessage, url: string, accept: keyof typeof ACCEPT, signal: AbortSignal): Promise<FetchedDocument> {
    const status = response.statusCode ?? 0;
    if (status < 200 || status >= 300) {
      response.destroy();
      throw new PreviewFetchError('HTTP_STATUS', String(status));
    }
    const contentType = String(response.headers['content-type'] ?? '').toLowerCase();
    const mediaType = contentType.split(';')[0]!.trim();
    if (!(ACCEPT[accept].types as readonly string[]).includes(mediaType)) {
      response.destroy();
      throw new PreviewFetchError('NOT_HTML', mediaType || 'none');
    }
    const declared = Number(response.headers['content-length'] ?? NaN);
    if (Number.isFinite(declared) && declared > this.maxBytes) {
      response.destroy();
      throw new PreviewFetchError('TOO_LARGE');
    }
    const stream = decoded(response);
    const chunks: Buffer[] = [];
    let size = 0;
    try {
      for await (const chunk of stream as AsyncIterable<Buffer>) {
        size += chunk.length;
        if (size > this.maxBytes) throw new PreviewFetchError('TOO_LARGE');
        chunks.push(chunk);
      }
    } catch (error) {
      if (error instanceof PreviewFetchError) throw error;
      if (signal.aborted) throw new PreviewFetchError('TIMEOUT');
      throw new PreviewFetchError('NETWORK', (error as Error).message);
    } finally {
      response.destroy();
      if (stream !== response) stream.destroy();
    }
    return { url, contentType: mediaType, body: decodeText(Buffer.concat(chunks), contentType) };
  }
}

function resolveLocation(location: string, base: string): string {
  try {
    return new URL(location, base).toString();
  } catch {
    throw new PreviewFetchError('URL_NOT_ALLOWED', 'INVALID_URL');
  }
}

/** The body decompressed (the size limit counts what comes out); an error or abort on either side ends both. */
function decoded(response: IncomingMessage): Readable {
  const encoding = String(response.headers['content-encoding'] ?? '').trim().toLowerCase();
  const inflate: Transform | null =
    encoding === 'gzip' || encoding === 'x-gzip' ? createGunzip() : encoding === 'deflate' ? createInflate() : encoding === 'br' ? createBrotliDecompress() : null;
  if (!inflate) return response;
  pipeline(response, inflate, () => undefined);
  return inflate;
}

function decodeText(bytes: Buffer, contentType: string): string {
  const charset = /charset\s*=\s*"?([\w-]+)/.exec(contentType)?.[1] ?? 'utf-8';
  try {
    return new TextDecoder(charset).decode(bytes);
  } catch {
    return new TextDecoder('utf-8').decode(bytes);
  }
}
