import { API_ROUTES, type ApiRoute } from '../../../services/gateway/test/api-routes';
import type { ApiClient, ApiResponse } from '../api-client';
import { resolvePlaceholders } from '../fuzz/requests';
import { ROUTES } from '../fuzz/routes';
import { TENANCY, type ParamValue, type TenancyRule } from './matrix';
import { ACTORS, type Actor, type TenancyWorld } from './world';

/** One request of the matrix: a route, who sends it, and what must come back. */
interface Probe {
  route: ApiRoute;
  actor: Actor;
  method: string;
  path: string;
  body?: unknown;
  /** `allowed`: 2xx; `refused`: 401, 403 or 404; `any`: 2xx, or refused for who may not call it at all (not a 400: the probe would test nothing). */
  expect: 'allowed' | 'refused' | 'any';
  /** May the answer contain the marker? */
  mayShow: boolean;
}

export interface MatrixOutcome {
  requests: number;
  violations: string[];
  /** The guarded reads whose allowed answers showed the marker (the scan can see it). */
  shown: Set<ApiRoute>;
  byStatus: Record<number, number>;
}

const REFUSED = new Set([401, 403, 404]);

const valueOf = (world: TenancyWorld, value: ParamValue) => (value.startsWith('=') ? value.slice(1) : world.ids[value as keyof TenancyWorld['ids']]);

function pathOf(route: ApiRoute, world: TenancyWorld, params: Record<string, ParamValue> = {}, query: Record<string, ParamValue> = {}): string {
  const path = route.split(' ')[1]!.replace(/^\/api\/v1/, '').replace(/\{(\w+)\}/g, (_, name: string) => {
    if (!params[name]) throw new Error(`${route}: the tenancy rule names no value for {${name}}`);
    return encodeURIComponent(valueOf(world, params[name]));
  });
  const search = new URLSearchParams(Object.entries(query).map(([key, value]) => [key, valueOf(world, value)])).toString();
  return search ? `${path}?${search}` : path;
}

/** The body a rule sends: its own, or the fuzz table's valid body for the named route (with this world's values). */
function bodyOf(route: ApiRoute, rule: Extract<TenancyRule, { kind: 'guarded' }>, world: TenancyWorld): unknown {
  const method = route.split(' ')[0]!;
  if (rule.fuzz) {
    const fuzz = ROUTES[rule.fuzz];
    if (!fuzz || fuzz.method !== method) throw new Error(`${route}: fuzz route ${rule.fuzz} is not a ${method} route of the fuzz table`);
    if (typeof fuzz.body === 'object') return resolvePlaceholders(fuzz.body.valid, world);
    return fuzz.body === 'empty' ? {} : undefined;
  }
  return rule.body ?? (['POST', 'PUT', 'PATCH'].includes(method) ? {} : undefined);
}

export function probesOf(world: TenancyWorld): Probe[] {
  return (Object.entries(TENANCY) as Array<[ApiRoute, TenancyRule]>).flatMap(([route, rule]): Probe[] => {
    const method = route.split(' ')[0]!;
    if (rule.kind === 'outside') return [];
    if (rule.kind === 'list') {
      return rule.variants.flatMap((v) => ACTORS.map((actor) => ({ route, actor, method, path: pathOf(route, world, v.params, v.query), expect: 'any' as const, mayShow: rule.seers.includes(actor) })));
    }
    const path = pathOf(route, world, rule.params, rule.query);
    if (method === 'GET') return ACTORS.map((actor) => ({ route, actor, method, path, expect: rule.allowed.includes(actor) ? 'allowed' : 'refused', mayShow: rule.allowed.includes(actor) }));
    const body = bodyOf(route, rule, world);
    return ACTORS.filter((actor) => !rule.allowed.includes(actor)).map((actor) => ({ route, actor, method, path, body, expect: 'refused' as const, mayShow: false }));
  });
}

async function inBatches<T>(items: T[], size: number, run: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  await Promise.all(Array.from({ length: size }, async () => {
    while (next < items.length) await run(items[next++]!);
  }));
}

