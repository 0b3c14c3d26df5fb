import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import autocannon, { type Result } from 'autocannon';
import { Client } from 'pg';
import { startPlatform, TEST_DATABASE_URL_BASE, TestScope, type Platform } from '@kc/testing';
import { ApiClient } from '../test/support/api-client';

const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 32);
const ROOT = join(__dirname, '..', '..');
const CATALOGUE = join(ROOT, 'deploy', 'seed', 'demo-catalogue.marcxml');
/** `BENCH_PHASES=writes` measures only some phases (for profiling one path); default all. */
const PHASES = new Set((process.env.BENCH_PHASES ?? 'reads,writes').split(','));
const SERVICES = ['identity', 'communities', 'events', 'catalogue', 'catalogue-worker', 'search', 'gateway'];

/** The bare NestJS + Fastify hello world, as its own process on this machine. */
async function startBaseline(): Promise<{ url: string; stop: () => void }> {
  const child: ChildProcess = spawn(process.execPath, [join(__dirname, 'support', 'hello-nest.js')], { stdio: ['ignore', 'pipe', 'inherit'] });
  const port = await new Promise<number>((resolve, reject) => {
    child.once('exit', (code) => reject(new Error(`baseline exited with ${code}`)));
    createInterface({ input: child.stdout! }).on('line', (line) => {
      const match = /^listening (\d+)$/.exec(line);
      if (match) resolve(Number(match[1]));
    });
  });
  return { url: `http://127.0.0.1:${port}`, stop: () => child.kill('SIGTERM') };
}

interface Figures {
  requestsPerSecond: number;
  p50Ms: number;
  p99Ms: number;
  non2xx: number;
  errors: number;
  timeouts: number;
}

const figures = (r: Result): Figures => ({
  requestsPerSecond: Math.round(r.requests.average),
  p50Ms: r.latency.p50,
  p99Ms: r.latency.p99,
  non2xx: r.non2xx,
  errors: r.errors,
  timeouts: r.timeouts,
});

function load(options: autocannon.Options): Promise<Result> {
  return autocannon({ connections: CONNECTIONS, duration: SECONDS, pipelining: 1, timeout: 10, ...options });
}

/** Resident set size of every process, from its own Prometheus `/metrics`. */
async function residentMegabytes(platform: Platform): Promise<Record<string, number>> {
  const entries = await Promise.all(SERVICES.map(async (name) => {
    const text = await (await fetch(`http://127.0.0.1:${platform.ports[name]}/metrics`)).text();
    const bytes = Number(/^process_resident_memory_bytes (\d+)/m.exec(text)?.[1] ?? NaN);
    return [name, Math.round(bytes / 2 ** 20)] as const;
  }));
  return Object.fromEntries(entries);
}

/** CPU seconds (user + system) each process has used so far, from /proc (Linux). */
function cpuSeconds(platform: Platform): Record<string, number> {
  return Object.fromEntries(SERVICES.map((name) => {
    const pid = platform.pid(name);
    const fields = pid ? readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ') : [];
    return [name, (Number(fields[11] ?? NaN) + Number(fields[12] ?? NaN)) / 100];
  }));
}

/**
 * Runs a load and reports, beside throughput and latency, the CPU milliseconds each process
 * spent per request: the figure that says where the work is, whatever else the machine does.
 */
async function measured(platform: Platform, options: autocannon.Options, settle: () => Promise<unknown> = async () => undefined) {
  const before = cpuSeconds(platform);
  const result = await load(options);
  await settle();
  const after = cpuSeconds(platform);
  const total = Math.max(1, result.requests.total);
  const cpuMsPerRequest = Object.fromEntries(SERVICES.map((name) => [name, Number((((after[name]! - before[name]!) * 1000) / total).toFixed(2))]));
  return { ...figures(result), cpuMsPerRequest };
}

const IDLE_SECONDS = 10;

/** CPU milliseconds per second each process spends while nobody uses the platform (timers, polling, heartbeats). */
async function idleCpu(platform: Platform, seconds: number): Promise<Record<string, number>> {
  const before = cpuSeconds(platform);
  await new Promise((r) => setTimeout(r, seconds * 1000));
  const after = cpuSeconds(platform);
  return Object.fromEntries(SERVICES.map((name) => [name, Number((((after[name]! - before[name]!) * 1000) / seconds).toFixed(1))]));
}

async function countIn(scope: TestScope, service: string, sql: string, ids: string[]): Promise<number> {
  const client = new Client({ connectionString: `${TEST_DATABASE_URL_BASE}/${scope.dbName(service)}` });
  await client.connect();
  try {
    return Number((await client.query<{ n: string }>(sql, [ids])).rows[0]!.n);
  } finally {
    await client.end();
  }
}

/** Waits until every written conversation is in search and has its suggestions computed. */
async function drain(scope: TestScope, ids: string[], timeoutMs = 180_000) {
  const started = Date.now();
  let indexed = 0;
  let suggested = 0;
  while (Date.now() - started < timeoutMs) {
    indexed = await countIn(scope, 'search', "SELECT count(*) n FROM search_documents WHERE type = 'conversation' AND id = ANY($1::uuid[])", ids);
    suggested = await countIn(scope, 'catalogue', "SELECT count(*) n FROM suggestion_requests WHERE status = 'done' AND conversation_id = ANY($1::uuid[])", ids);
    if (indexed === ids.length && suggested === ids.length) break;
    await new Promise((r) => setTimeout(r, 500));
  }
  return { written: ids.length, inSearch: indexed, withSuggestions: suggested, drainedInMs: Date.now() - started };
}

