/**
 * The processes that make up KennisCloud, in start order: the single source for the local
 * orchestrator (`npm start`), the system-test harness (`startPlatform`), docker-compose.yml and
 * k8s/ (the last two are checked against this list by deploy/deploy.spec.ts).
 */
export interface ProcessSpec {
  /** Name in logs and in `restart(name)`. */
  readonly name: string;
  /** Entry relative to the repository root, after `npm run build`. */
  readonly entry: string;
  /** Environment variable that sets the process's HTTP port (`/health`, `/metrics`; the API for the gateway). */
  readonly portEnv: string;
  /** Default HTTP port (CONTRIBUTING.md). */
  readonly defaultPort: number;
}

export const PLATFORM_PROCESSES: readonly ProcessSpec[] = [
  { name: 'identity', entry: 'dist/services/identity/src/main.js', portEnv: 'IDENTITY_HTTP_PORT', defaultPort: 3101 },
  { name: 'communities', entry: 'dist/services/communities/src/main.js', portEnv: 'COMMUNITIES_HTTP_PORT', defaultPort: 3102 },
  { name: 'events', entry: 'dist/services/events/src/main.js', portEnv: 'EVENTS_HTTP_PORT', defaultPort: 3103 },
  { name: 'catalogue', entry: 'dist/services/catalogue/src/main.js', portEnv: 'CATALOGUE_HTTP_PORT', defaultPort: 3104 },
  { name: 'catalogue-worker', entry: 'dist/services/catalogue/src/worker.js', portEnv: 'CATALOGUE_WORKER_HTTP_PORT', defaultPort: 3105 },
  { name: 'search', entry: 'dist/services/search/src/main.js', portEnv: 'SEARCH_HTTP_PORT', defaultPort: 3106 },
  { name: 'gateway', entry: 'dist/services/gateway/src/main.js', portEnv: 'PORT', defaultPort: 3000 },
];

export const GATEWAY = 'gateway';

/**
 * How every process runs, here and in the image (deploy/Dockerfile's CMD says the same; a
 * test checks it): a young generation of 4 MB instead of V8's 16 MB, which keeps an idle
 * service about 25 MB smaller at a negligible cost in GC (docs/performance.md). Source-mapped
 * stack traces for our own code come from each entry point (`@kc/observability/startup`).
 */
export const NODE_FLAGS = ['--max-semi-space-size=4'] as const;

/**
 * glibc's allocator for every process, here and in the image (deploy/Dockerfile's ENV; a test
 * checks it). Without it a large native allocation, such as argon2's 19 MiB per password hash
 * on a libuv thread, stays in a per-thread arena after it is freed: identity idled at 196 MB.
 * Fewer arenas and a fixed mmap threshold give such memory back (196 → 135 MB; docs/performance.md).
 */
export const PROCESS_ENV = { MALLOC_ARENA_MAX: '2', MALLOC_MMAP_THRESHOLD_: '131072' } as const;

export function processSpec(name: string): ProcessSpec {
  const spec = PLATFORM_PROCESSES.find((p) => p.name === name);
  if (!spec) throw new Error(`unknown process "${name}" (known: ${PLATFORM_PROCESSES.map((p) => p.name).join(', ')})`);
  return spec;
}
