import { randomBytes } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PLATFORM_PROCESSES, GATEWAY, type ProcessSpec } from '../../../deploy/local/processes';
import { MailCatcher } from '../../../deploy/local/mail-catcher';
import type { RestartPolicy } from '../../../deploy/local/restart-policy';
import { Supervisor, freePort, repositoryRoot, waitForHttpOk, type ExitInfo, type RestartInfo } from '../../../deploy/local/supervisor';
import type { TestScope } from './test-scope';

/**
 * The whole platform for a system test: every service, the catalogue worker and the gateway
 * as separate processes started from `dist/` (run `npm run build` first; `npm test` does),
 * in the scope's own NATS namespace, databases and queues, on free ports. The same process
 * supervision as `npm start` (deploy/local/supervisor.ts): a process that dies on its own is
 * restarted with the same backoff, so a fault test observes the platform heal itself.
 */
export interface PlatformOptions {
  /** Extra environment for every process (e.g. `{ RPC_TIMEOUT_MS: '2000' }`). */
  env?: Record<string, string>;
  /** Start only these processes (default: all seven). */
  only?: string[];
  /** Log level of the processes (default `KC_PLATFORM_LOG_LEVEL` or `info`); lines are kept in memory. */
  logLevel?: string;
  /** Also print every line as it arrives (default: when `KC_PLATFORM_LOGS=1`). */
  echo?: boolean;
  /** How long to wait for `/health` (default 90 s). */
  readyTimeoutMs?: number;
  /** Restarts after a crash (default: `npm start`'s DEFAULT_RESTART_POLICY; `false`: none). */
  restart?: RestartPolicy | false;
  /** V8's compile cache for the processes (default on; the benchmark measures memory as deployed, without it). */
  compileCache?: boolean;
}

export interface Platform {
  /** `http://127.0.0.1:<gateway port>` */
  readonly baseUrl: string;
  /** The national operator that identity creates at start (`KC_BOOTSTRAP_OPERATOR_*`). */
  readonly operator: { email: string; password: string };
  /** HTTP port of every process (`/health`, `/metrics`; the gateway's is the API). */
  readonly ports: Readonly<Record<string, number>>;
  /** The SMTP server identity sends to (in the test process): every mail the platform sent, to read links from. */
  readonly mail: MailCatcher;
  /** Formatted log lines of one process (or of all, interleaved), without colours. */
  logs(service?: string): string[];
  /** Processes that exited without being stopped or killed by `killHard` (each is restarted by the policy). */
  crashes(): ExitInfo[];
  /** Every restart after an unexpected exit (crash or `killHard`), in order. */
  restarts(): RestartInfo[];
  /** The process id of a running process; undefined while it is down. */
  pid(service: string): number | undefined;
  /**
   * `kill -9` of one process: SIGKILL, no chance to clean up. Resolves once it exited; the
   * supervisor then restarts it by its policy as it would after a crash (see `restarts()`).
   */
  killHard(service: string): Promise<ExitInfo>;
  /** Stops one process (SIGTERM), starts it again and waits until it and the gateway are healthy. */
  restart(service: string): Promise<void>;
  /** Stops one process (for failure scenarios); `start(service)` brings it back. */
  kill(service: string): Promise<void>;
  start(service: string): Promise<void>;
  /** Stops every process (SIGTERM, SIGKILL after 10 s). Call in `afterAll`. */
  stop(): Promise<void>;
}

const ROOT = repositoryRoot(__dirname);

