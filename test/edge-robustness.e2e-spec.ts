import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { daysFromNow, startPlatform, TestScope, type Platform } from '@kc/testing';
import { ApiClient, eventually } from './support/api-client';
import { WHO, authSpec, type Who } from './support/fuzz/headers';
import type { KnownId } from './support/fuzz/paths-and-queries';
import { beyondServerLimits, describeWire, judge, prefersEnglish, rawErrorShapeProblems, rawSocketProblems, UNPARSED_REQUEST_CODES } from './support/fuzz/oracle';
import { malformedHttp } from './support/fuzz/raw-http';
import { edgeRefusedRequest, fuzzRequest, idValue, render, validRequest, type FuzzRequest, type World } from './support/fuzz/requests';
import { GROUPS, ROUTES, type Effect, type FuzzRoute } from './support/fuzz/routes';
import { send, sendRaw, type RawSent } from './support/fuzz/send';
import { MARC, MAX_MS, REGION_A as A, REGION_B as B } from './support/fuzz/settings';
import { snapshot, type People, type Snapshot } from './support/fuzz/snapshot';

/**
 * Property-based robustness of the HTTP edge: for every `/api/v1` route, requests with random
 * and hostile paths, queries, headers, tokens, content types and bodies never get a 5xx, always
 * get the one error shape (Dutch by default), arrive within a few seconds, and change nothing
 * unless the request was valid and authorised. Reproducible: a fixed seed (printed), more runs
 * with `KC_FUZZ_RUNS=<runs per route>`, another seed with `KC_FUZZ_SEED=<n>`, every distinct
 * failure instead of the first (shrunk) one with `KC_FUZZ_COLLECT=1`.
 */

const SEED = Number(process.env.KC_FUZZ_SEED ?? 20_260_607);
/** Runs per route (a route group gets this many per route it has). */
const RUNS = Number(process.env.KC_FUZZ_RUNS ?? 100);
/** `KC_FUZZ_COLLECT=1`: do not stop at the first failure; list every distinct finding at the end (and fail then). */
const COLLECT = process.env.KC_FUZZ_COLLECT === '1';

const SUITE = 'edge robustness: no 500 for anything a client can send, and bad input changes nothing';

