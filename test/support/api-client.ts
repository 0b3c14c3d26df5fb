import { randomUUID } from 'node:crypto';
import { TERMS_VERSION } from '@kc/contracts';

export interface ApiResponse<T = any> {
  status: number;
  body: T;
  text: string;
  headers: Headers;
}

export interface RequestOptions {
  token?: string;
  body?: unknown;
  /** Sent as is (for malformed JSON and file uploads). */
  raw?: string | Uint8Array;
  contentType?: string;
  idempotencyKey?: string;
  lang?: string;
  /** Gives up after this long (the request and reading its body); the promise then rejects. */
  timeoutMs?: number;
}

/** A thin HTTP client for the gateway, as a browser or app would call it. */
export class ApiClient {
  constructor(private readonly baseUrl: string) {}

  async request<T = any>(method: string, path: string, options: RequestOptions = {}): Promise<ApiResponse<T>> {
    const headers: Record<string, string> = { 'x-correlation-id': randomUUID() };
    if (options.token) headers.authorization = `Bearer ${options.token}`;
    if (options.idempotencyKey) headers['idempotency-key'] = options.idempotencyKey;
    if (options.lang) headers['accept-language'] = options.lang;
    let body: string | Uint8Array | undefined;
    if (options.raw !== undefined) {
      body = options.raw;
      headers['content-type'] = options.contentType ?? 'application/json';
    } else if (options.body !== undefined) {
      body = JSON.stringify(options.body);
      headers['content-type'] = 'application/json';
    }
    const response = await fetch(`${this.baseUrl}/api/v1${path}`, {
      method, headers, body: body as string | undefined, signal: options.timeoutMs ? AbortSignal.timeout(options.timeoutMs) : undefined,
    });
    const text = await response.text();
    let parsed: unknown = text;
    if ((response.headers.get('content-type') ?? '').includes('json')) parsed = text ? JSON.parse(text) : undefined;
    return { status: response.status, body: parsed as T, text, headers: response.headers };
  }

  get<T = any>(path: string, token?: string, lang?: string) {
    return this.request<T>('GET', path, { token, lang });
  }
  post<T = any>(path: string, body: unknown, token?: string, extra: Omit<RequestOptions, 'body' | 'token'> = {}) {
    return this.request<T>('POST', path, { body, token, ...extra });
  }

  put<T = any>(path: string, body: unknown, token?: string, extra: Omit<RequestOptions, 'body' | 'token'> = {}) {
    return this.request<T>('PUT', path, { body, token, ...extra });
  }

  /** Signs in; returns the access token (15 minutes: a test that runs longer signs in again, or uses signIn and /auth/refresh). */
  async login(email: string, password: string): Promise<string> {
    return (await this.signIn(email, password)).accessToken;
  }

  /** Signs in; returns the whole answer, with the refresh token of the new session. */
  async signIn(email: string, password: string): Promise<{ accessToken: string; refreshToken: string; expiresIn: number; refreshExpiresIn: number }> {
    const res = await this.post<{ accessToken: string; refreshToken: string; expiresIn: number; refreshExpiresIn: number }>('/auth/login', { email, password });
    if (res.status !== 200) throw new Error(`login failed for ${email}: ${res.status} ${res.text}`);
    return res.body;
  }

  /** Registers and logs in a resident; returns id and token. */
  async resident(region: string, name: string): Promise<{ id: string; token: string; email: string; password: string }> {
    const email = `${name.toLowerCase().replace(/[^a-z0-9]+/g, '.')}.${randomUUID().slice(0, 8)}@voorbeeld.nl`;
    const password = `Wachtwoord-${randomUUID()}`;
    const reg = await this.post<{ id: string }>('/auth/register', { email, password, displayName: name, region, acceptedTermsVersion: TERMS_VERSION });
    if (reg.status !== 201) throw new Error(`register failed: ${reg.status} ${reg.text}`);
    return { id: reg.body.id, token: await this.login(email, password), email, password };
  }
}

/** Polls until `probe` returns a value (not undefined/false), or fails with the last observation. */
export async function eventually<T>(probe: () => Promise<T | undefined | false>, timeoutMs = 15_000, what = 'condition'): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined && value !== false) return value;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/**
 * Imports a catalogue file into a region as the operator and waits until the import finished.
 * A region created a moment ago reaches the catalogue through its RegionCreated event: until
 * then the catalogue answers 404 REGION_NOT_FOUND, and the import is sent again.
 */
export async function importIntoRegion(api: ApiClient, token: string, region: string, file: Uint8Array, contentType = 'application/marcxml+xml'): Promise<{ id: string; status: string; imported: number }> {
  const accepted = await eventually(async () => {
    const res = await api.request('POST', `/catalogue/imports?region=${region}`, { token, raw: file, contentType });
    if (res.status === 404 && res.body?.code === 'REGION_NOT_FOUND') return undefined;
    if (res.status !== 202) throw new Error(`catalogue import refused: ${res.status} ${res.text.slice(0, 300)}`);
    return res.body as { id: string };
  }, 30_000, `the catalogue to know region ${region}`);
  return eventually(async () => {
    const status = (await api.get(`/catalogue/imports/${accepted.id}`, token)).body;
    return ['completed', 'failed'].includes(status.status) ? status : undefined;
  }, 60_000, 'the import to finish');
}
