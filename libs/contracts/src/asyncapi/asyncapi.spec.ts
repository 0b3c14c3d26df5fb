import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { Parser } from '@asyncapi/parser';
import * as contracts from '../index';
import { ALL_EVENTS, ALL_REQUESTS } from '../registry';
import { generateAsyncApi, jsonSchemaOf } from './generate';
import { ASYNCAPI_FILE, renderAsyncApi } from './render';

const root = resolve(__dirname, '..', '..', '..', '..');
const version = (JSON.parse(readFileSync(resolve(root, 'package.json'), 'utf8')) as { version: string }).version;

describe('AsyncAPI document', () => {
  it('is a valid AsyncAPI 3.0 document (no parser errors)', async () => {
    const { document, diagnostics } = await new Parser().parse(renderAsyncApi(version));
    const errors = diagnostics.filter((d) => d.severity === 0);
    expect(errors.map((d) => `${d.path.join('.')}: ${d.message}`)).toEqual([]);
    expect(document).toBeDefined();
    expect(document!.version()).toBe('3.0.0');
  });

  it('lists every contract the package exports (a contract file missing from the registry is missing from the document)', () => {
    const registered = new Set<unknown>([...ALL_EVENTS, ...ALL_REQUESTS]);
    const exported = Object.entries(contracts).filter(([, value]) => ['event', 'request'].includes((value as { kind?: string } | null)?.kind ?? ''));
    expect(exported.length).toBeGreaterThan(100);
    expect(exported.filter(([, value]) => !registered.has(value)).map(([name]) => name)).toEqual([]);
  });

  it('has a channel for every event and every request', () => {
    const doc = generateAsyncApi(version) as { channels: Record<string, { address: string | null }> };
    const addresses = new Set(Object.values(doc.channels).map((c) => c.address));
    for (const event of ALL_EVENTS) expect(addresses).toContain(event.type);
    for (const request of ALL_REQUESTS) expect(addresses).toContain(request.pattern);
  });

  it(`matches the committed ${ASYNCAPI_FILE}`, () => {
    let committed = '';
    try {
      committed = readFileSync(resolve(root, ASYNCAPI_FILE), 'utf8');
    } catch {
      committed = '(missing)';
    }
    if (committed !== renderAsyncApi(version)) {
      throw new Error(`${ASYNCAPI_FILE} differs from the contracts in libs/contracts: run \`npm run asyncapi\` and commit the result`);
    }
  });
});

describe('event contracts', () => {
  it.each(ALL_EVENTS.map((e) => [e.type, e]))('%s is named kc.<service>.<aggregate>.<event>.v<N>', (_type, event) => {
    expect(event.type).toMatch(/^kc\.[a-z]+(?:-[a-z]+)*\.[a-z]+(?:-[a-z]+)*\.[a-z]+(?:-[a-z]+)*\.v[1-9]\d*$/);
    const [, service, , , version] = event.type.split('.');
    expect(service).toBe(event.service);
    expect(version).toBe(`v${event.version}`);
  });

  it('event types are unique', () => {
    const types = ALL_EVENTS.map((e) => e.type);
    expect(new Set(types).size).toBe(types.length);
  });

  it('request patterns are unique', () => {
    const patterns = ALL_REQUESTS.map((r) => r.pattern);
    expect(patterns.filter((p, i) => patterns.indexOf(p) !== i)).toEqual([]);
  });

  // Privacy by design (DESIGN.md "Personal data in events"): identifiers travel, names and
  // e-mail addresses (and certainly passwords) do not.
  const FORBIDDEN = ['email', 'displayname', 'password'];
  const fieldNames = (schema: unknown, path = ''): string[] => {
    if (!schema || typeof schema !== 'object') return [];
    const node = schema as Record<string, unknown>;
    const names: string[] = [];
    if (node.properties && typeof node.properties === 'object') {
      for (const [name, child] of Object.entries(node.properties as Record<string, unknown>)) {
        names.push(`${path}${name}`, ...fieldNames(child, `${path}${name}.`));
      }
    }
    for (const key of ['items', 'additionalProperties', 'anyOf', 'oneOf', 'allOf', 'prefixItems']) {
      const value = node[key];
      for (const child of Array.isArray(value) ? value : [value]) names.push(...fieldNames(child, path));
    }
    return names;
  };

  it.each(ALL_EVENTS.map((e) => [e.type, e]))('%s carries no e-mail, display name or password', (_type, event) => {
    const offending = fieldNames(jsonSchemaOf(event.schema)).filter((name) => FORBIDDEN.includes(name.split('.').at(-1)!.toLowerCase().replace(/[_-]/g, '')));
    expect(offending).toEqual([]);
  });
});