/** Sends every probe (8 at a time) and judges each answer: its status, and whether it shows the marker to someone who may not see it. */
export async function runMatrix(api: ApiClient, world: TenancyWorld): Promise<MatrixOutcome> {
  const outcome: MatrixOutcome = { requests: 0, violations: [], shown: new Set(), byStatus: {} };
  const probes = probesOf(world);
  await inBatches(probes, 8, async (probe) => {
    const token = probe.actor === 'anonymous' ? undefined : world.people[probe.actor].token;
    const res: ApiResponse = await api.request(probe.method, probe.path, { token, body: probe.body });
    outcome.requests++;
    outcome.byStatus[res.status] = (outcome.byStatus[res.status] ?? 0) + 1;
    const shows = res.text.includes(world.marker);
    const problem =
      res.status >= 500 ? `${res.status} ${res.text.slice(0, 200)}`
        : probe.expect === 'allowed' && (res.status < 200 || res.status > 299) ? `expected 2xx, got ${res.status} ${res.body?.code ?? ''}`
          : probe.expect === 'refused' && !REFUSED.has(res.status) ? `expected 401/403/404, got ${res.status} ${res.body?.code ?? ''}`
            : probe.expect === 'any' && res.status >= 300 && !REFUSED.has(res.status) ? `expected 2xx or 401/403/404, got ${res.status} ${res.body?.code ?? ''}`
            : shows && !probe.mayShow ? `shows the members-only marker (${res.status}): ${excerpt(res.text, world.marker)}`
              : undefined;
    if (problem) outcome.violations.push(`${probe.route} as ${probe.actor}: ${problem}`);
    if (shows && probe.expect === 'allowed') outcome.shown.add(probe.route);
  });
  outcome.violations.sort();
  return outcome;
}

const excerpt = (text: string, marker: string) => {
  const at = text.indexOf(marker);
  return text.slice(Math.max(0, at - 80), at + marker.length + 40);
};

/** The routes of the gateway's OpenAPI document that the table has no expectation for, and the table's routes the document lacks. */
export function uncovered(documented: string[]): { missing: string[]; stale: string[] } {
  const known = new Set<string>(Object.keys(TENANCY));
  const served = new Set(documented);
  return { missing: documented.filter((r) => !known.has(r)), stale: [...API_ROUTES].filter((r) => !served.has(r)) };
}

/** What region B's kring holds, read by its organiser and the operator: refused writes must leave every answer as it was. */
export async function stateOf(api: ApiClient, world: TenancyWorld): Promise<Record<string, string>> {
  const { community, conversation, collection, activity, branchB } = world.ids;
  const asOrganiser = [
    `/communities/${community}`, `/communities/${community}/members`, `/communities/${community}/conversations`, `/conversations/${conversation}`,
    `/conversations/${conversation}/contributions`, `/communities/${community}/collections`, `/collections/${collection}`, `/communities/${community}/activities?when=all`,
    `/activities/${activity}`, `/activities/${activity}/occurrences`, `/activities/${activity}/attendees`, `/activities/${activity}/cohosts`, `/communities/${community}/plan`,
    `/communities/${community}/reports`, `/communities/${community}/blocks`, `/communities/${community}/invitations`, `/communities/${community}/membership-requests`,
    `/communities/${community}/audit?limit=50`,
  ];
  const asOperator = [`/regions/${world.ids.regionB}/staff`, `/regions/${world.ids.regionB}/branches`, `/branches/${branchB}/rooms`, '/regions'];
  const read = async (path: string, token: string) => {
    const res = await api.get(path, token);
    return [path, `${res.status} ${res.text}`] as const;
  };
  return Object.fromEntries(await Promise.all([
    ...asOrganiser.map((p) => read(p, world.people.organiser.token)),
    ...asOperator.map((p) => read(p, world.people.operator.token)),
    read('/me', world.people.member.token),
  ]));
}
