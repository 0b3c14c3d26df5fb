import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createServer } from 'node:net';
import { dirname, join } from 'node:path';
import { createInterface } from 'node:readline';
import { LEVELS, clock, formatLogLine } from './log-format';
import { NODE_FLAGS, PROCESS_ENV, type ProcessSpec } from './processes';
import { CrashHistory, DEFAULT_RESTART_POLICY, inSeconds, type RestartPolicy } from './restart-policy';

/**
 * Process supervision shared by the local orchestrator (`npm start`, deploy/local/start.ts) and
 * the system-test harness (`startPlatform` in @kc/testing): spawn each service as its own Node
 * process, prefix and pretty-print its JSON log lines, bring a process that died on its own
 * back with backoff (deploy/local/restart-policy.ts) while the others keep running, give up on
 * one that keeps crashing, stop everything with SIGTERM (then SIGKILL after a timeout).
 */

export interface SupervisorOptions {
  /** Repository root: process entries are relative to it. */
  root: string;
  /** Environment for every child (on top of nothing: pass `process.env` yourself when wanted). */
  env: Record<string, string | undefined>;
  /** HTTP port per process name. */
  ports: Record<string, number>;
  /** Where formatted lines go as they arrive (`null`: keep them in memory only). */
  output?: ((line: string) => void) | null;
  /** ANSI colours in `output` (never in the kept lines). */
  colour?: boolean;
  /** Lines kept per process for `lines()`; older ones are dropped. */
  keepLines?: number;
  /** Grace period for SIGTERM before SIGKILL. */
  stopTimeoutMs?: number;
  /** Restarts after a crash (default DEFAULT_RESTART_POLICY); `false`: a crashed process stays down. */
  restart?: RestartPolicy | false;
  /** The clock the restart policy reads (tests pass their own). */
  now?: () => number;
}

export interface ExitInfo {
  name: string;
  /** The process id that exited. */
  pid: number | undefined;
  code: number | null;
  signal: NodeJS.Signals | null;
  /** False when the process died on its own (not stopped by the supervisor). */
  expected: boolean;
}

export interface RestartInfo {
  name: string;
  /** The exit that caused the restart. */
  after: ExitInfo;
  delayMs: number;
  crashesInWindow: number;
}

export interface GiveUpInfo {
  name: string;
  /** The last exit. */
  after: ExitInfo;
  crashesInWindow: number;
  windowMs: number;
  /** The last log lines of the process (formatted, without colours). */
  lastLines: string[];
  /** Dutch first, then English. */
  message: string;
}

interface Running {
  spec: ProcessSpec;
  child: ChildProcess;
  startedAt: number;
  exited: Promise<ExitInfo>;
  stopping: boolean;
  /** A restart waiting for its backoff delay. */
  pendingRestart?: NodeJS.Timeout;
}

const COLOURS = [36, 35, 34, 33, 32, 96, 95, 94];
const paint = (on: boolean, code: number, text: string) => (on ? `\u001b[${code}m${text}\u001b[0m` : text);
const describeExit = (e: { code: number | null; signal: NodeJS.Signals | null }) => e.signal ?? `exit code ${e.code}`;

export class Supervisor {
  private readonly running = new Map<string, Running>();
  private readonly history = new Map<string, CrashHistory>();
  private readonly gaveUp = new Set<string>();
  private readonly kept = new Map<string, string[]>();
  private readonly all: string[] = [];
  private readonly exitListeners: ((exit: ExitInfo) => void)[] = [];
  private readonly restartListeners: ((restart: RestartInfo) => void)[] = [];
  private readonly giveUpListeners: ((giveUp: GiveUpInfo) => void)[] = [];
  private readonly width: number;
  private readonly colourOf = new Map<string, number>();
  private readonly now: () => number;
  private shuttingDown = false;
  private readonly killOnExit = () => {
    for (const run of this.running.values()) if (run.child.exitCode === null) run.child.kill('SIGKILL');
  };

  constructor(
    private readonly specs: readonly ProcessSpec[],
    private readonly options: SupervisorOptions,
  ) {
    this.width = Math.max(...specs.map((s) => s.name.length));
    this.now = options.now ?? Date.now;
    specs.forEach((s, i) => this.colourOf.set(s.name, COLOURS[i % COLOURS.length]));
    // Children run in their own process group (so a terminal's Ctrl-C reaches only us and we
    // stop them in order); if this process dies anyway, take them down with it.
    process.on('exit', this.killOnExit);
  }

