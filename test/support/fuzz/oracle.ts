import { Empty } from '@kc/contracts';
import { encodeComponent, MAX_SEGMENT } from './paths-and-queries';
import { idValue, type FuzzRequest, type WireRequest, type World } from './requests';
import type { FuzzRoute } from './routes';
import type { RawSent, Sent } from './send';
import { MAX_MS } from './settings';

/**
 * The oracle: what the gateway must answer to a request (no 5xx, in time, the one error shape,
 * the status and code the contract implies), and how a finding shows the request.
 */

const VISIBLE = /^[\x21-\x7e]{1,200}$/;
const headerValue = (v: string | string[] | undefined) => (Array.isArray(v) ? v.join(', ') : v);
/** The Idempotency-Key as the server will see it (HTTP trims optional whitespace; repeated headers are joined). */
const idempotencyKeyValid = (key: string | string[] | undefined) => key === undefined || VISIBLE.test((headerValue(key) ?? '').trim());
/** Only a genuine token in an accepted spelling: anything else must be refused (401) before it reaches a service. */
const genuine = (req: FuzzRequest) => req.headers.auth.kind === 'token';
const anonymous = (req: FuzzRequest) => req.headers.auth.kind === 'none';
export const prefersEnglish = (req: FuzzRequest) => /en/i.test(headerValue(req.headers.acceptLanguage) ?? '');

/** The body as the gateway will parse it, when it is JSON it can parse (undefined: not predictable here). */
function parsedBody(req: FuzzRequest, wire: WireRequest): { value: unknown } | undefined {
  if (req.body.kind === 'none') return { value: {} };
  if (req.body.kind !== 'json') return undefined;
  const text = Buffer.from(wire.body!).toString('utf8');
  if (Buffer.byteLength(text) > 60 * 1024 || /"(__proto__|constructor)"\s*:/.test(text)) return undefined; // 413 / INVALID_JSON (poisoning) come first
  // The gateway reads a JSON `null` body as no body (`req.body ?? {}`).
  return { value: (JSON.parse(text) as unknown) ?? {} };
}

export interface Verdict {
  violations: string[];
  /** The route's path parameter and body pass the route's schemas (undefined: not predictable). */
  valid?: boolean;
}

/** Beyond the HTTP server's or router's own limits (16 KB request head, 100 characters per path parameter): see `edgeRefusedRequest` (requests.ts). */
export function beyondServerLimits(req: FuzzRequest, wire: WireRequest, world: World): boolean {
  const head = wire.path.length + Object.entries(wire.headers).reduce((n, [k, v]) => n + k.length + 4 + (Array.isArray(v) ? v.join(', ') : v).length, 0);
  const segment = req.id ? (idValue(req.id, world) !== undefined ? encodeComponent(idValue(req.id, world)!) : (req.id as { value: string }).value) : '';
  return head > 12_000 || segment.length > MAX_SEGMENT;
}

const FRAMEWORK_REFUSALS = new Set(['HEADERS_TOO_LARGE', 'URI_TOO_LONG', 'INVALID_URL', 'MALFORMED_REQUEST']);
/** Refused before any header was read (Node's HTTP parser): the language cannot be known, so the message is bilingual, Dutch first. */
export const UNPARSED_REQUEST_CODES = new Set(['HEADERS_TOO_LARGE', 'MALFORMED_REQUEST', 'REQUEST_TIMEOUT']);

