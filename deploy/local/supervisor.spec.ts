import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Supervisor, formatLogLine, freePort, waitForHttpOk, type ExitInfo } from './supervisor';

describe('formatLogLine', () => {
  it('turns a pino line into time, level, message and the useful fields', () => {
    const line = JSON.stringify({ level: 30, time: '2026-11-21T10:11:12.000Z', service: 'identity', msg: 'identity ready', port: 3101, correlationId: 'abcdef123456' });
    const out = formatLogLine(line)!;
    expect(out.level).toBe(30);
    expect(out.text).toMatch(/^\d\d:\d\d:\d\d INFO  identity ready port=3101 cid=abcdef12$/);
    expect(out.text).not.toContain('service=');
  });

  it('shows requests and error stacks', () => {
    const req = formatLogLine(JSON.stringify({ level: 30, time: 0, req: { method: 'GET', url: '/health' }, res: { statusCode: 200 }, responseTime: 3.4, msg: 'request completed' }))!;
    expect(req.text).toContain('GET /health → 200 3ms request completed');
    const err = formatLogLine(JSON.stringify({ level: 50, time: 0, msg: 'boom', err: { message: 'kapot', stack: 'Error: kapot\n    at x.js:1' } }))!;
    expect(err.level).toBe(50);
    expect(err.text).toContain('ERROR boom\n    Error: kapot\n        at x.js:1');
  });

  it('passes other lines through and drops empty ones', () => {
    expect(formatLogLine('plain text')).toEqual({ text: 'plain text', level: 30 });
    expect(formatLogLine('{not json')).toEqual({ text: '{not json', level: 30 });
    expect(formatLogLine('   ')).toBeNull();
  });
});

async function until(probe: () => boolean, timeoutMs = 5000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!probe()) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 20));
  }
}

describe('Supervisor', () => {
  // A stand-in service: serves /health on its port, logs JSON, stops cleanly on SIGTERM,
  // and crashes on GET /crash.
  const root = mkdtempSync(join(tmpdir(), 'kc-supervisor-'));
  writeFileSync(
    join(root, 'svc.js'),
    `const http = require('node:http');
     const log = (msg) => console.log(JSON.stringify({ level: 30, time: Date.now(), msg }));
     const server = http.createServer((req, res) => {
       if (req.url === '/crash') process.exit(3);
       res.end('ok');
     }).listen(Number(process.env.SVC_PORT), '127.0.0.1', () => log('ready ' + process.env.GREETING));
     process.once('SIGTERM', () => { log('bye'); server.close(() => process.kill(process.pid, 'SIGTERM')); }); // as Nest does`,
  );
  writeFileSync(join(root, 'stubborn.js'), `process.on('SIGTERM', () => {}); console.log('stubborn'); setInterval(() => {}, 1000);`);

  it('starts, restarts, notices a crash and stops everything', async () => {
    const ports = { a: await freePort(), b: await freePort() };
    const exits: ExitInfo[] = [];
    const supervisor = new Supervisor(
      [
        { name: 'a', entry: 'svc.js', portEnv: 'SVC_PORT', defaultPort: 0 },
        { name: 'b', entry: 'svc.js', portEnv: 'SVC_PORT', defaultPort: 0 },
      ],
      { root, env: { GREETING: 'hallo' }, ports, output: null },
    );
    supervisor.onExit((e) => exits.push(e));
    supervisor.assertBuilt();
    supervisor.startAll();
    await Promise.all(['a', 'b'].map((n) => waitForHttpOk(`http://127.0.0.1:${supervisor.port(n)}/health`, { timeoutMs: 10_000 })));
    await until(() => supervisor.lines('a').some((l) => l.includes('ready hallo')));

    await supervisor.restart('a');
    await waitForHttpOk(`http://127.0.0.1:${ports.a}/health`, { timeoutMs: 10_000 });
    expect(exits).toEqual([{ name: 'a', code: null, signal: 'SIGTERM', expected: true }]);

    await fetch(`http://127.0.0.1:${ports.b}/crash`).catch(() => undefined);
    await until(() => exits.length === 2);
    expect(exits[1]).toEqual({ name: 'b', code: 3, signal: null, expected: false });
    expect(supervisor.lines('b').join('\n')).toContain('EXITED UNEXPECTEDLY (exit code 3)');

    await supervisor.stopAll();
    expect(supervisor.isRunning('a')).toBe(false);
    expect(supervisor.lines('a').join('\n')).toMatch(/\[a\] +\d\d:\d\d:\d\d INFO  bye/);
  });

  it('kills a process that ignores SIGTERM after the timeout', async () => {
    const supervisor = new Supervisor([{ name: 'stubborn', entry: 'stubborn.js', portEnv: 'X', defaultPort: 0 }], { root, env: {}, ports: { stubborn: 0 }, stopTimeoutMs: 300 });
    supervisor.startAll();
    await until(() => supervisor.lines('stubborn').length > 0);
    const [exit] = await supervisor.stopAll();
    expect(exit.signal).toBe('SIGKILL');
  });

  it('names every entry that is not built', () => {
    const supervisor = new Supervisor([{ name: 'ghost', entry: 'dist/nope.js', portEnv: 'X', defaultPort: 0 }], { root, env: {}, ports: {} });
    expect(() => supervisor.assertBuilt()).toThrow(/not built: ghost \(dist\/nope\.js\)/);
  });
});