  /** Fails with one message naming every entry that `npm run build` has not produced. */
  assertBuilt(): void {
    const missing = this.specs.filter((s) => !existsSync(join(this.options.root, s.entry)));
    if (missing.length) {
      throw new Error(
        `not built: ${missing.map((s) => `${s.name} (${s.entry})`).join(', ')}. Run \`npm run build\` first` +
          (missing.length < this.specs.length ? ' (or the service does not exist yet).' : '.'),
      );
    }
  }

  /** Called once for every exit; `expected` is false for a crash. */
  onExit(listener: (exit: ExitInfo) => void): void {
    this.exitListeners.push(listener);
  }

  /** Called when a crashed process is scheduled to start again. */
  onRestart(listener: (restart: RestartInfo) => void): void {
    this.restartListeners.push(listener);
  }

  /** Called when a process crashed too often and stays down; the others keep running. */
  onGiveUp(listener: (giveUp: GiveUpInfo) => void): void {
    this.giveUpListeners.push(listener);
  }

  port(name: string): number {
    const port = this.options.ports[name];
    if (port === undefined) throw new Error(`no port for ${name}`);
    return port;
  }

  /** The process id of the running process, or undefined while it is down. */
  pid(name: string): number | undefined {
    return this.isRunning(name) ? this.running.get(name)!.child.pid : undefined;
  }

  startAll(): void {
    for (const spec of this.specs) this.start(spec.name);
  }

  /** Starts a process (again); a restart still waiting for its backoff is started at once. */
  start(name: string): void {
    const spec = this.spec(name);
    if (this.isRunning(name)) throw new Error(`${name} is already running`);
    clearTimeout(this.running.get(name)?.pendingRestart);
    this.gaveUp.delete(name);
    const env: Record<string, string> = {};
    for (const [k, v] of Object.entries({ ...PROCESS_ENV, ...this.options.env, [spec.portEnv]: String(this.port(name)) })) if (v !== undefined) env[k] = v;
    const child = spawn(process.execPath, [...NODE_FLAGS, join(this.options.root, spec.entry)], {
      cwd: this.options.root,
      env,
      stdio: ['ignore', 'pipe', 'pipe'],
      detached: true,
    });
    const run: Running = {
      spec,
      child,
      startedAt: this.now(),
      stopping: false,
      exited: new Promise<ExitInfo>((resolve) => {
        child.once('exit', (code, signal) => {
          const exit: ExitInfo = { name, pid: child.pid, code, signal, expected: run.stopping || this.shuttingDown };
          if (exit.expected) this.emit(name, `stopped (${describeExit(exit)})`, 30);
          for (const listener of this.exitListeners) listener(exit);
          if (!exit.expected) this.crashed(run, exit);
          resolve(exit);
        });
        child.once('error', (error) => {
          this.emit(name, `could not start: ${error.message}`, 50);
        });
      }),
    };
    this.running.set(name, run);
    for (const stream of [child.stdout, child.stderr]) {
      createInterface({ input: stream! }).on('line', (line) => this.line(name, line));
    }
  }

  /** SIGTERM to one process; SIGKILL when it has not exited within the timeout. A pending restart is cancelled. */
  async stop(name: string): Promise<ExitInfo | undefined> {
    const run = this.running.get(name);
    if (!run) return undefined;
    run.stopping = true;
    clearTimeout(run.pendingRestart);
    run.pendingRestart = undefined;
    if (run.child.exitCode === null && run.child.signalCode === null) {
      run.child.kill('SIGTERM');
      const timeoutMs = this.options.stopTimeoutMs ?? 10_000;
      let timer: NodeJS.Timeout | undefined;
      const timedOut = await Promise.race([
        run.exited.then(() => false),
        new Promise<boolean>((resolve) => (timer = setTimeout(() => resolve(true), timeoutMs))),
      ]);
      clearTimeout(timer);
      if (timedOut) {
        this.emit(name, `did not stop within ${timeoutMs} ms: SIGKILL`, 40);
        run.child.kill('SIGKILL');
      }
    }
    return run.exited;
  }

