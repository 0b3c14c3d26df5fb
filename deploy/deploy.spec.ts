import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parse, parseAllDocuments } from 'yaml';
import { NODE_FLAGS, PLATFORM_PROCESSES, PROCESS_ENV } from './local/processes';

/** docker-compose.yml, k8s/ and deploy/Dockerfile parse, and agree with the process list that `npm start` uses. */
const root = resolve(__dirname, '..');
const read = (path: string) => readFileSync(join(root, path), 'utf8');
const yamlFiles = (dir: string): string[] =>
  readdirSync(join(root, dir), { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? yamlFiles(join(dir, e.name)) : /\.ya?ml$/.test(e.name) ? [join(dir, e.name)] : []));

type Compose = { services: Record<string, { environment?: Record<string, string>; healthcheck?: { test: string[] }; depends_on?: Record<string, { condition: string }>; build?: { args?: Record<string, string> } }> };

describe('docker-compose.yml', () => {
  const compose = parse(read('docker-compose.yml'), { merge: true }) as Compose;

  it('has the infrastructure and every process, each with a health check', () => {
    expect(Object.keys(compose.services).sort()).toEqual(['mailpit', 'nats', 'opensearch', 'postgres', 'redis', ...PLATFORM_PROCESSES.map((p) => p.name)].sort());
    for (const service of Object.values(compose.services)) expect(service.healthcheck?.test.length).toBeGreaterThan(0);
  });

  it.each(PLATFORM_PROCESSES.map((p) => [p.name, p]))('%s: built from deploy/Dockerfile with its port and the shared URLs', (name, p) => {
    const service = compose.services[name];
    expect(service.build?.args?.SERVICE).toBe(name);
    expect(service.environment?.[p.portEnv]).toBe(String(p.defaultPort));
    expect(service.environment).toEqual(expect.objectContaining({ NATS_URL: 'nats://nats:4222', REDIS_URL: 'redis://redis:6379', DATABASE_URL_BASE: expect.stringContaining('@postgres:5432') }));
    expect(service.healthcheck!.test.join(' ')).toContain(`127.0.0.1:${p.defaultPort}/health`);
    expect(Object.keys(service.depends_on ?? {})).toEqual(expect.arrayContaining(['nats', 'postgres', 'redis']));
  });

  it('identity sends its mail to the mailpit catcher and waits for it', () => {
    expect(compose.services.identity.environment?.SMTP_URL).toBe('${SMTP_URL:-smtp://mailpit:1025}');
    expect(Object.keys(compose.services.identity.depends_on ?? {})).toEqual(expect.arrayContaining(['mailpit', 'nats', 'postgres', 'redis']));
  });

  it('search uses OpenSearch; the gateway waits for every service', () => {
    expect(compose.services.search.environment?.OPENSEARCH_URL).toBe('http://opensearch:9200');
    expect(Object.keys(compose.services.gateway.depends_on ?? {})).toEqual(expect.arrayContaining(PLATFORM_PROCESSES.filter((p) => p.name !== 'gateway').map((p) => p.name)));
  });
});

describe('deploy/Dockerfile', () => {
  const dockerfile = read('deploy/Dockerfile');
  it('builds on the official Node 24 image and runs as non-root', () => {
    expect(dockerfile).toMatch(/ARG NODE_IMAGE=node:24-bookworm-slim/);
    expect(dockerfile).toMatch(/^RUN npm ci$/m);
    expect(dockerfile).toMatch(/npm prune --omit=dev/);
    expect(dockerfile).toMatch(/^USER node$/m);
  });
  it('runs node with the same flags as npm start', () => {
    expect(dockerfile).toContain(`CMD ${JSON.stringify(['node', ...NODE_FLAGS, '/app/entry.js']).replace(/,/g, ', ')}`);
  });
  it.each(Object.entries(PROCESS_ENV))('sets %s=%s like npm start', (name, value) => {
    expect(dockerfile).toMatch(new RegExp(`^\\s*(ENV )?${name}=${value}( \\\\)?$`, 'm'));
  });
  it.each(PLATFORM_PROCESSES.map((p) => [p.name, p.entry]))('%s: its entry point sets up source maps before it loads anything else', (_name, entry) => {
    const source = read(entry.replace(/^dist\//, '').replace(/\.js$/, '.ts'));
    expect(source.split('\n')[0]).toBe("import '@kc/observability/startup';");
  });
  it.each(PLATFORM_PROCESSES.map((p) => [p.name, p.entry]))('maps SERVICE=%s to %s', (name, entry) => {
    expect(dockerfile).toContain(name === 'catalogue-worker' ? `catalogue-worker) entry=${entry}` : 'entry="dist/services/$SERVICE/src/main.js"');
    if (name !== 'catalogue-worker') expect(entry).toBe(`dist/services/${name}/src/main.js`);
  });
});

describe('k8s/', () => {
  const files = yamlFiles('k8s');
  const docs = files.flatMap((file) => parseAllDocuments(read(file)).map((doc) => ({ file, doc })));

  it('every manifest is valid YAML', () => {
    expect(files.length).toBeGreaterThan(5);
    for (const { file, doc } of docs) expect({ file, errors: doc.errors.map((e) => e.message) }).toEqual({ file, errors: [] });
  });

  it('every kustomization lists files that exist', () => {
    for (const file of files.filter((f) => f.endsWith('kustomization.yaml'))) {
      const k = parse(read(file)) as { resources?: string[]; patches?: { path?: string }[] };
      for (const ref of [...(k.resources ?? []), ...(k.patches ?? []).flatMap((p) => (p.path ? [p.path] : []))]) {
        expect({ file, ref, exists: existsSync(join(root, file, '..', ref)) }).toEqual({ file, ref, exists: true });
      }
    }
  });

  const objects = docs.map(({ doc }) => doc.toJS() as { kind: string; metadata: { name: string }; spec: any });
  it.each(PLATFORM_PROCESSES.map((p) => [p.name, p]))('%s: Deployment with /health probes, resources, non-root; and a Service', (name, p) => {
    const deployment = objects.find((o) => o.kind === 'Deployment' && o.metadata.name === name);
    expect(deployment).toBeDefined();
    const pod = deployment!.spec.template.spec;
    const container = pod.containers[0];
    expect(pod.securityContext.runAsNonRoot).toBe(true);
    expect(container.securityContext.allowPrivilegeEscalation).toBe(false);
    expect(container.ports[0].containerPort).toBe(p.defaultPort);
    expect(container.env).toEqual(expect.arrayContaining([{ name: p.portEnv, value: String(p.defaultPort) }]));
    for (const probe of ['readinessProbe', 'livenessProbe']) expect(container[probe].httpGet).toEqual({ path: '/health', port: 'http' });
    expect(container.resources.requests).toBeDefined();
    expect(objects.some((o) => o.kind === 'Service' && o.metadata.name === name)).toBe(true);
  });
});
