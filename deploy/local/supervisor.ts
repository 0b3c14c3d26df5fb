import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createServer } from 'node:net';
import { dirname, join } from 'node:path';
import { createInterface } from 'node:readline';
import type { ProcessSpec } from './processes';

/**
 * Process supervision shared by the local orchestrator (`npm start`, deploy/local/start.ts) and
 * the system-test harness (`startPlatform` in @kc/testing): spawn each service as its own Node
 * process, prefix and pretty-print its JSON log lines, notice an unexpected exit, stop
 * everything with SIGTERM (then SIGKILL after a timeout), restart one process.
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
}

export interface ExitInfo {
  name: string;
  code: number | null;
  signal: NodeJS.Signals | null;
  /** False when the process died on its own (not stopped by the supervisor). */
  expected: boolean;
}

interface Running {
  spec: ProcessSpec;
  child: ChildProcess;
  exited: Promise<ExitInfo>;
  stopping: boolean;
}

const COLOURS = [36, 35, 34, 33, 32, 96, 95, 94];
const LEVELS: Record<number, { label: string; colour: number }> = {
  10: { label: 'TRACE', colour: 90 },
  20: { label: 'DEBUG', colour: 90 },
  30: { label: 'INFO ', colour: 32 },
  40: { label: 'WARN ', colour: 33 },
  50: { label: 'ERROR', colour: 31 },
  60: { label: 'FATAL', colour: 41 },
};
const paint = (on: boolean, code: number, text: string) => (on ? `\u001b[${code}m${text}\u001b[0m` : text);

export class Supervisor {
  private readonly running = new Map<string, Running>();
  private readonly kept = new Map<string, string[]>();
  private readonly exitListeners: ((exit: ExitInfo) => void)[] = [];
  private readonly width: number;
  private readonly colourOf = new Map<string, number>();
  private shuttingDown = false;
  private readonly killOnExit = () => {
    for (const run of this.running.values()) if (run.child.exitCode === null) run.child.kill('SIGKILL');
  };

  constructor(
    private readonly specs: readonly ProcessSpec[],
    private readonly options: SupervisorOptions,
  ) {
    this.width = Math.max(...specs.map((s) => s.name.length));
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

  port(name: string): number {
    const port = this.options.ports[name];
    if (port === undefined) throw new Error(`no port for ${name}`);
    return port;
  }

  startAll(): void {
    for (const spec of this.specs) this.start(spec.name);
  }

  start(name: string): void {
    const spec = this.spec(name);
    if (this.isRunning(name)) throw new Error(`${name} is already running`);
    const env: Record<string, string> = {};
    for (const [k, v] of Object.entries({ ...this.options.env, [spec.portEnv]: String(this.port(name)) })) if (v !== undefined) env[k] = v;
    const child = spawn(process.execPath, ['--enable-source-maps', join(this.options.root, spec.entry)], {
      cwd: this.options.root,
      env,
      stdio: ['ignore', 'pipe', 'pipe'],
      detached: true,
    });
    const run: Running = {
      spec,
      child,
      stopping: false,
      exited: new Promise<ExitInfo>((resolve) => {
        child.once('exit', (code, signal) => {
          const exit: ExitInfo = { name, code, signal, expected: run.stopping || this.shuttingDown };
          this.emit(name, exit.expected ? `stopped (${signal ?? `exit ${code}`})` : `EXITED UNEXPECTEDLY (${signal ?? `exit code ${code}`})`, exit.expected ? 30 : 50);
          for (const listener of this.exitListeners) listener(exit);
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

  /** SIGTERM to one process; SIGKILL when it has not exited within the timeout. */
  async stop(name: string): Promise<ExitInfo | undefined> {
    const run = this.running.get(name);
    if (!run) return undefined;
    run.stopping = true;
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

  /** Stops every process at once (SIGTERM, then SIGKILL after the timeout). */
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

  isRunning(name: string): boolean {
    const run = this.running.get(name);
    return !!run && run.child.exitCode === null && run.child.signalCode === null;
  }

  /** The formatted lines kept so far (without colours), of one process or of all, interleaved. */
  lines(name?: string): string[] {
    if (name) return [...(this.kept.get(name) ?? [])];
    return [...this.all];
  }

  private readonly all: string[] = [];

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

const clock = (d: Date) => d.toTimeString().slice(0, 8);
const OMIT = new Set(['level', 'time', 'pid', 'hostname', 'service', 'msg', 'err', 'error', 'req', 'res', 'responseTime', 'correlationId', 'context']);

/**
 * Turns one pino JSON line into `HH:MM:SS LEVEL message key=value …` (with the request, the
 * short correlation id and an error's stack); other lines pass through unchanged.
 */
export function formatLogLine(raw: string): { text: string; level: number } | null {
  const line = raw.trimEnd();
  if (!line) return null;
  if (!line.startsWith('{')) return { text: line, level: 30 };
  let entry: Record<string, unknown>;
  try {
    entry = JSON.parse(line) as Record<string, unknown>;
  } catch {
    return { text: line, level: 30 };
  }
  const level = typeof entry.level === 'number' && LEVELS[entry.level] ? entry.level : 30;
  const time = typeof entry.time === 'string' || typeof entry.time === 'number' ? new Date(entry.time) : new Date();
  const parts: string[] = [clock(Number.isNaN(time.getTime()) ? new Date() : time), LEVELS[level].label];
  if (typeof entry.context === 'string') parts.push(`(${entry.context})`);
  const req = entry.req as { method?: string; url?: string } | undefined;
  const res = entry.res as { statusCode?: number } | undefined;
  if (req?.method) parts.push(`${req.method} ${req.url ?? ''}`.trim());
  if (res?.statusCode) parts.push(`→ ${res.statusCode}${typeof entry.responseTime === 'number' ? ` ${Math.round(entry.responseTime)}ms` : ''}`);
  if (entry.msg !== undefined) parts.push(String(entry.msg));
  for (const [key, value] of Object.entries(entry)) {
    if (OMIT.has(key) || value === undefined) continue;
    const shown = typeof value === 'string' ? value : JSON.stringify(value);
    parts.push(`${key}=${shown.length > 120 ? `${shown.slice(0, 117)}...` : shown}`);
  }
  if (typeof entry.correlationId === 'string') parts.push(`cid=${entry.correlationId.slice(0, 8)}`);
  let text = parts.join(' ');
  const err = (entry.err ?? entry.error) as { message?: string; stack?: string; code?: string } | string | undefined;
  if (typeof err === 'string') text += ` error=${err}`;
  else if (err && typeof err === 'object') {
    if (err.code) text += ` code=${err.code}`;
    text += err.stack ? `\n    ${err.stack.split('\n').join('\n    ')}` : ` error=${err.message ?? JSON.stringify(err)}`;
  }
  return { text, level };
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

/** A TCP port that was free a moment ago (the kernel's choice). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}