  /** Stops every process at once (SIGTERM, then SIGKILL after the timeout); no restarts from now on. */
  async stopAll(): Promise<ExitInfo[]> {
    this.shuttingDown = true;
    const exits = await Promise.all([...this.running.keys()].map((name) => this.stop(name)));
    process.off('exit', this.killOnExit);
    return exits.filter((e): e is ExitInfo => e !== undefined);
  }

  async restart(name: string): Promise<void> {
    await this.stop(name);
    this.start(name);
  }

  /**
   * Sends `signal` to the running process as an outside party would (`kill -9 <pid>` is
   * `SIGKILL`): the supervisor treats the exit as a crash and restarts by its policy.
   * Resolves with the exit.
   */
  async signal(name: string, signal: NodeJS.Signals): Promise<ExitInfo> {
    const run = this.running.get(name);
    if (!run || !this.isRunning(name)) throw new Error(`${name} is not running`);
    process.kill(run.child.pid!, signal);
    return run.exited;
  }

  isRunning(name: string): boolean {
    const run = this.running.get(name);
    return !!run && run.child.exitCode === null && run.child.signalCode === null;
  }

  /** True once the supervisor stopped restarting the process (until `start(name)`). */
  hasGivenUp(name: string): boolean {
    return this.gaveUp.has(name);
  }

  /** The formatted lines kept so far (without colours), of one process or of all, interleaved. */
  lines(name?: string): string[] {
    if (name) return [...(this.kept.get(name) ?? [])];
    return [...this.all];
  }

  private crashed(run: Running, exit: ExitInfo): void {
    const { name } = exit;
    if (this.options.restart === false) {
      this.emit(name, `ONVERWACHT GESTOPT / EXITED UNEXPECTEDLY (${describeExit(exit)})`, 50);
      return;
    }
    const policy = this.options.restart ?? DEFAULT_RESTART_POLICY;
    const history = this.history.get(name) ?? this.history.set(name, new CrashHistory(policy)).get(name)!;
    const now = this.now();
    const decision = history.crashed(now, now - run.startedAt);
    if (!decision.restart) {
      this.gaveUp.add(name);
      const message =
        `${name} is ${decision.crashesInWindow} keer gecrasht binnen ${inSeconds(policy.windowMs)} en wordt niet meer herstart / ` +
        `${name} crashed ${decision.crashesInWindow} times within ${inSeconds(policy.windowMs)}: giving up on it (last: ${describeExit(exit)})`;
      this.emit(name, message, 60);
      const giveUp: GiveUpInfo = { name, after: exit, crashesInWindow: decision.crashesInWindow, windowMs: policy.windowMs, lastLines: this.lines(name).slice(-30), message };
      for (const listener of this.giveUpListeners) listener(giveUp);
      return;
    }
    this.emit(
      name,
      `ONVERWACHT GESTOPT / EXITED UNEXPECTEDLY (${describeExit(exit)}): herstart over / restarting in ${inSeconds(decision.delayMs)} ` +
        `(crash ${decision.crashesInWindow} of ${policy.maxCrashes} within ${inSeconds(policy.windowMs)})`,
      50,
    );
    for (const listener of this.restartListeners) listener({ name, after: exit, delayMs: decision.delayMs, crashesInWindow: decision.crashesInWindow });
    run.pendingRestart = setTimeout(() => {
      run.pendingRestart = undefined;
      if (this.shuttingDown || run.stopping || this.running.get(name) !== run) return;
      this.start(name);
      this.emit(name, `herstart / restarted (pid ${this.pid(name)})`, 30);
    }, decision.delayMs);
  }

  private spec(name: string): ProcessSpec {
    const spec = this.specs.find((s) => s.name === name);
    if (!spec) throw new Error(`unknown process "${name}" (known: ${this.specs.map((s) => s.name).join(', ')})`);
    return spec;
  }

  private line(name: string, raw: string): void {
    const formatted = formatLogLine(raw);
    if (formatted === null) return;
    this.write(name, formatted.text, formatted.level);
  }

  private emit(name: string, text: string, level: number): void {
    this.write(name, `${clock(new Date())} ${LEVELS[level].label} ${text}`, level);
  }

