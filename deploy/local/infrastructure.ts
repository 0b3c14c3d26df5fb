import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { connect } from 'node:net';

/**
 * PostgreSQL, Redis and NATS for `npm start`: check each on its URL; start the ones that are
 * down with this machine's own servers (the same commands as .ci/run), else with
 * `docker compose`, else say exactly what is missing.
 */
export interface Dependency {
  name: 'postgres' | 'redis' | 'nats';
  url: string;
  host: string;
  port: number;
  /** The machine's command that starts it, when its binary exists here. */
  localStart?: { command: string; args: string[]; needs: string };
}

export function dependencies(env: Record<string, string | undefined>): Dependency[] {
  const pg = hostPort(env.DATABASE_URL_BASE ?? 'postgres://postgres@127.0.0.1:5432', 5432);
  const redis = hostPort(env.REDIS_URL ?? 'redis://127.0.0.1:6379', 6379);
  const nats = hostPort((env.NATS_URL ?? 'nats://127.0.0.1:4222').split(',')[0], 4222);
  const pgVersion = existsSync('/etc/postgresql') ? readdirSync('/etc/postgresql').sort().at(-1) : undefined;
  return [
    {
      name: 'postgres', ...pg,
      localStart: pgVersion ? { command: 'pg_ctlcluster', args: ['--skip-systemctl-redirect', pgVersion, 'main', 'start'], needs: 'pg_ctlcluster' } : undefined,
    },
    {
      name: 'redis', ...redis,
      localStart: {
        command: 'redis-server',
        args: ['--daemonize', 'yes', '--bind', '127.0.0.1', '-::1', '--port', String(redis.port), '--save', '', '--appendonly', 'no', '--dir', '/var/lib/redis', '--logfile', '/var/log/redis/ci.log'],
        needs: 'redis-server',
      },
    },
    {
      name: 'nats', ...nats,
      localStart: {
        command: 'start-stop-daemon',
        args: ['--start', '--oknodo', '--background', '--exec', '/usr/sbin/nats-server', '--', '-a', '127.0.0.1', '-p', String(nats.port), '-js', '-sd', '/var/lib/nats-server', '-l', '/var/log/nats-server.log'],
        needs: '/usr/sbin/nats-server',
      },
    },
  ];
}

function hostPort(url: string, fallbackPort: number): { url: string; host: string; port: number } {
  const parsed = new URL(url);
  return { url, host: parsed.hostname.replace(/^\[|\]$/g, '') || '127.0.0.1', port: Number(parsed.port) || fallbackPort };
}

export function isReachable(host: string, port: number, timeoutMs = 1000): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect({ host, port });
    const done = (ok: boolean) => {
      socket.destroy();
      resolve(ok);
    };
    socket.setTimeout(timeoutMs, () => done(false));
    socket.once('connect', () => done(true));
    socket.once('error', () => done(false));
  });
}

const isLocal = (host: string) => ['127.0.0.1', 'localhost', '::1'].includes(host);
const hasCommand = (command: string) =>
  command.startsWith('/') ? existsSync(command) : spawnSync('sh', ['-c', `command -v ${command}`], { stdio: 'ignore' }).status === 0;
const dockerWorks = () => hasCommand('docker') && spawnSync('docker', ['info'], { stdio: 'ignore', timeout: 10_000 }).status === 0;

async function waitReachable(dep: Dependency, timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await isReachable(dep.host, dep.port)) return true;
    await new Promise((r) => setTimeout(r, 200));
  }
  return false;
}

/**
 * Makes sure every dependency answers. Returns the problems it could not fix (empty: all up).
 * `say` reports what it does.
 */
export async function ensureInfrastructure(env: Record<string, string | undefined>, say: (line: string) => void): Promise<string[]> {
  const deps = dependencies(env);
  const down: Dependency[] = [];
  for (const dep of deps) if (!(await isReachable(dep.host, dep.port))) down.push(dep);
  if (!down.length) {
    say(`PostgreSQL, Redis and NATS are up (${deps.map((d) => `${d.name} ${d.host}:${d.port}`).join(', ')})`);
    return [];
  }
  const problems: string[] = [];
  const viaDocker: Dependency[] = [];
  for (const dep of down) {
    if (!isLocal(dep.host)) {
      problems.push(`${dep.name} does not answer on ${dep.url} (not a local address, so not started from here)`);
    } else if (dep.localStart && hasCommand(dep.localStart.needs)) {
      say(`${dep.name} is down: ${dep.localStart.command} ${dep.localStart.args.map((a) => (a === '' ? '""' : a)).join(' ')}`);
      try {
        execFileSync(dep.localStart.command, dep.localStart.args, { stdio: ['ignore', 'ignore', 'pipe'], timeout: 30_000 });
      } catch (error) {
        problems.push(`${dep.name}: ${dep.localStart.command} failed: ${String((error as { stderr?: Buffer }).stderr ?? (error as Error).message).trim()}`);
        continue;
      }
      if (!(await waitReachable(dep, 20_000))) problems.push(`${dep.name} was started but does not answer on ${dep.host}:${dep.port}`);
    } else {
      viaDocker.push(dep);
    }
  }
  if (viaDocker.length) {
    if (dockerWorks()) {
      const names = viaDocker.map((d) => d.name);
      say(`starting with Docker: docker compose up -d ${names.join(' ')}`);
      const result = spawnSync('docker', ['compose', 'up', '-d', ...names], { stdio: 'inherit', timeout: 300_000 });
      if (result.status !== 0) problems.push(`docker compose up -d ${names.join(' ')} failed`);
      else for (const dep of viaDocker) if (!(await waitReachable(dep, 60_000))) problems.push(`${dep.name} (docker) does not answer on ${dep.host}:${dep.port}`);
    } else {
      for (const dep of viaDocker) {
        problems.push(
          `${dep.name} is not running on ${dep.host}:${dep.port}, and neither its server (${dep.localStart?.needs ?? dep.name}) nor a working Docker is installed`,
        );
      }
    }
  }
  return problems;
}
