import { existsSync, readFileSync } from 'node:fs';
import { TERMS_VERSION } from '@kc/contracts';

/**
 * Demo data for `npm start`, created THROUGH THE GATEWAY API exactly as people would: the
 * operator licenses the region, a library administrator and a resident register, the library
 * imports its catalogue, a community starts a conversation (and so gets title suggestions).
 * Idempotent: every step first looks whether its result exists, and every unsafe request
 * carries a fixed Idempotency-Key.
 */
export interface DemoAccount {
  role: string;
  email: string;
  password: string;
  displayName: string;
}

export interface SeedOptions {
  baseUrl: string;
  operator: { email: string; password: string };
  demoPassword: string;
  catalogueFile: string;
  say: (line: string) => void;
  warn: (line: string) => void;
}

export const DEMO_REGION = { slug: 'midden-brabant', name: 'Bibliotheek Midden-Brabant' };
export const DEMO_COMMUNITY = {
  name: 'Duurzaam wonen in Midden-Brabant',
  description: 'Bewoners, de bibliotheek en partners delen kennis over isoleren, warmtepompen en samen verduurzamen.',
  visibility: 'public',
};
export const DEMO_CONVERSATION = {
  title: 'Hoe isoleer ik een jaren-dertigwoning?',
  body: 'Wij wonen in een jaren-dertigwoning met een houten vloer en enkel glas. Waar begin je met isoleren, en welke subsidies zijn er? Tips over spouwmuurisolatie en ventilatie zijn welkom.',
};

export const DEMO_COLLECTION = {
  title: 'Isoleren: waar begin je?',
  description: 'Wat deze community aanraadt aan wie een **ouder huis** wil isoleren: gesprekken, bibliotheektitels en activiteiten.',
};

export function demoAccounts(password: string): DemoAccount[] {
  return [
    { role: 'bibliotheekbeheerder / library admin', email: 'bibliotheek@midden-brabant.kenniscloud.local', password, displayName: 'Bibliotheek Midden-Brabant' },
    { role: 'inwoner / resident', email: 'inwoner@midden-brabant.kenniscloud.local', password, displayName: 'Sanne de Vries' },
  ];
}

class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly body: { code?: string; message?: unknown } | undefined,
    what: string,
  ) {
    super(`${what}: HTTP ${status}${body?.code ? ` ${body.code}` : ''}${body?.message ? ` (${String(body.message)})` : ''}`);
  }
}

type OpenApi = { paths?: Record<string, Record<string, { requestBody?: { content?: Record<string, unknown> }; parameters?: { name: string; in: string }[] }>> };

/** A small client for the gateway's REST API. */
class Api {
  private doc: OpenApi | undefined;

  constructor(private readonly baseUrl: string) {}

  async loadDocs(): Promise<void> {
    try {
      const res = await fetch(`${this.baseUrl}/api/docs-json`, { signal: AbortSignal.timeout(5000) });
      if (res.ok) this.doc = (await res.json()) as OpenApi;
    } catch {
      this.doc = undefined;
    }
  }

  /**
   * The first of `candidates` (OpenAPI path templates) that the gateway documents for `method`;
   * without the document, the first candidate. `undefined` when the gateway has none of them.
   */
  route(method: string, ...candidates: string[]): string | undefined {
    if (!this.doc?.paths) return candidates[0];
    return candidates.find((path) => this.doc!.paths![path]?.[method.toLowerCase()] !== undefined);
  }

  operation(method: string, path: string) {
    return this.doc?.paths?.[path]?.[method.toLowerCase()];
  }