describe(SUITE, () => {
  const scope = new TestScope('edge-fuzz');
  let platform: Platform;
  let api: ApiClient;
  let port: number;
  let world: World;
  const people = {} as People;

  /** Accepted writes (2xx on a route that changes state): what the final state may differ by. */
  const accepted: Array<{ route: string; effect: Effect; target?: string; created?: string; who?: Who }> = [];
  /** Every violation seen (also while shrinking), keyed by route, status and code, with its first reproducer. */
  const findings = new Map<string, string>();
  const stats = { requests: 0, replays: 0, raw: 0, byStatus: new Map<number, number>(), slowestMs: 0 };
  let before: Snapshot;
  let startedAt: number;

  /**
   * The request's own log lines, and the errors the services logged since `since` (the last line
   * before the request was sent): their RPC error lines carry no correlation id.
   */
  const logsFor = (correlationId: string | undefined, since?: string) => {
    const lines = platform.logs();
    const own = correlationId ? lines.filter((line) => line.includes(`cid=${correlationId.slice(0, 8)}`) && !/ INFO  http /.test(line)) : [];
    const recent = since === undefined ? lines.slice(-30) : lines.slice(lines.lastIndexOf(since) + 1);
    const services = recent.filter((line) => !line.startsWith('[gateway]') && / (ERROR|WARN) /.test(line) && !own.includes(line));
    return [...own, ...services.slice(0, 3)].map((line) => line.split('\n').slice(0, 7).join('\n')).slice(0, 10);
  };

  /**
   * Sends one request and judges the answer. `route`: a route group's request, one finding per
   * route and symptom. `any-route`: one finding per symptom whatever the route. Either way a
   * request beyond the server's own limits is only checked for "no 5xx, in time"; `edge` checks
   * those fully (the edge-refusal test).
   */
  async function exercise(route: FuzzRoute, req: FuzzRequest, mode: 'route' | 'any-route' | 'edge' = 'route'): Promise<void> {
    const correlationId = randomUUID();
    const wire = render(req, route.path, world, correlationId);
    const lastLogLine = platform.logs().at(-1);
    const strict = mode === 'edge' || !beyondServerLimits(req, wire, world);
    const res = await send(port, wire);
    stats.requests++;
    const violations: string[] = [];
    if (res.kind === 'error') violations.push(`no answer: ${res.error} after ${res.ms} ms`);
    else {
      stats.byStatus.set(res.status, (stats.byStatus.get(res.status) ?? 0) + 1);
      stats.slowestMs = Math.max(stats.slowestMs, res.ms);
      violations.push(...judge(route, req, wire, world, res, strict).violations);

      // Dutch by default: the same refusal asked in English has the same status and code, and another message.
      // (Not for 414/431: replacing Accept-Language changes the very size that was refused.)
      if (strict && res.status >= 400 && res.status < 500 && res.status !== 414 && res.status !== 431 && req.replayInEnglish && !prefersEnglish(req) && req.method !== 'HEAD' && violations.length === 0) {
        const english = await send(port, { ...wire, headers: { ...wire.headers, 'accept-language': 'en', 'x-correlation-id': randomUUID() } });
        stats.replays++;
        if (english.kind === 'error') violations.push(`English replay: no answer (${english.error})`);
        else {
          const nl = JSON.parse(res.body.toString('utf8')) as { code: string; message: string };
          const en = (String(english.headers['content-type']).includes('json') ? JSON.parse(english.body.toString('utf8')) : {}) as { code?: string; message?: string };
          if (english.status !== res.status || en.code !== nl.code) violations.push(`English replay got ${english.status} ${en.code}, Dutch ${res.status} ${nl.code}`);
          // Refused before any header was read (Node's HTTP parser): the language cannot be known, so the
          // message is bilingual, Dutch first.
          else if (en.message === nl.message && !(UNPARSED_REQUEST_CODES.has(nl.code) && / \/ /.test(nl.message))) {
            violations.push(`the default message is not Dutch: ${JSON.stringify(nl.message.slice(0, 160))} is the same in English`);
          }
        }
      }
      if (res.status < 300 && route.effect) {
        const created = (() => {
          try {
            return (JSON.parse(res.body.toString('utf8')) as { id?: string }).id;
          } catch {
            return undefined;
          }
        })();
        const target = req.id ? idValue(req.id, world)?.toLowerCase() : undefined;
        const who = req.headers.auth.kind === 'token' ? req.headers.auth.who : undefined;
        accepted.push({ route: route.name, effect: route.effect, target, created, who });
        // Signed out (this session or all): sign in again, so the next requests have a live token.
        if (route.effect === 'session' && who) people[who].token = world.tokens[who] = await api.login(people[who].email, people[who].password);
      }
    }
    if (violations.length > 0) {
      await new Promise((r) => setTimeout(r, 200)); // let the processes' log lines arrive
      const correlation = res.kind === 'response' ? String(res.headers['x-correlation-id'] ?? correlationId) : correlationId;
      const shown = res.kind === 'response' ? `${res.status} in ${res.ms} ms, content-type ${String(res.headers['content-type'])}\n  ${res.body.toString('utf8').slice(0, 800)}` : res.error;
      const report = [
        `[${currentTest}] [${route.name}] ${violations.map((v) => v.slice(0, 300)).join('; ')}`,
        `request:\n${describeWire(wire, req)}`,
        `response: ${shown}`,
        `logs (cid ${correlation.slice(0, 8)}, and what the services logged meanwhile):\n${logsFor(correlation, lastLogLine).join('\n') || '  (none)'}`,
      ].join('\n');
      const body = res.kind === 'response' ? (() => { try { return JSON.parse(res.body.toString('utf8')) as { code?: string }; } catch { return {}; } })() : {};
      // One finding per route and symptom in a route group; per symptom in the cross-route tests.
      const symptom = violations[0]!.replace(/\d+ ms/g, '').replace(/"[^"]*"/g, '"…"').slice(0, 60);
      const key = `${currentTest}: ${mode === 'route' ? route.name : ''} ${res.kind === 'response' ? res.status : 'no-answer'} ${body.code ?? ''} ${symptom}`;
      if (!findings.has(key)) findings.set(key, report);
      groupFindings++;
      if (!COLLECT) throw new Error(report);
    }
  }
  let groupFindings = 0;
  let currentTest = '';
  beforeEach(() => {
    currentTest = (expect.getState().currentTestName ?? '').slice(SUITE.length + 1).replace(/^never answers 5xx, always with the error shape and in time: /, '').slice(0, 70);
  });
  /** Runs a property; in collect mode it fails afterwards if anything was found. */
  async function fuzz<T>(arbitrary: fc.Arbitrary<T>, run: (value: T) => Promise<void>, params: fc.Parameters<[T]>): Promise<void> {
    groupFindings = 0;
    await fc.assert(fc.asyncProperty(arbitrary, run), params);
    if (groupFindings > 0) throw new Error(`${groupFindings} failing request(s); the distinct ones are printed at the end`);
  }

  beforeAll(async () => {
    // Password guessing is slowed per account (test/access.e2e-spec.ts proves it); here every login is about input handling.
    console.log(`edge fuzz: seed ${SEED} (KC_FUZZ_SEED), ${RUNS} runs per route (KC_FUZZ_RUNS)${COLLECT ? ', collecting every finding (KC_FUZZ_COLLECT)' : ''}`);
    platform = await startPlatform(scope, { env: { RATE_LIMIT_MAX: '1000000', AUTH_RATE_LIMIT_MAX: '1000000', LOGIN_LOCK_AFTER_FAILURES: '1000000' } });
    port = platform.ports.gateway!;
    api = new ApiClient(platform.baseUrl);
    const operatorToken = await api.login(platform.operator.email, platform.operator.password);
    const operatorMe = await api.get('/me', operatorToken);
    people.operator = { id: operatorMe.body.id, token: operatorToken, email: platform.operator.email, password: platform.operator.password };
    expect((await api.post('/regions', { slug: A, name: 'Fuzz Noord' }, operatorToken)).status).toBe(201);
    expect((await api.post('/regions', { slug: B, name: 'Fuzz Zuid' }, operatorToken)).status).toBe(201);
    people.admin = await api.resident(A, 'Bibliothecaris Fuzz');
    people.organiser = await api.resident(A, 'Olga Organisator');
    people.member = await api.resident(A, 'Mo Lid');
    people.outsider = await api.resident(B, 'Bo Buiten');
    expect((await api.post(`/regions/${A}/staff`, { accountId: people.admin.id, role: 'library_admin' }, operatorToken)).status).toBe(201);
    people.admin.token = await api.login(people.admin.email, people.admin.password);

    const imported = await api.request('POST', '/catalogue/imports', { token: people.admin.token, raw: readFileSync(MARC), contentType: 'application/marc' });
    expect(imported.status).toBe(202);
    await eventually(async () => ['completed', 'failed'].includes((await api.get(`/catalogue/imports/${imported.body.id}`, people.admin.token)).body.status) || undefined, 60_000, 'import');

    const community = (await api.post('/communities', { name: 'Repair Café Noord', description: 'Samen repareren.', visibility: 'public' }, people.organiser.token)).body.id as string;
    const privateCommunity = (await api.post('/communities', { name: 'Besloten buurtkring', description: 'Alleen leden.', visibility: 'members' }, people.organiser.token)).body.id as string;
    const scratch = (await api.post('/communities', { name: 'Kladblok', description: 'Waar geldige maar vreemde verzoeken landen.', visibility: 'public' }, people.organiser.token)).body.id as string;
    const otherRegionCommunity = (await api.post('/communities', { name: 'Leesclub Zuid', description: 'Besloten.', visibility: 'members' }, people.outsider.token)).body.id as string;
    expect((await api.post(`/communities/${community}/members`, {}, people.member.token)).status).toBe(201);
    const conversation = await api.post(`/communities/${community}/conversations`, { title: 'Kapotte broodrooster', body: 'Wie kan een thermostaat vervangen?' }, people.member.token);
    expect(conversation.status).toBe(201);
    const activityStart = daysFromNow(60, 10);
    const activity = await api.post(`/communities/${community}/activities`, {
      title: 'Repair Café', description: 'Neem mee wat stuk is.', mode: 'hybrid', startsAt: activityStart, endsAt: daysFromNow(60, 13),
      location: 'Bibliotheek Noord', onlineUrl: 'https://meet.example.org/repair', capacity: 2,
    }, people.organiser.token);
    expect(activity.status).toBe(201);
    expect((await api.post(`/activities/${activity.body.id}/rsvp`, {}, people.member.token)).status).toBe(201);
    const collection = await api.post(`/communities/${community}/collections`, { title: 'Repareren om te beginnen', description: 'Wat we *aanraden*.' }, people.organiser.token);
    expect(collection.status).toBe(201);
    const collectionItem = await api.post(`/collections/${collection.body.id}/items`, { type: 'conversation', refId: conversation.body.id, note: 'Lees dit eerst' }, people.organiser.token);
    expect(collectionItem.status).toBe(201);
    const branch = await api.post(`/regions/${A}/branches`, { name: 'Bibliotheek Noord', address: 'Noordplein 1', postcode: '5041 KL', city: 'Tilburg' }, people.admin.token);
    expect(branch.status).toBe(201);
    const room = await api.post(`/branches/${branch.body.id}/rooms`, { name: 'Zaal 1', capacity: 30 }, people.admin.token);
    expect(room.status).toBe(201);
    const otherBranch = await api.post(`/regions/${B}/branches`, { name: 'Bibliotheek Zuid', address: 'Zuidplein 2', postcode: '5011 AA', city: 'Tilburg' }, operatorToken);
    const otherRegionRoom = await api.post(`/branches/${otherBranch.body.id}/rooms`, { name: 'Leeszaal', capacity: 50 }, operatorToken);
    expect(otherRegionRoom.status).toBe(201);
    const scratchBranch = await api.post(`/regions/${A}/branches`, { name: 'Bibliotheek Kladblok', address: 'Kladweg 3', postcode: '5042 AB', city: 'Tilburg' }, people.admin.token);
    const scratchRoom = await api.post(`/branches/${branch.body.id}/rooms`, { name: 'Kladzaal', capacity: 5 }, people.admin.token);
    expect(scratchRoom.status).toBe(201);

    world = {
      tokens: Object.fromEntries(WHO.map((w) => [w, people[w].token])) as Record<Who, string>,
      ids: {
        community, scratch, privateCommunity, otherRegionCommunity, conversation: conversation.body.id, collection: collection.body.id, activity: activity.body.id, import: imported.body.id,
        regionA: A, regionB: B, organiser: people.organiser.id, operator: people.operator.id,
        branch: branch.body.id, room: room.body.id, otherRegionRoom: otherRegionRoom.body.id, scratchBranch: scratchBranch.body.id, scratchRoom: scratchRoom.body.id,
      } satisfies Record<KnownId, string>,
      values: {
        ...Object.fromEntries(WHO.flatMap((w) => [[`${w}.id`, people[w].id], [`${w}.email`, people[w].email], [`${w}.password`, people[w].password], [`${w.toUpperCase()}.EMAIL`, people[w].email.toUpperCase()]])),
        'fresh.email': () => `fuzz-${randomUUID().slice(0, 13)}@voorbeeld.nl`,
        'fresh.slug': () => `fuzz-${randomUUID().slice(0, 8)}`,
        'activity.start': activityStart,
        'scratch.community': scratch,
        'collectionItem.id': collectionItem.body.id,
        'conversation.id': conversation.body.id,
        'room.id': room.body.id,
        'otherRegionRoom.id': otherRegionRoom.body.id,
        'fresh.branch': () => `Vestiging ${randomUUID().slice(0, 8)}`,
        'fresh.room': () => `Zaal ${randomUUID().slice(0, 8)}`,
      },
    };
    before = await snapshot(api, people, world);
    startedAt = Date.now();
  }, 240_000);

  afterAll(async () => {
    const seconds = startedAt ? Math.round((Date.now() - startedAt) / 1000) : 0;
    const statuses = [...stats.byStatus.entries()].sort(([a], [b]) => a - b).map(([s, n]) => `${s}×${n}`).join(' ');
    console.log(
      [
        `edge fuzz: seed ${SEED}, ${stats.requests} requests + ${stats.replays} English replays + ${stats.raw} raw-socket requests in ${seconds} s (slowest ${stats.slowestMs} ms)`,
        `statuses: ${statuses}`,
        `accepted writes (valid requests): ${accepted.length ? Object.entries(Object.groupBy(accepted, (a) => a.route)).map(([route, list]) => `${route}×${list!.length}`).join(' ') : 'none'}`,
        findings.size ? `\n${findings.size} distinct finding(s):\n\n${[...findings.values()].join('\n\n---\n\n')}` : 'no findings',
      ].join('\n'),
    );
    await platform?.stop();
    await scope.dispose();
  });

  GROUPS.forEach((group, index) => {
    it(`never answers 5xx, always with the error shape and in time: ${group.name}`, async () => {
      const routes = group.routes.map((name) => ROUTES[name]!);
      const arbitrary = fc.oneof(...routes.map((route) => fuzzRequest(route)));
      await fuzz(arbitrary, (req) => exercise(ROUTES[req.route]!, req), { seed: SEED + index, numRuns: RUNS * routes.length, interruptAfterTimeLimit: 240_000, markInterruptAsFailure: false });
    }, 300_000);
  });

  it('refuses what the HTTP server and router refuse themselves (over-long or undecodable path ids, 16 KB heads) with the API error shape, in Dutch', async () => {
    const routes = Object.values(ROUTES);
    await fuzz(fc.oneof(...routes.map((route) => edgeRefusedRequest(route))), (req) => exercise(ROUTES[req.route]!, req, 'edge'), { seed: SEED + GROUPS.length + 1, numRuns: RUNS });
  }, 300_000);

  it('refuses every token that is not genuine with 401 INVALID_TOKEN, on every route (made-up, tampered, garbage)', async () => {
    const routes = Object.values(ROUTES);
    const request = fc.tuple(fc.constantFrom(...routes), authSpec(true).filter((a) => a.kind !== 'none' && a.kind !== 'token'), fc.constantFrom<Who | 'anonymous'>(...WHO)).map(([route, auth, who]): FuzzRequest => {
      const valid = validRequest(route, route.actors?.[0] ?? who);
      return { ...valid, fault: `auth ${auth.kind}`, headers: { ...valid.headers, auth } };
    });
    await fuzz(request, (req) => exercise(ROUTES[req.route]!, req, 'any-route'), { seed: SEED + GROUPS.length + 4, numRuns: RUNS * 2 });
  }, 300_000);

  /** Raw-socket requests no HTTP library would send; Node's parser refuses them before Fastify routes them. */
  const malformed = (check: (res: RawSent) => string[]) =>
    fuzz(
      malformedHttp,
      async ({ what, bytes }) => {
        const res = await sendRaw(port, bytes);
        stats.raw++;
        const problems = check(res);
        if (problems.length) {
          const report = `[raw socket] ${problems.join('; ')}\nrequest (${what}): ${JSON.stringify(Buffer.from(bytes).toString('latin1')).slice(0, 600)}\nresponse: ${JSON.stringify(res.text.slice(0, 600))}`;
          if (![...findings.keys()].some((k) => k.startsWith(`raw ${problems[0]!.slice(0, 30)}`))) findings.set(`raw ${problems[0]!.slice(0, 30)} ${res.status}`, report);
          groupFindings++;
          if (!COLLECT) throw new Error(report);
        }
      },
      { seed: SEED + GROUPS.length, numRuns: Math.max(20, Math.round(RUNS / 2)) },
    );

  it('never answers 5xx (nor hangs) for malformed HTTP on a raw socket', async () => {
    await malformed(rawSocketProblems);
  }, 300_000);

  it('answers malformed HTTP with the API error shape too ({statusCode, error, message, code}, Dutch)', async () => {
    await malformed(rawErrorShapeProblems);
  }, 300_000);

  /**
   * Nothing changed that only valid, authorised requests may change: checked after every test
   * (so whichever runs, in whatever order, answers for its own requests), against the state
   * before the first and every write accepted since. Writes are applied synchronously (counts
   * and lists come from the owning service), so no waiting is needed.
   */
  async function expectOnlyAcceptedChanges(): Promise<void> {
    const after = await snapshot(api, people, world);
    const createdOf = (effect: Effect) => new Set(accepted.filter((a) => a.effect === effect).map((a) => a.created));
    const targetsOf = (effect: Effect) => accepted.filter((a) => a.effect === effect).map((a) => a.target);

    // Exactly the regions a 201 reported (a retry with the same Idempotency-Key reports the same one).
    expect(after.regions.filter((id) => !before.regions.includes(id)).sort()).toEqual([...createdOf('region')].sort());
    expect(before.regions.every((id) => after.regions.includes(id))).toBe(true);

    const communities = createdOf('community');
    for (const [viewer, ids] of Object.entries(after.communitiesSeenBy)) {
      expect({ viewer, lost: before.communitiesSeenBy[viewer]!.filter((id) => !ids.includes(id)) }).toEqual({ viewer, lost: [] });
      expect({ viewer, unexplained: ids.filter((id) => !before.communitiesSeenBy[viewer]!.includes(id) && !communities.has(id)) }).toEqual({ viewer, unexplained: [] });
    }
    for (const [of, count] of Object.entries(after.memberCounts)) {
      const joins = targetsOf('join').filter((t) => t === world.ids[of as KnownId]).length;
      if (joins === 0) expect({ of, count }).toEqual({ of, count: before.memberCounts[of] });
      else {
        expect(count).toBeGreaterThanOrEqual(before.memberCounts[of]!);
        expect(count - before.memberCounts[of]!).toBeLessThanOrEqual(joins);
      }
    }
    const activities = createdOf('activity');
    for (const [id, counts] of Object.entries(after.activities)) {
      if (!before.activities[id]) {
        expect({ unexplainedActivity: id, explained: activities.has(id) }).toEqual({ unexplainedActivity: id, explained: true });
        continue;
      }
      // A cancellation or a capacity change moves people between going and the waitlist.
      const rsvps = [...targetsOf('rsvp'), ...targetsOf('capacity')].filter((t) => t === id).length;
      if (rsvps === 0) expect({ activity: id, ...counts }).toEqual({ activity: id, ...before.activities[id] });
      else expect(counts.attendeeCount - before.activities[id]!.attendeeCount).toBeLessThanOrEqual(rsvps);
    }
    expect(Object.keys(before.activities).every((id) => id in after.activities)).toBe(true);
    // The setup's own numbers, as long as no valid request changed them.
    if (!accepted.some((a) => (a.effect === 'rsvp' || a.effect === 'capacity') && a.target === world.ids.activity)) expect(after.activities[world.ids.activity]!.attendeeCount).toBe(1);
    if (!accepted.some((a) => a.effect === 'region')) expect(after.regions).toHaveLength(2);

    if (!accepted.some((a) => a.effect === 'staff')) expect(after.me).toEqual(before.me);
    else for (const who of WHO) expect({ who, ...(after.me[who] as object), roles: undefined }).toEqual({ who, ...(before.me[who] as object), roles: undefined });
    if (!accepted.some((a) => a.effect === 'import')) expect(after.titles).toBe(before.titles);
    const contributions = createdOf('contribution');
    expect(after.contributions.filter((id) => !before.contributions.includes(id) && !contributions.has(id))).toEqual([]);
    expect(before.contributions.every((id) => after.contributions.includes(id))).toBe(true);
    if (!accepted.some((a) => a.effect === 'title')) expect(after.conversationTitles).toEqual(before.conversationTitles);
    const media = createdOf('media');
    expect(after.media.filter((id) => !before.media.includes(id) && !media.has(id))).toEqual([]);
    if (!accepted.some((a) => a.effect === 'media' && a.route !== 'media.add')) expect(before.media.every((id) => after.media.includes(id))).toBe(true);
    if (!accepted.some((a) => a.effect === 'collection' && a.target === world.ids.collection)) expect(after.collection).toEqual(before.collection);
    // Branches and rooms: only those an accepted DELETE named are gone (with a branch, its rooms); new ones are those a 201 reported.
    if (!accepted.some((a) => a.effect === 'branch')) expect(after.branches).toEqual(before.branches);
    else {
      const removed = new Set(targetsOf('branch'));
      const gone = (b: Snapshot['branches'][string][number]) => [...(removed.has(b.id) ? [b.id, ...b.rooms.map((r) => r.id)] : b.rooms.filter((r) => removed.has(r.id)).map((r) => r.id))];
      const branchIds = (s: Snapshot) => Object.values(s.branches).flatMap((list) => list.flatMap((b) => [b.id, ...b.rooms.map((r) => r.id)]));
      const mayBeGone = new Set(Object.values(before.branches).flatMap((list) => list.flatMap(gone)));
      const created = createdOf('branch');
      expect(branchIds(before).filter((id) => !branchIds(after).includes(id) && !mayBeGone.has(id))).toEqual([]);
      expect(branchIds(after).filter((id) => !branchIds(before).includes(id) && !created.has(id))).toEqual([]);
    }
    expect((await fetch(`${platform.baseUrl}/health`)).status).toBe(200);
  }

  afterEach(async () => {
    expect(platform.crashes()).toEqual([]);
    await expectOnlyAcceptedChanges();
  });

  // Last: a valid activity that makes the calendar slow blocks the events service for everything after it.
  it('serves calendar.ics in time for every activity an organiser may plan, and refuses the ones beyond the rules', async () => {
    // What the scheduling rules allow (events: ActivityLimits): a start from 2000 up to ten years
    // ahead, at most 31 days long. Beyond that the answer must be a 400, checked below.
    const MIN = Date.parse('2000-01-01T00:00:00Z');
    const MAX = Date.now() + 9 * 365 * 24 * 60 * 60_000;
    const minute = 60_000;
    const activity = fc.record({
      startsAt: fc.oneof(
        { weight: 3, arbitrary: fc.integer({ min: Date.parse(daysFromNow(-365)), max: Date.parse(daysFromNow(4 * 365)) }) },
        { weight: 1, arbitrary: fc.integer({ min: MIN, max: MAX }) },
      ),
      minutes: fc.oneof(
        { weight: 4, arbitrary: fc.integer({ min: 1, max: 12 * 60 }) },
        { weight: 2, arbitrary: fc.integer({ min: 1, max: 31 }).map((days) => days * 24 * 60) },
      ),
      timeZone: fc.constantFrom('Europe/Amsterdam', 'UTC', 'Pacific/Kiritimati', 'America/St_Johns', 'Asia/Kathmandu', 'Australia/Lord_Howe', 'Europe/Dublin', 'Africa/Casablanca'),
    }).map(({ startsAt, minutes, timeZone }) => ({
      startsAt: new Date(startsAt).toISOString(),
      endsAt: new Date(startsAt + minutes * minute).toISOString(),
      timeZone,
    }));
    const tooLongOrTooFar = [
      { startsAt: '2026-01-01T00:00:00.027Z', endsAt: '9999-12-31T23:59:59.000Z', timeZone: 'Asia/Kathmandu' },
      { startsAt: '1999-12-31T23:00:00.000Z', endsAt: '2000-01-01T01:00:00.000Z', timeZone: 'Europe/Amsterdam' },
      { startsAt: daysFromNow(30, 10), endsAt: daysFromNow(62, 10), timeZone: 'Europe/Amsterdam' }, // 32 days, ahead
    ];
    const scratch = await api.post('/communities', { name: `Kalender ${randomUUID().slice(0, 8)}`, visibility: 'public' }, people.organiser.token);
    accepted.push({ route: 'calendar: community', effect: 'community', created: scratch.body.id, who: 'organiser' });
    for (const outOfRules of tooLongOrTooFar) {
      const refused = await api.post(`/communities/${scratch.body.id}/activities`, { title: 'Lange zit', mode: 'in_person', location: 'Zaal 3', ...outOfRules }, people.organiser.token);
      expect(refused.status).toBe(400);
      expect(refused.body.code).toMatch(/^(ACTIVITY_TOO_LONG|START_OUT_OF_RANGE)$/);
    }
    await fc.assert(
      fc.asyncProperty(activity, async ({ startsAt, endsAt, timeZone }) => {
        const community = await api.post('/communities', { name: `Kalender ${randomUUID().slice(0, 8)}`, visibility: 'public' }, people.organiser.token);
        expect(community.status).toBe(201);
        accepted.push({ route: 'calendar: community', effect: 'community', created: community.body.id, who: 'organiser' });
        const planned = await api.post(`/communities/${community.body.id}/activities`, { title: 'Lange zit', mode: 'in_person', location: 'Zaal 3', startsAt, endsAt, timeZone }, people.organiser.token);
        stats.requests += 2;
        expect(planned.status).toBe(201); // valid by the contract and the scheduling rules
        accepted.push({ route: 'calendar: activity', effect: 'activity', created: planned.body.id, who: 'organiser' });
        const correlationId = randomUUID();
        const res = await send(port, { method: 'GET', path: `/api/v1/communities/${community.body.id}/calendar.ics`, headers: { 'x-correlation-id': correlationId } });
        stats.requests++;
        const status = res.kind === 'response' ? res.status : undefined;
        if (res.kind === 'error' || res.status !== 200 || res.ms > MAX_MS) {
          const report = [
            `[calendar] ${res.kind === 'error' ? res.error : `${res.status} after ${res.ms} ms`} for a valid activity (limit ${MAX_MS} ms)`,
            `request: POST /api/v1/communities/<new public community of the organiser>/activities as the organiser, body ${JSON.stringify({ title: 'Lange zit', mode: 'in_person', location: 'Zaal 3', startsAt, endsAt, timeZone })} → ${planned.status}`,
            `         GET /api/v1/communities/<that community>/calendar.ics (anonymous)`,
            `response: ${res.kind === 'response' ? res.body.toString('utf8').slice(0, 300) : res.error}`,
            `logs (cid ${correlationId.slice(0, 8)}):\n${logsFor(correlationId).join('\n') || '  (none)'}`,
          ].join('\n');
          findings.set(`calendar ${status}`, report);
          throw new Error(report);
        }
      }),
      { seed: SEED + GROUPS.length + 2, numRuns: Math.max(10, Math.round(RUNS / 4)), endOnFailure: true },
    );
  }, 300_000);
});