  private write(name: string, text: string, level: number): void {
    const keep = this.options.keepLines ?? 2000;
    const prefix = `[${name}]`.padEnd(this.width + 2);
    const plain = `${prefix} ${text}`;
    for (const list of [this.kept.get(name) ?? this.kept.set(name, []).get(name)!, this.all]) {
      list.push(plain);
      if (list.length > keep * (list === this.all ? this.specs.length : 1)) list.shift();
    }
    if (this.options.output) {
      const colour = this.options.colour ?? false;
      const head = paint(colour, this.colourOf.get(name) ?? 37, prefix);
      const body = level >= 50 ? paint(colour, 31, text) : level >= 40 ? paint(colour, 33, text) : level <= 20 ? paint(colour, 90, text) : text;
      this.options.output(`${head} ${body}`);
    }
  }
}

/** Polls `url` until it answers 200; fails early when `alive()` turns false, or after `timeoutMs`. */
export async function waitForHttpOk(url: string, options: { timeoutMs: number; alive?: () => string | undefined; intervalMs?: number }): Promise<void> {
  const deadline = Date.now() + options.timeoutMs;
  let last = 'no answer yet';
  for (;;) {
    const dead = options.alive?.();
    if (dead) throw new Error(dead);
    try {
      const res = await fetch(url, { signal: AbortSignal.timeout(3000) });
      if (res.status === 200) return;
      last = `HTTP ${res.status}: ${(await res.text()).slice(0, 300)}`;
    } catch (error) {
      last = (error as Error).message;
    }
    if (Date.now() > deadline) throw new Error(`${url} was not healthy within ${options.timeoutMs} ms (last: ${last})`);
    await new Promise((r) => setTimeout(r, options.intervalMs ?? 250));
  }
}

/** The repository root: the nearest directory above `from` with a package.json (works from src/ and dist/). */
export function repositoryRoot(from: string): string {
  for (let dir = from; ; dir = dirname(dir)) {
    if (existsSync(join(dir, 'package.json'))) return dir;
    if (dirname(dir) === dir) throw new Error(`no package.json above ${from}`);
  }
}

/** Where {@link freePort} looks: below Linux's ephemeral range (32768–60999). */
const PORT_RANGE = { from: 20_000, to: 32_767 };
/** Test files run in parallel Jest workers, each a process of its own: each draws from its own part of the range. */
const PORT_SHARES = 8;

/** Ports this process handed out: the processes they are for may not have bound them yet. */
const handedOut = new Set<number>();

/** The part of {@link PORT_RANGE} this process draws from: all of it, or a Jest worker's share. */
export function portRangeOf(jestWorkerId: string | undefined): { from: number; to: number } {
  const worker = Number(jestWorkerId);
  if (!Number.isInteger(worker) || worker < 1) return PORT_RANGE;
  const size = Math.floor((PORT_RANGE.to - PORT_RANGE.from + 1) / PORT_SHARES);
  const from = PORT_RANGE.from + ((worker - 1) % PORT_SHARES) * size;
  return { from, to: from + size - 1 };
}

/**
 * A TCP port on loopback that is free now, for a process started a moment later. It is chosen
 * at random below the kernel's ephemeral range: a port from that range (what `listen(0)` hands
 * out) can be taken in the meantime by any outgoing connection of any process — every database
 * and NATS client on the machine — and the process to come would fail with EADDRINUSE. A port is
 * handed out once per process (a platform asks for seven before any of its processes listens),
 * and parallel test workers draw from ranges of their own.
 */
export async function freePort(): Promise<number> {
  const range = portRangeOf(process.env.JEST_WORKER_ID);
  for (let attempt = 0; attempt < 50; attempt++) {
    const port = range.from + Math.floor(Math.random() * (range.to - range.from + 1));
    if (handedOut.has(port) || !(await canListen(port))) continue;
    handedOut.add(port);
    return port;
  }
  throw new Error(`no free port between ${range.from} and ${range.to}`);
}

function canListen(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const server = createServer();
    server.unref();
    server.once('error', () => resolve(false));
    server.listen(port, '127.0.0.1', () => server.close(() => resolve(true)));
  });
}
