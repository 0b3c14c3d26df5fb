import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { PrivateNatsServer, PrivatePostgres, startPlatform, TestScope, waitFor, type Platform } from '@kc/testing';
import { ApiClient, importIntoRegion } from './support/api-client';
import { ScopeDatabases } from './support/databases';
import { WriteBurst, type WriteOutcome } from './support/write-burst';

const DEMO_CATALOGUE = join(__dirname, '..', 'deploy', 'seed', 'demo-catalogue.marcxml');
/** Every process but the gateway, which is the test's only way in. */
const KILLED = ['identity', 'communities', 'events', 'catalogue', 'catalogue-worker', 'search'];
const HEALED_WITHIN_MS = 30_000;
const RPC_TIMEOUT_MS = 5000;
/** A request that takes longer than this hangs: the gateway answers 504 after RPC_TIMEOUT_MS. */
const CLIENT_TIMEOUT_MS = 20_000;
const TOPICS = [
  ['Warmtepomp in een oud huis', 'Wie heeft een hybride warmtepomp laten plaatsen zonder spouwmuurisolatie?'],
  ['Zonnepanelen op het dak', 'Kunnen buren samen investeren in zonnepanelen voor de school?'],
  ['Energie besparen in een huurwoning', 'Goedkope maatregelen tegen tocht en energiearmoede.'],
] as const;

/** One line per fault test: what the burst got back and how soon /health was 200 again. */
function report(what: string, outcomes: WriteOutcome[], healedAfterMs: Record<string, number>): void {
  const answers: Record<string, number> = {};
  for (const o of outcomes) {
    const key = o.status ? `${o.status}${o.status === 201 ? '' : ` ${(o.body as { code?: string }).code}`}` : 'no answer';
    answers[key] = (answers[key] ?? 0) + 1;
  }
  console.info(`faults, ${what}: ${outcomes.length} writes ${JSON.stringify(answers)}; /health 200 again after (ms) ${JSON.stringify(healedAfterMs)}`);
}

async function inBatches<T>(items: T[], size: number, check: (item: T) => Promise<void>): Promise<void> {
  for (let i = 0; i < items.length; i += size) await Promise.all(items.slice(i, i + size).map(check));
}

/**
 * The platform heals itself (issue 5 §3): during a steady burst of conversation writes through
 * the gateway, every service process and the worker is killed with `kill -9` in turn (the
 * supervisor brings each back), NATS restarts, and PostgreSQL restarts. Nothing that was
 * answered 201 is lost or applied twice, nobody gets a 500 or waits for ever, and `/health`
 * is 200 again within 30 s of each fault without anyone restarting anything. The platform runs
 * on a NATS and a PostgreSQL of this test's own; the shared servers are never touched.
 */