  async call<T>(method: string, path: string, options: { token?: string; body?: unknown; raw?: { data: Blob | FormData; type?: string }; key?: string; what: string }): Promise<T> {
    const headers: Record<string, string> = { accept: 'application/json', 'accept-language': 'nl' };
    if (options.token) headers.authorization = `Bearer ${options.token}`;
    if (options.key) headers['idempotency-key'] = options.key;
    let body: Blob | FormData | string | undefined;
    if (options.raw) {
      body = options.raw.data;
      if (options.raw.type) headers['content-type'] = options.raw.type;
    } else if (options.body !== undefined) {
      body = JSON.stringify(options.body);
      headers['content-type'] = 'application/json';
    }
    let res = await fetch(`${this.baseUrl}${path}`, { method, headers, body, signal: AbortSignal.timeout(30_000) });
    // Login and register are rate limited per IP: a quick second `npm start` waits for the window.
    for (let attempt = 0; res.status === 429 && attempt < 3 && !(body instanceof FormData); attempt++) {
      const wait = Math.min(Number(res.headers.get('retry-after')) || 5, 65);
      console.log(`[kenniscloud] seed: rate limited on ${options.what}, retrying in ${wait} s`);
      await new Promise((r) => setTimeout(r, wait * 1000));
      res = await fetch(`${this.baseUrl}${path}`, { method, headers, body, signal: AbortSignal.timeout(30_000) });
    }
    const text = await res.text();
    let parsed: unknown;
    try {
      parsed = text ? JSON.parse(text) : undefined;
    } catch {
      parsed = { message: text.slice(0, 200) };
    }
    if (!res.ok) throw new ApiError(res.status, parsed as ApiError['body'], options.what);
    return parsed as T;
  }
}

const fill = (template: string, values: Record<string, string>) => template.replace(/\{(\w+)\}/g, (_, k: string) => encodeURIComponent(values[k] ?? ''));