export function judge(route: FuzzRoute, req: FuzzRequest, wire: WireRequest, world: World, res: Extract<Sent, { kind: 'response' }>, strict: boolean): Verdict {
  const violations: string[] = [];
  const { status } = res;
  if (status >= 500) violations.push(`status ${status} (must be < 500 for anything a client sends)`);
  if (res.ms > MAX_MS) violations.push(`answered after ${res.ms} ms (limit ${MAX_MS} ms)`);
  if (status < 300 && !anonymous(req) && !genuine(req) && !(req.headers.auth.kind === 'tampered' && req.headers.auth.how === 'padding')) {
    violations.push(`accepted (${status}) with a token that is not genuine (${req.headers.auth.kind})`);
  }
  // An oversized request in a route group: only "no 5xx, in time" here; its refusal is checked by the edge-refusal test.
  if (!strict) return { violations };

  let body: Record<string, unknown> | undefined;
  if (status >= 400 && req.method !== 'HEAD') {
    const type = String(res.headers['content-type'] ?? '');
    if (!type.includes('application/json')) violations.push(`error response is not JSON (content-type "${type}")`);
    else {
      try {
        body = JSON.parse(res.body.toString('utf8')) as Record<string, unknown>;
      } catch {
        violations.push('error response is not parseable JSON');
      }
    }
    if (body) {
      if (body.statusCode !== status) violations.push(`body.statusCode ${JSON.stringify(body.statusCode)} ≠ status ${status}`);
      if (typeof body.error !== 'string' || !body.error) violations.push('body.error missing');
      if (typeof body.message !== 'string' || !body.message.trim()) violations.push('body.message missing or empty');
      if (typeof body.code !== 'string' || !/^[A-Z][A-Z0-9_]*$/.test(body.code)) violations.push(`body.code missing or not UPPER_SNAKE (${JSON.stringify(body.code)})`);
    }
  }

  // What the request must get, when the envelope is predictable: route matched, no odd headers, JSON (or no) body.
  const sameRoute = req.method === route.method && req.id?.kind !== 'raw' && (!req.id || idValue(req.id, world) !== '') && !req.query.some((p) => 'raw' in p) && req.headers.extra.length === 0;
  const parsed = parsedBody(req, wire);
  const code = body?.code;
  let valid: boolean | undefined;
  // Refused by the HTTP server or router before any route ran (head too large, path too long, bad
  // %-encoding): the right answer whatever the body says; only its shape and language are checked.
  const refusedBeforeRouting = FRAMEWORK_REFUSALS.has(String(code));
  if (sameRoute && parsed && route.body !== 'upload' && !refusedBeforeRouting) {
    const paramValue = req.id ? idValue(req.id, world) : undefined;
    const paramsOk = route.params ? route.params.strict().safeParse({ [Object.keys(route.params.shape)[0]!]: paramValue }).success : true;
    const bodyOk = route.method === 'POST' || route.method === 'PUT' || route.method === 'PATCH' ? (route.bodySchema ?? Empty).safeParse(parsed.value).success : true;
    valid = paramsOk && bodyOk;
    const headersOk = idempotencyKeyValid(req.headers.idempotencyKey) && !Array.isArray(req.headers.idempotencyKey);
    if (!idempotencyKeyValid(req.headers.idempotencyKey) && !(status === 400 && code === 'INVALID_HEADER')) {
      violations.push(`an invalid Idempotency-Key must be refused with 400 INVALID_HEADER, got ${status} ${String(code)}`);
    } else if (headersOk && !anonymous(req) && !genuine(req) && !(req.headers.auth.kind === 'tampered' && req.headers.auth.how === 'padding') && !(status === 401 && code === 'INVALID_TOKEN')) {
      violations.push(`a token that is not genuine must be refused with 401 INVALID_TOKEN, got ${status} ${String(code)}`);
    } else if (headersOk && (anonymous(req) || genuine(req)) && !valid && !(status === 400 && (code === 'VALIDATION_FAILED' || code === 'INVALID_JSON'))) {
      violations.push(`input the contract refuses must get 400 VALIDATION_FAILED, got ${status} ${String(code)}`);
    }
  }
  if (status < 300 && route.effect && route.body !== 'upload' && valid === false) violations.push(`a write was accepted (${status}) for input the contract refuses`);
  return { violations, valid };
}

/** The request as a finding shows it: method, path, headers (a genuine token only by whose it is), body (hex when binary). */
export const describeWire = (wire: WireRequest, req: FuzzRequest) => {
  const headers = Object.entries(wire.headers)
    .filter(([name]) => name !== 'authorization')
    .map(([name, value]) => `  ${name}: ${JSON.stringify(value).slice(0, 300)}`);
  const auth = req.headers.auth;
  headers.push(`  authorization: ${auth.kind === 'none' ? '(none)' : auth.kind === 'token' ? `${auth.scheme}${' '.repeat(auth.spaces)}<genuine token of ${auth.who}>` : auth.kind === 'tampered' ? `<token of ${auth.who}, ${auth.how}>` : JSON.stringify(wire.headers.authorization).slice(0, 300)}`);
  const body = wire.body === undefined ? '(none)' : /[\x00-\x08\x0e-\x1f]/.test(Buffer.from(wire.body).toString('utf8')) || req.body.kind === 'bytes' ? `hex ${Buffer.from(wire.body).toString('hex').slice(0, 600)}` : JSON.stringify(Buffer.from(wire.body).toString('utf8').slice(0, 1500));
  return `${wire.method} ${wire.path.slice(0, 600)}${req.fault ? `   (single fault: ${req.fault})` : ''}\n${headers.join('\n')}\n  body (${wire.body?.length ?? 0} bytes): ${body}`;
};

// ---------------------------------------------------------------------------------------------
// Raw-socket answers (malformed HTTP, refused by Node's parser before Fastify routes it)

/** Neither a 5xx nor a connection left open. */
export const rawSocketProblems = (res: RawSent): string[] => [
  ...(res.closed ? [] : [`connection still open after ${res.ms} ms`]),
  ...(res.status !== undefined && res.status >= 500 ? [`status ${res.status}`] : []),
];

/** A JSON error answer has the API error shape ({statusCode, error, message, code}) and not a library's English message. */
export function rawErrorShapeProblems(res: RawSent): string[] {
  if (res.status === undefined || res.status < 400) return [];
  // The first response only (a pipelined request after it may get its own).
  const [head = '', ...rest] = res.text.split('\r\n\r\n');
  if (!/content-type: *application\/json/i.test(head)) return [];
  const length = Number(/content-length: *(\d+)/i.exec(head)?.[1] ?? NaN);
  const text = rest.join('\r\n\r\n');
  let body: Record<string, unknown>;
  try {
    body = JSON.parse(Number.isFinite(length) ? Buffer.from(text, 'latin1').subarray(0, length).toString('utf8') : text) as Record<string, unknown>;
  } catch {
    return [`${res.status} with a JSON content type but no JSON body`];
  }
  const problems: string[] = [];
  if (typeof body.code !== 'string') problems.push(`${res.status} error body without code`);
  if (body.statusCode !== res.status) problems.push(`${res.status} error body with statusCode ${JSON.stringify(body.statusCode)}`);
  if (typeof body.message !== 'string' || /^(Client Error|Exceeded maximum)/.test(body.message)) problems.push(`${res.status} error body with an English library message ${JSON.stringify(body.message)}`);
  return problems;
}