/**
 * The platform under load, through the gateway, beside a bare Nest + Fastify hello world
 * measured in the same run on the same machine: authenticated reads of a community and of a
 * conversation, conversation writes (each must still reach search and get suggestions), and
 * the resident memory of every process when idle. Loopback only; bounded in time.
 */
export async function run(): Promise<object> {
  const scope = new TestScope('bench-platform');
  const baseline = await startBaseline();
  let platform: Platform | undefined;
  try {
    platform = await startPlatform(scope, {
      env: {
        RATE_LIMIT_MAX: '100000000', AUTH_RATE_LIMIT_MAX: '100000000',
        // `BENCH_PROFILE_DIR=/tmp/prof npm run bench -- platform`: a V8 CPU profile of every process (bench/support/cpu-profile.ts reads them).
        ...(process.env.BENCH_PROFILE_DIR ? { NODE_OPTIONS: `--cpu-prof --cpu-prof-dir=${process.env.BENCH_PROFILE_DIR}` } : {}),
      },
      logLevel: process.env.BENCH_LOG_LEVEL ?? 'info',
      readyTimeoutMs: 120_000,
      compileCache: false, // as deployed: the cache costs resident memory (@kc/observability/startup)
    });
    const api = new ApiClient(platform.baseUrl);
    const operator = await api.login(platform.operator.email, platform.operator.password);
    await api.post('/regions', { slug: 'bench-regio', name: 'Bench Regio' }, operator);
    const imported = await api.request('POST', '/catalogue/imports?region=bench-regio', { token: operator, raw: readFileSync(CATALOGUE), contentType: 'application/marcxml+xml' });
    for (let i = 0; i < 600 && (await api.get(`/catalogue/imports/${imported.body.id}`, operator)).body.status !== 'completed'; i++) await new Promise((r) => setTimeout(r, 100));
    const resident = await api.resident('bench-regio', 'Bench Bewoner');
    const community = (await api.post('/communities', { name: 'Duurzaam wonen', description: 'Isoleren, warmtepompen en zonnepanelen.', visibility: 'public' }, resident.token)).body.id as string;
    const conversation = (await api.post(`/communities/${community}/conversations`, { title: 'Warmtepomp in een jaren-dertigwoning', body: 'Wie heeft ervaring met isoleren en een hybride warmtepomp?' }, resident.token)).body.id as string;
    const auth = { authorization: `Bearer ${resident.token}` };
    // Writes come from as many residents as connections, as in a busy community (one account is limited to a few posts a minute).
    const writers = [resident.token];
    for (let i = 1; i < CONNECTIONS; i++) {
      const writer = await api.resident('bench-regio', `Bench Schrijver ${i}`);
      await api.post(`/communities/${community}/members`, {}, writer.token);
      writers.push(writer.token);
    }

    await new Promise((r) => setTimeout(r, 5000)); // let start-up work settle before reading idle memory
    const idleMemoryMb = await residentMegabytes(platform);
    const idleCpuMsPerSecond = await idleCpu(platform, IDLE_SECONDS);

    const hello = figures(await load({ url: `${baseline.url}/hello` }));
    const reads = PHASES.has('reads');
    const readCommunity = reads ? await measured(platform, { url: `${platform.baseUrl}/api/v1/communities/${community}`, headers: auth }) : undefined;
    const readConversation = reads ? await measured(platform, { url: `${platform.baseUrl}/api/v1/conversations/${conversation}`, headers: auth }) : undefined;

    const written: string[] = [];
    let n = 0;
    let delivery: Awaited<ReturnType<typeof drain>> | undefined;
    // The CPU of a write includes what it causes downstream: search indexing, suggestions, their attachment.
    const writes = PHASES.has('writes') ? await measured(platform, {
      url: `${platform.baseUrl}/api/v1/communities/${community}/conversations`,
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      requests: [{
        setupRequest: (req) => ({ ...req, headers: { ...req.headers, authorization: `Bearer ${writers[n % writers.length]}` }, body: JSON.stringify({ title: `Zonnepanelen op het dak ${++n}`, body: `Vraag ${n}: wie weet hoe je met buren samen zonnepanelen en een thuisbatterij regelt?` }) }),
        onResponse: (status, body) => {
          if (status === 201) written.push((JSON.parse(body) as { id: string }).id);
        },
      }],
    }, async () => (delivery = await drain(scope, written))) : undefined;
    const afterLoadMemoryMb = await residentMegabytes(platform);

    const ratio = (f?: Pick<Figures, 'requestsPerSecond'>) => f && Number((f.requestsPerSecond / hello.requestsPerSecond).toFixed(3));
    return {
      what: `the platform through the gateway, ${CONNECTIONS} connections, ${SECONDS} s per figure, loopback, every process on this machine (demo catalogue, one region)`,
      baseline: { what: 'bare NestJS 11 + Fastify hello world, same machine, same run', ...hello },
      authenticatedReads: {
        community: readCommunity && { ...readCommunity, vsBaseline: ratio(readCommunity) },
        conversation: readConversation && { ...readConversation, vsBaseline: ratio(readConversation) },
        target: 'reads ≥ 0.10× baseline (goal 0.15×), p99 ≤ 40 ms',
      },
      conversationWrites: writes && { ...writes, ...delivery, target: 'writes ≥ 600/s (goal 1500/s), p99 ≤ 100 ms, every write in search and with suggestions' },
      idleCpuMsPerSecond: { ...idleCpuMsPerSecond, what: `CPU ms per second of each process over ${IDLE_SECONDS} s with no requests` },
      residentMemoryMb: { idle: idleMemoryMb, afterLoad: afterLoadMemoryMb, target: 'idle ≤ 150 MB per process (goal 100 MB)' },
    };
  } finally {
    baseline.stop();
    await platform?.stop();
    await scope.dispose();
  }
}