export async function seedDemo(options: SeedOptions): Promise<{ accounts: DemoAccount[]; communityId?: string; completed: boolean }> {
  const api = new Api(options.baseUrl);
  await api.loadDocs();
  const { say, warn } = options;
  const accounts = demoAccounts(options.demoPassword);
  let completed = true;
  const missing = (what: string) => {
    completed = false;
    warn(`seed: the gateway has no route for "${what}" yet: step skipped`);
  };

  const loginPath = api.route('POST', '/api/v1/auth/login');
  if (!loginPath) {
    missing('POST /api/v1/auth/login');
    return { accounts, completed: false };
  }
  const login = async (email: string, password: string) =>
    (await api.call<{ accessToken: string }>('POST', loginPath, { body: { email, password }, what: `login ${email}` })).accessToken;
  const operatorToken = await login(options.operator.email, options.operator.password);

  // 1. Region (operator).
  let regionCreated = false;
  const regionGet = api.route('GET', '/api/v1/regions/{slug}');
  const regionList = api.route('GET', '/api/v1/regions');
  const regionCreate = api.route('POST', '/api/v1/regions');
  let regionExists = false;
  if (regionGet) {
    regionExists = await api.call('GET', fill(regionGet, { slug: DEMO_REGION.slug }), { token: operatorToken, what: 'get region' }).then(
      () => true,
      (error: unknown) => (error instanceof ApiError && error.status === 404 ? false : Promise.reject(error)),
    );
  } else if (regionList) {
    const list = await api.call<{ items: { slug: string }[] }>('GET', regionList, { token: operatorToken, what: 'list regions' });
    regionExists = list.items.some((r) => r.slug === DEMO_REGION.slug);
  }
  if (regionExists) say(`seed: region ${DEMO_REGION.slug} exists`);
  else if (!regionCreate) missing('POST /api/v1/regions');
  else {
    await api.call('POST', regionCreate, { token: operatorToken, body: DEMO_REGION, key: `kc-seed-region-${DEMO_REGION.slug}`, what: 'create region' }).catch(ignoreConflict);
    regionCreated = true;
    say(`seed: region ${DEMO_REGION.slug} created`);
  }

  // 2. Accounts: register (or log in when they exist), then the admin role.
  const registerPath = api.route('POST', '/api/v1/auth/register', '/api/v1/accounts');
  const mePath = api.route('GET', '/api/v1/me', '/api/v1/accounts/me', '/api/v1/auth/me');
  const tokens: string[] = [];
  const ids: (string | undefined)[] = [];
  for (const account of accounts) {
    if (!registerPath) {
      missing('POST /api/v1/auth/register');
      break;
    }
    const registered = await api
      .call<{ id: string }>('POST', registerPath, {
        body: { email: account.email, password: account.password, displayName: account.displayName, region: DEMO_REGION.slug, acceptedTermsVersion: TERMS_VERSION },
        key: `kc-seed-account-${account.email}`,
        what: `register ${account.email}`,
      })
      .catch(ignoreConflict);
    const token = await login(account.email, account.password);
    tokens.push(token);
    let id = registered?.id;
    if (!id && mePath) id = (await api.call<{ id: string }>('GET', mePath, { token, what: 'me' })).id;
    ids.push(id);
    say(`seed: account ${account.email} ${registered ? 'registered' : 'exists'}`);
  }
  const [adminId] = ids;
  const grantPath = api.route('POST', '/api/v1/regions/{slug}/staff', '/api/v1/staff-roles', '/api/v1/staff');
  if (adminId && grantPath) {
    const body = grantPath.includes('{slug}') ? { accountId: adminId, role: 'library_admin' } : { region: DEMO_REGION.slug, accountId: adminId, role: 'library_admin' };
    await api.call('POST', fill(grantPath, { slug: DEMO_REGION.slug }), { token: operatorToken, body, key: `kc-seed-grant-${adminId}`, what: 'grant library_admin' }).catch(ignoreConflict);
    say(`seed: ${accounts[0].email} is library_admin of ${DEMO_REGION.slug}`);
    // A token issued before the grant does not carry the role: log in again.
    tokens[0] = await login(accounts[0].email, accounts[0].password);
  } else if (!grantPath) missing('POST /api/v1/regions/{slug}/staff');
  else warn('seed: library admin id unknown (no /me route): role not granted');
  const [adminToken, residentToken] = tokens;

  // 3. Catalogue import, once.
  if (!existsSync(options.catalogueFile)) {
    warn(`seed: ${options.catalogueFile} does not exist (yet): catalogue import skipped`);
    completed = false;
  } else {
    // The operator chooses the region with ?region= (a library admin imports into its own).
    const imported = await catalogueHasTitles(api, operatorToken, options.catalogueFile);
    if (imported && !regionCreated) say('seed: demo catalogue already imported');
    else await importCatalogue(api, operatorToken, options, () => missing('POST /api/v1/catalogue/imports'));
  }

  // 4. Demo community with a conversation (library admin organises, the resident joins).
  let communityId: string | undefined;
  const listPath = api.route('GET', '/api/v1/communities');
  const createPath = api.route('POST', '/api/v1/communities');
  if (adminToken && listPath && createPath) {
    const list = await api.call<{ items: { id: string; name: string }[] }>('GET', `${listPath}?region=${DEMO_REGION.slug}&limit=100`, { token: adminToken, what: 'list communities' });
    communityId = list.items.find((c) => c.name === DEMO_COMMUNITY.name)?.id;
    if (communityId) say(`seed: community "${DEMO_COMMUNITY.name}" exists`);
    else {
      communityId = (await api.call<{ id: string }>('POST', createPath, { token: adminToken, body: DEMO_COMMUNITY, key: 'kc-seed-community-v1', what: 'create community' })).id;
      say(`seed: community "${DEMO_COMMUNITY.name}" created`);
      const conversationPath = api.route('POST', '/api/v1/communities/{id}/conversations', '/api/v1/conversations');
      if (conversationPath) {
        const body = conversationPath.includes('{id}') ? DEMO_CONVERSATION : { communityId, ...DEMO_CONVERSATION };
        const conversation = await api.call<{ id: string }>('POST', fill(conversationPath, { id: communityId }), { token: adminToken, body, key: `kc-seed-conversation-${communityId}`, what: 'start conversation' });
        say(`seed: conversation "${DEMO_CONVERSATION.title}" started`);
        await seedCollection(api, adminToken, communityId, conversation.id, say);
      } else missing('POST /api/v1/communities/{id}/conversations');
      const joinPath = api.route('POST', '/api/v1/communities/{id}/members', '/api/v1/communities/{id}/join');
      if (joinPath && residentToken) {
        await api.call('POST', fill(joinPath, { id: communityId }), { token: residentToken, body: {}, key: `kc-seed-join-${communityId}`, what: 'join community' }).catch(ignoreConflict);
        say(`seed: ${accounts[1].email} joined the community`);
      }
    }
  } else if (!listPath || !createPath) missing('GET/POST /api/v1/communities');
  return { accounts, communityId, completed };
}