export async function startPlatform(scope: TestScope, opts: PlatformOptions = {}): Promise<Platform> {
  const specs: ProcessSpec[] = opts.only ? PLATFORM_PROCESSES.filter((p) => opts.only!.includes(p.name)) : [...PLATFORM_PROCESSES];
  const ports: Record<string, number> = {};
  for (const spec of specs) ports[spec.name] = await freePort();
  // Every process knows every port, e.g. so the gateway could reach a service's /health directly.
  const portEnv = Object.fromEntries(PLATFORM_PROCESSES.filter((p) => ports[p.name]).map((p) => [p.portEnv, String(ports[p.name])]));
  const operator = { email: `beheer-${scope.id}@kenniscloud.test`, password: `Test-${randomBytes(9).toString('base64url')}` };
  const echo = opts.echo ?? process.env.KC_PLATFORM_LOGS === '1';
  const mail = await MailCatcher.start();
  const baseUrl = `http://127.0.0.1:${ports[GATEWAY] ?? 0}`;
  const supervisor = new Supervisor(specs, {
    root: ROOT,
    env: {
      PATH: process.env.PATH,
      HOME: process.env.HOME,
      ...scope.env({
        LOG_LEVEL: opts.logLevel ?? process.env.KC_PLATFORM_LOG_LEVEL ?? 'info',
        KC_BOOTSTRAP_OPERATOR_EMAIL: operator.email,
        KC_BOOTSTRAP_OPERATOR_PASSWORD: operator.password,
        // A scenario logs in many people from one IP; a rate-limit test sets its own limit in opts.env.
        AUTH_RATE_LIMIT_MAX: '10000',
        SMTP_URL: mail.url,
        PUBLIC_WEB_URL: baseUrl,
        MAIL_POLL_MS: '200',
        ...portEnv,
      }),
      // V8's compile cache: the many platforms a test run starts load their modules a quarter faster (the benchmark measures without it, as deployed).
      ...(opts.compileCache === false ? {} : { NODE_COMPILE_CACHE: join(tmpdir(), 'kc-compile-cache') }),
      ...opts.env,
    },
    ports,
    output: echo ? (line) => process.stdout.write(`${line}\n`) : null,
    keepLines: 5000,
    restart: opts.restart,
  });
  try {
    supervisor.assertBuilt();
  } catch (error) {
    await mail.close();
    throw error;
  }
  for (const spec of specs) scope.dbName(spec.name === 'catalogue-worker' ? 'catalogue' : spec.name); // dispose() drops them

  const crashes: ExitInfo[] = [];
  const restarts: RestartInfo[] = [];
  const killedByTest = new Set<number>();
  supervisor.onExit((exit) => {
    if (!exit.expected && !(exit.pid !== undefined && killedByTest.has(exit.pid))) crashes.push(exit);
  });
  supervisor.onRestart((restart) => restarts.push(restart));
  const timeoutMs = opts.readyTimeoutMs ?? 90_000;
  const lastLinesOf = (name: string) => supervisor.lines(name).slice(-40).join('\n');
  // At start-up any crash fails at once (with its log lines); later waits fail only when the
  // supervisor gave up on a process, since it brings a crashed one back.
  let starting = true;
  const aliveOf = (names: string[]) => () => {
    const dead = starting ? crashes.find((c) => names.includes(c.name)) : undefined;
    if (dead) return `${dead.name} exited (${dead.signal ?? `code ${dead.code}`}):\n${lastLinesOf(dead.name)}`;
    const abandoned = names.find((name) => supervisor.hasGivenUp(name));
    return abandoned ? `${abandoned} kept crashing and is not restarted:\n${lastLinesOf(abandoned)}` : undefined;
  };
  const hasGateway = specs.some((s) => s.name === GATEWAY);
  const waitHealthy = async (names: string[]) => {
    const alive = aliveOf(names);
    await Promise.all(names.map((name) => waitForHttpOk(`http://127.0.0.1:${ports[name]}/health`, { timeoutMs, alive })));
    if (hasGateway) await waitForHttpOk(`${baseUrl}/health`, { timeoutMs, alive: aliveOf(specs.map((s) => s.name)) });
  };

  supervisor.startAll();
  try {
    await waitHealthy(specs.map((s) => s.name));
  } catch (error) {
    await supervisor.stopAll();
    await mail.close();
    throw new Error(`platform did not start: ${(error as Error).message}\n--- last log lines ---\n${supervisor.lines().slice(-60).join('\n')}`);
  }
  starting = false;

  return {
    baseUrl,
    operator,
    ports,
    mail,
    logs: (service) => supervisor.lines(service),
    crashes: () => [...crashes],
    restarts: () => [...restarts],
    pid: (service) => supervisor.pid(service),
    async killHard(service) {
      const pid = supervisor.pid(service);
      if (pid === undefined) throw new Error(`${service} is not running`);
      killedByTest.add(pid);
      return supervisor.signal(service, 'SIGKILL');
    },
    async restart(service) {
      await supervisor.restart(service);
      await waitHealthy([service]);
    },
    async kill(service) {
      await supervisor.stop(service);
    },
    async start(service) {
      supervisor.start(service);
      await waitHealthy([service]);
    },
    async stop() {
      await supervisor.stopAll();
      await mail.close();
    },
  };
}