describe('faults: the platform heals itself during a burst of writes', () => {
  const scope = new TestScope('faults');
  let pg: PrivatePostgres;
  let nats: PrivateNatsServer;
  let platform: Platform;
  let databases: ScopeDatabases;
  let api: ApiClient;
  let resident: { token: string };
  let community: string;

  beforeAll(async () => {
    [pg, nats] = await Promise.all([PrivatePostgres.start({ maxConnections: 200 }), PrivateNatsServer.start()]);
    platform = await startPlatform(scope, {
      env: { NATS_URL: nats.url, DATABASE_URL_BASE: pg.urlBase, RPC_TIMEOUT_MS: String(RPC_TIMEOUT_MS), RATE_LIMIT_MAX: '100000' },
    });
    databases = new ScopeDatabases(scope, pg.urlBase);
    api = new ApiClient(platform.baseUrl);
    const operator = await api.login(platform.operator.email, platform.operator.password);
    expect((await api.post('/regions', { slug: 'regio-storing', name: 'Regio Storing' }, operator)).status).toBe(201);
    expect(await importIntoRegion(api, operator, 'regio-storing', readFileSync(DEMO_CATALOGUE))).toMatchObject({ status: 'completed' });
    resident = await api.resident('regio-storing', 'Fenna Fout');
    community = (await api.post('/communities', { name: 'Energie samen', description: 'Tips en vragen.', visibility: 'public' }, resident.token)).body.id;
  });
  afterAll(async () => {
    await databases?.close();
    await platform?.stop();
    // Every database and stream of the scope lives on these two servers, which go as a whole.
    await Promise.all([nats?.dispose(), pg?.dispose()]);
  });

  /** A word that occurs in one write only, so a search for it finds that conversation alone. */
  const wordOf = (phase: string, index: number) => `zq${phase}${[...index.toString(26).padStart(3, '0')].map((d) => String.fromCharCode(97 + parseInt(d, 26))).join('')}`;
  const burstOf = (phase: string) => {
    const burst = new WriteBurst((index) => {
      const [title, body] = TOPICS[index % TOPICS.length];
      return api.request('POST', `/communities/${community}/conversations`, {
        token: resident.token, body: { title: `${title} ${wordOf(phase, index)}`, body }, timeoutMs: CLIENT_TIMEOUT_MS,
      });
    }, { writers: 2, pauseMs: 400, maxWrites: 800 });
    burst.start();
    return burst;
  };
  const gatewayHealth = async () => (await fetch(`${platform.baseUrl}/health`, { signal: AbortSignal.timeout(5000) })).status;
  /** Waits until the gateway's /health is 200 again and returns how long after `since` that was. */
  const healedAfter = async (since: number) => {
    await waitFor(async () => (await gatewayHealth()) === 200, HEALED_WITHIN_MS - (Date.now() - since), 200);
    return Date.now() - since;
  };
  /** Runs a fault while the burst goes on, then waits until writes are accepted again. */
  const writesDuring = (burst: WriteBurst, fault: () => Promise<void>) => async () => {
    const before = burst.started;
    await fault();
    expect(burst.started).toBeGreaterThan(before);
    const accepted = burst.accepted;
    await waitFor(() => burst.accepted >= accepted + 5, HEALED_WITHIN_MS);
  };

  /** Answers during a fault are 201, or 503/504 with a code and a message a person can read. */
  const expectOnlyClearAnswers = (outcomes: WriteOutcome[]) => {
    const unclear = outcomes.filter((o) => {
      if (o.status === 201) return false;
      const body = o.body as { code?: unknown; message?: unknown } | undefined;
      return !(o.status === 503 || o.status === 504) || typeof body?.code !== 'string' || typeof body?.message !== 'string' || !body.message;
    });
    expect(unclear).toEqual([]);
  };

  /** Every write answered 201 is readable, in search once, and got its one set of suggestions. */
  const expectEveryAcceptedWriteDelivered = async (phase: string, outcomes: WriteOutcome[]) => {
    const accepted = outcomes.filter((o) => o.status === 201).map((o) => ({ id: (o.body as { id: string }).id, word: wordOf(phase, o.index) }));
    const ids = accepted.map((a) => a.id);
    await waitFor(async () => {
      const [indexed] = await databases.query<{ n: number }>('search', 'SELECT count(*)::int AS n FROM search_documents WHERE id = ANY($1)', [ids]);
      const [suggested] = await databases.query<{ n: number }>('communities', 'SELECT count(*)::int AS n FROM conversations WHERE id = ANY($1) AND suggestions_revision IS NOT NULL', [ids]);
      return indexed.n === ids.length && suggested.n === ids.length;
    }, 90_000, 250);

    const requests = await databases.query<{ conversation_id: string; status: string; n: number }>('catalogue',
      'SELECT conversation_id, min(status) AS status, count(*)::int AS n FROM suggestion_requests WHERE conversation_id = ANY($1) GROUP BY conversation_id', [ids]);
    expect(requests.filter((r) => r.n !== 1 || r.status !== 'done')).toEqual([]);
    expect(requests).toHaveLength(ids.length);
    const proposals = await databases.query<{ id: string; n: number }>('catalogue',
      "SELECT payload->'data'->>'conversationId' AS id, count(*)::int AS n FROM kc_outbox WHERE subject LIKE '%.suggestions.proposed.%' AND payload->'data'->>'conversationId' = ANY($1) GROUP BY 1", [ids]);
    expect(proposals.filter((p) => p.n !== 1)).toEqual([]);
    expect(proposals).toHaveLength(ids.length);

    await inBatches(accepted, 8, async ({ id, word }) => {
      const read = await api.get(`/conversations/${id}`, resident.token);
      expect(read.status).toBe(200);
      expect(read.body.title).toContain(word);
      const suggested = (read.body.suggestions as { titleId: string }[]).map((s) => s.titleId);
      expect(new Set(suggested).size).toBe(suggested.length);
      const found = await api.get(`/search?q=${word}`, resident.token);
      expect(found.status).toBe(200);
      expect({ word, hits: found.body.items.filter((h: { id: string }) => h.id === id).length }).toEqual({ word, hits: 1 });
    });
  };

  it('rides out kill -9 of every service and the worker, and a NATS restart', async () => {
    const burst = burstOf('proces');
    const healed: Record<string, number> = {};
    for (const name of KILLED) {
      await writesDuring(burst, async () => {
        const killed = platform.pid(name);
        const since = Date.now();
        await platform.killHard(name);
        await waitFor(() => { const pid = platform.pid(name); return pid !== undefined && pid !== killed; }, HEALED_WITHIN_MS);
        healed[name] = await healedAfter(since);
      })();
    }
    await writesDuring(burst, async () => {
      const since = Date.now();
      await nats.restart();
      healed.nats = await healedAfter(since);
    })();
    const outcomes = await burst.stop();
    expectOnlyClearAnswers(outcomes);
    await expectEveryAcceptedWriteDelivered('proces', outcomes);
    expect(platform.restarts().map((r) => r.name).sort()).toEqual([...KILLED].sort());
    expect(platform.crashes()).toEqual([]);
    report('kill -9 of each process, NATS restart', outcomes, healed);
  });

  it('rides out a PostgreSQL restart', async () => {
    const burst = burstOf('databank');
    const healed: Record<string, number> = {};
    await writesDuring(burst, async () => {
      await pg.stop('fast');
      const during = burst.started;
      await waitFor(() => burst.started >= during + 20, 30_000); // the writes go on against a platform without its database
      const since = Date.now();
      await pg.start();
      healed.postgres = await healedAfter(since);
    })();
    const outcomes = await burst.stop();

    expectOnlyClearAnswers(outcomes);
    expect(outcomes.some((o) => o.status === 503)).toBe(true); // the outage was seen
    await expectEveryAcceptedWriteDelivered('databank', outcomes);
    expect(platform.crashes()).toEqual([]);
    report('PostgreSQL restart', outcomes, healed);
  });
});