/** A theme collection that starts with the demo conversation (once, with the community). */
async function seedCollection(api: Api, token: string, communityId: string, conversationId: string, say: (line: string) => void): Promise<void> {
  const collectionPath = api.route('POST', '/api/v1/communities/{id}/collections');
  const itemPath = api.route('POST', '/api/v1/collections/{id}/items');
  if (!collectionPath || !itemPath) return;
  const { id } = await api.call<{ id: string }>('POST', fill(collectionPath, { id: communityId }), { token, body: DEMO_COLLECTION, key: `kc-seed-collection-${communityId}`, what: 'make theme collection' });
  const item = { type: 'conversation', refId: conversationId, note: 'Begin hier: wat bewoners al uitzochten.' };
  await api.call('POST', fill(itemPath, { id }), { token, body: item, key: `kc-seed-collection-item-${id}`, what: 'add to theme collection' });
  say(`seed: theme collection "${DEMO_COLLECTION.title}" made`);
}

function ignoreConflict(error: unknown): undefined {
  if (error instanceof ApiError && error.status === 409) return undefined;
  throw error;
}

/** The first title (MARC 245 $a) of the file, to ask whether the catalogue has it already. */
function firstTitle(file: string): string | undefined {
  const xml = readFileSync(file, 'utf8').slice(0, 200_000);
  const match = /tag="245"[^>]*>[\s\S]*?code="a"[^>]*>([^<]+)</.exec(xml);
  return match?.[1]
    .replace(/[\s/:;,.]+$/, '')
    .split(/\s+/)
    .slice(0, 3)
    .join(' ');
}

async function catalogueHasTitles(api: Api, token: string, file: string): Promise<boolean> {
  const path = api.route('GET', '/api/v1/catalogue/titles', '/api/v1/catalogue/search');
  const q = firstTitle(file);
  if (!path || !q) return false;
  try {
    const res = await api.call<{ items: unknown[] }>('GET', `${path}?q=${encodeURIComponent(q)}&region=${DEMO_REGION.slug}`, { token, what: 'catalogue search' });
    return res.items.length > 0;
  } catch {
    return false;
  }
}

async function importCatalogue(api: Api, token: string, options: SeedOptions, missing: () => void): Promise<void> {
  const path = api.route('POST', '/api/v1/catalogue/imports');
  if (!path) return missing();
  const op = api.operation('POST', path);
  const content = Object.keys(op?.requestBody?.content ?? {});
  const bytes = readFileSync(options.catalogueFile);
  const query = new URLSearchParams({ region: DEMO_REGION.slug });
  if (op?.parameters?.some((p) => p.in === 'query' && p.name === 'format')) query.set('format', 'marcxml');
  let raw: { data: Blob | FormData; type?: string };
  if (content.includes('multipart/form-data')) {
    const form = new FormData();
    form.set('file', new Blob([bytes], { type: 'application/xml' }), 'demo-catalogue.marcxml');
    raw = { data: form };
  } else {
    raw = { data: new Blob([bytes]), type: content.find((t) => t.includes('xml')) ?? content[0] ?? 'application/xml' };
  }
  const started = await api.call<{ id: string }>('POST', `${path}?${query}`, { token, raw, key: 'kc-seed-catalogue-v1', what: 'import catalogue' });
  const statusPath = api.route('GET', '/api/v1/catalogue/imports/{id}');
  if (!statusPath || !started?.id) {
    options.say('seed: demo catalogue import started');
    return;
  }
  const deadline = Date.now() + 30_000;
  for (;;) {
    const status = await api.call<{ status: string; imported: number; failed: number }>('GET', fill(statusPath, { id: started.id }), { token, what: 'import status' });
    if (status.status === 'completed' || status.status === 'failed') {
      (status.status === 'completed' ? options.say : options.warn)(`seed: catalogue import ${status.status}: ${status.imported} titles imported, ${status.failed} failed`);
      return;
    }
    if (Date.now() > deadline) {
      options.warn(`seed: catalogue import still ${status.status} after 30 s (it goes on in the background)`);
      return;
    }
    await new Promise((r) => setTimeout(r, 300));
  }
}
