import { execFile, execFileSync } from 'node:child_process';
import { chownSync, existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { freePort } from './private-nats';

const run = promisify(execFile);
const PG_BIN = process.env.KC_PG_BIN ?? '/usr/lib/postgresql/15/bin';

export type PostgresStopMode = 'fast' | 'immediate';

/**
 * A PostgreSQL 15 server of the test's own (initdb in a temp dir, a free port, trust auth) that
 * the test may stop and start again, keeping its data, to prove that a service rides out a
 * database outage. The shared server on 5432 is never touched. PostgreSQL refuses to run as
 * root: when the test runs as root the server runs as the `postgres` OS user (`runuser`).
 */
export class PrivatePostgres {
  private running = false;

  private constructor(
    readonly port: number,
    private readonly dir: string,
    private readonly maxConnections: number,
  ) {}

  /** `maxConnections`: 60 serves one service; the whole platform (seven pools) needs more. */
  static async start(options: { maxConnections?: number } = {}): Promise<PrivatePostgres> {
    const dir = mkdtempSync(join(tmpdir(), 'kc-pg-'));
    const server = new PrivatePostgres(await freePort(), dir, options.maxConnections ?? 60);
    try {
      if (isRoot()) chownSync(dir, ...postgresUser());
      await server.pg('initdb', ['-D', server.dataDir, '-U', 'postgres', '--auth=trust', '-E', 'UTF8', '--locale=C.UTF-8', '--no-sync']);
      await server.start();
    } catch (error) {
      rmSync(dir, { recursive: true, force: true });
      throw error;
    }
    return server;
  }

  /** `postgres://postgres@127.0.0.1:<port>`: a base URL as `DATABASE_URL_BASE` takes it. */
  get urlBase(): string {
    return `postgres://postgres@127.0.0.1:${this.port}`;
  }

  private get dataDir(): string {
    return join(this.dir, 'data');
  }

  /** Starts the server (again) and waits until it accepts connections. */
  async start(): Promise<void> {
    if (this.running) return;
    const options = [
      `-p ${this.port}`, `-k ${this.dir}`, '-c listen_addresses=127.0.0.1',
      '-c fsync=off', '-c synchronous_commit=off', '-c full_page_writes=off',
      '-c shared_buffers=16MB', `-c max_connections=${this.maxConnections}`,
    ].join(' ');
    const log = join(this.dir, 'server.log');
    try {
      await this.pg('pg_ctl', ['-D', this.dataDir, '-l', log, '-o', options, '-w', '-t', '30', 'start']);
    } catch (error) {
      // pg_ctl only says "could not start server": the reason is in the server's log.
      const tail = existsSync(log) ? readFileSync(log, 'utf8').split('\n').slice(-15).join('\n') : '(no server log)';
      throw new Error(`${(error as Error).message}\n--- server.log ---\n${tail}`);
    }
    this.running = true;
  }

  /**
   * Stops the server: `fast` ends every session and shuts down cleanly (clients see
   * 57P01 "terminating connection due to administrator command"); `immediate` is a crash.
   */
  async stop(mode: PostgresStopMode = 'fast'): Promise<void> {
    if (!this.running) return;
    await this.pg('pg_ctl', ['-D', this.dataDir, '-m', mode, '-w', '-t', '30', 'stop']);
    this.running = false;
  }

  async restart(mode: PostgresStopMode = 'fast'): Promise<void> {
    await this.stop(mode);
    await this.start();
  }

  async dispose(): Promise<void> {
    await this.stop('immediate').catch(() => undefined);
    rmSync(this.dir, { recursive: true, force: true });
  }

  private async pg(tool: string, args: string[]): Promise<void> {
    const binary = join(PG_BIN, tool);
    try {
      if (isRoot()) await run('runuser', ['-u', 'postgres', '--', binary, ...args], { cwd: this.dir });
      else await run(binary, args, { cwd: this.dir });
    } catch (error) {
      const e = error as Error & { stderr?: string; stdout?: string };
      throw new Error(`${tool} failed: ${e.message}\n${e.stdout ?? ''}${e.stderr ?? ''}`);
    }
  }
}

function isRoot(): boolean {
  return process.getuid?.() === 0;
}

function postgresUser(): [number, number] {
  // `id` honours NSS, unlike parsing /etc/passwd.
  const id = (flag: string) => Number(execFileSync('id', [flag, 'postgres']).toString().trim());
  return [id('-u'), id('-g')];
}
